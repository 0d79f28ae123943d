import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { tempDir, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

// Shapes met in real plugins (2016–2026), each reduced to the construct the engine must read right.
function plugin(
  files: Record<string, string>,
  cfg = '[metadata]\nname = zaqar\n\n[entry_points]\nconsole_scripts =\n    zaqar-api = zaqar.cmd.api:main\n',
) {
  const root = tempDir();
  write(root, 'setup.cfg', cfg);
  write(root, 'zaqar/wsgi/__init__.py', '');
  write(root, 'zaqar/wsgi/api.py', 'application = None\n');
  for (const [rel, text] of Object.entries(files)) write(root, rel, text);
  return root;
}

test('a quoted default (${X:-"uwsgi"}) is unquoted before it is compared', async () => {
  const root = plugin({
    'devstack/settings': 'ZAQAR_WSGI_MODE=${ZAQAR_WSGI_MODE:-"uwsgi"}\n',
    'devstack/plugin.sh':
      'if [[ "$ZAQAR_WSGI_MODE" == "uwsgi" ]]; then\n    write_uwsgi_config "$C" "zaqar.wsgi.api:application" "/messaging" "" "zaqar-api"\n    run_process zaqar-api "$(which uwsgi) --procname-prefix zaqar-api --ini $C"\nelse\n    install_apache_wsgi\n    enable_apache_site zaqar-api\nfi\n',
    'devstack/files/apache-zaqar.template': 'WSGIScriptAlias / %WSGI%\n',
  });
  assert.equal((await repoReport(root)).repo.criteria.devstackUwsgi.mode, 'uwsgi');
});

test('an if-test is decided on entry: an assignment inside cannot flip it; unset names are empty', async () => {
  const root = plugin({
    'devstack/settings': 'ZAQAR_DEPLOY=${ZAQAR_DEPLOY}\nENABLE_HTTPD_MOD_WSGI_SERVICES=True\n',
    'devstack/plugin.sh': [
      'if [ -z "$ZAQAR_DEPLOY" ]; then',
      '    ZAQAR_DEPLOY=simple',
      '    if [ "$ENABLE_HTTPD_MOD_WSGI_SERVICES" == "True" ]; then',
      '        ZAQAR_DEPLOY=mod_wsgi',
      '    fi',
      'fi',
      'function start_zaqar {',
      '    if [[ "$ZAQAR_DEPLOY" == "mod_wsgi" ]]; then',
      '        enable_apache_site zaqar',
      '    else',
      '        run_process zaqar-api "$ZAQAR_BIN_DIR/zaqar-api"',
      '    fi',
      '}',
    ].join('\n'),
    'devstack/apache-zaqar.template': '<VirtualHost *:80>\n    WSGIDaemonProcess zaqar\n</VirtualHost>\n',
  });
  const { repo } = await repoReport(root);
  assert.equal(repo.criteria.devstackUwsgi.mode, 'mod_wsgi');
  assert.ok(repo.criteria.devstackUwsgi.evidence.some((e) => e.text === 'enable_apache_site zaqar'));
});

test('uwsgi serving HTTP itself (iniset … uwsgi http) is not behind Apache; a ProxyPass to its socket is', async () => {
  const run = 'run_process zaqar-api "$(which uwsgi) --ini $ZAQAR_UWSGI_CONF"\n';
  const alone = plugin({ 'devstack/plugin.sh': `iniset $ZAQAR_UWSGI_CONF uwsgi http $ZAQAR_SERVICE_HOST:8888\n${run}` });
  assert.equal((await repoReport(alone)).repo.criteria.devstackUwsgi.mode, 'uwsgi-no-apache');
  const proxied = plugin({
    'devstack/plugin.sh': `iniset $ZAQAR_UWSGI_CONF uwsgi socket /var/run/uwsgi/zaqar.socket\n${run}enable_apache_site zaqar-api\n`,
    'devstack/files/apache-zaqar.conf': 'ProxyPass "/messaging" "unix:/var/run/uwsgi/zaqar.socket|uwsgi://uwsgi-uds-zaqar/" retry=0\n',
  });
  assert.equal((await repoReport(proxied)).repo.criteria.devstackUwsgi.mode, 'uwsgi');
  const vassal = plugin({
    'devstack/plugin.sh': 'run_process zaqar-svc "$(which uwsgi) --master --emperor $ZAQAR_CONF_DIR/vassals"\n',
    'etc/zaqar/vassals/zaqar-api.ini': '[uwsgi]\nsocket = :8888\nprotocol = http\n',
  });
  assert.equal((await repoReport(vassal)).repo.criteria.devstackUwsgi.mode, 'uwsgi-no-apache');
});

test('the program of a run_process is found past cd … &&, interpreters and sudo', async () => {
  for (const cmd of [
    'cd $ZAQAR_DIR && $ZAQAR_BIN_DIR/zaqar-api --config-file $C',
    'python $ZAQAR_BIN_DIR/zaqar-api',
    'sudo -E $ZAQAR_BIN_DIR/zaqar-api',
  ]) {
    const root = plugin({ 'devstack/plugin.sh': `screen_it zaqar-a "${cmd}"\n` });
    assert.equal((await repoReport(root)).repo.criteria.devstackUwsgi.mode, 'standalone', cmd);
  }
});

test('API services from wsgi.py modules and .wsgi files; -manage and -status scripts are not APIs', async () => {
  const root = tempDir();
  write(
    root,
    'setup.cfg',
    '[metadata]\nname = freezer-api\n\n[entry_points]\nconsole_scripts =\n    freezer-api = freezer_api.cmd.api:main\n    freezer-manage = freezer_api.cmd.manage:main\n    freezer-status = freezer_api.cmd.status:main\n',
  );
  write(root, 'freezer_api/wsgi.py', 'from freezer_api import service\napplication = service.initialize_app()\n');
  const { repo } = await repoReport(root);
  assert.deepEqual(
    repo.apiServices.map((s) => [s.name, s.entryPoints.map((e) => e.target)]),
    [['freezer-api', ['freezer_api.wsgi:application']]],
  );
  assert.equal(repo.criteria.wsgiScripts.met, true);

  const legacy = tempDir();
  write(
    legacy,
    'setup.cfg',
    '[metadata]\nname = barbican\n\n[entry_points]\nconsole_scripts =\n    barbican-manage = barbican.cmd.barbican_manage:main\n',
  );
  write(legacy, 'barbican/api/app.wsgi', 'from barbican.api import app\napplication = app.create_main_app()\n');
  const b = (await repoReport(legacy)).repo;
  assert.deepEqual(
    b.apiServices.map((s) => [s.name, s.entryPoints.map((e) => e.kind)]),
    [['barbican-api', ['wsgi-file']]],
  );
  assert.equal(b.criteria.wsgiScripts.met, true);
});

test('<project>-server outside a cmd module is the API; a unit the plugin copies from etc/systemd runs it standalone', async () => {
  const root = tempDir();
  write(
    root,
    'setup.cfg',
    '[metadata]\nname = tacker\n\n[entry_points]\nconsole_scripts =\n    tacker-server = tacker.server:main\n    tacker-conductor = tacker.conductor.conductor_server:main\n',
  );
  write(
    root,
    'etc/systemd/system/tacker.service',
    '[Service]\nExecStart=/usr/local/bin/tacker-server --config-file /etc/tacker/tacker.conf\n',
  );
  write(root, 'etc/systemd/system/tacker-unused.service', '[Service]\nExecStart=/usr/local/bin/tacker-server\n');
  write(
    root,
    'devstack/plugin.sh',
    'function start_tacker {\n    sudo cp $TACKER_DIR/etc/systemd/system/tacker.service /etc/systemd/system/devstack@tacker.service\n    sudo systemctl restart devstack@tacker.service\n}\n',
  );
  const { repo } = await repoReport(root);
  assert.deepEqual(
    repo.apiServices.map((s) => `${s.name}:${s.devstackMode}`),
    ['tacker-server:standalone'],
  );
  assert.deepEqual(
    repo.criteria.devstackUwsgi.evidence.map((e) => e.file),
    ['etc/systemd/system/tacker.service'],
    'only the unit the plugin installs',
  );
});

test('a uwsgi ini in the repo that names another callable makes that module an entry point', async () => {
  const root = tempDir();
  write(
    root,
    'setup.cfg',
    '[metadata]\nname = cloudkitty\n\n[entry_points]\nconsole_scripts =\n    cloudkitty-api = cloudkitty.cmd.api:main\n',
  );
  write(root, 'cloudkitty/api/app.py', 'def build():\n    pass\n\napp = build()\n');
  write(root, 'etc/cloudkitty/cloudkitty-uwsgi.ini', '[uwsgi]\nmodule = cloudkitty.api.app\ncallable = app\nmaster = true\n');
  const { repo } = await repoReport(root);
  assert.deepEqual(
    repo.apiServices[0].entryPoints.map((e) => `${e.kind} ${e.target} ${e.file}:${e.line}`),
    ['module cloudkitty.api.app:app cloudkitty/api/app.py:4'],
  );
  assert.equal(repo.criteria.wsgiScripts.met, true);
  write(root, 'etc/cloudkitty/cloudkitty-uwsgi.ini', '[uwsgi]\nmodule = cloudkitty.api.app\ncallable = missing\n');
  assert.equal((await repoReport(root)).repo.criteria.wsgiScripts.met, false, 'a callable the module does not bind serves nothing');
});

test('two API scripts with one target are one service, deployed under either name', async () => {
  const root = tempDir();
  write(
    root,
    'setup.cfg',
    '[metadata]\nname = blazar\n\n[entry_points]\nconsole_scripts =\n    climate-api=climate.cmd.api:main\n    blazar-api=climate.cmd.api:main\n',
  );
  write(root, 'devstack/plugin.sh', 'screen_it blazar-a "cd $BLAZAR_DIR && $BLAZAR_BIN_DIR/blazar-api --config-file $BLAZAR_CONF_FILE"\n');
  const { repo } = await repoReport(root);
  assert.deepEqual(
    repo.apiServices.map((s) => `${s.name}:${s.devstackMode}`),
    ['climate-api:standalone'],
  );
  assert.equal(repo.criteria.devstackUwsgi.mode, 'standalone');
});
