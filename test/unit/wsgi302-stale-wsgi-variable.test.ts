import { test } from 'node:test';
import * as assert from 'node:assert/strict';
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
