// The devstack fix, checked by Debian's shellcheck: every plugin file the fix changes still parses
// (bash -n), and shellcheck reports nothing on a line the fix wrote. Real plugins carry old findings
// of their own, so the lines already there are not judged. Needs /usr/bin/shellcheck (`bash
// scripts/system/setup.sh`); run by `npm run test:system`.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const { analyze, applyChange } = require(path.join(ROOT, 'out', 'test', 'helpers', 'engine.js'));
const { copyOf } = require(path.join(ROOT, 'out', 'test', 'helpers', 'fixtures.js'));
const SHELLCHECK = '/usr/bin/shellcheck';

/**
 * shellcheck's findings as `SCxxxx: the line's text`. Devstack sources settings, the plugin's lib/
 * files and its own functions into one shell, and shellcheck reads one file at a time: a variable set
 * in settings and used in plugin.sh would be "unused" (SC2034) in one and "unassigned" (SC2154) in the
 * other, so those two say nothing about a single file and are left out.
 */
function findings(file) {
  const r = spawnSync(SHELLCHECK, ['-s', 'bash', '-f', 'json', '-e', 'SC2034,SC2154', file], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `shellcheck failed to run on ${file}: ${r.stderr}`);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  return JSON.parse(r.stdout || '[]').map((f) => `SC${f.code} ${f.message}: ${lines[f.line - 1].trim()}`);
}

for (const name of ['paste-console-script-standalone', 'mixed-two-apis']) {
  test(`${name}: the deploy fix's lines pass bash -n and shellcheck`, async () => {
    assert.ok(fs.existsSync(SHELLCHECK), `${SHELLCHECK} is missing: bash scripts/system/setup.sh installs shellcheck`);
    const root = copyOf(name);
    const ws = await analyze(root);
    const analysis = ws.allAnalyses().find((a) => a.findings.some((f) => f.code === 'WSGI201'));
    const fix = analysis.findings
      .filter((f) => f.code === 'WSGI201')
      .flatMap((f) => f.fixes ?? [])
      .find((x) => x.kind === 'change');
    assert.ok(fix, 'the fixture has a deploy fix');
    const repo = analysis.model.root;
    const files = [...new Set(fix.edits.map((e) => e.file))];
    const before = new Map(files.map((f) => [f, new Set(findings(path.join(repo, f)))]));
    applyChange(repo, fix);
    for (const f of files) {
      const abs = path.join(repo, f);
      const n = spawnSync('bash', ['-n', abs], { encoding: 'utf8' });
      assert.equal(n.status, 0, `bash -n ${f}: ${n.stderr}`);
      const added = findings(abs).filter((x) => !before.get(f).has(x));
      assert.deepEqual(added, [], `shellcheck on the lines the fix wrote in ${f}:\n${fs.readFileSync(abs, 'utf8')}`);
    }
    const after = await analyze(root);
    const report = after.report().repos.find((r) => r.root === repo);
    assert.equal(report.criteria.devstackUwsgi.met, true, JSON.stringify(report.criteria.devstackUwsgi));
  });
}
