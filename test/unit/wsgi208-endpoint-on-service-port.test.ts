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

test('WSGI208 reads URLs as the default path builds them: per-branch values, values set again, the standalone branch', async () => {
  // The shapes of cyborg (a URL per mode in settings), manila (a URL set again once uwsgi is chosen),
  // zun (a local URL per branch) and masakari (an endpoint in the standalone branch): all right by default.
  const root = copyOf('plugin-uwsgi-2018-script-path');
  write(
    root,
    'devstack/settings',
    read(root, 'devstack/settings') +
      [
        'ZUN_USE_UWSGI=${ZUN_USE_UWSGI:-True}',
        'ZUN_ENDPOINT_BASE=$ZUN_SERVICE_PROTOCOL://$ZUN_SERVICE_HOST:$ZUN_SERVICE_PORT',
        'ZUN_ENDPOINT_BASE=$ZUN_SERVICE_PROTOCOL://$ZUN_SERVICE_HOST/container',
        'if [[ "$ZUN_USE_UWSGI" == "True" ]]; then',
        '    ZUN_API_URL="$ZUN_SERVICE_PROTOCOL://$ZUN_SERVICE_HOST/container"',
        'else',
        '    ZUN_API_URL="$ZUN_SERVICE_PROTOCOL://$ZUN_SERVICE_HOST:$ZUN_SERVICE_PORT"',
        'fi',
        '',
      ].join('\n'),
  );
  write(
    root,
    'devstack/lib/zun',
    read(root, 'devstack/lib/zun')
      .replace(
        / {4}get_or_create_endpoint "container"[^\n]*\n[^\n]*\n/,
        [
          '    get_or_create_endpoint "container" "$REGION_NAME" "$ZUN_API_URL/v1"',
          '    get_or_create_endpoint "container-base" "$REGION_NAME" "$ZUN_ENDPOINT_BASE/v1"',
          '    if [ "$ZUN_USE_UWSGI" == "False" ]; then',
          '        get_or_create_endpoint "container-legacy" "$REGION_NAME" "$ZUN_SERVICE_PROTOCOL://$ZUN_SERVICE_HOST:$ZUN_SERVICE_PORT/v1"',
          '    fi',
          '',
        ].join('\n'),
      )
      .replace(
        / {4}if ! wait_for_service \$SERVICE_TIMEOUT [^;]*;/,
        [
          '    local zun_url',
          '    if [[ "$ZUN_USE_UWSGI" == "True" ]]; then',
          '        zun_url=$ZUN_SERVICE_PROTOCOL://$ZUN_SERVICE_HOST/container',
          '    else',
          '        zun_url=$ZUN_SERVICE_PROTOCOL://$ZUN_SERVICE_HOST:$ZUN_SERVICE_PORT',
          '    fi',
          '    if ! wait_for_service $SERVICE_TIMEOUT $zun_url;',
        ].join('\n'),
      ),
  );
  assert.deepEqual(await of(root), []);

  // The same plugin with the toggle off by default: uwsgi is not what the defaults deploy, so no write proxies the API.
  write(root, 'devstack/settings', read(root, 'devstack/settings').replace('${ZUN_USE_UWSGI:-True}', '${ZUN_USE_UWSGI:-False}'));
  write(
    root,
    'devstack/lib/zun',
    read(root, 'devstack/lib/zun').replace(
      '    write_uwsgi_config "$ZUN_UWSGI_CONF" "$ZUN_UWSGI" "/container"',
      '    if [[ "$ZUN_USE_UWSGI" == "True" ]]; then\n        write_uwsgi_config "$ZUN_UWSGI_CONF" "$ZUN_UWSGI" "/container"\n    fi',
    ),
  );
  assert.deepEqual(await of(root), []);
});
