// Converts a repo's findings to LSP diagnostics per file, and remembers what was published so a
// file whose problems are gone (or that was deleted) gets an empty list.
import * as path from 'path';
import { URI } from 'vscode-uri';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { Severity } from '../protocol';
import type { RepoAnalysis, RuleFinding } from '../engine/analyze';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The summary is the message (Problems cuts long lines); the whole text follows as related
 * information, which VS Code shows in the hover and under the problem.
 */
export function findingToDiagnostic(f: RuleFinding, uri?: string): Diagnostic {
  const d: Diagnostic = {
    range: f.at.span,
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'wsgi-goal',
    message: f.summary,
  };
  if (uri && d.message !== f.message) d.relatedInformation = [{ location: { uri, range: f.at.span }, message: f.message }];
  return d;
}

export class DiagnosticBook {
  private readonly published = new Map<string, Set<string>>();
  /** The findings last sent per file, so that a note can be added to or taken off them. */
  private readonly sent = new Map<string, Diagnostic[]>();
  /** Diagnostics about a file rather than from its analysis (an open buffer not analysed). */
  private readonly notes = new Map<string, Diagnostic>();

  /** What to send for one repo: every file with problems, and an empty list for files that had some. */
  update(root: string, analysis: RepoAnalysis | undefined, devstackRoot?: string): Map<string, Diagnostic[]> {
    const byUri = new Map<string, Diagnostic[]>();
    for (const f of analysis?.findings ?? []) {
      const base = f.at.repo === 'devstack' && devstackRoot ? devstackRoot : root;
      const uri = URI.file(path.join(base, ...f.at.file.split('/'))).toString();
      if (!byUri.has(uri)) byUri.set(uri, []);
      byUri.get(uri)!.push(findingToDiagnostic(f, uri));
    }
    const before = this.published.get(root) ?? new Set<string>();
    for (const uri of before) if (!byUri.has(uri)) byUri.set(uri, []);
    this.published.set(root, new Set([...byUri].filter(([, d]) => d.length).map(([u]) => u)));
    for (const [uri, d] of byUri) {
      if (d.length) this.sent.set(uri, d);
      else this.sent.delete(uri);
      const note = this.notes.get(uri);
      if (note) byUri.set(uri, [...d, note]);
    }
    return byUri;
  }

  /** Sets or clears the note on a file; returns what the file shows now, or undefined when that did not change. */
  note(uri: string, note: Diagnostic | undefined): Diagnostic[] | undefined {
    const old = this.notes.get(uri);
    if (JSON.stringify(old) === JSON.stringify(note)) return undefined;
    if (note) this.notes.set(uri, note);
    else this.notes.delete(uri);
    return [...(this.sent.get(uri) ?? []), ...(note ? [note] : [])];
  }
}
