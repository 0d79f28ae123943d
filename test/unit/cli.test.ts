// The `wsgi-goal` process as a terminal user and a CI job meet it: exit codes, streams, outputs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fixture, FIXTURES, ROOT, tempDir, workspaceOf } from '../helpers/fixtures';
import { analyze } from '../helpers/engine';
import { formatText } from '../../server/src/format/text';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const run = (args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
const MIGRATE = 'migrate-from-wsgi-scripts-to-module-paths';

test('check --format json prints the version-1 report with 1-based positions, every goal in it', () => {
  const r = run(['check', '--format', 'json', '--goal', MIGRATE, fixture('paste-console-script-standalone')]);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.version, 1);
  const repo = report.repos[0];
  assert.equal(repo.name, 'designate');
  assert.deepEqual(Object.keys(repo.criteria), ['wsgiScripts', 'devstackUwsgi']);
  assert.deepEqual(Object.keys(repo.goals).sort(), ['deploy-api-in-wsgi', MIGRATE]);
  const d = repo.diagnostics.find((x: { code: string }) => x.code === 'WSGI101');
  assert.deepEqual([d.file, d.line, d.column, d.severity], ['setup.cfg', 16, 5, 'error']);
  assert.ok(
    repo.diagnostics.some((x: { code: string }) => x.code === 'WSGI201'),
    'json keeps the other goal’s diagnostics',
  );
});

test('exit 0 when it ran, 1 with --strict and an unmet criterion of the chosen goal', () => {
  assert.equal(run(['check', fixture('paste-console-script-standalone')]).status, 0);
  assert.equal(run(['check', '--strict', fixture('paste-console-script-standalone')]).status, 1);
  assert.equal(run(['check', '--strict', fixture('module-path-2025')]).status, 0);
  // Criterion 1 of deploy-api-in-wsgi is met by wsgi_scripts; the successor goal wants them gone.
  assert.equal(run(['check', '--strict', fixture('pbr-wsgi-scripts-devstack-uwsgi')]).status, 0);
  assert.equal(run(['check', '--strict', '--goal', MIGRATE, fixture('pbr-wsgi-scripts-devstack-uwsgi')]).status, 1);
});

test('exit 2 on usage errors: one line saying what is wrong, then the usage, on stderr', () => {
  for (const [bad, why] of [
    [['check', '--format', 'xml'], /unknown format "xml" \(one of text, json, sarif, markdown, rst\)/],
    [['lint'], /unknown command "lint"/],
    [[], /no command given/],
    [['check', '--goal', 'nope'], /unknown goal "nope"/],
    [['check', '/no/such/dir'], /"\/no\/such\/dir" is not a folder/],
    [['check', '--format'], /--format needs a value/],
    [['check', '--colour'], /unknown option "--colour"/],
    [['check', '--governance', FIXTURES], /holds no reference\/projects\.yaml/],
  ] as const) {
    const r = run([...bad]);
    assert.equal(r.status, 2, bad.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr.split('\n')[0], /^wsgi-goal: /);
    assert.match(r.stderr, why);
    assert.match(r.stderr, /\n\nusage: wsgi-goal /);
  }
});

test('exit 2 when a PATH, or the current directory, holds no repository; an empty folder is not one', () => {
  const empty = tempDir();
  const r = run(['check', empty]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^wsgi-goal: ".*" holds no repository \(a repository holds setup\.cfg/);
  const cwd = run(['check'], empty);
  assert.equal(cwd.status, 2);
  assert.match(cwd.stderr, /no repository found in the current directory \(.*\) or beneath it .*give a PATH/);
  // With no PATH, the current directory is checked when it is a repo, or holds some.
  const inRepo = run(['check', '--format', 'json'], fixture('module-path-2025'));
  assert.equal(inRepo.status, 0, inRepo.stderr);
  assert.equal(JSON.parse(inRepo.stdout).repos[0].name, 'watcher');
  // A retired repo keeps its README: checked, as a repo without an API.
  const retired = run(['check', fixture('retired-repo')]);
  assert.equal(retired.status, 0, retired.stderr);
  assert.match(
    retired.stdout,
    /^No repo here has an API service: deploy-api-in-wsgi does not apply to them\.\nNo API service \(1\): retired-repo\n$/m,
  );
});

test('exit 3 on an internal error: a repo whose analysis failed is said so, not reported as absent', () => {
  // The bundle without its WebAssembly grammars cannot parse Python or bash.
  const bare = tempDir();
  fs.copyFileSync(CLI, path.join(bare, 'cli.js'));
  const r = spawnSync(process.execPath, [path.join(bare, 'cli.js'), 'check', fixture('module-path-2025')], { encoding: 'utf8' });
  assert.equal(r.status, 3, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^wsgi-goal: internal error: the analysis of .*module-path-2025 failed: /m);
});

test('--help and -h print the usage on stdout and exit 0, for the tool and for check; --version prints it', () => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    const r = run(args);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^usage: wsgi-goal <command> \[options\]\n/);
    assert.match(r.stdout, /check \[PATH\.\.\.\]/);
  }
  for (const args of [
    ['check', '--help'],
    ['check', '-h'],
    ['help', 'check'],
    ['check', '--format', 'json', '-h'],
  ]) {
    const r = run(args);
    assert.equal(r.status, 0, args.join(' '));
    assert.match(r.stdout, /^usage: wsgi-goal check \[options\] \[PATH\.\.\.\]/);
    assert.match(r.stdout, /exit status:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 /);
  }
  const v = run(['--version']);
  assert.equal(v.status, 0);
  assert.equal(v.stdout, `wsgi-goal ${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
});

test('a reader that goes away (check … | head) ends the run quietly, with no stack trace', async () => {
  const child = spawn(process.execPath, [CLI, 'check', '--format', 'json', FIXTURES], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Closed before the child can have written: its first write meets a closed pipe.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

test('text: one line per repo under a header, a totals line, repos without an API in one footer line, 100 columns', () => {
  const ws = workspaceOf({
    designate: 'paste-console-script-standalone',
    watcher: 'module-path-2025',
    lark: 'networking-plugin-starts-neutron',
    zun: 'pbr-wsgi-scripts-devstack-uwsgi',
  });
  const r = run(['check', ws]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(
    lines.every((l) => [...l].length <= 100),
    lines.find((l) => [...l].length > 100),
  );
  assert.ok(!r.stdout.includes('\u001b['), 'no colour when piped');
  assert.match(lines[0], /^deploy-api-in-wsgi: Control Plane API endpoints deployment via WSGI/);
  assert.match(r.stdout, /^ {3}repo +WSGI app +devstack +uwsgi\+Apache +services$/m);
  assert.match(r.stdout, /^✘ {2}designate +no +standalone +no +designate-api$/m);
  assert.match(r.stdout, /^✔ {2}watcher +yes +uwsgi +yes +watcher-api$/m);
  assert.match(r.stdout, /^2 of 3 repos with an API meet deploy-api-in-wsgi \(0 partly, 1 not started, 0 unknown\)$/m);
  assert.match(r.stdout, /^\d+ diagnostics, [1-9]\d* errors? \(--verbose lists them\)$/m);
  assert.match(lines[lines.length - 1], /^No API service \(1\): networking-lark$/);
  assert.doesNotMatch(r.stdout, /WSGI101/, 'diagnostics only with --verbose');

  const v = run(['check', '--verbose', ws]);
  assert.ok(v.stdout.split('\n').every((l) => [...l].length <= 100));
  assert.match(v.stdout, /^ {4}setup\.cfg:16:5: error WSGI101$/m);
  assert.match(v.stdout, /^ {4}service designate-api/m);
  // Only the localrc settings that decide the deployment: the fixture's job also sets IMAGE_URLS.
  const zuul = run(['check', '--verbose', fixture('zuul-jobs-mod-wsgi-standalone')]);
  assert.match(zuul.stdout, /^ {4}job \S+ \(.*\) sets .*(WSGI_MODE|USE_MOD_WSGI)/m);
  assert.doesNotMatch(zuul.stdout, /^ {4}job .*(CIRROS_VERSION|IMAGE_URLS|LIBVIRT_TYPE)=/m);
});

test('--goal picks the criteria, rules and diagnostics of text, markdown and sarif', () => {
  const text = run(['check', '--verbose', '--goal', MIGRATE, fixture('pbr-wsgi-scripts-devstack-uwsgi')]);
  assert.match(text.stdout, /^ {3}repo +module paths +no wsgi_scripts +services$/m);
  assert.ok(
    text.stdout.split('\n').every((l) => [...l].length <= 100),
    'the longer goal id still fits 100 columns',
  );
  assert.match(text.stdout, /WSGI102/);
  const deploy = run(['check', '--verbose', fixture('pbr-wsgi-scripts-devstack-uwsgi')]);
  assert.doesNotMatch(deploy.stdout, /WSGI102/, 'WSGI102 serves the successor goal only');
  const md = run(['check', '--format', 'markdown', '--goal', MIGRATE, fixture('pbr-wsgi-scripts-devstack-uwsgi')]);
  assert.match(md.stdout, /^# Migrate from WSGI scripts to module paths \(`migrate-from-wsgi-scripts-to-module-paths`\)$/m);
  assert.match(md.stdout, /No pbr wsgi\\_scripts/);
  const sarif = JSON.parse(run(['check', '--format', 'sarif', '--goal', MIGRATE, fixture('paste-console-script-standalone')]).stdout);
  const ids = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
  assert.ok(ids.includes('WSGI102') && !ids.includes('WSGI201'));
  assert.ok(sarif.runs[0].results.every((x: { ruleId: string }) => ids.includes(x.ruleId)));
});

test('markdown groups repos by team with the goal document’s record, services once, special characters escaped', () => {
  const ws = workspaceOf({ designate: 'paste-console-script-standalone', watcher: 'module-path-2025' });
  const md = run(['check', '--format', 'markdown', ws]).stdout;
  assert.match(md, /^## designate\n\nListed in January 2017 as not supporting WSGI deployment of its API\.\n/m);
  assert.match(md, /^\| designate \| not met \| designate-api \| no<br>`setup\.cfg:16` \| no<br>`devstack\/plugin\.sh:\d+`/m);
  assert.match(md, /^## watcher\n/m);
  assert.match(md, /^Completion artifacts: <https:\/\/review\.opendev\.org\/#\/c\/450740\/>$/m);
  for (const row of md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Repository'))) {
    const services = row.split(' | ')[2].split(', ');
    assert.equal(new Set(services).size, services.length, row);
  }
  const migrate = run(['check', '--format', 'markdown', '--goal', MIGRATE, ws]).stdout;
  assert.match(migrate, /&lt;pkg&gt;\.wsgi\.&lt;server&gt; modules with application/);
  assert.doesNotMatch(migrate, /<pkg>/);
});

test('--governance maps repos to the teams of reference/projects.yaml', () => {
  const gov = tempDir();
  fs.mkdirSync(path.join(gov, 'reference'));
  fs.writeFileSync(
    path.join(gov, 'reference', 'projects.yaml'),
    '---\nInfra Optimization:\n  deliverables:\n    watcher:\n      repos:\n        - openstack/watcher\n',
  );
  const ws = workspaceOf({ watcher: 'module-path-2025' });
  const md = run(['check', '--format', 'markdown', '--governance', gov, ws]);
  assert.equal(md.status, 0, md.stderr);
  assert.match(md.stdout, /^## Infra Optimization$/m);
  assert.match(md.stdout, /Teams from .*projects\.yaml/);
  fs.writeFileSync(path.join(gov, 'reference', 'projects.yaml'), 'a: [unclosed\n');
  const bad = run(['check', '--format', 'markdown', '--governance', gov, ws]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^wsgi-goal: --governance: .*projects\.yaml cannot be read as YAML/);
});

test('npm start checks the bundled sample when no PATH is given and resolves PATHs from INIT_CWD', () => {
  const start = path.join(ROOT, 'scripts', 'start.js');
  const sample = spawnSync(process.execPath, [start, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, INIT_CWD: '/' } });
  assert.equal(sample.status, 0, sample.stderr);
  assert.equal(JSON.parse(sample.stdout).repos[0].root, path.join(ROOT, 'samples', 'quokka'));
  const rel = spawnSync(process.execPath, [start, '--format', 'json', 'module-path-2025'], {
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: FIXTURES },
  });
  assert.equal(JSON.parse(rel.stdout).repos[0].name, 'watcher');
});

test('text colours the status glyph on a terminal, and only there', async () => {
  const ws = await analyze(fixture('module-path-2025'));
  const coloured = formatText(ws.report(), { goal: 'deploy-api-in-wsgi', verbose: false, color: true });
  assert.ok(coloured.includes('\n\u001b[32m✔\u001b[0m  watcher'), coloured);
  const plain = formatText(ws.report(), { goal: 'deploy-api-in-wsgi', verbose: false, color: false });
  assert.ok(!plain.includes('\u001b'));
  // NO_COLOR wins even where colour would be on (the CLI sees no terminal here either way).
  assert.ok(!run(['check', fixture('module-path-2025')], ROOT, { NO_COLOR: '1' }).stdout.includes('\u001b'));
});
