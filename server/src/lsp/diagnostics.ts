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

export function findingToDiagnostic(f: RuleFinding): Diagnostic {
  return { range: f.at.span, severity: SEVERITY[f.severity], code: f.code, source: 'wsgi-goal', message: f.message };
}

export class DiagnosticBook {
  private readonly published = new Map<string, Set<string>>();

  /** What to send for one repo: every file with problems, and an empty list for files that had some. */
  update(root: string, analysis: RepoAnalysis | undefined, devstackRoot?: string): Map<string, Diagnostic[]> {
    const byUri = new Map<string, Diagnostic[]>();
    for (const f of analysis?.findings ?? []) {
      const base = f.at.repo === 'devstack' && devstackRoot ? devstackRoot : root;
      const uri = URI.file(path.join(base, ...f.at.file.split('/'))).toString();
      if (!byUri.has(uri)) byUri.set(uri, []);
      byUri.get(uri)!.push(findingToDiagnostic(f));
    }
    const before = this.published.get(root) ?? new Set<string>();
    for (const uri of before) if (!byUri.has(uri)) byUri.set(uri, []);
    this.published.set(root, new Set([...byUri].filter(([, d]) => d.length).map(([u]) => u)));
    return byUri;
  }
}
