import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const MINE = ['WSGI102', 'WSGI103', 'WSGI104', 'WSGI105', 'WSGI501', 'WSGI502', 'WSGI503', 'WSGI504', 'WSGI505'];

test('WSGI104 warns when <pkg>/wsgi/ has no __init__.py (glance LP#2136411)', async () => {
  const { repo } = await repoReport(fixture('wsgi-package-without-init'));
  const d = repo.diagnostics.filter((x) => x.code === 'WSGI104');
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [['glance/wsgi/api.py', 1, 'warning']],
  );
  assert.match(d[0].message, /^glance\/wsgi\/ has no __init__\.py, so glance\.wsgi is only a namespace package/);
  assert.match(d[0].message, /glance\.wsgi\.api:application cannot be imported from an installed glance/);
  assert.match(d[0].message, /Add an empty glance\/wsgi\/__init__\.py\./);
  assert.equal(d[0].endLine, 1, 'one line, not the whole file');
});

test('WSGI104 warns when an old <pkg>/wsgi.py collides with the <pkg>/wsgi/ package, saying which one wins', async () => {
  const root = copyOf('module-path-2025');
  write(root, 'watcher/wsgi.py', '# Eventlet WSGI server helpers.\nimport eventlet.wsgi\n');
  const d = (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI104');
  assert.deepEqual(
    d.map((x) => [x.file, x.line]),
    [['watcher/wsgi.py', 2]],
  );
  assert.match(d[0].message, /^watcher\/wsgi\.py collides with the watcher\/wsgi\/ package: both are watcher\.wsgi, the package wins/);

  fs.rmSync(path.join(root, 'watcher/wsgi/__init__.py'));
  const both = (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI104');
  assert.deepEqual(
    both.map((x) => x.file),
    ['watcher/wsgi.py', 'watcher/wsgi/api.py'],
  );
  assert.match(both[0].message, /without watcher\/wsgi\/__init__\.py the module wins, so watcher\.wsgi\.api cannot be imported/);
});

test('WSGI104 ignores wsgi folders outside a package, tests, and modules that do not collide', async () => {
  const root = copyOf('module-path-2025');
  write(root, 'wsgi/watcher-api.py', 'application = None\n');
  write(root, 'watcher/tests/wsgi/test_api.py', 'def test():\n    pass\n');
  write(root, 'watcher/api/wsgi.py', fs.readFileSync(path.join(fixture('module-path-2025'), 'watcher/api/wsgi.py'), 'utf8'));
  const { repo } = await repoReport(root);
  assert.deepEqual(
    repo.diagnostics.filter((x) => x.code === 'WSGI104'),
    [],
  );
});

test('WSGI104 stays quiet on the 2025 module-path layout', async () => {
  const { repo } = await repoReport(fixture('module-path-2025'));
  assert.deepEqual(
    repo.diagnostics.filter((x) => MINE.includes(x.code)),
    [],
  );
});
