import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const MINE = ['WSGI102', 'WSGI103', 'WSGI104', 'WSGI105', 'WSGI501', 'WSGI502', 'WSGI503', 'WSGI504', 'WSGI505'];
const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

test('WSGI501 reports WSGI modules without a module-level application and says what they have instead', async () => {
  const root = fixture('wsgi-module-without-application');
  const { repo } = await repoReport(root);
  const d = repo.diagnostics.filter((x) => x.code === 'WSGI501');
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [
      ['cinder/api/wsgi_app.py', 1, 'error'],
      ['cinder/wsgi/admin.py', lineOf(read(root, 'cinder/wsgi/admin.py'), 'app =') + 1, 'error'],
      ['cinder/wsgi/api.py', lineOf(read(root, 'cinder/wsgi/api.py'), 'application =') + 1, 'error'],
    ],
  );
  const [named, alt, main] = d.map((x) => x.message);
  assert.match(
    named,
    /^WSGI module cinder\/api\/wsgi_app\.py has no module-level application: CINDER_UWSGI=cinder\.api\.wsgi_app:application in devstack\/settings:2 makes the server look up application/,
  );
  assert.match(named, /Add application = init_application\(\) at module level\./);
  assert.match(
    alt,
    /binds app \(line 5\) but no module-level application: uwsgi \(module = cinder\.wsgi\.admin:application\), gunicorn and mod_wsgi import it/,
  );
  assert.match(alt, /2025\.2 goal needs a module-level application in every <pkg>\.wsgi\.<server> module\. Add application = app\./);
  assert.match(
    main,
    /binds application only under if __name__ == "__main__": \(line 8\), which does not run when a WSGI server imports it/,
  );
  assert.match(main, /Move the assignment out of the if __name__ == "__main__": block\./);
  assert.ok(!d.some((x) => x.file === 'cinder/wsgi/wsgi.py'), 'the factory module of the wsgi package is support code');
});

test('WSGI501 counts the else branch of a __main__ guard (pbr script shape) and checks the callable a uwsgi ini names', async () => {
  const root = copyOf('module-path-2025');
  write(
    root,
    'watcher/wsgi/api.py',
    [
      'import threading',
      '',
      'from watcher.api import wsgi',
      '',
      'if __name__ == "__main__":',
      '    from wsgiref import simple_server',
      '    simple_server.make_server("", 8000, wsgi.initialize_wsgi_app()).serve_forever()',
      'else:',
      '    application = None',
      '    with threading.Lock():',
      '        if application is None:',
      '            application = wsgi.initialize_wsgi_app()',
      '',
    ].join('\n'),
  );
  write(root, 'httpd/watcher-api-uwsgi.ini', '[uwsgi]\nmodule = watcher.api.wsgi\ncallable = wsgi_app\nmaster = true\n');
  const d = (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI501');
  assert.deepEqual(
    d.map((x) => [x.file, x.line]),
    [['watcher/api/wsgi.py', 1]],
  );
  assert.match(
    d[0].message,
    /^WSGI module watcher\/api\/wsgi\.py has no module-level wsgi_app: module = watcher\.api\.wsgi in httpd\/watcher-api-uwsgi\.ini:2 makes the server look up wsgi_app\./,
  );
});

test('WSGI501 leaves support modules of the wsgi package alone but not an api.py that only defines a factory', async () => {
  const root = copyOf('wsgi-module-without-application');
  write(
    root,
    'cinder/wsgi/common.py',
    'import webob.dec\n\n\nclass Request(webob.Request):\n    pass\n\n\nclass Middleware(object):\n    def __init__(self, application):\n        self.application = application\n',
  );
  write(root, 'cinder/wsgi/eventlet_server.py', 'from oslo_service import wsgi\n\n\nclass Server(wsgi.Server):\n    pass\n');
  write(
    root,
    'cinder/wsgi/api.py',
    'from cinder.wsgi import wsgi\n\n\ndef init_application():\n    return wsgi.initialize_application()\n',
  );
  const d = (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI501');
  assert.deepEqual(
    d.map((x) => x.file),
    ['cinder/api/wsgi_app.py', 'cinder/wsgi/admin.py', 'cinder/wsgi/api.py'],
  );
  assert.match(
    d[2].message,
    /^WSGI module cinder\/wsgi\/api\.py has no module-level application: .* Add application = init_application\(\) at module level\./,
  );
});

test('WSGI501 stays quiet on the 2025 module-path layout', async () => {
  const { repo } = await repoReport(fixture('module-path-2025'));
  assert.deepEqual(
    repo.diagnostics.filter((x) => MINE.includes(x.code)),
    [],
  );
});
