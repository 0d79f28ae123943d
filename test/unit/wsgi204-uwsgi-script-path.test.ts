import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const CODE = 'WSGI204';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);
const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');

test('WSGI204 follows the wsgi argument through the plugin settings to a script path', async () => {
  const root = fixture('plugin-uwsgi-2018-script-path');
  const d = await of(root);
  const lib = read(root, 'devstack/lib/zun');
  const at = lineOf(lib, 'write_uwsgi_config');
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [['devstack/lib/zun', at + 1, 'warning']],
  );
  assert.equal(d[0].column, lib.split('\n')[at].indexOf('"$ZUN_UWSGI"') + 1, 'the wsgi argument');
  assert.match(
    d[0].message,
    /^write_uwsgi_config is given the script path "\$ZUN_BIN_DIR\/zun-api-wsgi" \(ZUN_UWSGI, devstack\/settings line 4\), not a module path/,
  );
  assert.match(d[0].message, /deprecated wsgi-file/);
  assert.match(d[0].message, /pass a module path such as zun\.wsgi\.api:application/);
});

test('WSGI204 reads literal paths, branch-dependent values and write_local_uwsgi_http_config; unknown variables are left alone', async () => {
  const root = copyOf('plugin-standalone-fallback-branch');
  write(
    root,
    'devstack/lib/more',
    [
      'if [[ "$ZUN_USE_MODULE" == "True" ]]; then',
      '    ZUN_ADMIN_UWSGI=zun.wsgi.admin:application',
      'else',
      '    ZUN_ADMIN_UWSGI=$ZUN_BIN_DIR/zun-admin-wsgi',
      'fi',
      'function configure_more {',
      '    write_uwsgi_config "$ZUN_A_CONF" /usr/local/bin/zun-api-wsgi "/container" "" "zun-a"',
      '    write_uwsgi_config "$ZUN_B_CONF" "$ZUN_ADMIN_UWSGI" "/container-admin" "" "zun-b"',
      '    write_local_uwsgi_http_config "$ZUN_C_CONF" "$ZUN_BIN_DIR/zun-c-wsgi" "/container-c" "zun-c"',
      '    write_uwsgi_config "$ZUN_D_CONF" "$NOVA_UWSGI" "/compute" "" "zun-d"',
      '}',
      '',
    ].join('\n'),
  );
  const d = (await of(root)).filter((x) => x.file === 'devstack/lib/more');
  assert.deepEqual(
    d.map((x) => x.line),
    [7, 8, 9],
  );
  assert.match(d[0].message, /script path "\/usr\/local\/bin\/zun-api-wsgi"/);
  assert.match(d[1].message, /script path "\$ZUN_BIN_DIR\/zun-admin-wsgi" \(ZUN_ADMIN_UWSGI, devstack\/lib\/more line 4\)/);
  assert.match(d[2].message, /^write_local_uwsgi_http_config is given the script path/);
});

test('WSGI204 stays quiet on module paths', async () => {
  for (const name of [
    'module-path-2025',
    'plugin-uwsgi-compliant-2025',
    'plugin-module-path-no-name',
    'plugin-standalone-fallback-branch',
  ]) {
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
