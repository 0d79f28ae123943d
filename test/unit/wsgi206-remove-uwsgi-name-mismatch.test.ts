import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const CODE = 'WSGI206';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);
const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');

test('WSGI206 fires on a module path or a script path given to remove_uwsgi_config', async () => {
  const mod = fixture('plugin-module-path-no-name');
  const d1 = await of(mod);
  const lib1 = read(mod, 'devstack/lib/watcher');
  const at1 = lineOf(lib1, 'remove_uwsgi_config');
  assert.deepEqual(
    d1.map((x) => [x.file, x.line, x.column, x.severity]),
    [['devstack/lib/watcher', at1 + 1, lib1.split('\n')[at1].indexOf('"$WATCHER_UWSGI"') + 1, 'warning']],
  );
  assert.match(
    d1[0].message,
    /^remove_uwsgi_config \$WATCHER_UWSGI_CONF passes the module path \$WATCHER_UWSGI \(= watcher\.wsgi\.api:application\) instead of an application name/,
  );
  assert.match(d1[0].message, /matches the site only because write_uwsgi_config has no name either/);
  assert.match(d1[0].message, /e\.g\. "watcher-api"/);

  const script = fixture('plugin-uwsgi-2018-script-path');
  const d2 = await of(script);
  assert.deepEqual(
    d2.map((x) => [x.file, x.line]),
    [['devstack/lib/zun', lineOf(read(script, 'devstack/lib/zun'), 'remove_uwsgi_config') + 1]],
  );
  assert.match(d2[0].message, /passes the script path \$ZUN_UWSGI \(= \$ZUN_BIN_DIR\/zun-api-wsgi\): devstack deprecated paths here/);
});

test('WSGI206 fires when the name differs from the write_uwsgi_config name, or is missing', async () => {
  const root = copyOf('plugin-uwsgi-compliant-2025');
  const plugin = read(root, 'devstack/plugin.sh');
  write(
    root,
    'devstack/plugin.sh',
    plugin.replace(
      'remove_uwsgi_config "$MASAKARI_UWSGI_CONF" "masakari-api"',
      'remove_uwsgi_config "$MASAKARI_UWSGI_CONF" "masakari-wsgi-api"',
    ),
  );
  const d = await of(root);
  assert.equal(d.length, 1);
  assert.match(
    d[0].message,
    /^remove_uwsgi_config \$MASAKARI_UWSGI_CONF disables the site "masakari-wsgi-api", but write_uwsgi_config named it "masakari-api": that Apache site stays enabled after clean\.sh/,
  );

  write(
    root,
    'devstack/plugin.sh',
    plugin.replace('remove_uwsgi_config "$MASAKARI_UWSGI_CONF" "masakari-api"', 'remove_uwsgi_config "$MASAKARI_UWSGI_CONF"'),
  );
  const none = await of(root);
  assert.equal(none.length, 1);
  assert.match(none[0].message, /passes no name: the Apache site "masakari-api" written by write_uwsgi_config stays enabled/);
});

test('WSGI206 stays quiet when both calls use the same name', async () => {
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
