// Input built to exhaust the engine: evaluation stops within its step budget with "unknown",
// deep nesting does not overflow the stack, and a huge open buffer never reaches a parser.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf } from '../helpers/fixtures';
import { analyze } from '../helpers/engine';
import type { Rule } from '../../server/src/rules/rule';
import { RULES } from '../../server/src/rules';
import { MAX_WALK_DEPTH, parsers } from '../../server/src/parse/tree-sitter';
import { pythonFacts } from '../../server/src/parse/python';
import { shellFacts } from '../../server/src/parse/bash';

const prepend = (file: string, text: string) => fs.writeFileSync(file, text + fs.readFileSync(file, 'utf8'));

test('4 000 nested ${A:- in plugin.sh and a 100 kB x+x+… Python line: the repo is still analysed', async () => {
  const root = copyOf('paste-console-script-standalone');
  prepend(path.join(root, 'devstack', 'plugin.sh'), 'B=' + '${A:-'.repeat(4000) + 'x' + '}'.repeat(4000) + '\n');
  fs.writeFileSync(path.join(root, 'designate', 'api', '__init__.py'), 'x = 1\ny = ' + 'x+'.repeat(50_000) + 'x\n');
  const logs: string[] = [];
  const ws = await analyze(root, {}, logs);
  const repos = ws.report().repos;
  assert.equal(repos.length, 1, logs.join('\n'));
  assert.equal(repos[0].apiServices[0].name, 'designate-api');
  assert.ok(!logs.some((l) => /analysis of .* failed/.test(l)), logs.join('\n'));
});

test('an open buffer over the size cap is not parsed, is logged once, and the repo keeps its disk analysis', async () => {
  const root = copyOf('paste-console-script-standalone');
  const logs: string[] = [];
  const ws = await analyze(root, {}, logs);
  const before = JSON.stringify(ws.report().repos[0].criteria);
  const file = path.join(root, 'designate', 'cmd', 'api.py');
  await ws.setBuffer(file, '# huge\n' + 'x = 1\n'.repeat(400_000));
  await ws.setBuffer(file, '# huge\n' + 'x = 2\n'.repeat(400_000));
  assert.equal(logs.filter((l) => /skipped the open buffer of .*api\.py: \d+ characters is over the 1 MiB limit/.test(l)).length, 1);
  assert.equal(ws.report().repos.length, 1);
  await ws.setBuffer(file, undefined);
  assert.equal(JSON.stringify(ws.report().repos[0].criteria), before);
});

test('a rule that throws loses only its own findings, and is logged once with the rule and the repo', async () => {
  const rules = RULES as Rule[];
  rules.push({
    code: 'WSGI999',
    goals: ['deploy-api-in-wsgi'],
    title: 'throws',
    severity: 'error',
    docs: '',
    check: () => {
      throw new Error('boom');
    },
  });
  try {
    const root = copyOf('paste-console-script-standalone');
    const logs: string[] = [];
    const ws = await analyze(root, {}, logs);
    const a = ws.allAnalyses()[0];
    assert.deepEqual(a.ruleFailures, [{ code: 'WSGI999', message: 'boom' }]);
    assert.ok(
      a.report.diagnostics.some((d) => d.code === 'WSGI101'),
      'the other rules still report',
    );
    await ws.setBuffer(path.join(root, 'setup.cfg'), fs.readFileSync(path.join(root, 'setup.cfg'), 'utf8') + '\n');
    assert.equal(logs.filter((l) => /^rule WSGI999 failed on .*: boom; its findings are missing/.test(l)).length, 1);
  } finally {
    rules.pop();
  }
});

test('nesting past MAX_WALK_DEPTH is cut at the same depth every time, in Python and bash, LF or CRLF', async () => {
  const { python, bash } = await parsers();
  const attr = (levels: number) => '- ' + 'a.'.repeat(levels) + 'a\n';
  const cond = (levels: number) =>
    'if [[ ' + Array.from({ length: levels }, () => '-n "$X"').join(' && ') + ' ]]; then run_process x y; fi\n';
  // Well inside the bound: read whole.
  assert.equal(pythonFacts(python, 'x = 1\n' + attr(MAX_WALK_DEPTH / 5)).tooDeep, undefined);
  assert.equal(shellFacts(bash, cond(MAX_WALK_DEPTH / 5)).tooDeep, undefined);
  // Past it (and far short of where V8's stack would run out): cut, whatever ran before.
  for (let i = 0; i < 5; i++) {
    for (const text of [attr(MAX_WALK_DEPTH * 2), attr(MAX_WALK_DEPTH * 2).replace(/\n/g, '\r\n')]) {
      const f = pythonFacts(python, 'x = 1\n' + text);
      assert.deepEqual([f.tooDeep, f.hasSyntaxError, f.bindings.has('x')], [true, true, true], 'the facts before the deep line stand');
    }
    const s = shellFacts(bash, 'A=1\n' + cond(MAX_WALK_DEPTH * 2));
    assert.deepEqual([s.tooDeep, s.assignments.map((a) => a.name)], [true, ['A']]);
  }
});
