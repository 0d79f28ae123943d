// The repo's own devstack plugin (devstack/plugin.sh, settings, override-defaults, lib/*) as the
// WSGI2xx rules read it: its commands and assignments from ShellFacts, plus a small resolver for
// the plugin's simple variable assignments (`VAR=value`, `VAR=${VAR:-value}`).
import * as path from 'path';
import type { Cond, ShellAssignment, ShellCommand, ShellCondition, ShellWord } from '../../model/types';
import type { RuleContext } from '../rule';
import { pluginFiles } from '../../model/repo-files';

/** What devstack's write_uwsgi_config takes as a module path (lib/apache, devstack b6613b1e). */
export const MODULE_PATH = /^[a-zA-Z0-9_.]+:[a-zA-Z0-9_]+$/;

/** Words or conditions about how the API is deployed: a branch on one of these is a mode switch. */
export const MODE_VARIABLE = /wsgi|standalone|_DEPLOY\b|_MODE\b/i;

export interface PluginCommand {
  file: string;
  cmd: ShellCommand;
  index: number;
}
export interface PluginAssignment {
  file: string;
  a: ShellAssignment;
}

export interface Plugin {
  files: string[];
  commands: PluginCommand[];
  assignments: PluginAssignment[];
}

const cache = new WeakMap<RuleContext, Plugin>();

/** The plugin's files in the order devstack sources them (settings first), with their shell facts. */
export function pluginOf(ctx: RuleContext): Plugin {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const files = pluginFiles(ctx.model.files);
  const p: Plugin = { files: [], commands: [], assignments: [] };
  for (const file of files) {
    const sh = ctx.model.sources.shell(file);
    if (!sh) continue;
    p.files.push(file);
    // bash.ts walks an if's test commands twice (once more as if they sat in the then-branch): keep the first.
    const seen = new Set<string>();
    sh.commands.forEach((cmd, index) => {
      const key = `${cmd.name}@${cmd.span.start.line}:${cmd.span.start.character}-${cmd.span.end.line}:${cmd.span.end.character}`;
      if (seen.has(key)) return;
      seen.add(key);
      p.commands.push({ file, cmd, index });
    });
    for (const a of sh.assignments) p.assignments.push({ file, a });
  }
  cache.set(ctx, p);
  return p;
}

/** `sudo cp a b` is about `cp`: the command name and arguments with a leading sudo (and its options) dropped. */
export function effective(cmd: ShellCommand): { name: string; args: ShellWord[] } {
  if (cmd.name !== 'sudo') return { name: cmd.name, args: cmd.args };
  let i = 0;
  while (i < cmd.args.length && cmd.args[i].value.startsWith('-')) i += /^-[ugCDhprtT]$/.test(cmd.args[i].value) ? 2 : 1;
  const rest = cmd.args.slice(i);
  return rest.length ? { name: rest[0].value, args: rest.slice(1) } : { name: cmd.name, args: [] };
}

/** Removes shell quoting from a word's source text ("$X"/uwsgi → $X/uwsgi); expansions stay as written. */
export function unquote(raw: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < raw.length && '"\\$`'.includes(raw[i + 1])) out += raw[++i];
      else out += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\' && i + 1 < raw.length) out += raw[++i];
    else out += c;
  }
  return out;
}

/** The value of a word with all quoting removed. */
export function wordText(w: ShellWord | undefined): string {
  return w ? unquote(w.raw) : '';
}

/** `$NAME` or `${NAME}` alone → NAME. */
export function varRef(text: string): string | undefined {
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(text.trim());
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The first word of a command string, quotes removed. A `$(...)` substitution counts as one word. */
export function firstToken(command: string): string {
  const s = command.trim();
  if (s.startsWith('$(')) {
    let depth = 0;
    for (let i = 1; i < s.length; i++) {
      if (s[i] === '(') depth++;
      else if (s[i] === ')' && --depth === 0) return s.slice(0, i + 1);
    }
    return s;
  }
  return s.split(/\s+/)[0] ?? '';
}

export function basename(p: string): string {
  return path.posix.basename(p);
}

const REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
const MAX_CANDIDATES = 8;

/**
 * The values a text can take once the plugin's simple assignments are substituted: `$X`, `${X}`,
 * `${X:-default}`. Assignments in the same function win over the file-level ones; a variable the
 * plugin never assigns (or assigns from a command substitution) stays as written, except that an
 * unassigned `${X:-default}` becomes its default. Several assignments give several candidates.
 */
export function expand(p: Plugin, text: string, inFunction?: string, keep?: (name: string) => boolean, depth = 0): string[] {
  if (depth > 6 || !text.includes('$')) return [text];
  let results = [''];
  let last = 0;
  for (const m of text.matchAll(REF)) {
    const lit = text.slice(last, m.index);
    last = m.index! + m[0].length;
    const name = m[1] ?? m[4];
    const values = keep?.(name) ? undefined : valuesOf(p, name, inFunction, keep, depth);
    const options = values ?? (m[2] && !keep?.(name) ? expand(p, m[3] ?? '', inFunction, keep, depth + 1) : [m[0]]);
    const next: string[] = [];
    for (const r of results) for (const o of options) if (next.length < MAX_CANDIDATES) next.push(r + lit + o);
    results = next;
  }
  const tail = text.slice(last);
  return [...new Set(results.map((r) => r + tail))];
}

/** Candidate values of one variable, or undefined when the plugin does not assign it simply. */
export function valuesOf(p: Plugin, name: string, inFunction?: string, keep?: (name: string) => boolean, depth = 0): string[] | undefined {
  const all = p.assignments.filter((x) => x.a.name === name);
  const local = all.filter((x) => inFunction && x.a.inFunction === inFunction);
  const chosen = local.length ? local : all.filter((x) => !x.a.inFunction).length ? all.filter((x) => !x.a.inFunction) : all;
  if (!chosen.length) return undefined;
  const out: string[] = [];
  for (const { a } of chosen) {
    const v = unquote(a.value);
    if (/\$\(|`/.test(v)) return undefined;
    // VAR=${VAR:-value}: the default is what the plugin sets.
    const self = new RegExp(`^\\$\\{${name}:?[-=](.*)\\}$`).exec(v);
    const base = self ? self[1] : v;
    if (base.includes('$' + name) || base.includes('${' + name)) return undefined;
    out.push(...expand(p, base, a.inFunction ?? inFunction, keep, depth + 1));
  }
  return [...new Set(out)];
}

/** Where a variable is assigned (the assignment giving `value` when several do), for messages ("devstack/settings line 3"). */
export function assignedAt(p: Plugin, name: string, value?: string): string | undefined {
  const all = p.assignments.filter((x) => x.a.name === name);
  const giving =
    value === undefined
      ? undefined
      : all.find((x) => {
          const one: Plugin = {
            files: p.files,
            commands: p.commands,
            assignments: p.assignments.filter((y) => y.a.name !== name || y === x),
          };
          return valuesOf(one, name, x.a.inFunction)?.includes(value);
        });
  const a = giving ?? all.find((x) => !x.a.inFunction) ?? all[0];
  return a ? `${a.file} line ${a.a.span.start.line + 1}` : undefined;
}

/**
 * A note naming the mode switch a command sits under, e.g.
 * ` (in the branch where [[ "$ZUN_USE_UWSGI" == "True" ]] is false)`; empty when it sits under none.
 */
export function branchNote(cmd: ShellCommand): string {
  const c = [...cmd.conditions].reverse().find((x) => MODE_VARIABLE.test(x.text));
  return c ? ` (in the branch where ${c.text.trim()} is ${c.whenTrue ? 'true' : 'false'})` : '';
}

/** Whether a command precedes another in the same file. */
export function before(a: PluginCommand, b: PluginCommand): boolean {
  return a.file === b.file && a.index < b.index;
}

/** The uwsgi conf a run_process command starts (`--ini $X_UWSGI_CONF` → X_UWSGI_CONF, or the literal path). */
export function iniOf(command: string): string | undefined {
  const m = /--ini[= ]\s*("?)(\S+?)\1(\s|$)/.exec(command);
  if (!m) return undefined;
  return varRef(m[2]) ?? m[2];
}

/** A conf argument normalised: a variable name for `$X`/`${X}`, else its text. */
export function confKey(w: ShellWord | undefined): string {
  const t = wordText(w);
  return varRef(t) ?? t;
}

/** `$X_UWSGI_CONF` → X: the service prefix devstack variables share. */
export function prefixOf(confVar: string): string | undefined {
  if (!/^[A-Z0-9_]+$/.test(confVar)) return undefined;
  const p = confVar.replace(/_(API_)?(UWSGI|WSGI)(_CONF(IG)?|_INI|_FILE)$|_CONF(IG)?$/, '');
  return p && p !== confVar ? p : undefined;
}

/** `write_uwsgi_config` and `write_local_uwsgi_http_config` calls with their arguments by meaning. */
export interface UwsgiWrite {
  pc: PluginCommand;
  conf: string;
  wsgi?: ShellWord;
  url?: ShellWord;
  /** The `<http>` argument (write_uwsgi_config only). */
  http?: ShellWord;
  name?: ShellWord;
  /** Index the name argument has (or would have). */
  nameIndex: number;
}

export function uwsgiWrites(p: Plugin): UwsgiWrite[] {
  const out: UwsgiWrite[] = [];
  for (const pc of p.commands) {
    const a = pc.cmd.args;
    if (pc.cmd.name === 'write_uwsgi_config')
      out.push({ pc, conf: confKey(a[0]), wsgi: a[1], url: a[2], http: a[3], name: a[4], nameIndex: 4 });
    else if (pc.cmd.name === 'write_local_uwsgi_http_config')
      out.push({ pc, conf: confKey(a[0]), wsgi: a[1], url: a[2], name: a[3], nameIndex: 3 });
  }
  return out;
}

/** The name devstack uses for a write: the name argument, else basename of the wsgi argument. */
export function writeNames(p: Plugin, w: UwsgiWrite): string[] {
  const fn = w.pc.cmd.inFunction;
  const name = wordText(w.name);
  if (name) return expand(p, name, fn);
  return expand(p, wordText(w.wsgi), fn).map(basename);
}

/** Whether a text still holds a shell expansion. */
export function hasExpansion(s: string): boolean {
  return /\$|`/.test(s);
}

/** A conf key as the plugin writes it: `$X_UWSGI_CONF` for a variable, else the literal path. */
export function showConf(conf: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(conf) ? '$' + conf : conf;
}

/** devstack's trueorfalse: true, false, or undefined for anything else. */
export function boolOf(v: string): boolean | undefined {
  if (/^(1|yes|true|on)$/i.test(v.trim())) return true;
  if (/^(0|no|false|off)$/i.test(v.trim())) return false;
  return undefined;
}

/**
 * Whether a command's branch is taken when `name` has `value`: true/false when every enclosing test that
 * mentions the variable is decided by that value alone (a comparison with a literal, under and/or/not,
 * other parts unknown), undefined when none mentions it or one is not decided by it.
 */
export function branchTakenWhen(cmd: { conditions: ShellCondition[] }, name: string, value: string): boolean | undefined {
  const ref = new RegExp(`\\$\\{?${name}\\}?`);
  const tests = cmd.conditions.filter((c) => ref.test(c.text));
  if (!tests.length) return undefined;
  for (const t of tests) {
    const holds = decide(t.test, name, value);
    if (holds === undefined) return undefined;
    if (holds !== t.whenTrue) return false;
  }
  return true;
}

/**
 * A test's outcome when `name` has `value`, in three-valued logic: undefined where it needs more than that.
 * Not shell-eval's evaluate(): that one judges the default path with every known value and takes file
 * tests as true; a fix must be decided by the switch alone, and True/true/TRUE compare as devstack's
 * trueorfalse makes them.
 */
function decide(c: Cond, name: string, value: string): boolean | undefined {
  switch (c.k) {
    case 'cmp': {
      if (!['==', '=', '!='].includes(c.op)) return undefined;
      const isVar = (s: string) => varRef(unquote(s)) === name;
      if (isVar(c.left) === isVar(c.right)) return undefined;
      const other = unquote(isVar(c.left) ? c.right : c.left);
      if (/[$`*?[]/.test(other)) return undefined;
      const a = boolOf(value),
        b = boolOf(other);
      const equal = a !== undefined && b !== undefined ? a === b : value === other;
      return c.op === '!=' ? !equal : equal;
    }
    case 'unary':
      // `-z "$X"` and `-n "$X"` are decided by the value too.
      if ((c.op === '-z' || c.op === '-n') && varRef(unquote(c.arg)) === name) return (value === '') === (c.op === '-z');
      return undefined;
    case 'not': {
      const x = decide(c.c, name, value);
      return x === undefined ? undefined : !x;
    }
    case 'and':
    case 'or': {
      const a = decide(c.a, name, value),
        b = decide(c.b, name, value);
      const dominant = c.k === 'and' ? false : true;
      if (a === dominant || b === dominant) return dominant;
      return a === undefined || b === undefined ? undefined : !dominant;
    }
    default:
      return undefined;
  }
}
