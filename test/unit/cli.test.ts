import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { fixture, ROOT } from '../helpers/fixtures';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const run = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

test('check --format json prints the version-1 report with 1-based positions', () => {
  const r = run(['check', '--format', 'json', fixture('paste-console-script-standalone')]);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.version, 1);
  const repo = report.repos[0];
  assert.equal(repo.name, 'designate');
  assert.deepEqual(Object.keys(repo.criteria), ['wsgiScripts', 'devstackUwsgi']);
  assert.deepEqual(Object.keys(repo.goals).sort(), ['deploy-api-in-wsgi', 'migrate-from-wsgi-scripts-to-module-paths']);
  const d = repo.diagnostics.find((x: { code: string }) => x.code === 'WSGI101');
  assert.deepEqual([d.file, d.line, d.column, d.severity], ['setup.cfg', 16, 5, 'error']);
  assert.deepEqual(repo.apiServices[0].source, { file: 'setup.cfg', line: 16 });
});

test('exit codes: 0 when it ran, 1 with --strict and an unmet criterion, 2 on usage errors', () => {
  assert.equal(run(['check', fixture('paste-console-script-standalone')]).status, 0);
  assert.equal(run(['check', '--strict', fixture('paste-console-script-standalone')]).status, 1);
  assert.equal(run(['check', '--strict', fixture('module-path-2025')]).status, 0);
  for (const bad of [
    ['check', '--format', 'xml'],
    ['lint'],
    ['check', '--goal', 'nope'],
    ['check', '/no/such/dir'],
    ['check', '--format'],
  ]) {
    const r = run(bad);
    assert.equal(r.status, 2, bad.join(' '));
    assert.match(r.stderr, /^wsgi-goal: .+\nusage: wsgi-goal check/);
  }
});

test('a PATH that is not a repo is searched for repos beneath it; text output names each', () => {
  const r = run(['check', path.join(ROOT, 'test', 'fixtures', 'repos')]);
  assert.equal(r.status, 0, r.stderr);
  for (const name of ['designate', 'watcher', 'kuryr', 'zun']) assert.match(r.stdout, new RegExp(`^${name}  \\(`, 'm'));
  assert.match(r.stdout, /\[NOT MET\] WSGI application script\(s\)/);
});

test('markdown and sarif formats carry the same findings', () => {
  const md = run(['check', '--format', 'markdown', fixture('module-path-2025')]);
  assert.match(md.stdout, /\| watcher \| watcher-api \| yes \| yes \| uwsgi \| 0 \|/);
  const sarif = JSON.parse(run(['check', '--format', 'sarif', fixture('paste-console-script-standalone')]).stdout);
  assert.equal(sarif.version, '2.1.0');
  const json = JSON.parse(run(['check', '--format', 'json', fixture('paste-console-script-standalone')]).stdout);
  const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
  assert.deepEqual(
    results.map((x) => `${x.ruleId}:${x.locations[0].physicalLocation.region.startLine}`),
    json.repos[0].diagnostics.map((d: { code: string; line: number }) => `${d.code}:${d.line}`),
  );
  assert.ok(results.some((x) => x.ruleId === 'WSGI101' && x.locations[0].physicalLocation.region.startLine === 16));
  const ruleIds = new Set(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id));
  assert.ok(results.every((x) => ruleIds.has(x.ruleId)));
});

test('npm start checks the bundled sample when no PATH is given and resolves PATHs from INIT_CWD', () => {
  const start = path.join(ROOT, 'scripts', 'start.js');
  const sample = spawnSync(process.execPath, [start, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, INIT_CWD: '/' } });
  assert.equal(sample.status, 0, sample.stderr);
  assert.equal(JSON.parse(sample.stdout).repos[0].root, path.join(ROOT, 'samples', 'quokka'));
  const rel = spawnSync(process.execPath, [start, '--format', 'json', 'module-path-2025'], {
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: path.join(ROOT, 'test', 'fixtures', 'repos') },
  });
  assert.equal(JSON.parse(rel.stdout).repos[0].name, 'watcher');
});
