// Entry points as pbr/setuptools declare them, from setup.cfg [entry_points] and from
// pyproject.toml [project.scripts] / [project.entry-points.*] (many repos moved there in 2025).
import { IniFile, section } from './ini';
import { Span, span, splitLines } from '../util/range';

// smol-toml ships a CommonJS build whose types are declared as ESM only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml } = require('smol-toml') as typeof import('smol-toml', { with: { 'resolution-mode': 'import' } });

export interface DeclaredEntryPoint {
  group: string;
  name: string;
  module: string;
  /** The part after ":" (may be dotted, e.g. Class.method), empty when absent. */
  attr: string;
  file: 'setup.cfg' | 'pyproject.toml' | 'setup.py';
  span: Span;
  /** Range of the whole group key ("console_scripts =" or the TOML table header). */
  groupSpan: Span;
}

const SPEC = /^(?<module>[A-Za-z_][\w.]*)\s*(?::\s*(?<attr>[A-Za-z_][\w.]*))?\s*(?:\[[^\]]*\])?$/;

export function entryPointsFromSetupCfg(ini: IniFile): DeclaredEntryPoint[] {
  const out: DeclaredEntryPoint[] = [];
  const sec = section(ini, 'entry_points');
  for (const group of sec?.entries ?? []) {
    for (const line of group.lines) {
      const eq = line.text.indexOf('=');
      if (eq < 0) continue;
      const m = SPEC.exec(line.text.slice(eq + 1).trim());
      if (!m) continue;
      out.push({
        group: group.key,
        name: line.text.slice(0, eq).trim(),
        module: m.groups!.module,
        attr: m.groups!.attr ?? '',
        file: 'setup.cfg',
        span: line.span,
        groupSpan: group.keySpan,
      });
    }
  }
  return out;
}

export interface PyProject {
  name?: string;
  entryPoints: DeclaredEntryPoint[];
  error?: { message: string; span: Span };
}

export function parsePyProject(text: string): PyProject {
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const err = e as { message?: string; line?: number; column?: number };
    // The error's line may be empty (an array left open at the end of the file): the range covers
    // at most one character of a line the file really has, so editors get a range inside the document.
    const lines = splitLines(text);
    const line = Math.min(Math.max(0, (err.line ?? 1) - 1), lines.length - 1);
    const end = Math.min(1, lines[line].length);
    return { entryPoints: [], error: { message: `pyproject.toml is not valid TOML: ${firstLine(err.message)}`, span: span(line, 0, end) } };
  }
  const project = (data.project ?? {}) as Record<string, unknown>;
  const lines = splitLines(text);
  const groups: [string, Record<string, unknown>][] = [];
  if (isTable(project.scripts)) groups.push(['console_scripts', project.scripts]);
  if (isTable(project['gui-scripts'])) groups.push(['gui_scripts', project['gui-scripts'] as Record<string, unknown>]);
  const eps = project['entry-points'];
  if (isTable(eps)) for (const [g, t] of Object.entries(eps)) if (isTable(t)) groups.push([g, t]);

  const out: DeclaredEntryPoint[] = [];
  for (const [group, table] of groups) {
    const header = findTableHeader(lines, group);
    for (const [name, value] of Object.entries(table)) {
      if (typeof value !== 'string') continue;
      const m = SPEC.exec(value.trim());
      if (!m) continue;
      const at = findKeyLine(lines, header?.start.line ?? 0, name);
      out.push({
        group,
        name,
        module: m.groups!.module,
        attr: m.groups!.attr ?? '',
        file: 'pyproject.toml',
        span: at ?? header ?? span(0, 0, 0),
        groupSpan: header ?? span(0, 0, 0),
      });
    }
  }
  return { name: typeof project.name === 'string' ? project.name : undefined, entryPoints: out };
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function firstLine(s: string | undefined): string {
  return (s ?? 'parse error').split('\n')[0];
}

// smol-toml returns plain data; the ranges come from locating the table header and the key
// after a successful parse, so they can only point at what the TOML really holds.
function findTableHeader(lines: string[], group: string): Span | undefined {
  const names =
    group === 'console_scripts'
      ? ['project.scripts']
      : group === 'gui_scripts'
        ? ['project.gui-scripts']
        : [`project.entry-points.${group}`, `project.entry-points."${group}"`, `project.entry-points.'${group}'`];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$/.exec(lines[i]);
    if (m && names.includes(m[1].replace(/\s*\.\s*/g, '.'))) return span(i, 0, lines[i].trimEnd().length);
  }
  return undefined;
}

function findKeyLine(lines: string[], from: number, key: string): Span | undefined {
  const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^(\\s*)(?:"${esc}"|'${esc}'|${esc})\\s*=`);
  for (let i = from; i < lines.length; i++) {
    if (i > from && /^\s*\[/.test(lines[i])) break;
    const m = re.exec(lines[i]);
    if (m) return span(i, m[1].length, lines[i].trimEnd().length);
  }
  return undefined;
}

/**
 * `setup(entry_points={'console_scripts': ['x-api = x.cmd.api:main', …]})` in a setup.py, read from
 * its string literals (tree-sitter): a group name, then the `name = module:attr` literals of its
 * list; also the INI-string form (`entry_points="""[console_scripts]\n…"""`). setup.py is only read
 * when setup.cfg declares nothing: old projects kept their entry points there.
 */
export function entryPointsFromSetupPy(strings: { value: string; span: Span }[]): DeclaredEntryPoint[] {
  const out: DeclaredEntryPoint[] = [];
  let group: { name: string; span: Span } | undefined;
  for (const lit of strings) {
    if (/^\s*\[[\w.]+\]/m.test(lit.value)) {
      let g: string | undefined;
      for (const line of lit.value.split(/\r?\n/)) {
        const header = /^\s*\[([\w.]+)\]\s*$/.exec(line);
        if (header) g = header[1];
        else if (g) push(line, g, lit.span, lit.span);
      }
      continue;
    }
    if (/^[A-Za-z_][\w.]*$/.test(lit.value) && !lit.value.includes(':')) {
      group = { name: lit.value, span: lit.span };
      continue;
    }
    if (group) push(lit.value, group.name, lit.span, group.span);
  }
  return out;

  function push(text: string, g: string, at: Span, groupSpan: Span): void {
    const m = /^\s*([\w.-]+)\s*=\s*(.+?)\s*$/.exec(text);
    const spec = m && SPEC.exec(m[2]);
    if (!m || !spec?.groups) return;
    out.push({ group: g, name: m[1], module: spec.groups.module, attr: spec.groups.attr ?? '', file: 'setup.py', span: at, groupSpan });
  }
}
