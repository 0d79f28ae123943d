import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const MINE = ['WSGI102', 'WSGI103', 'WSGI104', 'WSGI105', 'WSGI501', 'WSGI502', 'WSGI503', 'WSGI504', 'WSGI505'];
const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

test('WSGI103 reports wsgi_scripts targets that pbr cannot call with no arguments', async () => {
  const root = fixture('wsgi-scripts-non-factory-targets');
  const cfg = read(root, 'setup.cfg');
  const { repo } = await repoReport(root);
  const d = repo.diagnostics.filter((x) => x.code === 'WSGI103');
  const at = (name: string) => lineOf(cfg, `${name} =`) + 1;
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [
      ['setup.cfg', at('nova-api-wsgi'), 'error'],
      ['setup.cfg', at('nova-metadata-wsgi'), 'error'],
      ['setup.cfg', at('nova-os-compute-wsgi'), 'error'],
      ['setup.cfg', at('nova-placement-api'), 'error'],
      ['setup.cfg', at('nova-loader-wsgi'), 'error'],
      ['setup.cfg', at('nova-factory-wsgi'), 'error'],
    ],
  );
  const msg = d.map((x) => x.message);
  assert.match(
    msg[0],
    /application in nova\/api\/openstack\/compute\/wsgi\.py:7 is a module-level assignment .* an app object rather than a function/,
  );
  assert.match(msg[1], /init_application\(\) in nova\/api\/metadata\/wsgi\.py:6 requires 1 argument/);
  assert.match(msg[2], /nova\/api\/openstack\/compute\/wsgi\.py has no module-level init_app/);
  assert.match(msg[3], /Loader\.load\.app has more dots than Class\.method/);
  assert.match(msg[4], /Loader\.load_app in nova\/api\/openstack\/wsgi_app\.py:\d+ is a plain method/);
  assert.match(msg[5], /AppFactory\.build .* requires 1 argument besides cls/);
  for (const m of msg) {
    assert.match(m, /pbr's generated script builds the application by calling the target once with no arguments/);
    assert.match(m, /such as nova\.api\.openstack\.wsgi_app:init_application/);
  }
  assert.ok(!d.some((x) => x.line === at('nova-legacy-wsgi')), 'a factory whose parameters all have defaults is fine');
});

test('WSGI103 accepts aliases of factories, zero-argument classmethods and targets outside the repo', async () => {
  const { repo } = await repoReport(fixture('wsgi-scripts-alongside-module'));
  assert.deepEqual(
    repo.diagnostics.filter((x) => x.code === 'WSGI103'),
    [],
    'initialize_admin_application = initialize_public_application',
  );

  const root = copyOf('wsgi-scripts-non-factory-targets');
  write(
    root,
    'setup.cfg',
    read(root, 'setup.cfg').replace(
      /wsgi_scripts =[\s\S]*$/,
      [
        'wsgi_scripts =',
        '    nova-classmethod-wsgi = nova.api.openstack.wsgi_app:Maker.make',
        '    oslo-wsgi = oslo_middleware.wsgi:app',
        '    nova-module-only = nova.api.openstack.wsgi_app',
        '    nova-main-only = nova.api.openstack.wsgi_app:main_app',
        '',
      ].join('\n'),
    ),
  );
  write(
    root,
    'nova/api/openstack/wsgi_app.py',
    read(root, 'nova/api/openstack/wsgi_app.py') +
      '\n\nclass Maker(object):\n    @classmethod\n    def make(cls, name="osapi_compute"):\n        return init_application(name)\n' +
      '\n\nif __name__ == "__main__":\n    def main_app():\n        return init_application()\n',
  );
  const cfg = read(root, 'setup.cfg');
  const d = (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI103');
  assert.deepEqual(
    d.map((x) => x.line),
    [lineOf(cfg, 'nova-module-only') + 1, lineOf(cfg, 'nova-main-only') + 1],
  );
  assert.match(d[0].message, /it names a module but no callable/);
  assert.match(d[1].message, /main_app is only defined under if __name__ == "__main__"/);
});

test('WSGI103 does not count the parameters of a decorated target: the decorator may supply them', async () => {
  // trove: `@with_initialize def wsgimain(CONF)`, whose decorator returns a zero-argument wrapper.
  const root = copyOf('wsgi-scripts-non-factory-targets');
  write(
    root,
    'setup.cfg',
    read(root, 'setup.cfg').replace(
      /wsgi_scripts =[\s\S]*$/,
      'wsgi_scripts =\n    nova-wrapped-wsgi = nova.cmd.app_wsgi:wsgimain\n    nova-bare-wsgi = nova.cmd.app_wsgi:bare\n',
    ),
  );
  write(
    root,
    'nova/cmd/app_wsgi.py',
    [
      'from nova.cmd.common import with_initialize',
      '',
      '',
      '@with_initialize',
      'def wsgimain(CONF):',
      '    return CONF',
      '',
      '',
      'def bare(CONF):',
      '    return CONF',
      '',
      '',
      'application = wsgimain()',
      '',
    ].join('\n'),
  );
  write(root, 'nova/cmd/__init__.py', '');
  const cfg = read(root, 'setup.cfg');
  const d = (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI103');
  assert.deepEqual(
    d.map((x) => x.line),
    [lineOf(cfg, 'nova-bare-wsgi') + 1],
    'the undecorated twin is still reported',
  );
});

test('WSGI103 stays quiet on the 2025 module-path layout', async () => {
  const { repo } = await repoReport(fixture('module-path-2025'));
  assert.deepEqual(
    repo.diagnostics.filter((x) => MINE.includes(x.code)),
    [],
  );
});
