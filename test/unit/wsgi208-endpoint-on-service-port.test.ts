import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const CODE = 'WSGI208';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);
const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');

test('WSGI208 fires on the endpoint and the health check still on $X_SERVICE_PORT once the API sits behind Apache', async () => {
  const root = fixture('plugin-uwsgi-2018-script-path');
  const lib = read(root, 'devstack/lib/zun');
  const d = await of(root);
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [
      ['devstack/lib/zun', lineOf(lib, '"$ZUN_SERVICE_PROTOCOL://$ZUN_SERVICE_HOST:$ZUN_SERVICE_PORT/v1"') + 1, 'warning'],
      ['devstack/lib/zun', lineOf(lib, 'wait_for_service') + 1, 'warning'],
    ],
  );
  assert.match(
    d[0].message,
    /^get_or_create_endpoint registers the catalog endpoint on :\$ZUN_SERVICE_PORT, but write_uwsgi_config \(devstack\/lib\/zun line \d+\) puts the API behind Apache at \/container/,
  );
  assert.match(d[0].message, /use \$ZUN_SERVICE_PROTOCOL:\/\/\$ZUN_SERVICE_HOST\/container\.$/);
  assert.match(d[1].message, /^wait_for_service waits for the API on :\$ZUN_SERVICE_PORT/);
});

test("WSGI208 follows URLs built in variables, and ignores other services' ports and http-bound uwsgi", async () => {
  const root = copyOf('plugin-uwsgi-compliant-2025');
  write(
    root,
    'devstack/lib/check',
    [
      'function check_masakari {',
      '    local masakari_url=$MASAKARI_SERVICE_PROTOCOL://$MASAKARI_SERVICE_HOST:${MASAKARI_SERVICE_PORT}',
      '    wait_for_service $SERVICE_TIMEOUT $masakari_url',
      '    wait_for_service $SERVICE_TIMEOUT $KEYSTONE_SERVICE_PROTOCOL://$KEYSTONE_SERVICE_HOST:$KEYSTONE_SERVICE_PORT',
      // A sibling service of the same project, still serving on its own port (murano-cfapi).
      '    wait_for_service $SERVICE_TIMEOUT $MASAKARI_SERVICE_PROTOCOL://$MASAKARI_SERVICE_HOST:$MASAKARI_CFAPI_SERVICE_PORT',
      '}',
      '',
    ].join('\n'),
  );
  const d = (await of(root)).filter((x) => x.file === 'devstack/lib/check');
  assert.deepEqual(
    d.map((x) => x.line),
    [3],
  );
  assert.match(
    d[0].message,
    /on :\$MASAKARI_SERVICE_PORT, but write_uwsgi_config \(devstack\/plugin\.sh line \d+\) puts the API behind Apache at \/instance-ha/,
  );

  // uwsgi bound to the port itself (the <http> argument): the port is right.
  const plugin = read(root, 'devstack/plugin.sh');
  write(
    root,
    'devstack/plugin.sh',
    plugin.replace('"/instance-ha" "" "masakari-api"', '"/instance-ha" "$SERVICE_LISTEN_ADDRESS:$MASAKARI_SERVICE_PORT" "masakari-api"'),
  );
  assert.deepEqual(await of(root), []);
});

test('WSGI208 stays quiet on path-based endpoints', async () => {
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
