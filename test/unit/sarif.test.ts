// SARIF that code scanning accepts: Microsoft's SARIF validator with GitHub's rule set, and the
// properties consumers map results with (relative URIs, rule indexes, stable fingerprints).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fixture, FIXTURES, ROOT, tempDir, workspaceOf } from '../helpers/fixtures';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const MULTITOOL = path.join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');

interface Sarif {
  runs: {
    tool: { driver: { rules: { id: string; help: { markdown: string } }[] } };
    invocations: { exitCode: number; executionSuccessful: boolean }[];
    originalUriBaseIds: Record<string, { uri: string; uriBaseId?: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[];
    }[];
  }[];
}

function sarifOf(args: string[], cwd = ROOT): { sarif: Sarif; text: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.stderr, '');
  return { sarif: JSON.parse(r.stdout), text: r.stdout, status: r.status };
}

/** The validator's errors: the results of its own SARIF output at level error. */
function validate(text: string): string[] {
  if (!fs.existsSync(MULTITOOL)) throw new Error(`${MULTITOOL} is missing: run npm ci (@microsoft/sarif-multitool is a devDependency)`);
  // npm may skip the package's install script, which only sets the execute bit.
  if (!(fs.statSync(MULTITOOL).mode & 0o100)) fs.chmodSync(MULTITOOL, 0o755);
  const dir = tempDir();
  const input = path.join(dir, 'in.sarif');
  const output = path.join(dir, 'out.sarif');
  fs.writeFileSync(input, text);
  const r = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Sarif;Gh', '--output', output, input], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const log = JSON.parse(fs.readFileSync(output, 'utf8').replace(/^\uFEFF/, '')) as {
    runs: { results?: { level?: string; message: { text?: string; id?: string; arguments?: string[] }; ruleId: string }[] }[];
  };
  return log.runs.flatMap((run) =>
    (run.results ?? []).filter((x) => x.level === 'error').map((x) => `${x.ruleId}: ${x.message.text ?? x.message.arguments?.join(' ')}`),
  );
}

test('the SARIF of one repo passes the SARIF validator with the GitHub rules, without one error', () => {
  const { text } = sarifOf([fixture('paste-console-script-standalone')]);
  assert.deepEqual(validate(text), []);
});

test('the SARIF of many repos and a devstack checkout passes the validator too, one base id per repo', () => {
  const { sarif, text } = sarifOf(['.'], FIXTURES);
  assert.deepEqual(validate(text), []);
  const run = sarif.runs[0];
  const bases = run.originalUriBaseIds;
  assert.equal(bases['%SRCROOT%'].uri, new URL(`file://${FIXTURES}/`).href);
  assert.deepEqual(bases.MODULE_PATH_2025_ROOT, {
    uri: 'module-path-2025/',
    uriBaseId: '%SRCROOT%',
    description: { text: 'The watcher repository' },
  });
  const ids = new Set(run.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uriBaseId));
  assert.ok(ids.size > 5);
  for (const id of ids) {
    assert.equal(bases[id].uriBaseId, '%SRCROOT%');
    assert.match(bases[id].uri, /^[\w%.-]+\/$/, 'a repo base is a relative folder of %SRCROOT%');
  }
});

test('results carry relative URIs with a base id, their rule index, and the invocation its exit code', () => {
  const { sarif, status } = sarifOf(['--strict', fixture('paste-console-script-standalone')]);
  assert.equal(status, 1);
  const run = sarif.runs[0];
  assert.deepEqual(run.invocations, [{ executionSuccessful: true, exitCode: 1 }]);
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, new URL(`file://${fixture('paste-console-script-standalone')}/`).href);
  const wsgi101 = run.results.find((r) => r.ruleId === 'WSGI101')!;
  const loc = wsgi101.locations[0].physicalLocation;
  assert.deepEqual([loc.artifactLocation.uri, loc.artifactLocation.uriBaseId, loc.region.startLine], ['setup.cfg', '%SRCROOT%', 16]);
  for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
  assert.match(run.tool.driver.rules[wsgi101.ruleIndex].help.markdown, /console script/);
});

test('fingerprints do not depend on where the repo is checked out, nor on lines added above a finding', () => {
  const a = workspaceOf({ designate: 'paste-console-script-standalone' });
  const b = workspaceOf({ elsewhere: 'paste-console-script-standalone' });
  const prints = (dir: string) =>
    sarifOf([dir])
      .sarif.runs[0].results.map((r) => `${r.ruleId} ${r.partialFingerprints['wsgiGoalFinding/v1']}`)
      .sort();
  const before = prints(path.join(a, 'designate'));
  assert.ok(before.length >= 2);
  assert.equal(new Set(before).size, before.length, 'each finding its own fingerprint');
  assert.deepEqual(prints(path.join(b, 'elsewhere')), before);
  const plugin = path.join(a, 'designate', 'devstack', 'plugin.sh');
  fs.writeFileSync(plugin, fs.readFileSync(plugin, 'utf8').replace('\n', '\n# a comment\n# and another\n'));
  assert.deepEqual(prints(path.join(a, 'designate')), before);
});

test('a checkout path with spaces and non-ASCII characters still gives valid relative URIs', () => {
  const ws = tempDir('wsgi goal é ');
  fs.cpSync(fixture('paste-console-script-standalone'), path.join(ws, 'my repo'), { recursive: true });
  fs.cpSync(fixture('module-path-2025'), path.join(ws, 'wätcher'), { recursive: true });
  const { text, sarif } = sarifOf([ws]);
  assert.deepEqual(validate(text), []);
  assert.ok(Object.values(sarif.runs[0].originalUriBaseIds).some((b) => b.uri === 'my%20repo/'));
});
