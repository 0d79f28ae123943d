import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';
import { planWsgiEntry } from '../../server/src/scaffold/wsgi-entry';
import { wsgiModuleName } from '../../server/src/model/names';
import { parsers } from '../../server/src/parse/tree-sitter';
import { pythonFacts } from '../../server/src/parse/python';

const existsIn = (root: string) => (rel: string) => fs.existsSync(path.join(root, rel));

test('the module is named after the service as OpenStack does', () => {
  assert.equal(wsgiModuleName('designate-api', 'designate'), 'api');
  assert.equal(wsgiModuleName('nova-api-metadata', 'nova'), 'metadata');
  assert.equal(wsgiModuleName('nova-api-os-compute', 'nova'), 'os_compute');
  assert.equal(wsgiModuleName('heat-api-cfn', 'heat'), 'cfn');
  assert.equal(wsgiModuleName('neutron-server', 'neutron'), 'api');
});

test('from a paste pipeline: config from OS_<PROJECT>_CONFIG_DIR/FILES, the pipeline loaded by name, valid Python', async () => {
  const root = fixture('paste-console-script-standalone');
  const { analysis } = await repoReport(root);
  const plan = planWsgiEntry(analysis.model, 'designate-api', undefined, existsIn(root));
  assert.ok(plan.ok);
  assert.deepEqual(
    plan.files.map((f) => f.rel),
    ['designate/wsgi/__init__.py', 'designate/wsgi/api.py'],
  );
  const body = plan.files[1].content;
  assert.match(body, /os\.environ\.get\('OS_DESIGNATE_CONFIG_DIR', '\/etc\/designate'\)/);
  assert.match(body, /os\.environ\.get\('OS_DESIGNATE_CONFIG_FILES', 'designate\.conf'\)\.split\(';'\)/);
  assert.match(body, /PASTE_CONFIG = os\.path\.join\(CONFIG_DIR, 'api-paste\.ini'\)/);
  assert.match(body, /PASTE_APP = 'osapi_dns'/);
  assert.match(body, /logging\.setup\(conf, 'designate'\)/, 'the repo requires oslo.log, so logging is set up');
  const facts = pythonFacts((await parsers()).python, body);
  assert.equal(facts.hasSyntaxError, false);
  assert.ok(facts.assigned.has('application'));
  assert.doesNotMatch(body, /monkey_patch|serve_forever|TODO/);
});

test('from an app factory: the scaffolded module serves requests under a real WSGI server call', async () => {
  const root = copyOf('pyproject-entry-points');
  const { analysis } = await repoReport(root);
  const plan = planWsgiEntry(analysis.model, 'zun-api', undefined, existsIn(root));
  assert.ok(plan.ok);
  assert.equal(plan.builtFrom, 'zun.api.wsgi:init_application');
  for (const f of plan.files) write(root, f.rel, f.content);
  // Stand-ins for the project's own modules the fixture's factory calls.
  write(root, 'zun/common/__init__.py', '');
  write(root, 'zun/common/service.py', 'def prepare_service(argv):\n    pass\n');
  write(
    root,
    'zun/api/app.py',
    'def load_app():\n    def app(environ, start_response):\n        start_response("200 OK", [("Content-Type", "text/plain")])\n        return [b"zun " + environ["PATH_INFO"].encode()]\n    return app\n',
  );
  const out = execFileSync(
    'python3',
    [
      '-c',
      [
        'import wsgiref.util, zun.wsgi.api as m',
        'env = {}; wsgiref.util.setup_testing_defaults(env); env["PATH_INFO"] = "/v1/containers"',
        'print(b"".join(m.application(env, lambda s, h: print(s))).decode())',
      ].join('\n'),
    ],
    { cwd: root, encoding: 'utf8' },
  );
  assert.equal(out, '200 OK\nzun /v1/containers\n');
});

test('an existing file is never overwritten and a colliding <pkg>/wsgi.py stops the scaffold', async () => {
  const root = copyOf('paste-console-script-standalone');
  write(root, 'designate/wsgi/api.py', '# mine\n');
  let { analysis } = await repoReport(root);
  let plan = planWsgiEntry(analysis.model, 'designate-api', undefined, existsIn(root));
  assert.deepEqual(plan.ok ? 'ok' : plan.reason, 'designate/wsgi/api.py already exists; it is never overwritten.');

  const other = copyOf('paste-console-script-standalone');
  write(other, 'designate/wsgi.py', 'import eventlet.wsgi\n');
  ({ analysis } = await repoReport(other));
  plan = planWsgiEntry(analysis.model, 'designate-api', undefined, existsIn(other));
  assert.ok(!plan.ok && /designate\/wsgi\.py exists and would collide/.test(plan.reason));
});

test('a factory named by the user must be module:function; then it is used as given', async () => {
  const root = fixture('no-factory-no-paste');
  const { analysis } = await repoReport(root);
  const none = planWsgiEntry(analysis.model, 'kuryr-server', undefined, existsIn(root));
  assert.ok(!none.ok && none.needsFactory);
  const bad = planWsgiEntry(analysis.model, 'kuryr-server', 'kuryr.app', existsIn(root));
  assert.ok(!bad.ok && bad.needsFactory && /module:function/.test(bad.reason));
  const good = planWsgiEntry(analysis.model, 'kuryr-server', 'kuryr.server.app:make_app', existsIn(root));
  assert.ok(good.ok);
  assert.match(good.files[1].content, /from kuryr\.server import app\n/);
  assert.match(good.files[1].content, /application = app\.make_app\(\)/);
});
