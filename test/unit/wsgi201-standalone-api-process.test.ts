import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { copyOf, fixture, lineOf, workspaceOf, write } from '../helpers/fixtures';
import { analyze, applyChange, repoReport } from '../helpers/engine';

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

const deployFix = (analysis: Awaited<ReturnType<typeof repoReport>>['analysis']) =>
  analysis.findings.find((f) => f.code === CODE)?.fixes?.find((x) => x.kind === 'change');
const bashN = (file: string) => spawnSync('bash', ['-n', file], { encoding: 'utf8' });

test('WSGI201 fix: one change moves the API under uwsgi behind Apache; the verdict flips and the plugin still parses', async () => {
  const root = copyOf('paste-console-script-standalone');
  const { analysis, repo } = await repoReport(root);
  assert.equal(repo.criteria.devstackUwsgi.mode, 'standalone');
  const fix = deployFix(analysis);
  assert.equal(fix?.title, 'Deploy designate-api under uwsgi behind Apache in devstack');
  const changed = applyChange(root, fix);
  assert.deepEqual(changed.sort(), ['devstack/plugin.sh', 'devstack/settings']);
  const plugin = fs.readFileSync(path.join(root, 'devstack/plugin.sh'), 'utf8');
  // Written before the start it serves, in the current devstack form (module path and name), with the
  // same name the process is known by; the worker beside it keeps its plain run_process.
  assert.match(
    plugin,
    /function start_designate \{\n {4}run_process designate-central "\$DESIGNATE_BIN_DIR\/designate-central --config-file \$DESIGNATE_CONF"\n {4}write_uwsgi_config "\$DESIGNATE_UWSGI_CONF" "\$DESIGNATE_UWSGI" "\/designate" "" "designate-api"\n {4}run_process designate-api "\$\(which uwsgi\) --procname-prefix designate-api --ini \$DESIGNATE_UWSGI_CONF"\n\}/,
  );
  const settings = fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8');
  assert.match(
    settings,
    /^DESIGNATE_SERVICE_PORT=.*\nDESIGNATE_UWSGI=designate\.wsgi\.api:application\nDESIGNATE_UWSGI_CONF=\/etc\/designate\/designate-api-uwsgi\.ini\n/m,
  );
  // The entry module it names comes with it, built from the repo's paste pipeline.
  assert.match(fs.readFileSync(path.join(root, 'designate/wsgi/api.py'), 'utf8'), /^application = init_application\(\)$/m);
  for (const f of changed) assert.equal(bashN(path.join(root, f)).status, 0, bashN(path.join(root, f)).stderr);

  const after = await repoReport(root);
  assert.equal(after.repo.criteria.devstackUwsgi.mode, 'uwsgi');
  assert.equal(after.repo.criteria.devstackUwsgi.met, true);
  assert.equal(after.repo.criteria.wsgiScripts.met, true);
  assert.deepEqual(
    after.repo.diagnostics.filter((d) => /^WSGI2/.test(d.code)).map((d) => `${d.code} ${d.message}`),
    [],
    'the fixed plugin raises none of the devstack rules',
  );
});

test('WSGI201 fix: configure and cleanup steps, the catalog endpoint moved to the URL path', async () => {
  const root = copyOf('paste-console-script-standalone');
  write(
    root,
    'devstack/plugin.sh',
    `#!/bin/bash
function create_designate_accounts {
    get_or_create_service "designate" "dns" "Designate DNS Service"
    get_or_create_endpoint "dns" "$REGION_NAME" "$DESIGNATE_SERVICE_PROTOCOL://$DESIGNATE_SERVICE_HOST:$DESIGNATE_SERVICE_PORT/"
}

function configure_designate {
    sudo install -d -o $STACK_USER $DESIGNATE_CONF_DIR
    if is_service_enabled tls-proxy; then
        iniset $DESIGNATE_CONF DEFAULT ssl true
    fi
}

function start_designate {
    run_process designate-api "$DESIGNATE_BIN_DIR/designate-api --config-file $DESIGNATE_CONF"
    if ! wait_for_service $SERVICE_TIMEOUT $DESIGNATE_SERVICE_PROTOCOL://$DESIGNATE_SERVICE_HOST:$DESIGNATE_SERVICE_PORT; then
        die $LINENO "designate-api did not start"
    fi
}

function cleanup_designate {
    sudo rm -rf $DESIGNATE_CONF_DIR
}

if is_service_enabled designate; then
    if [[ "$1" == "stack" && "$2" == "post-config" ]]; then
        configure_designate
        create_designate_accounts
    elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
        start_designate
    fi
    if [[ "$1" == "clean" ]]; then
        cleanup_designate
    fi
fi
`,
  );
  write(
    root,
    'devstack/settings',
    'DESIGNATE_CONF_DIR=/etc/designate\nDESIGNATE_SERVICE_PORT=${DESIGNATE_SERVICE_PORT:-9001}\nenable_service designate designate-api\n',
  );
  const { analysis } = await repoReport(root);
  applyChange(root, deployFix(analysis));
  const plugin = fs.readFileSync(path.join(root, 'devstack/plugin.sh'), 'utf8');
  assert.match(
    plugin,
    / {8}iniset \$DESIGNATE_CONF DEFAULT ssl true\n {4}fi\n {4}write_uwsgi_config "\$DESIGNATE_UWSGI_CONF" "\$DESIGNATE_UWSGI" "\/dns" "" "designate-api"\n\}/,
  );
  assert.match(plugin, / {4}sudo rm -rf \$DESIGNATE_CONF_DIR\n {4}remove_uwsgi_config "\$DESIGNATE_UWSGI_CONF" "designate-api"\n\}/);
  assert.match(plugin, /get_or_create_endpoint "dns" "\$REGION_NAME" "\$DESIGNATE_SERVICE_PROTOCOL:\/\/\$DESIGNATE_SERVICE_HOST\/dns\/"/);
  // The rewritten line quotes its expansions (shellcheck's SC2086 on the line the fix wrote).
  assert.match(plugin, /wait_for_service "\$SERVICE_TIMEOUT" "\$DESIGNATE_SERVICE_PROTOCOL:\/\/\$DESIGNATE_SERVICE_HOST\/dns"; then/);
  assert.match(
    fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8'),
    /^DESIGNATE_UWSGI_CONF=\$DESIGNATE_CONF_DIR\/designate-api-uwsgi\.ini$/m,
  );
  assert.equal(bashN(path.join(root, 'devstack/plugin.sh')).status, 0);
  const after = await repoReport(root);
  assert.equal(after.repo.criteria.devstackUwsgi.met, true);
  assert.deepEqual(
    after.repo.diagnostics.filter((d) => /^WSGI2/.test(d.code)).map((d) => d.code),
    [],
  );
});

test('WSGI201 fix: a 2017-2023 devstack checkout gets the script-path form its write_uwsgi_config takes', async () => {
  const ws = workspaceOf({ designate: 'paste-console-script-standalone' });
  // A devstack checkout of that era, beside the repo: write_uwsgi_config names the socket after the script.
  write(ws, 'devstack/stack.sh', '#!/bin/bash\nsource $TOP_DIR/stackrc\n');
  write(ws, 'devstack/stackrc', 'WSGI_MODE=${WSGI_MODE:-"uwsgi"}\n');
  write(
    ws,
    'devstack/lib/apache',
    'function write_uwsgi_config {\n    local file=$1\n    local wsgi=$2\n    local url=$3\n    local http=$4\n    local name\n    name=$(basename $wsgi)\n    rm -rf $file\n    iniset "$file" uwsgi wsgi-file "$wsgi"\n}\n',
  );
  const wsp = await analyze(ws);
  const designate = wsp.allAnalyses().find((a) => a.model.name === 'designate')!;
  assert.equal(designate.model.uwsgiConfigForm, 'wsgi-file');
  const root = path.join(ws, 'designate');
  applyChange(
    root,
    designate.findings.find((f) => f.code === CODE)?.fixes?.find((x) => x.kind === 'change'),
  );
  const plugin = fs.readFileSync(path.join(root, 'devstack/plugin.sh'), 'utf8');
  assert.match(plugin, /write_uwsgi_config "\$DESIGNATE_UWSGI_CONF" "\$DESIGNATE_UWSGI" "\/designate"\n/);
  assert.match(
    fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8'),
    /^DESIGNATE_UWSGI=\$DEST\/designate\/designate\/wsgi\/api\.py$/m,
  );
  const again = await analyze(ws);
  assert.equal(again.report().repos.find((r) => r.name === 'designate')?.criteria.devstackUwsgi.mode, 'uwsgi');
});

test('WSGI201 fix under a mode switch: its default flips to the branch that runs uwsgi; none for an API with nothing to serve', async () => {
  const root = copyOf('plugin-standalone-fallback-branch');
  const settings = fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8');
  write(root, 'devstack/settings', settings.replace(/ZUN_USE_UWSGI=.*/, 'ZUN_USE_UWSGI=${ZUN_USE_UWSGI:-False}'));
  const { analysis } = await repoReport(root);
  const fix = deployFix(analysis);
  assert.equal(fix?.title, "Make uwsgi devstack's default for zun-api: ZUN_USE_UWSGI defaults to True");
  assert.deepEqual(applyChange(root, fix), ['devstack/settings']);
  assert.match(fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8'), /^ZUN_USE_UWSGI=\$\{ZUN_USE_UWSGI:-True\}$/m);
  const after = await repoReport(root);
  assert.deepEqual([after.repo.criteria.devstackUwsgi.mode, after.repo.criteria.devstackUwsgi.met], ['uwsgi', true]);
  // The trueorfalse form devstack plugins use is rewritten the same way.
  write(root, 'devstack/settings', settings.replace(/ZUN_USE_UWSGI=.*/, 'ZUN_USE_UWSGI=$(trueorfalse False ZUN_USE_UWSGI)'));
  const tf = deployFix((await repoReport(root)).analysis);
  assert.equal(tf?.kind === 'change' && tf.edits[0].newText, 'ZUN_USE_UWSGI=$(trueorfalse True ZUN_USE_UWSGI)');
  const bare = await repoReport(fixture('no-factory-no-paste'));
  assert.equal(deployFix(bare.analysis), undefined);
});
