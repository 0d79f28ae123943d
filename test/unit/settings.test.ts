// The settings VS Code shows (package.json) are the ones the server reads, with the same defaults.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/fixtures';
import { defaultSettings } from '../../server/src/protocol';

test("package.json's wsgiGoal.* settings match the server's typed defaults, each with a description", () => {
  const props = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.configuration.properties as Record<
    string,
    { default: unknown; description?: string; markdownDescription?: string }
  >;
  // Read by the VS Code side only: vscode-languageclient's trace, and what the sidebar shows.
  const clientOnly = ['wsgiGoal.trace.server', 'wsgiGoal.showSuccessorGoal'];
  const contributed = Object.keys(props).filter((k) => !clientOnly.includes(k));
  assert.deepEqual(contributed.map((k) => k.replace(/^wsgiGoal\./, '')).sort(), Object.keys(defaultSettings).sort());
  for (const key of contributed) {
    assert.deepEqual(props[key].default, defaultSettings[key.replace(/^wsgiGoal\./, '') as keyof typeof defaultSettings], key);
    assert.ok((props[key].description ?? props[key].markdownDescription ?? '').length > 40, `${key} is described`);
  }
});

test('the manifest: a 128×128 PNG icon (vsce refuses SVG), capabilities with reasons, walkthrough media that exist', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const png = fs.readFileSync(path.join(ROOT, pkg.icon));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  for (const key of ['untrustedWorkspaces', 'virtualWorkspaces']) assert.ok(pkg.capabilities[key].description.length > 40, key);
  for (const step of pkg.contributes.walkthroughs[0].steps) {
    assert.ok(fs.existsSync(path.join(ROOT, step.media.markdown)), step.media.markdown);
    assert.ok(step.completionEvents.length, step.id);
  }
});
