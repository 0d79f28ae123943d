import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyOf, fixture, write } from '../helpers/fixtures';
import { repoReport, withFix } from '../helpers/engine';

const CODE = 'WSGI401';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);

test('WSGI401 reports each missing key on the [uwsgi] header and each bad value on its line', async () => {
  const d = await of(fixture('httpd-uwsgi-samples-2017'));
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.column, x.severity]),
    [
      ['httpd/keystone-uwsgi-admin.ini', 1, 1, 'warning'],
      ['httpd/keystone-uwsgi-admin.ini', 1, 1, 'warning'],
      ['httpd/keystone-uwsgi-admin.ini', 1, 1, 'warning'],
      ['httpd/keystone-uwsgi-admin.ini', 1, 1, 'warning'],
      ['httpd/keystone-uwsgi-admin.ini', 1, 1, 'warning'],
      ['httpd/keystone-uwsgi-public.ini', 3, 1, 'warning'],
      ['httpd/keystone-uwsgi-public.ini', 12, 1, 'warning'],
    ],
  );
  const admin = d.slice(0, 5).map((x) => x.message);
  assert.match(admin[0], /^\[uwsgi\] in httpd\/keystone-uwsgi-admin\.ini has no master = true: without the master process/);
  assert.match(admin[1], /has no lazy-apps = true: the API app is then built once in the master/);
  assert.match(admin[2], /has no enable-threads = true: uwsgi's python plugin does not initialise the GIL/);
  assert.match(admin[3], /loads module = keystone\.wsgi\.api:application but loads no python plugin/);
  assert.match(admin[4], /has no die-on-term = true/);
  assert.match(d[5].message, /^buffer-size = 8192 in httpd\/keystone-uwsgi-public\.ini is below 65535/);
  assert.match(d[6].message, /^exit-on-reload = true in httpd\/keystone-uwsgi-public\.ini makes uwsgi exit on SIGHUP/);
  assert.equal(d[6].endColumn, 'exit-on-reload = true'.length + 1);
});

test('WSGI401 reads underscores, explicit false values and a plugins line without python', async () => {
  const root = copyOf('plugin-uwsgi-compliant-2025');
  write(
    root,
    'etc/masakari/masakari-uwsgi.ini',
    '[uwsgi]\nmodule = masakari.wsgi.api:application\nmaster = false\nlazy_apps = true\nthreads = 4\nplugins = http\ndie-on-term = true\n',
  );
  const d = (await of(root)).filter((x) => x.file === 'etc/masakari/masakari-uwsgi.ini');
  assert.deepEqual(
    d.map((x) => x.line),
    [3, 6],
  );
  assert.match(d[0].message, /^master = false in etc\/masakari\/masakari-uwsgi\.ini turns it off/);
  assert.match(d[1].message, /but plugins = http names no python plugin/);
});

test("WSGI401 stays quiet on devstack's key set and on ini files that are not uwsgi configs", async () => {
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
  assert.ok(!(await of(fixture('httpd-uwsgi-samples-2017'))).some((x) => /paste|keystone-api-uwsgi/.test(x.file)));
});

test('WSGI401 fixes: a missing key is added under [uwsgi], a key turned off is set; applied, the finding goes', async () => {
  const root = copyOf('httpd-uwsgi-samples-2017');
  const findings = async () =>
    (await repoReport(root)).analysis.findings.filter((x) => x.code === CODE && x.at.file === 'httpd/keystone-uwsgi-admin.ini');
  const before = await findings();
  const master = before.find((x) => x.fixes?.[0].title === 'Add master = true')!;
  assert.ok(master, before.map((x) => x.fixes?.[0]?.title).join(', '));
  const text = withFix(root, master.fixes![0]);
  assert.match(text, /^\[uwsgi\]\nmaster = true\n/m);
  write(root, 'httpd/keystone-uwsgi-admin.ini', text);
  const after = await findings();
  assert.ok(!after.some((x) => x.fixes?.[0].title === 'Add master = true'));
  assert.equal(after.length, before.length - 1, 'only that finding went');
  write(root, 'httpd/keystone-uwsgi-admin.ini', text.replace('master = true', 'master = false'));
  const off = (await findings()).find((x) => x.fixes?.[0].title === 'Set master = true')!;
  assert.match(withFix(root, off.fixes![0]), /^master = true$/m);
});
