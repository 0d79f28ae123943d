import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { applyChange, repoReport } from '../helpers/engine';

const CODE = 'WSGI202';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);
const line = (root: string, file: string, needle: string) => lineOf(fs.readFileSync(path.join(root, file), 'utf8'), needle) + 1;

test('WSGI202 is an error on install_apache_wsgi, the mod_wsgi template and a heredoc site when the default path is mod_wsgi', async () => {
  const root = copyOf('plugin-mod-wsgi-branch');
  const settings = fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8');
  write(root, 'devstack/settings', settings.replace('${DESIGNATE_WSGI_MODE:-uwsgi}', '${DESIGNATE_WSGI_MODE:-mod_wsgi}'));
  const { repo } = await repoReport(root);
  const d = repo.diagnostics.filter((x) => x.code === CODE);
  const tpl = 'devstack/files/apache-designate-api.template';
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [
      [tpl, line(root, tpl, 'WSGIDaemonProcess'), 'error'],
      ['devstack/lib/wsgi', line(root, 'devstack/lib/wsgi', 'install_apache_wsgi'), 'error'],
      ['devstack/lib/wsgi', line(root, 'devstack/lib/wsgi', 'WSGIDaemonProcess'), 'error'],
    ],
  );
  assert.equal(repo.criteria.devstackUwsgi.mode, 'mod_wsgi', 'the verdict and the diagnostics say the same');
  assert.match(d[0].message, /^devstack\/files\/apache-designate-api\.template configures Apache mod_wsgi \(WSGIDaemonProcess\)/);
  assert.match(d[0].message, /uwsgi with Apache only as a proxy/);
  assert.deepEqual([d[0].column, d[0].endColumn], [5, 22], 'the directive, not the whole file');
  assert.match(d[1].message, /^install_apache_wsgi installs Apache mod_wsgi/);
  assert.match(d[2].message, /^devstack\/lib\/wsgi writes an Apache mod_wsgi site \(WSGIDaemonProcess\)/);
});

test('WSGI202 is information on a mod_wsgi branch the defaults do not take, and on the template only it installs', async () => {
  const root = fixture('plugin-mod-wsgi-branch');
  const { repo } = await repoReport(root);
  const d = repo.diagnostics.filter((x) => x.code === CODE);
  assert.deepEqual(
    d.map((x) => x.severity),
    ['information', 'information', 'information'],
  );
  assert.equal(repo.criteria.devstackUwsgi.mode, 'uwsgi');
  assert.match(d[1].message, /\(off devstack's default path: /);
});

test('WSGI202 names the mode branch, reports echoed directives line by line and skips comments', async () => {
  const root = copyOf('plugin-mod-wsgi-branch');
  write(
    root,
    'devstack/lib/extra',
    [
      'function designate_install {',
      '    if [[ "$DESIGNATE_WSGI_MODE" == "mod_wsgi" ]]; then',
      '        install_apache_wsgi',
      '    fi',
      '    # WSGIScriptAlias / $DESIGNATE_BIN_DIR/designate-api-wsgi (old)',
      '    echo "WSGIScriptAlias /dns $DESIGNATE_BIN_DIR/designate-api-wsgi" >> $site',
      '}',
      '',
    ].join('\n'),
  );
  const d = (await of(root)).filter((x) => x.file === 'devstack/lib/extra');
  assert.deepEqual(
    d.map((x) => x.line),
    [3, 6],
  );
  assert.match(
    d[0].message,
    /\(off devstack's default path: \[\[ "\$DESIGNATE_WSGI_MODE" == "mod_wsgi" \]\] is true, but the defaults make it false\)/,
  );
  assert.match(d[1].message, /writes an Apache mod_wsgi site \(WSGIScriptAlias\)/);
});

test('WSGI202 stays quiet on uwsgi-only plugins and Apache proxy configs', async () => {
  for (const name of ['module-path-2025', 'plugin-uwsgi-compliant-2025', 'plugin-standalone-fallback-branch']) {
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
      );
  }
});

test('WSGI202 on install_apache_wsgi with no mod_wsgi site says nothing hosts the API in Apache', async () => {
  // ironic: the API under uwsgi, Apache serving boot images, and a leftover install_apache_wsgi.
  const root = copyOf('plugin-uwsgi-compliant-2025');
  write(root, 'devstack/lib/images', 'function install_images {\n    install_apache_wsgi\n}\ninstall_images\n');
  const d = (await of(root)).filter((x) => x.file === 'devstack/lib/images');
  assert.deepEqual(
    d.map((x) => [x.line, x.severity]),
    [[2, 'information']],
  );
  assert.match(d[0].message, /^install_apache_wsgi installs Apache mod_wsgi, which no Apache site of the plugin uses: /);
  assert.doesNotMatch(d[0].message, /to host the API/);
});

test('WSGI202 fix: where the mode switch defaults to mod_wsgi, one edit makes its default the uwsgi branch the plugin has', async () => {
  const root = copyOf('plugin-mod-wsgi-branch');
  const settings = fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8');
  write(root, 'devstack/settings', settings.replace('${DESIGNATE_WSGI_MODE:-uwsgi}', '${DESIGNATE_WSGI_MODE:-mod_wsgi}'));
  const { analysis, repo } = await repoReport(root);
  assert.equal(repo.criteria.devstackUwsgi.mode, 'mod_wsgi');
  const errors = analysis.findings.filter((f) => f.code === 'WSGI202' && f.severity === 'error');
  assert.ok(errors.length);
  const fix = errors[0].fixes?.[0];
  assert.equal(fix?.title, "Make uwsgi devstack's default for designate-api: DESIGNATE_WSGI_MODE defaults to uwsgi");
  applyChange(root, fix);
  assert.match(fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8'), /^DESIGNATE_WSGI_MODE=\$\{DESIGNATE_WSGI_MODE:-uwsgi\}$/m);
  const after = await repoReport(root);
  assert.deepEqual([after.repo.criteria.devstackUwsgi.mode, after.repo.criteria.devstackUwsgi.met], ['uwsgi', true]);
  assert.deepEqual(
    after.repo.diagnostics.filter((d) => d.code === 'WSGI202' && d.severity === 'error'),
    [],
    'the mod_wsgi branch left behind its named switch is information, not an error',
  );
});

test('WSGI202 fix: a switch between mod_wsgi and standalone gets its standalone start under uwsgi and defaults to it', async () => {
  const root = copyOf('paste-console-script-standalone');
  write(root, 'devstack/settings', 'DESIGNATE_USE_MOD_WSGI=${DESIGNATE_USE_MOD_WSGI:-True}\nenable_service designate designate-api\n');
  write(
    root,
    'devstack/plugin.sh',
    `#!/bin/bash
function configure_designate {
    if [ "$DESIGNATE_USE_MOD_WSGI" == "True" ]; then
        install_apache_wsgi
        sudo cp $DESIGNATE_DIR/devstack/files/apache-designate.template $(apache_site_config_for designate-api)
        enable_apache_site designate-api
    fi
}

function start_designate {
    if [ "$DESIGNATE_USE_MOD_WSGI" == "True" ]; then
        restart_apache_server
    else
        run_process designate-api "$DESIGNATE_BIN_DIR/designate-api --config-file $DESIGNATE_CONF"
    fi
}

if is_service_enabled designate; then
    if [[ "$1" == "stack" && "$2" == "post-config" ]]; then
        configure_designate
    elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
        start_designate
    fi
fi
`,
  );
  write(
    root,
    'devstack/files/apache-designate.template',
    'Listen 9001\n<VirtualHost *:9001>\n    WSGIDaemonProcess designate-api\n    WSGIScriptAlias / /usr/local/bin/designate-api-wsgi\n</VirtualHost>\n',
  );
  const { analysis, repo } = await repoReport(root);
  assert.equal(repo.criteria.devstackUwsgi.mode, 'mod_wsgi');
  const fix = analysis.findings.find((f) => f.code === 'WSGI202' && f.severity === 'error')?.fixes?.[0];
  assert.equal(fix?.title, 'Deploy designate-api under uwsgi behind Apache in devstack (DESIGNATE_USE_MOD_WSGI defaults to False)');
  applyChange(root, fix);
  const plugin = fs.readFileSync(path.join(root, 'devstack/plugin.sh'), 'utf8');
  // In the switch's branch, so the mod_wsgi mode it keeps never writes the uwsgi site.
  assert.match(
    plugin,
    / {4}else\n {8}write_uwsgi_config "\$DESIGNATE_UWSGI_CONF" "\$DESIGNATE_UWSGI" "\/designate" "" "designate-api"\n {8}run_process designate-api "\$\(which uwsgi\) --procname-prefix designate-api --ini \$DESIGNATE_UWSGI_CONF"\n {4}fi/,
  );
  assert.match(
    fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8'),
    /^DESIGNATE_USE_MOD_WSGI=\$\{DESIGNATE_USE_MOD_WSGI:-False\}$/m,
  );
  assert.equal(spawnSync('bash', ['-n', path.join(root, 'devstack/plugin.sh')]).status, 0);
  const after = await repoReport(root);
  assert.deepEqual([after.repo.criteria.devstackUwsgi.mode, after.repo.criteria.devstackUwsgi.met], ['uwsgi', true]);
  assert.deepEqual(
    after.repo.diagnostics.filter((d) => /^WSGI2/.test(d.code) && d.severity === 'error'),
    [],
  );
});
