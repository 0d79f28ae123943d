// In-file suppression comments and the exclude setting, as the engine applies them for every front end.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, ROOT } from '../helpers/fixtures';
import { analyze } from '../helpers/engine';
import type { Settings } from '../../server/src/protocol';

const PLUGIN = 'devstack/plugin.sh';
const API_LINE = '    run_process designate-api "$DESIGNATE_BIN_DIR/designate-api --config-file $DESIGNATE_CONF"';

/** The designate fixture (WSGI101 on setup.cfg, WSGI201 on the plugin's run_process) with one file edited. */
function designate(file: string, edit: (text: string) => string): string {
  const root = copyOf('paste-console-script-standalone');
  const p = path.join(root, file);
  const before = fs.readFileSync(p, 'utf8');
  const after = edit(before);
  assert.notEqual(after, before, 'the edit applies');
  fs.writeFileSync(p, after);
  return root;
}

async function codes(root: string, settings: Partial<Settings> = {}) {
  const repo = (await analyze(root, settings)).report().repos[0];
  return {
    shown: repo.diagnostics.map((d) => `${d.code}@${d.file}:${d.line}`),
    suppressed: repo.suppressed.map((d) => `${d.code}@${d.file}:${d.line}`),
    verdict: [repo.criteria.wsgiScripts.met, repo.criteria.devstackUwsgi.met, repo.criteria.devstackUwsgi.mode],
  };
}

test('a disable comment alone on the line above, or at the end of the line, hides that finding only', async () => {
  const plain = await codes(copyOf('paste-console-script-standalone'));
  assert.ok(plain.shown.includes('WSGI201@devstack/plugin.sh:6'), plain.shown.join(' '));
  for (const edit of [
    (t: string) => t.replace(API_LINE, `    # wsgi-goal: disable=WSGI201\n${API_LINE}`),
    (t: string) => t.replace(API_LINE, `${API_LINE}  # wsgi-goal: disable=WSGI203,WSGI201`),
  ]) {
    const root = designate(PLUGIN, edit);
    const got = await codes(root);
    assert.ok(!got.shown.some((c) => c.startsWith('WSGI201@')), got.shown.join(' '));
    assert.equal(got.suppressed.filter((c) => c.startsWith('WSGI201@')).length, 1);
    assert.ok(got.shown.includes('WSGI101@setup.cfg:16'), 'other findings stay');
    assert.deepEqual(got.verdict, plain.verdict, 'a suppression hides a finding, it does not change the verdict');
  }
  // A comment two lines above, or for another code, does nothing.
  const far = await codes(designate(PLUGIN, (t) => t.replace(API_LINE, `# wsgi-goal: disable=WSGI201\n\n${API_LINE}`)));
  assert.ok(far.shown.some((c) => c.startsWith('WSGI201@')));
  const other = await codes(designate(PLUGIN, (t) => t.replace(API_LINE, `    # wsgi-goal: disable=WSGI202\n${API_LINE}`)));
  assert.ok(other.shown.some((c) => c.startsWith('WSGI201@')));
});

test('disable-file works in the leading comments of a file, in ini files too, and not further down', async () => {
  const top = await codes(designate('setup.cfg', (t) => `# wsgi-goal: disable-file=WSGI101\n${t}`));
  assert.ok(!top.shown.some((c) => c.startsWith('WSGI101@')), top.shown.join(' '));
  assert.deepEqual(top.suppressed, ['WSGI101@setup.cfg:17']);
  const late = await codes(designate('setup.cfg', (t) => `${t}\n# wsgi-goal: disable-file=WSGI101\n`));
  assert.ok(late.shown.includes('WSGI101@setup.cfg:16'), 'after the first line of content it is no file-level comment');
  const plugin = await codes(designate(PLUGIN, (t) => t.replace(/^(#!.*\n)?/, `$1# Copyright\n# wsgi-goal: disable-file=WSGI201\n`)));
  assert.ok(!plugin.shown.some((c) => c.startsWith('WSGI201@')));
});

test('suppressionComments off shows every finding; exclude drops the findings of matching files', async () => {
  const root = designate(PLUGIN, (t) => t.replace(API_LINE, `    # wsgi-goal: disable=WSGI201\n${API_LINE}`));
  const off = await codes(root, { suppressionComments: false });
  assert.ok(off.shown.some((c) => c.startsWith('WSGI201@')));
  assert.deepEqual(off.suppressed, []);
  const excluded = await codes(copyOf('paste-console-script-standalone'), { exclude: ['devstack/**'] });
  assert.ok(!excluded.shown.some((c) => c.includes('@devstack/')), excluded.shown.join(' '));
  assert.deepEqual(excluded.suppressed, []);
  assert.ok(excluded.shown.includes('WSGI101@setup.cfg:16'));
});

test('the CLI agrees: text counts what is disabled, SARIF marks it suppressed in source, --exclude drops', () => {
  const root = designate(PLUGIN, (t) => t.replace(API_LINE, `    # wsgi-goal: disable=WSGI201\n${API_LINE}`));
  const cli = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', ...args], { encoding: 'utf8' });
  assert.match(cli([root]).stdout, /^\d+ diagnostics?, \d+ errors?; 1 disabled by wsgi-goal: comments/m);
  const sarif = JSON.parse(cli(['--format', 'sarif', root]).stdout);
  const results = sarif.runs[0].results as { ruleId: string; suppressions?: { kind: string }[] }[];
  assert.deepEqual(
    results.filter((r) => r.suppressions).map((r) => [r.ruleId, r.suppressions![0].kind]),
    [['WSGI201', 'inSource']],
  );
  const json = JSON.parse(cli(['--format', 'json', '--exclude', 'devstack/**', root]).stdout);
  assert.deepEqual(json.repos[0].suppressed, []);
  assert.ok(!json.repos[0].diagnostics.some((d: { file: string }) => d.file.startsWith('devstack/')));
});
