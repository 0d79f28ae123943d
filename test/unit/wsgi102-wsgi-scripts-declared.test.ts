import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { copyOf, fixture, lineOf, workspaceOf, write } from '../helpers/fixtures';
import { analyze, applyChange, repoReport } from '../helpers/engine';
import type { FixSpec } from '../../server/src/rules/rule';

const MINE = ['WSGI102', 'WSGI103', 'WSGI104', 'WSGI105', 'WSGI501', 'WSGI502', 'WSGI503', 'WSGI504', 'WSGI505'];
const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

test('WSGI102 warns on each wsgi_scripts line, says which module to create, and offers the scaffold fix', async () => {
  const root = fixture('pbr-wsgi-scripts-and-app-wsgi');
  const { repo, analysis } = await repoReport(root);
  const d = repo.diagnostics.filter((x) => x.code === 'WSGI102');
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [['setup.cfg', lineOf(read(root, 'setup.cfg'), 'watcher-api-wsgi =') + 1, 'warning']],
  );
  assert.match(d[0].message, /^wsgi_scripts entry watcher-api-wsgi \(watcher\.api\.wsgi:initialize_wsgi_app\) is still declared/);
  assert.match(d[0].message, /2025\.2 goal migrate-from-wsgi-scripts-to-module-paths \(topic remove-wsgi_scripts\)/);
  assert.match(
    d[0].message,
    /Create watcher\.wsgi\.api with a module-level application built by calling initialize_wsgi_app\(\) from watcher\.api\.wsgi/,
  );
  assert.equal(d[0].column, 5, 'the range is the entry line, not the whole key');
  const f = analysis.findings.find((x) => x.code === 'WSGI102')!;
  assert.deepEqual(
    f.fixes?.map((x) => [x.kind, x.title]),
    [
      ['change', 'Replace wsgi_scripts watcher-api-wsgi with watcher.wsgi.api:application (module, setup.cfg, devstack)'],
      ['scaffoldWsgiEntry', 'Scaffold WSGI entry point for watcher-api'],
    ],
  );
});

test('WSGI102 names the existing <pkg>.wsgi module, also for pyproject.toml entry points', async () => {
  const root = fixture('wsgi-scripts-alongside-module');
  const { repo, analysis } = await repoReport(root);
  const text = read(root, 'pyproject.toml');
  const d = repo.diagnostics.filter((x) => x.code === 'WSGI102');
  assert.deepEqual(
    d.map((x) => [x.file, x.line]),
    [
      ['pyproject.toml', lineOf(text, 'keystone-wsgi-admin =') + 1],
      ['pyproject.toml', lineOf(text, 'keystone-wsgi-public =') + 1],
    ],
  );
  for (const x of d)
    assert.match(
      x.message,
      /Point uwsgi \(module = keystone\.wsgi\.api:application\) and gunicorn at keystone\.wsgi\.api:application instead, then delete this entry/,
    );
  assert.ok(
    analysis.findings.filter((x) => x.code === 'WSGI102').every((x) => !x.fixes?.some((y) => y.kind !== 'change' || y.create.length)),
    'nothing to scaffold: the module exists (the migration only edits)',
  );
});

test('WSGI102 switches to naming the module once it exists, and flags an empty wsgi_scripts key', async () => {
  const root = copyOf('pbr-wsgi-scripts-and-app-wsgi');
  write(root, 'watcher/wsgi/__init__.py', '');
  write(root, 'watcher/wsgi/api.py', 'from watcher.api import wsgi\n\napplication = wsgi.initialize_wsgi_app()\n');
  const d = (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI102');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /Point uwsgi \(module = watcher\.wsgi\.api:application\)/);

  const empty = copyOf('module-path-2025');
  write(empty, 'setup.cfg', read(empty, 'setup.cfg') + '\nwsgi_scripts =\n');
  const e = (await repoReport(empty)).repo.diagnostics.filter((x) => x.code === 'WSGI102');
  assert.deepEqual(
    e.map((x) => [x.file, x.line]),
    [['setup.cfg', lineOf(read(empty, 'setup.cfg'), 'wsgi_scripts =') + 1]],
  );
  assert.match(e[0].message, /^Empty wsgi_scripts key: the 2025\.2 goal/);
});

test('WSGI102 and the other entry/module rules stay quiet on the 2025 module-path layout', async () => {
  const { repo } = await repoReport(fixture('module-path-2025'));
  assert.deepEqual(
    repo.diagnostics.filter((x) => MINE.includes(x.code)),
    [],
  );
});

const migration = (findings: { code: string; fixes?: FixSpec[] }[]) =>
  findings.find((f) => f.code === 'WSGI102')?.fixes?.find((x) => x.kind === 'change');

test('WSGI102 fix: one change builds the module from the script target, drops the entry, and points devstack at the module', async () => {
  const root = copyOf('pbr-wsgi-scripts-devstack-uwsgi');
  const { analysis } = await repoReport(root);
  const fix = migration(analysis.findings);
  assert.equal(fix?.title, 'Replace wsgi_scripts aodh-api-wsgi with aodh.wsgi.api:application (module, setup.cfg, devstack)');
  applyChange(root, fix);
  assert.match(
    fs.readFileSync(path.join(root, 'aodh/wsgi/api.py'), 'utf8'),
    /^from aodh\.api import app\n\napplication = app\.build_wsgi_app\(\)\n$/m,
  );
  const cfg = fs.readFileSync(path.join(root, 'setup.cfg'), 'utf8');
  assert.doesNotMatch(cfg, /wsgi_scripts|aodh-api-wsgi/);
  assert.match(cfg, /aodh-evaluator = aodh\.cmd\.alarm:evaluate\n$/, 'the group before it and the file end stay as they were');
  const plugin = fs.readFileSync(path.join(root, 'devstack/plugin.sh'), 'utf8');
  // Named, so the socket, the Apache site and the cleanup agree once the script path is gone.
  assert.match(plugin, /write_uwsgi_config "\$AODH_UWSGI_FILE" "aodh\.wsgi\.api:application" "\/alarming" "" "aodh-api"\n/);
  assert.match(plugin, /remove_uwsgi_config "\$AODH_UWSGI_FILE" "aodh-api"\n/);
  assert.equal(spawnSync('bash', ['-n', path.join(root, 'devstack/plugin.sh')]).status, 0);
  const after = await repoReport(root);
  const c = after.repo.goals['migrate-from-wsgi-scripts-to-module-paths'].criteria;
  assert.deepEqual([c.modulePaths.met, c.noWsgiScripts.met], [true, true]);
  assert.deepEqual(
    after.repo.diagnostics.filter((d) => ['WSGI102', 'WSGI204', 'WSGI205', 'WSGI206'].includes(d.code)).map((d) => d.code),
    [],
  );
});

test('WSGI102 fix: a settings variable holding the script path is rewritten; a 2017-2023 devstack gets no fix', async () => {
  const ws = workspaceOf({ aodh: 'pbr-wsgi-scripts-devstack-uwsgi' });
  const root = path.join(ws, 'aodh');
  const plugin = fs.readFileSync(path.join(root, 'devstack/plugin.sh'), 'utf8');
  write(root, 'devstack/plugin.sh', plugin.replace(/"\$AODH_BIN_DIR\/aodh-api-wsgi"/g, '"$AODH_UWSGI"'));
  write(
    root,
    'devstack/settings',
    'AODH_UWSGI=$AODH_BIN_DIR/aodh-api-wsgi\n' + fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8'),
  );
  const { analysis } = await repoReport(root);
  applyChange(root, migration(analysis.findings));
  assert.match(fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8'), /^AODH_UWSGI=aodh\.wsgi\.api:application$/m);
  const fixed = fs.readFileSync(path.join(root, 'devstack/plugin.sh'), 'utf8');
  assert.match(fixed, /write_uwsgi_config "\$AODH_UWSGI_FILE" "\$AODH_UWSGI" "\/alarming" "" "aodh-api"/);
  assert.match(fixed, /remove_uwsgi_config "\$AODH_UWSGI_FILE" "aodh-api"/);

  // A devstack of that era loads only a file: a module path there would break the job.
  const old = workspaceOf({ aodh: 'pbr-wsgi-scripts-devstack-uwsgi' });
  write(old, 'devstack/stack.sh', '#!/bin/bash\n');
  write(old, 'devstack/stackrc', 'WSGI_MODE=${WSGI_MODE:-"uwsgi"}\n');
  write(old, 'devstack/lib/apache', 'function write_uwsgi_config {\n    local file=$1\n    iniset "$file" uwsgi wsgi-file "$2"\n}\n');
  const a = (await analyze(old)).allAnalyses().find((x) => x.model.name === 'aodh')!;
  assert.equal(migration(a.findings), undefined);
});
