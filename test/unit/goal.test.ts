import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { copyOf, fixture, write, tempDir } from '../helpers/fixtures';
import { repoReport, analyze } from '../helpers/engine';

test('a compliant repo meets both criteria, with the module and the devstack lines as evidence', async () => {
  const { repo } = await repoReport(fixture('module-path-2025'));
  assert.equal(repo.name, 'watcher');
  assert.equal(repo.criteria.wsgiScripts.met, true);
  assert.deepEqual(
    repo.criteria.wsgiScripts.evidence.map((e) => `${e.file}:${e.line}`),
    // the assignment that builds the app, not the `application = None` placeholder above it
    ['watcher/wsgi/api.py:10'],
  );
  assert.equal(repo.criteria.devstackUwsgi.met, true);
  assert.equal(repo.criteria.devstackUwsgi.mode, 'uwsgi');
  assert.ok(repo.criteria.devstackUwsgi.evidence.some((e) => e.text.startsWith('write_uwsgi_config')));
  assert.deepEqual(
    repo.apiServices.map((s) => [s.name, s.entryPoints.map((e) => `${e.kind} ${e.target}`), s.devstackMode]),
    [['watcher-api', ['module watcher.wsgi.api:application'], 'uwsgi']],
  );
  assert.equal(repo.goals['migrate-from-wsgi-scripts-to-module-paths'].met, true);
});

test('a standalone API fails both criteria and says so with the run_process line', async () => {
  const { repo } = await repoReport(fixture('paste-console-script-standalone'));
  assert.equal(repo.criteria.wsgiScripts.met, false);
  assert.equal(repo.criteria.devstackUwsgi.met, false);
  assert.equal(repo.criteria.devstackUwsgi.mode, 'standalone');
  assert.deepEqual(
    repo.criteria.devstackUwsgi.evidence.map((e) => e.file),
    ['devstack/plugin.sh'],
  );
  assert.match(repo.criteria.devstackUwsgi.evidence[0].text, /^run_process designate-api /);
  assert.equal(repo.goals['deploy-api-in-wsgi'].met, false);
});

test('a repo with no API service has every criterion null', async () => {
  const ws = tempDir('wsgi-goal-');
  write(
    ws,
    'setup.cfg',
    '[metadata]\nname = oslo.config\n\n[entry_points]\nconsole_scripts =\n    oslo-config-generator = oslo_config.generator:main\n',
  );
  const { repo } = await repoReport(ws);
  assert.deepEqual(repo.apiServices, []);
  for (const g of Object.values(repo.goals)) {
    assert.equal(g.met, null);
    for (const c of Object.values(g.criteria)) assert.equal(c.met, null);
  }
});

test('a core service without its own plugin is "unknown" until a devstack checkout is known', async () => {
  const ws = tempDir('wsgi-goal-');
  write(ws, 'nova/setup.cfg', '[metadata]\nname = nova\n\n[entry_points]\nconsole_scripts =\n    nova-api = nova.cmd.api:main\n');
  write(
    ws,
    'nova/nova/wsgi/osapi_compute.py',
    'from nova.api.openstack import wsgi_app\napplication = wsgi_app.init_application("osapi_compute")\n',
  );
  let repo = (await repoReport(path.join(ws, 'nova'))).repo;
  assert.equal(repo.criteria.devstackUwsgi.mode, 'unknown');
  assert.equal(repo.criteria.devstackUwsgi.met, null);

  write(ws, 'devstack/stack.sh', '#!/bin/bash\n');
  write(
    ws,
    'devstack/lib/nova',
    'function start_nova_api {\n    run_process n-api "$(which uwsgi) --procname-prefix nova-api --ini $NOVA_UWSGI_CONF"\n}\nfunction configure_nova {\n    write_uwsgi_config "$NOVA_UWSGI_CONF" "$NOVA_UWSGI" "/compute" "" "nova-api"\n}\n',
  );
  const all = await analyze(ws);
  repo = all.report().repos.find((r) => r.name === 'nova')!;
  assert.equal(repo.criteria.devstackUwsgi.mode, 'uwsgi');
  assert.equal(repo.criteria.devstackUwsgi.met, true);
  assert.deepEqual(
    repo.criteria.devstackUwsgi.evidence.map((e) => [e.repo, e.file, e.line]),
    [
      ['devstack', 'lib/nova', 2],
      ['devstack', 'lib/nova', 5],
    ],
  );
  assert.equal(all.report().devstack?.root, path.join(ws, 'devstack'));
});

test('Zuul jobs that override devstack localrc are reported per job, with ranges', async () => {
  const root = copyOf('module-path-2025');
  write(
    root,
    'zuul.d/jobs.yaml',
    [
      '- job:',
      '    name: watcher-tempest-base',
      '    parent: devstack-tempest',
      '    vars:',
      '      devstack_localrc:',
      '        WATCHER_USE_MOD_WSGI: false',
      '        WSGI_MODE: mod_wsgi',
      '- job:',
      '    name: watcher-grenade',
      '    parent: grenade',
      '    vars:',
      '      grenade_devstack_localrc:',
      '        shared:',
      '          NEUTRON_DEPLOY_MOD_WSGI: true',
      '- job:',
      '    name: watcher-docs',
      '',
    ].join('\n'),
  );
  const { repo } = await repoReport(root);
  assert.deepEqual(
    repo.zuulJobs.map((j) => [
      j.name,
      j.file,
      j.line,
      j.parent,
      j.overrides.map((o) => `${o.scope}:${o.name}=${o.value}@${o.line}:${o.column}`),
    ]),
    [
      [
        'watcher-tempest-base',
        'zuul.d/jobs.yaml',
        2,
        'devstack-tempest',
        ['devstack_localrc:WATCHER_USE_MOD_WSGI=false@6:9', 'devstack_localrc:WSGI_MODE=mod_wsgi@7:9'],
      ],
      ['watcher-grenade', 'zuul.d/jobs.yaml', 9, 'grenade', ['grenade_devstack_localrc.shared:NEUTRON_DEPLOY_MOD_WSGI=true@14:11']],
    ],
  );
  assert.equal(repo.criteria.devstackUwsgi.mode, 'uwsgi', 'the criteria judge devstack defaults; jobs are reported beside them');
});

test('an Apache site that serves files (ironic iPXE) is not the API under mod_wsgi, even beside an unused mod_wsgi template', async () => {
  const root = copyOf('paste-console-script-standalone');
  write(
    root,
    'devstack/settings',
    'DESIGNATE_USE_MOD_WSGI=$(trueorfalse False DESIGNATE_USE_MOD_WSGI)\nenable_service designate designate-api\n',
  );
  write(
    root,
    'devstack/plugin.sh',
    `#!/bin/bash
function configure_designate {
    if [[ "$DESIGNATE_USE_MOD_WSGI" == "True" ]]; then
        sudo cp $DESIGNATE_DIR/devstack/files/apache-designate-api.template $(apache_site_config_for designate-api)
        enable_apache_site designate-api
    fi
    # Boot images over HTTP, served by Apache as files.
    sudo cp $DESIGNATE_DIR/devstack/files/apache-ipxe-designate.template $(apache_site_config_for ipxe-designate)
    enable_apache_site ipxe-designate
}

function start_designate {
    if [[ "$DESIGNATE_USE_MOD_WSGI" != "True" ]]; then
        run_process designate-api "$DESIGNATE_BIN_DIR/designate-api --config-file $DESIGNATE_CONF"
    fi
}

if [[ "$1" == "stack" && "$2" == "post-config" ]]; then
    configure_designate
elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
    start_designate
fi
`,
  );
  write(
    root,
    'devstack/files/apache-designate-api.template',
    '<VirtualHost *:9001>\n    WSGIDaemonProcess designate-api\n    WSGIScriptAlias / /usr/local/bin/designate-api-wsgi\n</VirtualHost>\n',
  );
  write(
    root,
    'devstack/files/apache-ipxe-designate.template',
    'Listen 3928\n<VirtualHost *:3928>\n    DocumentRoot "%HTTPROOT%"\n</VirtualHost>\n',
  );
  const { repo } = await repoReport(root);
  assert.equal(repo.criteria.devstackUwsgi.mode, 'standalone');
});
