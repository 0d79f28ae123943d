// Applies a WorkspaceEdit the way VS Code does: resource operations on disk, text edits into
// buffers (a created file's text stays unsaved until the test writes it).
import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { WorkspaceEdit, TextEdit } from 'vscode-languageserver-protocol';

export interface Applied {
  created: string[];
  buffers: Map<string, string>;
}

export function applyWorkspaceEdit(edit: WorkspaceEdit, readBuffer: (file: string) => string): Applied {
  const created: string[] = [];
  const buffers = new Map<string, string>();
  // VS Code checks every CreateFile before changing anything: the whole edit fails or none of it.
  for (const c of edit.documentChanges ?? []) {
    if ('kind' in c && c.kind === 'create') {
      const file = URI.parse(c.uri).fsPath;
      if (fs.existsSync(file) && !c.options?.overwrite && !c.options?.ignoreIfExists) throw new Error(`${file} exists`);
    }
  }
  for (const c of edit.documentChanges ?? []) {
    if ('kind' in c) {
      if (c.kind !== 'create') throw new Error(`unexpected ${c.kind}`);
      const file = URI.parse(c.uri).fsPath;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '');
      created.push(file);
    } else {
      const file = URI.parse(c.textDocument.uri).fsPath;
      buffers.set(file, applyText(buffers.get(file) ?? readBuffer(file), c.edits as TextEdit[]));
    }
  }
  return { created, buffers };
}

function applyText(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}
