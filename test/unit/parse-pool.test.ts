// The language server parses on worker threads: what crosses back must be the very facts the engine's
// own thread would make, shared objects included (a command's `if` test is one object for the block).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fixture } from '../helpers/fixtures';
import { parsePool } from '../../server/src/parse/pool';
import { parsers } from '../../server/src/parse/tree-sitter';
import { pythonFacts } from '../../server/src/parse/python';
import { shellFacts } from '../../server/src/parse/bash';
import { zuulJobs } from '../../server/src/parse/zuul';
import { ParseCache } from '../../server/src/parse/cache';
import type { ShellFacts } from '../../server/src/parse/bash';

const read = (...p: string[]) => fs.readFileSync(path.join(...p), 'utf8');

test('facts parsed on a worker are those parsed here, and reach the cache', async () => {
  const pool = parsePool();
  assert.ok(pool, 'the compiled worker script is found');
  const ts = await parsers();
  const py = read(fixture('module-path-2025'), 'watcher', 'wsgi', 'api.py');
  const sh = read(fixture('plugin-standalone-fallback-branch'), 'devstack', 'lib', 'zun');
  const zuul = read(fixture('zuul-jobs-mod-wsgi-standalone'), '.zuul.yaml');
  assert.deepEqual(await pool.parse('python', py, 'api.py'), pythonFacts(ts.python, py));
  const shell = (await pool.parse('shell', sh, 'zun')) as ShellFacts;
  assert.deepEqual(shell, shellFacts(ts.bash, sh));
  // The evaluation matches commands to the branch they share by the identity of its test.
  const inIf = shell.commands.filter((c) => c.conditions.length);
  assert.ok(inIf.length >= 2);
  const same = shellFacts(ts.bash, sh).commands.filter((c) => c.conditions.length);
  assert.equal(inIf[0].conditions[0].test === inIf[1].conditions[0].test, same[0].conditions[0].test === same[1].conditions[0].test);
  assert.deepEqual(await pool.parse('zuul', zuul, '.zuul.yaml'), zuulJobs(zuul, '.zuul.yaml'));

  const cache = new ParseCache(pool);
  await cache.warm('zuul', '/x/.zuul.yaml', zuul, '.zuul.yaml');
  assert.deepEqual(cache.zuul('/x/.zuul.yaml', '.zuul.yaml', zuul), zuulJobs(zuul, '.zuul.yaml'));
});

test('without workers the cache parses on its own thread, with the same result', async () => {
  await parsers();
  const sh = read(fixture('plugin-standalone-fallback-branch'), 'devstack', 'lib', 'zun');
  const cache = new ParseCache();
  await cache.warm('shell', '/x/zun', sh);
  assert.deepEqual(cache.shell('/x/zun', sh), shellFacts((await parsers()).bash, sh));
});
