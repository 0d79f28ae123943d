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

test('the else branch of a __main__ guard runs on import (pbr wsgi_scripts shape); the guarded body is kept apart', async () => {
  const f = await facts(
    ['if __name__ == "__main__":', '    app = build()', '    def serve():', '        pass', 'else:', '    application = build()', ''].join(
      '\n',
    ),
  );
  assert.ok(f.assigned.has('application'));
  assert.ok(!f.assigned.has('app') && !f.functions.has('serve'));
  assert.deepEqual([...f.mainAssigned.keys()], ['app', 'serve']);
  assert.equal(f.mainAssigned.get('app')?.start.line, 1);
});

test('bindings say what a module-level name is: assignment (with its value), function, class or import', async () => {
  const f = await facts(
    'from a.b import c as d\nimport x.y\nimport p.q as r\nfrom . import s\napp = application = make(1)\ndef f():\n    pass\nclass K:\n    pass\n',
  );
  assert.deepEqual(f.bindings.get('d'), { kind: 'import', span: f.bindings.get('d')!.span, module: 'a.b', name: 'c' });
  assert.deepEqual([f.bindings.get('x')?.kind, (f.bindings.get('x') as { module: string }).module], ['import', 'x']);
  assert.equal((f.bindings.get('r') as { module: string }).module, 'p.q');
  assert.equal((f.bindings.get('s') as { module: string }).module, '.');
  assert.deepEqual([f.bindings.get('app')?.kind, (f.bindings.get('application') as { value: string }).value], ['assignment', 'make(1)']);
  assert.deepEqual([f.bindings.get('f')?.kind, f.bindings.get('K')?.kind], ['function', 'class']);
});

test('methods keep their decorators and required parameters; typed *args are optional', async () => {
  const f = await facts(
    'class A:\n    @classmethod\n    def make(cls, name):\n        pass\n    @staticmethod\n    def s(x=1):\n        pass\n    def __init__(self):\n        pass\ndef g(a: int, *args: int, b: int = 2, **kw: str):\n    pass\n',
  );
  assert.deepEqual([f.methods.get('A.make')?.decorators, f.methods.get('A.make')?.requiredParams], [['classmethod'], 2]);
  assert.deepEqual([f.methods.get('A.s')?.decorators, f.methods.get('A.s')?.requiredParams], [['staticmethod'], 0]);
  assert.equal(f.methods.get('A.__init__')?.requiredParams, 1);
  assert.deepEqual([...f.classes.get('A')!], ['make', 's', '__init__']);
  assert.equal(f.functions.get('g')?.requiredParams, 1);
});

test('calls carry their callee, receiver, range and where they run', async () => {
  const f = await facts(
    [
      'import eventlet', // 0
      'eventlet.monkey_patch()', // 1
      'launcher = service.launch(CONF, server)', // 2
      'service.launch(CONF, s).wait()', // 3
      'class C:', // 4
      '    x = setup()', // 5
      '    def m(self):', // 6
      '        helper()', // 7
      'def main(arg=default()):', // 8
      '    server.serve_forever()', // 9
      'cb = lambda: later()', // 10
      'if __name__ == "__main__":', // 11
      '    main()', // 12
      'else:', // 13
      '    init()', // 14
      '',
    ].join('\n'),
  );
  const at = (callee: string) => f.calls.find((c) => c.callee === callee)!;
  assert.deepEqual(at('eventlet.monkey_patch'), {
    callee: 'eventlet.monkey_patch',
    name: 'monkey_patch',
    receiver: 'eventlet',
    span: { start: { line: 1, character: 0 }, end: { line: 1, character: 23 } },
    underMain: false,
  });
  assert.deepEqual(
    [at('service.launch(CONF,s).wait').name, at('service.launch(CONF,s).wait').receiver],
    ['wait', 'service.launch(CONF,s)'],
  );
  assert.deepEqual(
    f.calls.filter((c) => c.callee === 'service.launch').map((c) => c.span.start.line),
    [2, 3],
  );
  assert.equal(at('setup').inFunction, undefined, 'a class body runs at import');
  assert.equal(at('helper').inFunction, 'C.m');
  assert.equal(at('default').inFunction, undefined, 'default values run at import');
  assert.equal(at('server.serve_forever').inFunction, 'main');
  assert.equal(at('later').inFunction, '<lambda>');
  assert.deepEqual([at('main').underMain, at('init').underMain], [true, false]);
});

test('imports list modules and names in order, with relative dots and wildcards; __future__ is left out', async () => {
  const f = await facts(
    'from __future__ import annotations\nimport os, eventlet.wsgi as ew\nfrom ..a.b import (c as d, e)\nfrom x import *\ndef f():\n    import late\n',
  );
  assert.deepEqual(
    f.imports.map((i) => [i.module, i.names, i.span.start.line, i.inFunction]),
    [
      ['os', [], 1, undefined],
      ['eventlet.wsgi', [], 1, undefined],
      ['..a.b', ['c', 'e'], 2, undefined],
      ['x', ['*'], 3, undefined],
      ['late', [], 5, 'f'],
    ],
  );
});

test('lock withs are Lock()/RLock() created in the with statement itself, not named locks', async () => {
  const f = await facts(
    'import threading\nlock = threading.Lock()\nwith threading.Lock():\n    pass\nwith lock:\n    pass\ndef f():\n    with Lock() as l, threading.RLock():\n        pass\n    with threading.Lock(timeout):\n        pass\n',
  );
  assert.deepEqual(
    f.lockWiths.map((w) => [w.callee, w.span.start.line, w.span.start.character, w.inFunction]),
    [
      ['threading.Lock', 2, 5, undefined],
      ['Lock', 7, 9, 'f'],
      ['threading.RLock', 7, 22, 'f'],
    ],
  );
});

test('string literals are values with their text between quotes; docstrings are left out', async () => {
  const f = await facts(
    '"""Module doc."""\nCONF_DIR = os.environ.get("OS_NOVA_CONFIG_DIR", r\'/etc/nova\')\ndef init():\n    """Doc."""\n    return f"/etc/{name}/x.conf" \'.ini\'\n',
  );
  assert.deepEqual(
    f.strings.map((s) => [s.value, s.span.start.line, s.span.start.character, s.inFunction]),
    [
      ['OS_NOVA_CONFIG_DIR', 1, 26, undefined],
      ['/etc/nova', 1, 48, undefined],
      ['/etc/{name}/x.conf', 4, 11, 'init'],
      ['.ini', 4, 33, 'init'],
    ],
  );
});
