import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const MINE = ['WSGI102', 'WSGI103', 'WSGI104', 'WSGI105', 'WSGI501', 'WSGI502', 'WSGI503', 'WSGI504', 'WSGI505'];
const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

test('WSGI504 reports with threading.Lock(): inside a lazy factory, on the Lock() call', async () => {
  const root = fixture('lazy-factory-etc-config');
  const text = read(root, 'zun/api/wsgi.py');
  const d = (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI504');
  const line = lineOf(text, 'with threading.Lock():');
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.column, x.endColumn, x.severity]),
    [
      [
        'zun/api/wsgi.py',
        line + 1,
        text.split('\n')[line].indexOf('threading') + 1,
        text.split('\n')[line].indexOf(':') + 1,
        'information',
      ],
    ],
  );
  assert.match(d[0].message, /^with threading\.Lock\(\): in init_application\(\) creates a new lock on every call/);
  assert.match(d[0].message, /_lock = threading\.Lock\(\)\) and use with _lock:/);
});

test('WSGI504 leaves module-level inline locks (run once under the import lock) and named locks alone', async () => {
  const root = copyOf('lazy-factory-etc-config');
  write(
    root,
    'zun/api/wsgi.py',
    read(root, 'zun/api/wsgi.py')
      .replace('_application = None\n', '_application = None\n_lock = threading.Lock()\n')
      .replace('with threading.Lock():', 'with _lock:'),
  );
  write(
    root,
    'zun/wsgi/api.py',
    'import threading\n\nfrom zun.api import wsgi\n\napplication = None\nwith threading.Lock():\n    application = wsgi.init_application()\n',
  );
  assert.deepEqual(
    (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI504'),
    [],
  );
});

test('WSGI504 stays quiet on the 2025 module-path layout', async () => {
  const { repo } = await repoReport(fixture('module-path-2025'));
  assert.deepEqual(
    repo.diagnostics.filter((x) => MINE.includes(x.code)),
    [],
  );
});
