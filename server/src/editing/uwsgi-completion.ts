// Completion of uwsgi option names, with their one-line help, in uwsgi ini files. The option
// list is generated from Debian's uwsgi (scripts/gen-uwsgi-options.js) and ships in syntaxes/.
import * as fs from 'fs';
import * as path from 'path';
import { CompletionItem, CompletionItemKind, MarkupKind, Position } from 'vscode-languageserver';

interface UwsgiOption {
  name: string;
  help: string;
  short?: string;
}

let options: UwsgiOption[] | undefined;

/** Found by walking up from the bundle or the compiled module to the folder holding syntaxes/. */
function load(): UwsgiOption[] {
  if (options) return options;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'syntaxes', 'uwsgi-options.json');
    if (fs.existsSync(file)) return (options = (JSON.parse(fs.readFileSync(file, 'utf8')) as { options: UwsgiOption[] }).options);
    if (path.dirname(dir) === dir) return (options = []);
  }
}

// Options devstack's write_uwsgi_config sets: offered first.
const DEVSTACK_KEYS = new Set([
  'module',
  'wsgi-file',
  'processes',
  'master',
  'die-on-term',
  'exit-on-reload',
  'worker-reload-mercy',
  'enable-threads',
  'plugins',
  'thunder-lock',
  'hook-master-start',
  'buffer-size',
  'add-header',
  'lazy-apps',
  'start-time',
  'socket',
  'chmod-socket',
  'http-socket',
  'http',
  'threads',
]);

export function isUwsgiIni(file: string, text: string): boolean {
  return (
    /uwsgi[^/]*\.ini$/i.test(file) || (/\.ini$/i.test(file) && /^\s*\[uwsgi\]\s*$/m.test(text.split(/\r?\n/).find((l) => l.trim()) ?? ''))
  );
}

export function uwsgiCompletions(text: string, pos: Position): CompletionItem[] {
  const line = (text.split(/\r?\n/)[pos.line] ?? '').slice(0, pos.character);
  // Only where a key is being typed: not in a value, a comment or a section header.
  if (line.includes('=') || /^\s*[#;[]/.test(line)) return [];
  const typed = line.trimStart();
  const start = pos.character - typed.length;
  return load().map((o) => ({
    label: o.name,
    kind: CompletionItemKind.Property,
    detail: o.short ? `uwsgi option (-${o.short})` : 'uwsgi option',
    documentation: { kind: MarkupKind.Markdown, value: o.help },
    sortText: `${DEVSTACK_KEYS.has(o.name) ? 0 : 1}${o.name}`,
    textEdit: { range: { start: { line: pos.line, character: start }, end: pos }, newText: `${o.name} = ` },
    filterText: o.name,
  }));
}
