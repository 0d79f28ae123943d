import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parsers } from '../../server/src/parse/tree-sitter';
import { pythonFacts } from '../../server/src/parse/python';

async function facts(src: string) {
  return pythonFacts((await parsers()).python, src);
}

test('module-level application in its usual shapes is found', async () => {
  for (const src of [
    'application = None\nwith lock:\n    if application is None:\n        application = init()\n',
    'app = application = make_app()\n',
    'try:\n    application = init()\nexcept Exception:\n    raise\n',
    'def application(environ, start_response):\n    pass\n',
    'from x.wsgi import application\n',
  ]) {
    assert.ok((await facts(src)).assigned.has('application'), src);
  }
});

test('application only under __main__ or inside a function does not count', async () => {
  for (const src of [
    'if __name__ == "__main__":\n    application = init()\n',
    'def main():\n    application = init()\n',
    'wsgi_app = init()\n',
  ]) {
    assert.ok(!(await facts(src)).assigned.has('application'), src);
  }
});

test('functions report how many arguments a caller must pass', async () => {
  const f = await facts('def init_application():\n    pass\ndef init_app(name, prog=None):\n    pass\ndef k(*args, **kw):\n    pass\n');
  assert.equal(f.functions.get('init_application')?.requiredParams, 0);
  assert.equal(f.functions.get('init_app')?.requiredParams, 1);
  assert.equal(f.functions.get('k')?.requiredParams, 0);
  assert.equal(f.functions.get('init_application')?.span.start.line, 0);
});

test('a syntax error is flagged but the rest is still read', async () => {
  const f = await facts('application = init(\ndef ok():\n    pass\n');
  assert.equal(f.hasSyntaxError, true);
});
