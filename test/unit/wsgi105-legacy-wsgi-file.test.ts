import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const MINE = ['WSGI102', 'WSGI103', 'WSGI104', 'WSGI105', 'WSGI501', 'WSGI502', 'WSGI503', 'WSGI504', 'WSGI505'];

test('WSGI105 points at the application of a .wsgi file in the package and offers the scaffold fix', async () => {
  const root = fixture('pbr-wsgi-scripts-and-app-wsgi');
  const { repo, analysis } = await repoReport(root);
  const text = fs.readFileSync(path.join(root, 'watcher/api/app.wsgi'), 'utf8');
  const d = repo.diagnostics.filter((x) => x.code === 'WSGI105');
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [['watcher/api/app.wsgi', lineOf(text, 'application =') + 1, 'information']],
  );
  assert.match(d[0].message, /^watcher\/api\/app\.wsgi is a legacy mod_wsgi-style \.wsgi file/);
  assert.match(d[0].message, /2025\.2 goal migrate-from-wsgi-scripts-to-module-paths/);
  assert.match(d[0].message, /Move its code to watcher\/wsgi\/api\.py/);
  assert.deepEqual(
    analysis.findings.find((x) => x.code === 'WSGI105')!.fixes?.map((x) => x.title),
    ['Scaffold WSGI entry point for watcher-api'],
  );
});

test('WSGI105 says to deprecate the file once a <pkg>.wsgi module serves the service; httpd samples are not package code', async () => {
  const root = copyOf('module-path-2025');
  write(root, 'watcher/api/app.wsgi', 'from watcher.api import app\n\napplication = app.VersionSelectorApplication()\n');
  write(root, 'httpd/watcher.wsgi', 'from watcher.wsgi.api import application  # noqa\n');
  const { repo, analysis } = await repoReport(root);
  const d = repo.diagnostics.filter((x) => x.code === 'WSGI105');
  assert.deepEqual(
    d.map((x) => [x.file, x.line]),
    [['watcher/api/app.wsgi', 3]],
  );
  assert.match(
    d[0].message,
    /watcher\.wsgi\.api:application already serves watcher-api: deprecate watcher\/api\/app\.wsgi with a reno note, then delete it\./,
  );
  assert.equal(analysis.findings.find((x) => x.code === 'WSGI105')!.fixes, undefined);
});

test('WSGI105 stays quiet on the 2025 module-path layout', async () => {
  const { repo } = await repoReport(fixture('module-path-2025'));
  assert.deepEqual(
    repo.diagnostics.filter((x) => MINE.includes(x.code)),
    [],
  );
});
