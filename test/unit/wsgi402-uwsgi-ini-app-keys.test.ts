import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyOf, fixture, write } from '../helpers/fixtures';
import { repoReport, withFix } from '../helpers/engine';

const CODE = 'WSGI402';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);

test('WSGI402 fires on no app key, on two app keys and on wsgi-file', async () => {
  const d = await of(fixture('httpd-uwsgi-samples-2017'));
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [
      ['etc/uwsgi/keystone-api-uwsgi.ini', 1, 'warning'],
      ['httpd/keystone-uwsgi-admin.ini', 3, 'warning'],
      ['httpd/keystone-uwsgi-admin.ini', 3, 'warning'],
      ['httpd/keystone-uwsgi-public.ini', 4, 'warning'],
    ],
  );
  assert.match(
    d[0].message,
    /^\[uwsgi\] in etc\/uwsgi\/keystone-api-uwsgi\.ini names no application \(no module or wsgi-file\): uwsgi starts without the API; add module = keystone\.wsgi\.api:application\.$/,
  );
  assert.match(
    d[1].message,
    /names the application 2 times \(module = keystone\.wsgi\.api:application; wsgi-file = \/usr\/local\/bin\/keystone-wsgi-admin\)/,
  );
  assert.match(
    d[2].message,
    /^wsgi-file = \/usr\/local\/bin\/keystone-wsgi-admin in httpd\/keystone-uwsgi-admin\.ini loads the API from a script file/,
  );
  assert.match(d[3].message, /2025\.2 goal replaces them with module paths; use module = keystone\.wsgi\.api:application\.$/);
});

test("WSGI402 suggests the repo's own WSGI module and treats file as wsgi-file", async () => {
  const root = copyOf('plugin-uwsgi-compliant-2025');
  write(
    root,
    'httpd/masakari-api-uwsgi.ini',
    '[uwsgi]\nfile = /usr/local/bin/masakari-wsgi\nmaster = true\nlazy-apps = true\nenable-threads = true\nplugins = python3\ndie-on-term = true\n',
  );
  const d = await of(root);
  assert.deepEqual(
    d.map((x) => [x.file, x.line]),
    [['httpd/masakari-api-uwsgi.ini', 2]],
  );
  assert.match(d[0].message, /use module = masakari\.wsgi\.api:application\.$/);
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

test('WSGI402 fix: wsgi-file = <script> becomes module = <pkg>.wsgi.<server>:application', async () => {
  const root = fixture('httpd-uwsgi-samples-2017');
  const { analysis } = await repoReport(root);
  const f = analysis.findings.find((x) => x.code === CODE && x.at.file === 'httpd/keystone-uwsgi-admin.ini' && x.fixes)!;
  assert.equal(f.fixes![0].title, 'Load keystone.wsgi.api:application with module =');
  const text = withFix(root, f.fixes![0]);
  assert.match(text, /^module = keystone\.wsgi\.api:application$/m);
  assert.doesNotMatch(text, /wsgi-file/);
});
