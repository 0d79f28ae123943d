import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const MINE = ['WSGI102', 'WSGI103', 'WSGI104', 'WSGI105', 'WSGI501', 'WSGI502', 'WSGI503', 'WSGI504', 'WSGI505'];
const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

test('WSGI502 reports servers started at import, on the call itself', async () => {
  const root = fixture('wsgi-module-serves-at-import');
  const { repo } = await repoReport(root);
  const api = read(root, 'cloudkitty/wsgi/api.py');
  const legacy = read(root, 'cloudkitty/wsgi/legacy.py');
  const d = repo.diagnostics.filter((x) => x.code === 'WSGI502');
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.column, x.severity]),
    [
      ['cloudkitty/wsgi/api.py', api.split('\n').indexOf('main()') + 1, 1, 'error'],
      ['cloudkitty/wsgi/legacy.py', lineOf(legacy, 'wsgi.Server(') + 1, 10, 'error'],
      ['cloudkitty/wsgi/legacy.py', lineOf(legacy, 'service.launch(') + 1, 12, 'error'],
      ['cloudkitty/wsgi/legacy.py', lineOf(legacy, 'launcher.wait()') + 1, 1, 'error'],
    ],
  );
  const m = d.map((x) => x.message);
  assert.match(
    m[0],
    /^cloudkitty\/wsgi\/api\.py starts a server at import: main\(\) runs at import and calls simple_server\.make_server\(\) \(line 15\), which creates a listening HTTP server/,
  );
  assert.match(m[1], /wsgi\.Server\(\) creates oslo\.service's eventlet wsgi\.Server, which binds its socket/);
  assert.match(m[2], /service\.launch\(\) launches an oslo\.service service/);
  assert.match(m[3], /launcher\.wait\(\) blocks on a service launcher/);
  for (const x of m) assert.match(x, /imports this module only to get application .* deploy-api-in-wsgi goal/);
  assert.ok(!d.some((x) => x.file === 'cloudkitty/cli/api.py'), 'the console script may serve: it is not a WSGI module');
});

test('WSGI502 leaves __main__ blocks and uncalled functions alone, and knows Flask app.run()', async () => {
  const root = copyOf('module-path-2025');
  write(
    root,
    'watcher/wsgi/api.py',
    read(root, 'watcher/wsgi/api.py') +
      [
        '',
        '',
        'def serve():',
        '    from wsgiref import simple_server',
        '    simple_server.make_server("", 9322, application).serve_forever()',
        '',
        '',
        'if __name__ == "__main__":',
        '    serve()',
        '',
      ].join('\n'),
  );
  assert.deepEqual(
    (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI502'),
    [],
  );

  write(root, 'watcher/wsgi/admin.py', 'import flask\n\napplication = app = flask.Flask(__name__)\napp.run(host="0.0.0.0", port=9323)\n');
  const d = (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI502');
  assert.deepEqual(
    d.map((x) => [x.file, x.line]),
    [['watcher/wsgi/admin.py', 4]],
  );
  assert.match(d[0].message, /app\.run\(\) runs the development server/);
});

test('WSGI502 stays quiet on the 2025 module-path layout', async () => {
  const { repo } = await repoReport(fixture('module-path-2025'));
  assert.deepEqual(
    repo.diagnostics.filter((x) => MINE.includes(x.code)),
    [],
  );
});
