// Runs the engine on a folder, as the CLI does.
import * as fs from 'fs';
import * as path from 'path';
import type { FixSpec } from '../../server/src/rules/rule';
import { defaultSettings, Settings } from '../../server/src/protocol';
import { Workspace } from '../../server/src/engine/workspace';

export async function analyze(folder: string, settings: Partial<Settings> = {}, logs: string[] = [], asRepo = false): Promise<Workspace> {
  const ws = new Workspace({ ...defaultSettings, ...settings }, (m) => logs.push(m));
  await ws.addFolder(folder, asRepo);
  return ws;
}

export async function repoReport(folder: string, settings: Partial<Settings> = {}) {
  const ws = await analyze(folder, settings);
  const repos = ws.report().repos;
  if (repos.length !== 1) throw new Error(`expected one repo in ${folder}, found ${repos.length}`);
  return { ws, repo: repos[0], analysis: ws.allAnalyses()[0] };
}

/** A repo file's text with a rule's text fix applied (edits in document order, non-overlapping). */
export function withFix(root: string, fix: FixSpec | undefined): string {
  if (!fix || fix.kind !== 'edit') throw new Error(`no text fix: ${JSON.stringify(fix)}`);
  const lines = fs.readFileSync(path.join(root, fix.file), 'utf8').split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let text = lines.join('\n');
  for (const e of [...fix.edits].sort((a, b) => offset(b.span.start) - offset(a.span.start)))
    text = text.slice(0, offset(e.span.start)) + e.newText + text.slice(offset(e.span.end));
  return text;
}

/** Applies a multi-file change to a repo on disk as the editor would: new files (never over old ones), then the text edits. */
export function applyChange(root: string, fix: FixSpec | undefined): string[] {
  if (!fix || fix.kind !== 'change') throw new Error(`no change fix: ${JSON.stringify(fix)}`);
  for (const c of fix.create) {
    const p = path.join(root, c.rel);
    if (fs.existsSync(p)) throw new Error(`${c.rel} exists`);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, c.content);
  }
  const files = [...new Set(fix.edits.map((e) => e.file))];
  for (const file of files)
    fs.writeFileSync(
      path.join(root, file),
      withFix(root, { kind: 'edit', title: '', file, edits: fix.edits.filter((e) => e.file === file) }),
    );
  return files;
}
