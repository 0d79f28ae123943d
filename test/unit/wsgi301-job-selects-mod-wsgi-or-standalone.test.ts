import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import { copyOf, fixture, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const CODE = 'WSGI301';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);

test('WSGI301 fires on every job, scope and local.conf line that moves an API off uwsgi, on the key: value', async () => {
  const d = await of(fixture('zuul-jobs-mod-wsgi-standalone'));
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.column, x.severity, x.message.match(/sets? (\w+)/)![1]]),
    [
      ['.zuul.yaml', 11, 9, 'warning', 'WATCHER_USE_MOD_WSGI'],
      ['.zuul.yaml', 24, 11, 'warning', 'NOVA_USE_MOD_WSGI'],
      ['.zuul.yaml', 35, 17, 'warning', 'WSGI_MODE'],
      ['devstack/local.conf.sample', 4, 1, 'warning', 'WSGI_MODE'],
      ['zuul.d/grenade.yaml', 8, 11, 'warning', 'GLANCE_STANDALONE'],
      ['zuul.d/grenade.yaml', 17, 9, 'warning', 'CYBORG_USE_UWSGI'],
      ['zuul.d/grenade.yaml', 18, 9, 'warning', 'DESIGNATE_WSGI_MODE'],
    ],
  );
  assert.equal(d[0].endColumn, 9 + 'WATCHER_USE_MOD_WSGI: False'.length, 'the key: value, not the job');
  // An anchor shared by two jobs is one finding naming both.
  assert.match(
    d[0].message,
    /^Zuul jobs watcher-tempest-functional, watcher-tempest-multinode \(devstack_localrc\) set WATCHER_USE_MOD_WSGI: False, which makes the repo's devstack plugin start watcher-api standalone \(devstack\/lib\/watcher line 8\)/,
  );
  assert.match(
    d[1].message,
    /^Zuul job watcher-tempest-multinode \(group-vars\.subnode\.devstack_localrc\) sets NOVA_USE_MOD_WSGI: false, which runs nova-api standalone \(eventlet\)/,
  );
  assert.match(
    d[2].message,
    /^Zuul job watcher-tempest-multinode in project\.check \(devstack_localrc\) sets WSGI_MODE: mod_wsgi, which selects Apache mod_wsgi for every devstack API/,
  );
  assert.match(d[3].message, /^devstack\/local\.conf\.sample \[\[local\|localrc\]\] sets WSGI_MODE="mod_wsgi"/);
  assert.match(
    d[4].message,
    /^Zuul job watcher-grenade \(grenade_devstack_localrc\.shared\) sets GLANCE_STANDALONE: True, which runs glance-api standalone/,
  );
  assert.match(d[5].message, /sets CYBORG_USE_UWSGI: false, which runs cyborg's API without uwsgi/);
  assert.match(d[6].message, /sets DESIGNATE_WSGI_MODE: mod_wsgi, which selects Apache mod_wsgi for designate's API/);
  for (const x of d) assert.match(x.message, /deploy-api-in-wsgi goal asks \(uwsgi behind Apache\)/);
});

test("WSGI301 needs the repo's own plugin for <X>_USE_MOD_WSGI, and reads only the localrc section of local.conf", async () => {
  const root = copyOf('zuul-jobs-mod-wsgi-standalone');
  fs.rmSync(`${root}/devstack/lib/watcher`);
  write(
    root,
    'devstack/local.conf.sample',
    '[[post-config|$WATCHER_CONF]]\n[DEFAULT]\nWSGI_MODE=mod_wsgi\n\n[[local|localrc]]\nWSGI_MODE=uwsgi\nNOVA_USE_MOD_WSGI=True\n',
  );
  const d = await of(root);
  assert.ok(!d.some((x) => /WATCHER_USE_MOD_WSGI/.test(x.message)));
  assert.ok(!d.some((x) => x.file === 'devstack/local.conf.sample'));
});

test('WSGI301 stays quiet on jobs that keep uwsgi', async () => {
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

test("WSGI301 on a devstack checkout's own local.conf: an error where stackrc refuses the mode, a warning on an older devstack", async () => {
  const ws = copyOf('core-service-in-devstack');
  const devstack = `${ws}/devstack`;
  write(devstack, 'local.conf', '[[local|localrc]]\nADMIN_PASSWORD=secret\nWSGI_MODE=mod_wsgi\n');
  const old = await of(devstack);
  assert.deepEqual(
    old.map((x) => [x.file, x.line, x.severity]),
    [['local.conf', 3, 'warning']],
  );
  assert.match(old[0].message, /^local\.conf \[\[local\|localrc\]\] sets WSGI_MODE=mod_wsgi, which selects Apache mod_wsgi/);
  // devstack 851d82cc (2024-10): stackrc dies on any other mode.
  const stackrc = fs.readFileSync(`${devstack}/stackrc`, 'utf8');
  write(
    devstack,
    'stackrc',
    stackrc.replace(
      'WSGI_MODE=${WSGI_MODE:-"uwsgi"}\n',
      'WSGI_MODE=${WSGI_MODE:-"uwsgi"}\nif [[ "$WSGI_MODE" != "uwsgi" ]]; then\n    die $LINENO "$WSGI_MODE is no longer a supported WSGI mode. Only uwsgi is valid."\nfi\n',
    ),
  );
  const now = await of(devstack);
  assert.deepEqual(
    now.map((x) => [x.file, x.line, x.severity]),
    [['local.conf', 3, 'error']],
  );
  assert.match(now[0].message, /^WSGI_MODE=mod_wsgi stops stack\.sh: this devstack accepts only WSGI_MODE=uwsgi \(stackrc:4, /);
  // WSGI_MODE=uwsgi is what it wants: nothing.
  write(devstack, 'local.conf', '[[local|localrc]]\nWSGI_MODE=uwsgi\n');
  assert.deepEqual(await of(devstack), []);
});
