// Quick fixes for the findings under the cursor, computed from the repo's current state (not
// from what the client cached), so a fix never applies to a stale model.
import * as path from 'path';
import { URI } from 'vscode-uri';
import {
  AnnotatedTextEdit,
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  CreateFile,
  Diagnostic,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import type { FileEdit, FixSpec } from '../rules/rule';
import type { Workspace } from '../engine/workspace';
import { ServerCommand } from '../protocol';
import { planWsgiEntry } from '../scaffold/wsgi-entry';
import { createFilesEdit } from '../scaffold/edit';
import { findingToDiagnostic } from './diagnostics';
import type { RuleFinding } from '../engine/analyze';
import type { Span } from '../util/range';

function overlaps(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function codeActions(
  ws: Workspace,
  params: CodeActionParams,
  /** How files are created, or undefined when nothing may be created (an untrusted workspace). */
  createFiles: 'edit' | 'server' | undefined,
  docVersion: (uri: string) => number | null = () => null,
  /** Whether the client shows an edit for review first (change annotations with needsConfirmation). */
  confirms = false,
): CodeAction[] {
  const file = URI.parse(params.textDocument.uri).fsPath;
  const repo = ws.repoOf(file);
  const analysis = repo && ws.analysis(repo.root);
  if (!repo || !analysis) return [];
  const rel = path.relative(repo.root, file).split(path.sep).join('/');
  const actions: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const explained = new Set<string>();
  for (const f of analysis.findings) {
    if (f.at.repo || f.at.file !== rel || !overlaps(f.at.span, params.range)) continue;
    if (!explained.has(f.code)) {
      explained.add(f.code);
      actions.push({
        title: `Explain ${f.code}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [findingToDiagnostic(f)],
        command: { title: `Explain ${f.code}`, command: ServerCommand.explain, arguments: [f.code] },
      });
    }
    const disable = disableAction(ws, file, params.textDocument.uri, f.code, f.at.span.start.line, docVersion);
    if (disable && !disables.some((d) => d.title === disable.title)) disables.push({ ...disable, diagnostics: [findingToDiagnostic(f)] });
    for (const fix of f.fixes ?? []) {
      if (fix.kind === 'edit') {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [findingToDiagnostic(f)],
          edit: { documentChanges: [fileEdit(repo.root, fix.file, fix.edits, docVersion)] },
        });
        continue;
      }
      if (fix.kind === 'change') {
        // New files only where the editor creates them; the palette command serves the others.
        if (fix.create.length && createFiles !== 'edit') continue;
        const edit = changeEdit(repo.root, fix, docVersion, confirms);
        if (edit)
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [findingToDiagnostic(f)], edit });
        continue;
      }
      if (!createFiles) continue;
      if (fix.kind === 'createFiles') {
        // Clients that apply CreateFile themselves only: the server's own creation is the scaffold's.
        const edit = createFiles === 'edit' ? createFilesEdit(repo.root, fix.files) : undefined;
        if (edit?.ok)
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [findingToDiagnostic(f)], edit: edit.edit });
        continue;
      }
      const plan = planWsgiEntry(analysis.model, fix.service, undefined, (r) => ws.source.exists(path.join(repo.root, r)));
      if (!plan.ok) continue;
      // One preferred fix per finding: the whole change where there is one, else the scaffold.
      const preferred = !f.fixes?.some((x) => x.kind === 'change');
      const base = { title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: preferred, diagnostics: [findingToDiagnostic(f)] };
      const edit = createFilesEdit(repo.root, plan.files);
      // A path the guard refuses is no fix to offer (the palette command says why).
      if (!edit.ok) continue;
      actions.push(
        createFiles === 'edit'
          ? { ...base, edit: edit.edit }
          : {
              ...base,
              command: { title: fix.title, command: ServerCommand.scaffold, arguments: [{ root: repo.root, service: fix.service }] },
            },
      );
    }
  }
  const all = fixAll(repo.root, analysis.findings, docVersion);
  // Only the kinds asked for (codeActionsOnSave asks for source.fixAll alone).
  const only = params.context.only;
  const wanted = (a: CodeAction) => !only || only.some((k) => a.kind === k || !!a.kind?.startsWith(k + '.'));
  // Fixes first, explanations after: the preferred fix is what Ctrl+. offers on top.
  return [
    ...actions.filter((a) => a.edit || a.command?.command !== ServerCommand.explain),
    ...actions.filter((a) => a.command?.command === ServerCommand.explain),
    ...disables,
    ...(all ? [all] : []),
  ].filter(wanted);
}

/**
 * A repo file's text edits, stamped with the version of the buffer the analysis read: once the user
 * has typed past it, the editor refuses the edit instead of applying it to text it was not computed for.
 */
function fileEdit(
  root: string,
  file: string,
  edits: { span: Span; newText: string }[],
  docVersion: (uri: string) => number | null,
): TextDocumentEdit {
  const uri = URI.file(path.join(root, ...file.split('/'))).toString();
  return TextDocumentEdit.create(
    { uri, version: docVersion(uri) },
    edits.map((e) => TextEdit.replace(e.span, e.newText)),
  );
}

/**
 * A multi-file change as one WorkspaceEdit: the new files (through the guard), then each file's text
 * edits stamped with the version the analysis read. With `confirm`, every part carries an annotation
 * that needs confirmation, so VS Code opens its refactor preview listing each file before applying.
 */
export function changeEdit(
  root: string,
  fix: Extract<FixSpec, { kind: 'change' }>,
  docVersion: (uri: string) => number | null,
  confirm: boolean,
): WorkspaceEdit | undefined {
  const created = fix.create.length ? createFilesEdit(root, fix.create) : undefined;
  if (created && !created.ok) return undefined;
  const id = 'wsgi-goal.change';
  const byFile = new Map<string, FileEdit[]>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const text = [...byFile].map(([file, edits]) => fileEdit(root, file, edits, docVersion));
  const parts = [...(created?.ok ? (created.edit.documentChanges ?? []) : []), ...text];
  if (!confirm) return { documentChanges: parts };
  for (const part of parts) {
    if (CreateFile.is(part)) part.annotationId = id;
    else if (TextDocumentEdit.is(part))
      part.edits = part.edits.map((e) => ('newText' in e ? AnnotatedTextEdit.replace(e.range, e.newText, id) : e));
  }
  return {
    documentChanges: parts,
    changeAnnotations: { [id]: { label: fix.title, needsConfirmation: true, description: 'review each file before it is changed' } },
  };
}

/**
 * `# wsgi-goal: disable=CODE` alone on a new line above the finding, indented as that line (bash,
 * Python, YAML and ini all read `#` as a comment there). The engine honours it on the next analysis.
 */
function disableAction(
  ws: Workspace,
  file: string,
  uri: string,
  code: string,
  line: number,
  docVersion: (uri: string) => number | null,
): CodeAction | undefined {
  const text = ws.source.read(file);
  if (text === undefined) return undefined;
  const lines = text.split(/\r?\n/);
  const indent = /^[ \t]*/.exec(lines[line] ?? '')![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    title: `Disable ${code} for this line`,
    kind: CodeActionKind.QuickFix,
    edit: {
      documentChanges: [
        TextDocumentEdit.create({ uri, version: docVersion(uri) }, [
          TextEdit.insert({ line, character: 0 }, `${indent}# wsgi-goal: disable=${code}${eol}`),
        ]),
      ],
    },
  };
}

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.wsgi-goal`;

/**
 * Every finding's first text fix across the repo, as one edit: a fix that would touch text another
 * one already changes is left out (it stays a quick fix of its own). Offered with two or more.
 */
function fixAll(root: string, findings: RuleFinding[], docVersion: (uri: string) => number | null): CodeAction | undefined {
  const byFile = new Map<string, { span: Span; newText: string }[]>();
  let count = 0;
  for (const f of findings) {
    const fix = f.fixes?.find((x) => x.kind === 'edit');
    if (!fix || fix.kind !== 'edit' || f.at.repo) continue;
    const taken = byFile.get(fix.file) ?? [];
    if (fix.edits.some((e) => taken.some((t) => overlaps(e.span, t.span)))) continue;
    byFile.set(fix.file, [...taken, ...fix.edits]);
    count++;
  }
  if (count < 2) return undefined;
  return {
    title: `Fix all in this repo (${count} fixes in ${byFile.size} file${byFile.size === 1 ? '' : 's'})`,
    kind: FIX_ALL_KIND,
    edit: { documentChanges: [...byFile].map(([file, edits]) => fileEdit(root, file, edits, docVersion)) },
  };
}
