import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const MINE = ['WSGI102', 'WSGI103', 'WSGI104', 'WSGI105', 'WSGI501', 'WSGI502', 'WSGI503', 'WSGI504', 'WSGI505'];
const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

test('WSGI503 finds monkey-patching in the WSGI module, in the factory module it imports, and through <pkg>.cmd', async () => {
  const root = fixture('eventlet-patch-in-factory');
  const { repo } = await repoReport(root);
  const d = repo.diagnostics.filter((x) => x.code === 'WSGI503');
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.severity]),
    [
      ['nova/api/openstack/wsgi_app.py', lineOf(read(root, 'nova/api/openstack/wsgi_app.py'), 'utils.monkey_patch()') + 1, 'warning'],
      ['nova/wsgi/legacy.py', lineOf(read(root, 'nova/wsgi/legacy.py'), 'from nova.cmd import api') + 1, 'warning'],
      ['nova/wsgi/metadata.py', lineOf(read(root, 'nova/wsgi/metadata.py'), 'eventlet.monkey_patch()') + 1, 'warning'],
    ],
  );
  const [factory, cmd, own] = d.map((x) => x.message);
  assert.match(
    factory,
    /^nova\/api\/openstack\/wsgi_app\.py monkey-patches eventlet at import \(utils\.monkey_patch\(\), line 13\), and WSGI modules nova\/wsgi\/legacy\.py, nova\/wsgi\/metadata\.py and nova\/wsgi\/osapi_compute\.py import it/,
  );
  assert.match(factory, /Patch not first: 6 imports run before it \(from line 3\)/);
  assert.match(
    cmd,
    /^nova\/wsgi\/legacy\.py imports nova\.cmd\.api, and nova\/cmd\/__init__\.py monkey-patches eventlet when it is imported \(utils\.monkey_patch\(\), line 3\)/,
  );
  assert.match(cmd, /Do not import nova\.cmd from the WSGI module/);
  assert.match(
    own,
    /^nova\/wsgi\/metadata\.py monkey-patches eventlet at import \(eventlet\.monkey_patch\(\), line 4\) on the WSGI import path/,
  );
  assert.doesNotMatch(own, /Patch not first/, 'patching first is still reported, but not as late');
});

test('WSGI503 on the designate layout: a WSGI module importing designate.cmd gets its eventlet patching', async () => {
  const root = copyOf('paste-console-script-standalone');
  write(root, 'designate/wsgi/__init__.py', '');
  write(
    root,
    'designate/wsgi/api.py',
    'from designate.api import service\nfrom designate import cmd  # noqa: F401\n\napplication = service.Service().app\n',
  );
  const d = (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI503');
  assert.deepEqual(
    d.map((x) => [x.file, x.line]),
    [['designate/wsgi/api.py', 2]],
  );
  assert.match(
    d[0].message,
    /imports designate\.cmd, and designate\/cmd\/__init__\.py monkey-patches eventlet .*eventlet\.monkey_patch\(\), line 2/,
  );

  write(root, 'designate/wsgi/api.py', 'from designate.api import service\n\napplication = service.Service().app\n');
  assert.deepEqual(
    (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI503'),
    [],
    'the API code alone does not patch',
  );
});

test('WSGI503 stays quiet on the 2025 module-path layout', async () => {
  const { repo } = await repoReport(fixture('module-path-2025'));
  assert.deepEqual(
    repo.diagnostics.filter((x) => MINE.includes(x.code)),
    [],
  );
});
