// Property-based fuzzing of every parser and evaluator, and of the whole engine on small synthetic
// repos: real-shaped files cut and mutated, random bytes, deep nesting, long lines, CRLF and BOMs,
// open quotes and heredocs, self-referencing shell variables, YAML alias chains (test/helpers/fuzz-gen.ts).
// Properties: nothing throws; evaluation ends within its step budget; every range lies inside its
// document; the facts do not depend on LF vs CRLF. The seed is fixed (fuzz-gen.ts SEED) so a run is
// reproducible; `npm run fuzz` explores with random seeds, and a failure prints the seed and path to
// replay it (fc.assert's { seed, path }). WSGI_GOAL_FUZZ_RUNS multiplies the run counts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { Parser } from '@vscode/tree-sitter-wasm';
import { parsers } from '../../server/src/parse/tree-sitter';
import { parseIni } from '../../server/src/parse/ini';
import { entryPointsFromSetupCfg, entryPointsFromSetupPy, parsePyProject } from '../../server/src/parse/entry-points';
import { pythonFacts } from '../../server/src/parse/python';
import { shellFacts, type Cond, type ShellFacts } from '../../server/src/parse/bash';
import { zuulJobs } from '../../server/src/parse/zuul';
import { parseLocalConf } from '../../server/src/parse/local-conf';
import { DefaultEnv, evaluate, expand, functionOutput, type Env } from '../../server/src/model/shell-eval';
import { budgeted, EVAL_STEPS, MAX_VALUE_CHARS } from '../../server/src/util/budget';
import { splitLines } from '../../server/src/util/range';
import { applyAssignments } from '../../server/src/model/devstack';
import { FACTORY_DEF, FACTORY_NAME, MAY_BIND_APPLICATION } from '../../server/src/model/names';
import { httpServingCall, mayServeHttp } from '../../server/src/model/serves-http';
import { analyze } from '../helpers/engine';
import type { Workspace } from '../../server/src/engine/workspace';
import { tempDir, write } from '../helpers/fixtures';
import {
  CMD_PY,
  LOCAL_CONF,
  PASTE_INI,
  PLUGIN_SH,
  PYPROJECT,
  SETTINGS_SH,
  SETUP_CFG,
  SETUP_PY,
  UWSGI_INI,
  WSGI_PY,
  ZUUL_YAML,
  aliasChain,
  anyWord,
  cond,
  envOf,
  inputFor,
  repoFiles,
  runs,
  SEED,
  shellChains,
} from '../helpers/fuzz-gen';
import { assertLineInside, assertSpansInside, lfAndCrlf, normalised, timed } from '../helpers/fuzz-check';

fc.configureGlobal({ seed: SEED });

/**
 * Runs per property in the default run (× WSGI_GOAL_FUZZ_RUNS): about 50 000 inputs in well under
 * three minutes; the engine runs are fewer since each writes and analyses a whole repo.
 */
const RUNS = {
  ini: 4000,
  iniCrlf: 1500,
  setupCfg: 2000,
  pyproject: 3000,
  /** Each run compares a setup.cfg and a pyproject.toml. */
  entryPointsCrlf: 1200,
  python: 5000,
  pythonCrlf: 2000,
  pythonPrechecks: 3000,
  bash: 5000,
  bashCrlf: 2000,
  expand: 4000,
  evaluate: 2000,
  replay: 3000,
  zuul: 5000,
  zuulCrlf: 2000,
  localConf: 3000,
  localConfCrlf: 1200,
  /** Each run analyses a repo and then an edited buffer in it. */
  engine: 500,
  /** Each run analyses the repo twice, LF and CRLF. */
  engineCrlf: 100,
};

const INI = inputFor('ini', [SETUP_CFG, UWSGI_INI, PASTE_INI]);
const TOML = inputFor('toml', [PYPROJECT]);
const PYTHON = inputFor('python', [WSGI_PY, CMD_PY, SETUP_PY]);
const BASH = inputFor('bash', [PLUGIN_SH, SETTINGS_SH], [shellChains]);
const YAML = inputFor('yaml', [ZUUL_YAML], [aliasChain]);
const LOCALCONF = inputFor('localConf', [LOCAL_CONF]);

let ts: { python: Parser; bash: Parser } | undefined;
const grammars = async () => (ts ??= await parsers());

/** The shell-eval step: what devstack.ts does with a file's facts, inside the step budget. */
function replay(sh: ShellFacts) {
  const assigned = new Set(sh.assignments.map((a) => a.name));
  const env = new DefaultEnv([['WSGI_MODE', 'uwsgi']], (name) => !assigned.has(name));
  const loose: Env = new Map(env);
  const enabled = (svc: string) => (svc.endsWith('-api') ? true : svc === 'tls-proxy' ? false : undefined);
  const calling = new Set<string>();
  env.call = (name) => {
    if (calling.has(name) || !sh.functions.has(name)) return undefined;
    calling.add(name);
    try {
      return functionOutput(
        { commands: sh.commands.filter((c) => c.inFunction === name), assignments: sh.assignments.filter((a) => a.inFunction === name) },
        env,
        enabled,
      );
    } finally {
      calling.delete(name);
    }
  };
  const decided = new Map<Cond, boolean | undefined>();
  const verdict = (c: Cond) => {
    if (!decided.has(c)) decided.set(c, evaluate(c, env, enabled));
    return decided.get(c);
  };
  for (let pass = 0; pass < 2; pass++) {
    decided.clear();
    applyAssignments(sh, env, loose, verdict);
  }

  const verdicts = sh.commands.flatMap((c) => c.conditions.map((k) => verdict(k.test)));
  const args = sh.commands.flatMap((c) => c.args.map((a) => expand(a.value, loose, true)));
  const outputs = [...sh.functions.keys()].map((f) => env.call?.(f));
  return { verdicts, args, outputs, env: [...env] };
}

/** A budgeted run ended cleanly: a value, or "too complex" with a reason, within the limit either way. */
function assertWithinBudget(res: ReturnType<typeof budgeted>): void {
  assert.ok(res.steps >= 0 && res.steps <= EVAL_STEPS, `steps ${res.steps} outside 0..${EVAL_STEPS}`);
  if (!res.ok) assert.ok(typeof res.reason === 'string' && res.reason.length > 0, 'a not-ok result gives a reason');
  // The budget is uninstalled afterwards: a fresh one starts from zero.
  assert.deepEqual(
    budgeted(1, () => 1),
    { ok: true, value: 1, steps: 0 },
  );
}

// --- ini: setup.cfg, uwsgi and paste ini ----------------------------------------------------------

test('fuzz ini: parseIni never throws and every range lies inside the document and quotes it', () => {
  fc.assert(
    fc.property(INI, (text) => {
      const ini = timed('parseIni', () => parseIni(text));
      assertSpansInside(text, ini, 'parseIni');
      const lines = splitLines(text);
      const at = (s: { start: { line: number; character: number }; end: { character: number } }) =>
        lines[s.start.line].slice(s.start.character, s.end.character);
      for (const sec of ini.sections)
        for (const e of sec.entries) {
          assert.equal(at(e.keySpan).toLowerCase(), e.key);
          for (const l of e.lines) assert.equal(at(l.span), l.text);
        }
    }),
    { numRuns: runs(RUNS.ini) },
  );
});

test('fuzz ini: LF and CRLF give the same sections, entries, values and ranges', () => {
  fc.assert(
    fc.property(INI, (text) => {
      const { lf, crlf } = lfAndCrlf(text);
      assert.deepEqual(parseIni(crlf), parseIni(lf));
    }),
    { numRuns: runs(RUNS.iniCrlf) },
  );
});

// --- entry points: setup.cfg, pyproject.toml, setup.py --------------------------------------------

test('fuzz entry points: setup.cfg [entry_points] never throws and its ranges lie inside the file', () => {
  fc.assert(
    fc.property(INI, (text) => {
      const eps = timed('entryPointsFromSetupCfg', () => entryPointsFromSetupCfg(parseIni(text)));
      assertSpansInside(text, eps, 'entryPointsFromSetupCfg');
      for (const e of eps) assert.match(e.module, /^[A-Za-z_][\w.]*$/);
    }),
    { numRuns: runs(RUNS.setupCfg) },
  );
});

test('fuzz entry points: pyproject.toml never throws, invalid TOML is a problem, ranges lie inside the file', () => {
  fc.assert(
    fc.property(TOML, (text) => {
      const py = timed('parsePyProject', () => parsePyProject(text));
      assertSpansInside(text, py, 'parsePyProject');
      if (py.error) assert.equal(py.entryPoints.length, 0);
    }),
    { numRuns: runs(RUNS.pyproject) },
  );
});

test('fuzz entry points: LF and CRLF give the same setup.cfg and pyproject.toml entry points', () => {
  fc.assert(
    fc.property(INI, TOML, (cfg, toml) => {
      const a = lfAndCrlf(cfg);
      assert.deepEqual(entryPointsFromSetupCfg(parseIni(a.crlf)), entryPointsFromSetupCfg(parseIni(a.lf)));
      const b = lfAndCrlf(toml);
      const [lf, crlf] = [parsePyProject(b.lf), parsePyProject(b.crlf)];
      assert.deepEqual(normalised(crlf.entryPoints), normalised(lf.entryPoints));
      assert.equal(crlf.name, lf.name);
      assert.equal(!!crlf.error, !!lf.error, `${crlf.error?.message} / ${lf.error?.message}`);
      assert.equal(crlf.error?.span.start.line, lf.error?.span.start.line);
    }),
    { numRuns: runs(RUNS.entryPointsCrlf) },
  );
});

// --- python (tree-sitter) ---------------------------------------------------------------------------

test('fuzz python: pythonFacts never throws and every range lies inside the module', async () => {
  const { python } = await grammars();
  fc.assert(
    fc.property(PYTHON, (text) => {
      const facts = timed('pythonFacts', () => pythonFacts(python, text));
      assertSpansInside(text, facts, 'pythonFacts');
      const eps = entryPointsFromSetupPy(facts.strings);
      assertSpansInside(text, eps, 'entryPointsFromSetupPy');
    }),
    { numRuns: runs(RUNS.python) },
  );
});

test('fuzz python: LF and CRLF give the same facts', async () => {
  const { python } = await grammars();
  fc.assert(
    fc.property(PYTHON, (text) => {
      const { lf, crlf } = lfAndCrlf(text);
      assert.deepEqual(normalised(pythonFacts(python, crlf)), normalised(pythonFacts(python, lf)));
    }),
    { numRuns: runs(RUNS.pythonCrlf) },
  );
});

test('fuzz python: a module the text pre-checks skip has none of the facts they stand for', async () => {
  // The engine does not parse a module whose text cannot hold what it looks for: each pre-check must
  // accept every importable text in which the parser finds the fact.
  const { python } = await grammars();
  fc.assert(
    fc.property(PYTHON, (text) => {
      const facts = pythonFacts(python, text);
      // What tree-sitter's error recovery makes of a module Python cannot import is no fact to keep.
      if (facts.hasSyntaxError) return;
      if (facts.bindings.has('application')) assert.ok(MAY_BIND_APPLICATION.test(text), 'binds application');
      if ([...facts.functions.keys()].some((f) => FACTORY_NAME.test(f))) assert.ok(FACTORY_DEF.test(text), 'defines a factory');
      if (httpServingCall(facts)) assert.ok(mayServeHttp(text), 'serves HTTP');
      if (facts.calls.some((c) => c.name === 'monkey_patch')) assert.ok(text.includes('monkey_patch'), 'monkey-patches');
      if (facts.lockWiths.length)
        assert.ok(
          ['Lock', 'Semaphore', 'Condition'].some((w) => text.includes(w)),
          'with a lock',
        );
    }),
    { numRuns: runs(RUNS.pythonPrechecks) },
  );
});

// --- bash (tree-sitter) -----------------------------------------------------------------------------

test('fuzz bash: shellFacts never throws and every range lies inside the script', async () => {
  const { bash } = await grammars();
  fc.assert(
    fc.property(BASH, (text) => {
      const facts = timed('shellFacts', () => shellFacts(bash, text));
      assertSpansInside(text, facts, 'shellFacts');
    }),
    { numRuns: runs(RUNS.bash) },
  );
});

test('fuzz bash: LF and CRLF give the same commands, assignments, tests and ranges', async () => {
  const { bash } = await grammars();
  fc.assert(
    fc.property(BASH, (text) => {
      const { lf, crlf } = lfAndCrlf(text);
      assert.deepEqual(normalised(shellFacts(bash, crlf)), normalised(shellFacts(bash, lf)));
    }),
    { numRuns: runs(RUNS.bashCrlf) },
  );
});

// --- shell evaluation ---------------------------------------------------------------------------------

/** An env from generated values; as DefaultEnv (unset names empty, `$(f)` calls) or a plain Map. */
function makeEnv([values, asDefault]: [Record<string, string>, boolean]): Env {
  if (!asDefault) return new Map(Object.entries(values));
  const env = new DefaultEnv(Object.entries(values), (n) => n !== 'UNSET');
  let calls = 0;
  // `g` echoes itself twice: bounded here as devstack.ts bounds it (a function in progress prints nothing).
  env.call = (n) => (n === 'f' ? 'uwsgi' : n === 'g' && calls++ < 50 ? expand('$(g)$(g)', env) : undefined);
  return env;
}

test('fuzz shell-eval: expand ends within the step budget, and a strict value is the lenient one', () => {
  fc.assert(
    fc.property(anyWord, envOf, (w, e) => {
      const env = makeEnv(e);
      const res = timed('expand', () => budgeted(EVAL_STEPS, () => [expand(w, env), expand(w, env, true)] as const));
      assertWithinBudget(res);
      if (!res.ok) return;
      const [strict, lenient] = res.value;
      assert.equal(typeof lenient, 'string', 'lenient expansion always gives a string');
      if (strict !== undefined) {
        assert.ok(strict.length <= MAX_VALUE_CHARS);
        assert.equal(strict, lenient, 'where every part is known, strict and lenient agree');
      }
    }),
    { numRuns: runs(RUNS.expand) },
  );
});

test('fuzz shell-eval: evaluate ends within the step budget with true, false or unknown', () => {
  fc.assert(
    fc.property(cond, envOf, (c, e) => {
      const env = makeEnv(e);
      const res = timed('evaluate', () => budgeted(EVAL_STEPS, () => evaluate(c, env, (s) => (s === 'x-api' ? true : undefined))));
      assertWithinBudget(res);
      if (res.ok) assert.ok(res.value === true || res.value === false || res.value === undefined);
    }),
    { numRuns: runs(RUNS.evaluate) },
  );
});

test('fuzz shell-eval: replaying a script (self-referencing chains, echoing functions) ends within the budget', async () => {
  const { bash } = await grammars();
  fc.assert(
    fc.property(fc.oneof(shellChains, BASH), (text) => {
      const sh = shellFacts(bash, text);
      const res = timed('replay', () => budgeted(EVAL_STEPS, () => replay(sh)));
      assertWithinBudget(res);
      if (res.ok) for (const [, v] of res.value.env) assert.ok(v.length <= MAX_VALUE_CHARS);
    }),
    { numRuns: runs(RUNS.replay) },
  );
});

// --- zuul --------------------------------------------------------------------------------------------------

test('fuzz zuul: zuulJobs never throws, ends quickly on alias chains, and its ranges lie inside the file', () => {
  fc.assert(
    fc.property(YAML, (text) => {
      const z = timed('zuulJobs', () => zuulJobs(text, '.zuul.yaml'));
      assertSpansInside(text, z, 'zuulJobs');
    }),
    { numRuns: runs(RUNS.zuul) },
  );
});

test('fuzz zuul: LF and CRLF give the same jobs, settings, and problems at the same ranges', () => {
  // The YAML library words its first error differently for some broken CRLF documents (a lone `\`
  // line: "Implicit keys need to be on a single line" vs "…followed by map values"); the user sees a
  // problem on the same line either way, so the wording is not part of the property.
  const unworded = (z: ReturnType<typeof zuulJobs>) => ({
    ...z,
    problems: z.problems.map(({ message, ...p }) => ({ ...p, yaml: message.includes('cannot be read as YAML') })),
  });
  fc.assert(
    fc.property(YAML, (text) => {
      const { lf, crlf } = lfAndCrlf(text);
      assert.deepEqual(normalised(unworded(zuulJobs(crlf, '.zuul.yaml'))), normalised(unworded(zuulJobs(lf, '.zuul.yaml'))));
    }),
    { numRuns: runs(RUNS.zuulCrlf) },
  );
});

// --- local.conf --------------------------------------------------------------------------------------------

test('fuzz local.conf: parseLocalConf never throws and its sections and ranges lie inside the file', () => {
  fc.assert(
    fc.property(LOCALCONF, (text) => {
      const lc = timed('parseLocalConf', () => parseLocalConf(text));
      assertSpansInside(text, lc, 'parseLocalConf');
      for (const s of lc.sections) {
        assertLineInside(text, s.bodyStart, 'bodyStart', true);
        assertLineInside(text, s.bodyEnd, 'bodyEnd', true);
        assert.ok(s.bodyStart <= s.bodyEnd);
      }
      for (const a of lc.localrc) assert.ok(a.section >= 0 && a.section < lc.sections.length);
    }),
    { numRuns: runs(RUNS.localConf) },
  );
});

test('fuzz local.conf: LF and CRLF give the same sections and assignments', () => {
  fc.assert(
    fc.property(LOCALCONF, (text) => {
      const { lf, crlf } = lfAndCrlf(text);
      assert.deepEqual(parseLocalConf(crlf), parseLocalConf(lf));
    }),
    { numRuns: runs(RUNS.localConfCrlf) },
  );
});

// --- the whole engine on a synthetic repo -------------------------------------------------------------------

/** The files under a fresh folder, always named `ws` (a repo without a name in its packaging is named after it). */
function writeRepo(files: Record<string, string>): string {
  const root = path.join(tempDir('wsgi-goal-fuzz-'), 'ws');
  for (const [rel, text] of Object.entries(files)) write(root, rel, text);
  return root;
}

/** The text of a file as the engine read it (DiskSource: UTF-8, BOM dropped). */
const onDisk = (abs: string) => (fs.existsSync(abs) ? new TextDecoder().decode(fs.readFileSync(abs)) : undefined);

/** Everything with a `file` and a `span`: model facts, findings, fix edits. */
function located(value: unknown): { file: string; repo?: string; span: unknown }[] {
  const out: { file: string; repo?: string; span: unknown }[] = [];
  const seen = new WeakSet<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    const o = v as { file?: unknown; span?: unknown; repo?: unknown; edits?: { span: unknown }[] };
    if (typeof o.file === 'string' && o.span) {
      out.push({ file: o.file, repo: typeof o.repo === 'string' ? o.repo : undefined, span: o.span });
      for (const e of o.edits ?? []) out.push({ file: o.file, span: e.span });
    }
    for (const x of v instanceof Map || v instanceof Set ? v.values() : Object.values(v)) visit(x);
  };
  visit(value);
  return out;
}

/** An editor buffer over one of the repo's files: text as typed, BOM and all (buffers are not decoded). */
const bufferEdit = fc.option(
  fc.oneof(
    fc.record({ file: fc.constant('setup.cfg'), text: INI }),
    fc.record({ file: fc.constant('devstack/plugin.sh'), text: BASH }),
    fc.record({ file: fc.constant('designate/wsgi/api.py'), text: PYTHON }),
    fc.record({ file: fc.constant('.zuul.yaml'), text: YAML }),
    fc.record({ file: fc.constant('devstack/local.conf.sample'), text: LOCALCONF }),
  ),
  { freq: 2 },
);

/** Asserts nothing failed and every range the analyses hold lies inside the text the engine read. */
function assertAnalysesSound(ws: Workspace, logs: string[], buffers: Map<string, string>): void {
  assert.ok(!logs.some((l) => /analysis of .* failed|rule \w+ failed/.test(l)), logs.join('\n'));
  const devstack = ws.devstackRoot();
  for (const a of ws.allAnalyses()) {
    assert.deepEqual(a.ruleFailures, []);
    const { model, findings } = a;
    const facts = [
      model.apiServices,
      model.entryPoints,
      model.factories,
      model.paste,
      model.deploy,
      model.problems,
      model.declared,
      findings,
    ];
    for (const at of located(facts)) {
      const abs = path.join(at.repo === 'devstack' && devstack ? devstack : model.root, at.file);
      const text = buffers.get(abs) ?? onDisk(abs);
      if (text === undefined || text.includes('\0')) continue;
      assertSpansInside(text, { span: at.span }, `${at.repo ?? ''}:${at.file}`);
    }
  }
}

test('fuzz engine: analysing a synthetic repo, then an edit in a buffer, never fails, and what it reports points inside the files', async () => {
  await fc.assert(
    fc.asyncProperty(repoFiles, bufferEdit, async (files, edit) => {
      const root = writeRepo(files);
      const logs: string[] = [];
      const ws = await analyze(root, {}, logs);
      assertAnalysesSound(ws, logs, new Map());
      const repo = ws.allAnalyses().find((a) => !a.model.isDevstack);
      if (edit && repo) {
        const abs = path.join(repo.model.root, edit.file);
        await ws.setBuffer(abs, edit.text);
        assertAnalysesSound(ws, logs, new Map([[abs, edit.text]]));
      }
      fs.rmSync(path.dirname(root), { recursive: true, force: true });
    }),
    { numRuns: runs(RUNS.engine) },
  );
});

test('fuzz engine: a repo checked out with CRLF line endings gets the same report as with LF', async () => {
  await fc.assert(
    fc.asyncProperty(repoFiles, async (files) => {
      const conv = (f: (t: string) => string) => Object.fromEntries(Object.entries(files).map(([k, t]) => [k, f(t)]));
      const reportOf = async (fs2: Record<string, string>) => {
        const root = writeRepo(fs2);
        const ws = await analyze(root);
        const json = JSON.stringify(ws.report()).split(JSON.stringify(root).slice(1, -1)).join('<root>');
        fs.rmSync(path.dirname(root), { recursive: true, force: true });
        return json;
      };
      const lf = await reportOf(conv((t) => lfAndCrlf(t).lf));
      const crlf = await reportOf(conv((t) => lfAndCrlf(t).crlf));
      assert.deepEqual(normalised(JSON.parse(crlf)), normalised(JSON.parse(lf)));
    }),
    { numRuns: runs(RUNS.engineCrlf) },
  );
});

// --- what the fuzzer found: each input, minimised ----------------------------------------------------------

test('fuzz regression: invalid TOML whose error line is empty gets a range inside that line', () => {
  // "a = [\n": smol-toml reports line 2, column 1, an empty line; the range was (1, 0)–(1, 1).
  assert.deepEqual(parsePyProject('a = [\n').error?.span, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } });
});

test('fuzz regression: python and bash lines end at a lone CR, as in the editor', async () => {
  const { python, bash } = await grammars();
  // tree-sitter put everything on row 0: the call was at (0, 13) on a line 8 characters long.
  const py = pythonFacts(python, 'def f():\r    x = g()\r');
  assert.deepEqual(py.calls[0].span, { start: { line: 1, character: 8 }, end: { line: 1, character: 11 } });
  const sh = shellFacts(bash, 'echo a\rrun_process x-api y\r');
  assert.deepEqual(
    sh.commands.map((c) => [c.name, c.span.start.line]),
    [
      ['echo', 0],
      ['run_process', 1],
    ],
  );
});

test('fuzz regression: a CRLF comment swallowed by bash error recovery keeps its \\r out of the facts', async () => {
  const { bash } = await grammars();
  // The command named `$((A#x\n# c` was `…# c\r` with CRLF, ending past its line at (1, 4).
  const crlf = shellFacts(bash, '$((A#x\r\n# c\r\nb\r\n');
  assert.deepEqual(crlf, shellFacts(bash, '$((A#x\n# c\nb\n'));
  assertSpansInside('$((A#x\r\n# c\r\nb\r\n', crlf, 'shellFacts');
});

test('fuzz regression: a chain of <<-merges of merges (an alias bomb) is read in linear time', () => {
  // 10 levels, each merging the previous one 9 times: 9^10 paths; 7 levels took 97 s before.
  let text = '- x: &l0 {A: 1, B: two}\n';
  for (let i = 1; i <= 10; i++)
    text += `- x: &l${i} {<<: [${Array(9)
      .fill(`*l${i - 1}`)
      .join(', ')}], K${i}: v}\n`;
  text += '- x: &s {<<: [*s, *s, *s]}\n- job:\n    name: j\n    vars:\n      devstack_localrc:\n        <<: *l9\n        K1: own\n';
  const z = timed('zuulJobs', () => zuulJobs(text, '.zuul.yaml'), 1000);
  assert.deepEqual(
    z.jobs[0].localrc.map((s) => `${s.name}=${s.value}`).sort(),
    ['A=1', 'B=two', 'K1=own', ...Array.from({ length: 8 }, (_, i) => `K${i + 2}=v`)].sort(),
  );
});

test('fuzz regression: YAML nested 1000 deep is a problem, not composed (composing it twice aborted the process)', () => {
  // yaml's recursion neared the stack limit, where V8 compiling a regular expression is a fatal
  // "RegExpCompiler Allocation failed - process out of memory", not a RangeError.
  const text = '- ' + '['.repeat(1000) + ']'.repeat(1000) + '\n';
  for (const eol of ['\n', '\r\n']) {
    const z = zuulJobs(text.replace(/\n/g, eol), '.zuul.yaml');
    assert.deepEqual(
      z.problems.map((p) => p.message),
      ['.zuul.yaml cannot be read as YAML: it nests collections more than 100 deep'],
    );
  }
  assert.deepEqual(zuulJobs('- ' + '['.repeat(99) + ']'.repeat(99) + '\n', '.zuul.yaml').problems, []);
});

test('fuzz regression: a YAML error on a line of blanks gets an empty range, not an inverted one', () => {
  const z = zuulJobs('a: 1\n  \n- b\n', '.zuul.yaml');
  assert.deepEqual(z.problems[0].span, { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } });
});

test('fuzz regression: a CRLF Apache template and a lone-CR plugin put their mod_wsgi facts on the right lines', async () => {
  const root = writeRepo({
    'setup.cfg': '[metadata]\nname = designate\n[entry_points]\nconsole_scripts =\n    designate-api = designate.cmd.api:main\n',
    // `^\s*` matched between \r and \n and ran on over the newline: (1, 34) on a line 28 long.
    'devstack/files/apache-designate.template': 'Listen 80\r\n<VirtualHost *:%PUBLICPORT%>\r\n    WSGIDaemonProcess designate-api\r\n',
    // Lines were split at \n only: the heredoc's WSGIScriptAlias was at (0, 50) on a line 10 long.
    'devstack/plugin.sh': 'function x {\r    cat > f <<EOF\rWSGIScriptAlias / x\rEOF\r}\rx\r',
  });
  const ws = await analyze(root);
  const spans = ws
    .allAnalyses()[0]
    .model.deploy.facts.filter((f) => f.kind === 'mod_wsgi')
    .map((f) => [f.at.file, f.at.span.start.line, f.at.span.start.character, f.at.span.end.character]);
  assert.deepEqual(spans.sort(), [
    ['devstack/files/apache-designate.template', 2, 4, 21],
    ['devstack/plugin.sh', 2, 0, 15],
  ]);
});

test('fuzz regression: WSGI501 on a module of blanks gets an empty range at its start, not an inverted one', async () => {
  const root = writeRepo({ 'setup.cfg': '', 'designate/__init__.py': '', 'designate/wsgi/api.py': '    ' });
  const ws = await analyze(root);
  const f = ws.allAnalyses()[0].findings.find((x) => x.code === 'WSGI501')!;
  assert.deepEqual(f.at.span, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
});
