import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, workspaceOf } from '../helpers/fixtures';
import * as build from '../../server/src/model/build';
import { analyze } from '../helpers/engine';

// One row per fixture layout: what a goal champion reads off the report for that repo.
const TABLE: [layout: string, repo: string, wsgiScripts: boolean | null, mode: string, met: boolean | null, services: string][] = [
  ['paste-console-script-standalone', 'designate', false, 'standalone', false, 'designate-api:standalone'],
  ['module-path-2025', 'watcher', true, 'uwsgi', true, 'watcher-api:uwsgi'],
  ['pbr-wsgi-scripts-devstack-uwsgi', 'aodh', true, 'uwsgi', true, 'aodh-api:uwsgi'],
  ['standalone-screen-it', 'magnum', false, 'standalone', false, 'magnum-api:standalone'],
  ['mod-wsgi-template', 'watcher', true, 'mod_wsgi', false, 'watcher-api:mod_wsgi'],
  ['uwsgi-http-no-apache', 'cyborg', true, 'uwsgi-no-apache', false, 'cyborg-api:uwsgi-no-apache'],
  ['systemd-unit-standalone', 'masakari', false, 'standalone', false, 'masakari-api:standalone'],
  ['uwsgi-callable-app', 'openstack-placement', true, 'unknown', null, 'placement-api:unknown'],
  ['pyproject-entry-points', 'zun', false, 'none', false, 'zun-api:none'],
  ['mixed-two-apis', 'heat', true, 'mixed', false, 'heat-api:uwsgi heat-api-cfn:standalone'],
  ['retired-repo', 'retired-repo', null, 'none', null, ''],
];

for (const [layout, name, c1, mode, met, services] of TABLE) {
  test(`${layout}: ${name} criterion 1 ${c1}, devstack ${mode}`, async () => {
    const ws = await analyze(fixture(layout), {}, [], true);
    const repo = ws.report().repos.find((r) => r.name === name);
    assert.ok(
      repo,
      `repos: ${ws
        .report()
        .repos.map((r) => r.name)
        .join(', ')}`,
    );
    assert.equal(repo.criteria.wsgiScripts.met, c1);
    assert.equal(repo.criteria.devstackUwsgi.mode, mode);
    assert.equal(repo.criteria.devstackUwsgi.met, met);
    assert.equal(repo.apiServices.map((s) => `${s.name}:${s.devstackMode}`).join(' '), services);
    for (const c of [repo.criteria.wsgiScripts, repo.criteria.devstackUwsgi]) {
      for (const e of c.evidence) assert.ok(e.file && e.line >= 1 && e.text, JSON.stringify(e));
    }
  });
}

test('core-service-in-devstack: nova is judged by devstack lib/nova, where NOVA_USE_MOD_WSGI=True means uwsgi', async () => {
  const ws = await analyze(fixture('core-service-in-devstack'));
  const nova = ws.report().repos.find((r) => r.name === 'nova')!;
  assert.deepEqual(
    nova.apiServices.map((s) => `${s.name}:${s.devstackMode}:${s.entryPoints.map((e) => e.target).join('+')}`),
    [
      'nova-api:uwsgi:nova.api.openstack.compute.wsgi:init_application',
      'nova-api-metadata:uwsgi-no-apache:nova.api.metadata.wsgi:init_application',
      'nova-api-os-compute:uwsgi:nova.api.openstack.compute.wsgi:init_application',
    ],
  );
  assert.equal(nova.criteria.devstackUwsgi.mode, 'uwsgi', 'metadata on the uwsgi HTTP router beside APIs behind Apache is still the goal');
  assert.equal(nova.criteria.devstackUwsgi.met, true);
  assert.ok(nova.criteria.devstackUwsgi.evidence.every((e) => e.repo === 'devstack' && e.file === 'lib/nova'));
  assert.ok(
    !nova.criteria.devstackUwsgi.evidence.some((e) => e.text.includes('$NOVA_BIN_DIR/nova-api"')),
    'the eventlet branch is not the default',
  );
  const alone = await analyze(path.join(fixture('core-service-in-devstack'), 'nova'));
  assert.equal(alone.report().repos[0].criteria.devstackUwsgi.mode, 'unknown');
  assert.equal(alone.report().repos[0].criteria.devstackUwsgi.met, null);
  const given = await analyze(path.join(fixture('core-service-in-devstack'), 'nova'), {
    devstackPath: path.join(fixture('core-service-in-devstack'), 'devstack'),
  });
  assert.equal(given.report().repos[0].criteria.devstackUwsgi.mode, 'uwsgi');
});

test('folders added one by one: a devstack checkout added later re-judges the repos before it, others do not disturb them', async () => {
  const base = copyOf('core-service-in-devstack');
  const logs: string[] = [];
  const ws = await analyze(path.join(base, 'nova'), {}, logs);
  const nova = () => ws.report().repos.find((r) => r.name === 'nova')!.criteria.devstackUwsgi.mode;
  assert.equal(nova(), 'unknown');
  assert.deepEqual((await ws.addFolder(path.join(base, 'devstack'))).sort(), [path.join(base, 'devstack'), path.join(base, 'nova')]);
  assert.equal(nova(), 'uwsgi');
  // Changed on disk with no file event: only a re-analysis would see it, and none is due.
  const cfg = path.join(base, 'nova', 'setup.cfg');
  const saved = fs.readFileSync(cfg, 'utf8');
  fs.writeFileSync(cfg, '[metadata\n');
  const other = fixture('module-path-2025');
  assert.deepEqual(await ws.addFolder(other), [other], 'only the new folder is analysed');
  fs.writeFileSync(cfg, saved);
  assert.deepEqual(await ws.removeFolder(other), [other]);
  assert.deepEqual((await ws.removeFolder(path.join(base, 'devstack'))).sort(), [path.join(base, 'devstack'), path.join(base, 'nova')]);
  assert.equal(nova(), 'unknown');
});

test('a git checkout of hundreds of files on disk re-analyses each repo it touches once, and no other', async () => {
  const base = workspaceOf({ watcher: 'module-path-2025', designate: 'paste-console-script-standalone' });
  const ws = await analyze(base);
  const watcher = path.join(base, 'watcher');
  const designate = path.join(base, 'designate');
  const before = JSON.stringify(ws.report().repos.find((r) => r.root === designate));
  // designate changes on disk with no event: were it analysed again, its report would show it.
  fs.writeFileSync(path.join(designate, 'setup.cfg'), '[metadata\n');
  const events = Array.from({ length: 300 }, (_, i) => {
    const file = path.join(watcher, 'watcher', 'wsgi', `extra_${i}.py`);
    // Each one a WSGI module that starts a server at import (WSGI502): the checkout changes the diagnostics.
    fs.writeFileSync(
      file,
      'from wsgiref.simple_server import make_server\n\napplication = object()\nmake_server("", 8000, application).serve_forever()\n',
    );
    return { path: file, kind: 'created' as const };
  });
  const built: string[] = [];
  const original = build.buildRepoModel;
  (build as { buildRepoModel: typeof original }).buildRepoModel = (repo, ctx) => (built.push(repo.root), original(repo, ctx));
  try {
    assert.deepEqual(await ws.fileEvents(events), [watcher]);
  } finally {
    (build as { buildRepoModel: typeof original }).buildRepoModel = original;
  }
  assert.deepEqual(built, [watcher], 'one analysis for 300 files');
  assert.equal(JSON.stringify(ws.report().repos.find((r) => r.root === designate)), before);
  assert.ok(
    ws
      .report()
      .repos.find((r) => r.root === watcher)!
      .diagnostics.some((d) => d.file === 'watcher/wsgi/extra_299.py'),
  );
});
