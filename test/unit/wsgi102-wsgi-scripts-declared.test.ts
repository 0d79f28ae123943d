import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

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
  assert.deepEqual(f.fixes, [{ kind: 'scaffoldWsgiEntry', service: 'watcher-api', title: 'Scaffold WSGI entry point for watcher-api' }]);
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
    analysis.findings.filter((x) => x.code === 'WSGI102').every((x) => !x.fixes),
    'nothing to scaffold: the module exists',
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
