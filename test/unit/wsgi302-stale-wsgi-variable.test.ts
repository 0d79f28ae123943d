import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import { copyOf, fixture, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const CODE = 'WSGI302';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);

test('WSGI302 fires on removed WSGI toggles set to their uwsgi value, in jobs and local.conf', async () => {
  const d = await of(fixture('zuul-jobs-mod-wsgi-standalone'));
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity, x.message.match(/sets? (\w+)/)![1]]),
    [
      ['.zuul.yaml', 12, 'information', 'NEUTRON_DEPLOY_MOD_WSGI'],
      ['.zuul.yaml', 25, 'information', 'CINDER_USE_MOD_WSGI'],
      ['devstack/local.conf.sample', 5, 'information', 'NEUTRON_DEPLOY_MOD_WSGI'],
      ['zuul.d/grenade.yaml', 10, 'information', 'KEYSTONE_USE_MOD_WSGI'],
      ['zuul.d/grenade.yaml', 19, 'information', 'GLANCE_STANDALONE'],
    ],
  );
  assert.match(
    d[0].message,
    /^Zuul jobs watcher-tempest-functional, watcher-tempest-multinode \(devstack_localrc\) set NEUTRON_DEPLOY_MOD_WSGI: True, which is a no-op: devstack removed NEUTRON_DEPLOY_MOD_WSGI \(in 2024, devstack d040e159\)/,
  );
  assert.match(d[0].message, /delete the line\.$/);
  assert.match(d[4].message, /sets GLANCE_STANDALONE: False, which is a no-op/);
});

test('WSGI302 leaves the non-uwsgi values to WSGI301 and other variables alone', async () => {
  const root = copyOf('plugin-uwsgi-compliant-2025');
  write(
    root,
    '.zuul.yaml',
    [
      '- job:',
      '    name: masakari-legacy',
      '    parent: devstack',
      '    vars:',
      '      devstack_localrc:',
      '        NEUTRON_DEPLOY_MOD_WSGI: false',
      '        GLANCE_STANDALONE: yes',
      '        SWIFT_USE_MOD_WSGI: False',
      '        NOVA_USE_MOD_WSGI: $SOMETHING',
      '',
    ].join('\n'),
  );
  const { repo } = await repoReport(root);
  assert.deepEqual(
    repo.diagnostics.filter((x) => x.code === CODE),
    [],
  );
  assert.deepEqual(
    repo.diagnostics.filter((x) => x.code === 'WSGI301').map((x) => x.line),
    [6, 7],
  );
  for (const name of ['module-path-2025', 'plugin-uwsgi-compliant-2025']) {
    const r = (await repoReport(fixture(name))).repo;
    assert.deepEqual(
      r.diagnostics.filter((x) => x.code === CODE),
      [],
      name,
    );
    if (name === 'module-path-2025')
      assert.deepEqual(
        r.diagnostics.filter((x) => /^WSGI[234]/.test(x.code)),
        [],
      );
  }
});

test("WSGI302 in a devstack checkout's own local.conf: a toggle that devstack no longer reads is a no-op whatever its value", async () => {
  const ws = copyOf('core-service-in-devstack');
  const devstack = `${ws}/devstack`;
  write(devstack, 'local.conf', '[[local|localrc]]\nNOVA_USE_MOD_WSGI=False\n');
  const codesOf = async () =>
    (await repoReport(devstack)).repo.diagnostics.filter((d) => /^WSGI30[12]$/.test(d.code)).map((d) => [d.code, d.line, d.severity]);
  // This devstack's lib/nova still reads it: False runs nova-api standalone.
  assert.deepEqual(await codesOf(), [['WSGI301', 2, 'warning']]);
  // Once lib/nova no longer mentions it (devstack dda40363, 2024), it does nothing.
  const libNova = `${devstack}/lib/nova`;
  write(devstack, 'lib/nova', fs.readFileSync(libNova, 'utf8').replace(/NOVA_USE_MOD_WSGI/g, 'NOVA_SOMETHING_ELSE'));
  assert.deepEqual(await codesOf(), [['WSGI302', 2, 'information']]);
});
