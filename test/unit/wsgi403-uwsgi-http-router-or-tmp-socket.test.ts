import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyOf, fixture, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const CODE = 'WSGI403';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);

test('WSGI403 fires on http = behind an Apache ProxyPass and on a socket under /tmp', async () => {
  const d = await of(fixture('httpd-uwsgi-samples-2017'));
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [
      ['etc/uwsgi/keystone-api-uwsgi.ini', 8, 'information'],
      ['httpd/keystone-uwsgi-admin.ini', 4, 'information'],
    ],
  );
  assert.match(
    d[0].message,
    /^socket = \/tmp\/keystone-api\.socket in etc\/uwsgi\/keystone-api-uwsgi\.ini puts the socket under \/tmp: Apache runs with a private \/tmp/,
  );
  assert.match(
    d[1].message,
    /^http = 127\.0\.0\.1:35358 in httpd\/keystone-uwsgi-admin\.ini starts uwsgi's own HTTP router process, yet Apache already proxies to it \(httpd\/uwsgi-keystone\.conf line 3\)/,
  );
  assert.match(d[1].message, /use http-socket = 127\.0\.0\.1:35358/);
});

test('WSGI403 leaves http = alone when nothing proxies to it, and sees write_local_proxy_http_config', async () => {
  const root = copyOf('plugin-uwsgi-compliant-2025');
  write(root, 'httpd/masakari-api-uwsgi.ini', '[uwsgi]\nmodule = masakari.wsgi.api:application\nhttp = 0.0.0.0:15869\n');
  assert.deepEqual(await of(root), []);
  write(
    root,
    'devstack/lib/proxy',
    'function masakari_proxy {\n    write_local_proxy_http_config masakari-api "http://$SERVICE_HOST:15869" "/instance-ha"\n}\n',
  );
  const d = await of(root);
  assert.deepEqual(
    d.map((x) => [x.file, x.line]),
    [['httpd/masakari-api-uwsgi.ini', 3]],
  );
  assert.match(d[0].message, /write_local_proxy_http_config, devstack\/lib\/proxy line 2/);
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
      );
  }
});
