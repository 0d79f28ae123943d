// Works out what devstack does by default: variable defaults resolved through expansion chains
// (`${A:-${B:-True}}`, `$(trueorfalse True X)`) and `if` tests decided where their values are known.
import type { Cond, ShellAssignment, ShellCommand } from '../parse/bash';
import { checkLength, spend } from '../util/budget';

/** Variable name → value; a name that is absent is unknown (not "empty"). */
export type Env = Map<string, string>;

/**
 * An Env whose names nobody assigns read as the empty string, as bash has them — but only the
 * names `unset` says are nobody's; a name made unknown by an undecidable assignment stays unknown.
 */
export class DefaultEnv extends Map<string, string> {
  private readonly unknown = new Set<string>();
  /** What `$(fn)` or `` `fn` `` prints, for the plugin's own functions (see functionOutput). */
  call?: (name: string) => string | undefined;
  constructor(
    base: Iterable<[string, string]>,
    private readonly unset: (name: string) => boolean,
  ) {
    super(base);
  }
  /** A copy whose assignments do not reach this one (a function body, a subshell). */
  overlay(): DefaultEnv {
    const o = new DefaultEnv(this, this.unset);
    for (const n of this.unknown) o.unknown.add(n);
    o.call = this.call;
    return o;
  }
  override get(name: string): string | undefined {
    if (super.has(name)) return super.get(name);
    if (this.unknown.has(name) || /^[0-9@*#?$!-]$/.test(name)) return undefined;
    return this.unset(name) ? '' : undefined;
  }
  override set(name: string, value: string): this {
    this.unknown?.delete(name);
    return super.set(name, value);
  }
  override delete(name: string): boolean {
    this.unknown.add(name);
    return super.delete(name);
  }
}

/** A few names over a larger Env, without copying it: a function's locals over the globals. */
export class LayeredEnv extends Map<string, string> {
  constructor(private readonly under: Env) {
    super();
  }
  override get(name: string): string | undefined {
    return super.has(name) ? super.get(name) : this.under.get(name);
  }
  override has(name: string): boolean {
    return super.has(name) || this.under.has(name);
  }
}

const TRUE = /^(1|yes|true|on)$/i;
const FALSE = /^(0|no|false|off)$/i;

/**
 * Expands `$X`, `${X}`, `${X:-w}`, `${X-w}`, `${X:=w}` and `$(trueorfalse D X)` in a word.
 * Strict: undefined when any part is unknown. Lenient: unknown parts stay as written.
 */
export function expand(word: string, env: Env, lenient = false, depth = 0): string | undefined {
  if (depth > 8) return lenient ? word : undefined;
  spend(1 + (word.length >> 10));
  let out = '';
  let i = 0;
  while (i < word.length) {
    const ch = word[i];
    if (ch === '\\' && i + 1 < word.length) {
      out += word[i + 1];
      i += 2;
      continue;
    }
    // Shell quote removal: "…" keeps expanding inside, '…' is literal.
    if (ch === '"') {
      i++;
      continue;
    }
    if (ch === "'") {
      const close = word.indexOf("'", i + 1);
      if (close < 0) {
        out += word.slice(i + 1);
        break;
      }
      out += word.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    // `cmd` is the old spelling of $(cmd).
    if (ch === '`') {
      const end = word.indexOf('`', i + 1);
      if (end < 0) return lenient ? out + word.slice(i) : undefined;
      const v = substitution(word.slice(i + 1, end).trim(), env, lenient, depth);
      if (v === undefined) {
        if (!lenient) return undefined;
        out += word.slice(i, end + 1);
      } else out += v;
      i = end + 1;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = word[i + 1];
    if (next === '{') {
      const end = matching(word, i + 1, '{', '}');
      if (end < 0) return lenient ? out + word.slice(i) : undefined;
      const body = word.slice(i + 2, end);
      const v = braced(body, env, lenient, depth);
      if (v === undefined) {
        if (!lenient) return undefined;
        out += word.slice(i, end + 1);
      } else out += v;
      i = end + 1;
    } else if (next === '(') {
      const end = matching(word, i + 1, '(', ')');
      if (end < 0) return lenient ? out + word.slice(i) : undefined;
      const v = substitution(word.slice(i + 2, end).trim(), env, lenient, depth);
      if (v === undefined) {
        if (!lenient) return undefined;
        out += word.slice(i, end + 1);
      } else out += v;
      i = end + 1;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9@*#?$!-]/.exec(word.slice(i + 1));
      if (!m) {
        out += '$';
        i++;
        continue;
      }
      const v = env.get(m[0]);
      if (v === undefined) {
        if (!lenient) return undefined;
        out += '$' + m[0];
      } else out += v;
      i += 1 + m[0].length;
    }
  }
  return checkLength(out);
}

function matching(s: string, open: number, o: string, c: string): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === o) depth++;
    else if (s[i] === c && --depth === 0) return i;
  }
  return -1;
}

function braced(body: string, env: Env, lenient: boolean, depth: number): string | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=+])([\s\S]*))?$/.exec(body);
  if (!m) return undefined;
  const [, name, op, rest] = m;
  const v = env.get(name);
  if (!op) return v;
  const alt = () => expand(rest ?? '', env, lenient, depth + 1);
  if (op === ':-' || op === ':=') return v !== undefined && v !== '' ? v : alt();
  if (op === '-' || op === '=') return v !== undefined ? v : alt();
  if (op === ':+') return v === undefined ? undefined : v !== '' ? alt() : '';
  return undefined;
}

function substitution(cmd: string, env: Env, lenient: boolean, depth: number): string | undefined {
  const m = /^trueorfalse\s+(\S+)\s+\$?\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(cmd);
  // `$(which ibis)`: the program found on PATH; its name is what tells what runs.
  const which = /^which\s+([\w.-]+)$/.exec(cmd);
  if (which) return which[1];
  if (!m) {
    // A function of the plugin's that echoes a value (`MODE=$(determine_deploy_mode)`).
    const fn = /^[A-Za-z_][\w-]*$/.exec(cmd);
    return fn && env instanceof DefaultEnv ? env.call?.(cmd) : undefined;
  }
  const def = expand(m[1], env, lenient, depth + 1);
  const v = env.get(m[2]);
  if (v === undefined || v === '') return def === undefined ? undefined : TRUE.test(def) ? 'True' : 'False';
  return TRUE.test(v) ? 'True' : FALSE.test(v) ? 'False' : def;
}

/** true / false when the test is decided by known values, undefined when it is not. */
export function evaluate(c: Cond, env: Env, enabled: (svc: string) => boolean | undefined): boolean | undefined {
  spend();
  switch (c.k) {
    case 'cmp': {
      const l = expand(c.left, env);
      const r = expand(c.right, env);
      if (l === undefined || r === undefined) return undefined;
      if (c.op === '==' || c.op === '=') return globMatch(l, r);
      if (c.op === '!=') return !globMatch(l, r);
      if (c.op === '-eq') return Number(l) === Number(r);
      if (c.op === '-ne') return Number(l) !== Number(r);
      return undefined;
    }
    case 'unary': {
      const v = ['-f', '-e', '-d', '-r', '-x', '-s'].includes(c.op) ? '' : expand(c.arg, env);
      if (v === undefined) return undefined;
      if (c.op === '-n') return v !== '';
      if (c.op === '-z') return v === '';
      // File tests: devstack tests for files its own earlier steps wrote; take them as present.
      if (['-f', '-e', '-d', '-r', '-x', '-s'].includes(c.op)) return true;
      return undefined;
    }
    case 'word': {
      const v = expand(c.value, env);
      return v === undefined ? undefined : v !== '';
    }
    case 'not': {
      const v = evaluate(c.c, env, enabled);
      return v === undefined ? undefined : !v;
    }
    case 'and': {
      const a = evaluate(c.a, env, enabled);
      const b = evaluate(c.b, env, enabled);
      return a === false || b === false ? false : a === true && b === true ? true : undefined;
    }
    case 'or': {
      const a = evaluate(c.a, env, enabled);
      const b = evaluate(c.b, env, enabled);
      return a === true || b === true ? true : a === false && b === false ? false : undefined;
    }
    case 'cmd': {
      if (c.name === 'is_service_enabled') {
        const answers = c.args.map((a) => enabled(expand(a, env) ?? a));
        return answers.some((x) => x === true) ? true : answers.every((x) => x === false) ? false : undefined;
      }
      // `$VAR` used as a command is devstack's `if $USE_X; then` idiom (True/False are commands).
      const v = expand(c.name, env);
      if (v !== undefined && c.name.startsWith('$') && TRUE.test(v)) return true;
      if (v !== undefined && c.name.startsWith('$') && FALSE.test(v)) return false;
      if (c.name === 'true') return true;
      if (c.name === 'false') return false;
      return undefined;
    }
    case 'raw':
      return undefined;
  }
}

// `[[ $x == pat ]]` matches shell patterns; quoted right sides are literal in bash, but devstack
// code uses plain literals almost always, so only `*` is treated as a wildcard.
function globMatch(value: string, pattern: string): boolean {
  if (!pattern.includes('*')) return value === pattern;
  const re = new RegExp(
    '^' +
      pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );
  return re.test(value);
}

/**
 * What a function prints: its echo/printf commands in order, with its own assignments applied on
 * a copy of the environment; the first echo whose tests hold by default is the output. Undefined
 * when a test on the way cannot be decided or the function echoes nothing.
 */
export function functionOutput(
  body: { commands: ShellCommand[]; assignments: ShellAssignment[] },
  env: DefaultEnv,
  enabled: (svc: string) => boolean | undefined,
): string | undefined {
  const local = env.overlay();
  const steps = [...body.commands.filter((c) => c.name === 'echo' || c.name === 'printf'), ...body.assignments].sort(
    (a, b) => a.span.start.line - b.span.start.line || a.span.start.character - b.span.start.character,
  );
  for (const step of steps) {
    const verdicts = step.conditions.map((c) => {
      const v = evaluate(c.test, local, enabled);
      return v === undefined ? undefined : v === c.whenTrue;
    });
    if (verdicts.includes(false)) continue;
    if (verdicts.includes(undefined)) return undefined;
    if ('value' in step) {
      const v = expand(step.value, local);
      if (v === undefined) local.delete(step.name);
      else local.set(step.name, v);
      continue;
    }
    const words = step.args.filter((a) => !/^-[neE]+$/.test(a.value)).map((a) => expand(a.value, local));
    return words.includes(undefined) ? undefined : words.join(' ');
  }
  return undefined;
}
