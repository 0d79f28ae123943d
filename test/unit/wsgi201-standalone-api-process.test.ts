import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const CODE = 'WSGI201';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);
const line = (root: string, file: string, needle: string) => lineOf(fs.readFileSync(path.join(root, file), 'utf8'), needle) + 1;

test('WSGI201 is an error where the default path starts the API standalone, naming the service and the fix', async () => {
  const root = copyOf('plugin-standalone-fallback-branch');
  // The plugin's toggle defaults to the standalone branch.
  const settings = fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8');
  write(root, 'devstack/settings', settings.replace(/ZUN_USE_UWSGI=.*/, 'ZUN_USE_UWSGI=${ZUN_USE_UWSGI:-False}'));
  const { repo } = await repoReport(root);
  const d = repo.diagnostics.filter((x) => x.code === CODE);
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [['devstack/lib/zun', line(root, 'devstack/lib/zun', 'run_process zun-api "$ZUN_BIN_DIR/zun-api"'), 'error']],
  );
  assert.equal(d[0].column, 9);
  assert.match(d[0].message, /^devstack starts the API service zun-api standalone: run_process runs "zun-api" instead of uwsgi/);
  assert.match(d[0].message, /"\$\(which uwsgi\) --procname-prefix zun-api --ini \$ZUN_UWSGI_CONF"/);
  assert.equal(repo.criteria.devstackUwsgi.mode, 'standalone', 'the verdict and the diagnostic say the same');
});

test('WSGI201 names the program a command runs when its folder is an unevaluated command substitution', async () => {
  // cyborg: CYBORG_DIR=$( cd "$( dirname "${BASH_SOURCE[0]}" )" && cd .. && pwd ), then "$CYBORG_BIN_DIR/cyborg-api".
  const root = copyOf('plugin-standalone-fallback-branch');
  const settings = fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8');
  write(root, 'devstack/settings', settings + '\nZUN_BIN_DIR=$( cd "$( dirname "${BASH_SOURCE[0]}" )" && cd .. && pwd )/bin\n');
  const d = await of(root);
  assert.equal(d.length, 1);
  assert.match(d[0].message, /run_process runs "zun-api" instead of uwsgi/);
});

test('WSGI201 is information on a fallback branch the defaults do not take, naming the branch', async () => {
  const root = fixture('plugin-standalone-fallback-branch');
  const { repo } = await repoReport(root);
  const d = repo.diagnostics.filter((x) => x.code === CODE);
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [['devstack/lib/zun', line(root, 'devstack/lib/zun', 'run_process zun-api "$ZUN_BIN_DIR/zun-api"'), 'information']],
  );
  assert.match(
    d[0].message,
    /\(off devstack's default path: \[\[ "\$ZUN_USE_UWSGI" == "True" \]\] is false, but the defaults make it true\)/,
  );
  assert.equal(repo.criteria.devstackUwsgi.mode, 'uwsgi');
});

test('WSGI201 recognises screen_it, *-server binaries, commands held in variables and hand-written systemd units', async () => {
  const root = copyOf('plugin-standalone-fallback-branch');
  write(
    root,
    'devstack/lib/legacy',
    [
      '#!/bin/bash',
      'function start_zun_legacy {',
      '    screen_it zun-api "cd $ZUN_DIR && $ZUN_BIN_DIR/zun-api --config-file $ZUN_CONF"',
      '    run_process q-svc "$NEUTRON_BIN_DIR/neutron-server --config-file $NEUTRON_CONF"',
      '    local api_cmd="$ZUN_BIN_DIR/zun-api --config-file $ZUN_CONF"',
      '    run_process zun-api "$api_cmd"',
      '    local uwsgi_cmd="$(which uwsgi) --procname-prefix zun-api --ini $ZUN_UWSGI_CONF"',
      '    run_process zun-api "$uwsgi_cmd"',
      '    run_process zun-api "$command_from_elsewhere"',
      '    run_process zun-wsproxy "$ZUN_BIN_DIR/zun-wsproxy"',
      '}',
      '',
    ].join('\n'),
  );
  write(
    root,
    'devstack/files/zun-api.service',
    '[Unit]\nDescription=zun-api\n\n[Service]\nExecStart=/usr/local/bin/zun-api --config-file /etc/zun/zun.conf\nUser=stack\n',
  );
  const d = (await of(root)).filter((x) => x.file !== 'devstack/lib/zun');
  assert.deepEqual(
    d.map((x) => [x.file, x.line]),
    [
      ['devstack/files/zun-api.service', 5],
      ['devstack/lib/legacy', 3],
      ['devstack/lib/legacy', 6],
    ],
  );
  assert.match(d[0].message, /^devstack starts the API service zun-api standalone: ExecStart runs "zun-api"/);
  assert.match(d[1].message, /zun-api standalone: screen_it runs "zun-api"/);
  assert.match(d[2].message, /zun-api standalone: run_process runs "zun-api"/);
  // neutron-server is another project's server, zun-wsproxy a worker, $command_from_elsewhere unknown.
});

test('WSGI201 stays quiet on uwsgi, on non-API workers and on the compliant layouts', async () => {
  for (const name of ['module-path-2025', 'plugin-uwsgi-compliant-2025']) {
    const { repo } = await repoReport(fixture(name));
    assert.deepEqual(
      repo.diagnostics.filter((x) => x.code === CODE),
      [],
      name,
    );
    if (name === 'module-path-2025')
      assert.deepEqual(
        repo.diagnostics.filter((x) => /^WSGI[234]/.test(x.code)),
        [],
        'module-path-2025 is free of deployment rules',
      );
  }
  const root = copyOf('plugin-standalone-fallback-branch');
  const lib = fs.readFileSync(path.join(root, 'devstack/lib/zun'), 'utf8');
  write(root, 'devstack/lib/zun', lib.replace('    else\n        run_process zun-api "$ZUN_BIN_DIR/zun-api"\n', ''));
  assert.deepEqual(await of(root), []);
});
