// Hovers on devstack functions and variables in devstack shell files and local.conf.
import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import { DEVSTACK_FUNCTIONS, DEVSTACK_VARIABLES, patternVariableDoc } from './devstack-docs';

const WORD = /[A-Za-z_][A-Za-z0-9_]*/g;

export function isDevstackShellFile(file: string): boolean {
  const f = file.replace(/\\/g, '/');
  return (
    /\/devstack\/(plugin\.sh|settings|override-defaults|lib\/[^/]+|stackrc|functions(-common)?|upgrade\/[^/]+)$/.test(f) ||
    /(^|\/)(local\.conf(\.sample)?|[^/]*\.local\.conf)$/.test(f) ||
    (/\/(stackrc|functions(-common)?|lib\/(apache|nova|glance|keystone|cinder|neutron|placement|swift|neutron-legacy))$/.test(f) &&
      /devstack/.test(f))
  );
}

export function devstackHover(text: string, pos: Position): Hover | undefined {
  const line = text.split(/\r?\n/)[pos.line] ?? '';
  if (/^\s*#/.test(line)) return undefined;
  for (const m of line.matchAll(WORD)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (pos.character < start || pos.character > end) continue;
    const doc = DEVSTACK_FUNCTIONS[m[0]] ?? DEVSTACK_VARIABLES[m[0]] ?? patternVariableDoc(m[0]);
    if (!doc) return undefined;
    return {
      contents: { kind: MarkupKind.Markdown, value: doc },
      range: { start: { line: pos.line, character: start }, end: { line: pos.line, character: end } },
    };
  }
  return undefined;
}
