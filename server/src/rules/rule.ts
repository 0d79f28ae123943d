// What every rule file exports: its code, its words, its detection and its fix.
import type { Severity } from '../protocol';
import type { Located, RepoModel } from '../model/types';
import type { Span } from '../util/range';
import type { ServiceStatus } from '../goal/services';
import type { IniFile } from '../parse/ini';
import type { PyFacts } from '../parse/python';
import type { ShellFacts } from '../parse/bash';

export interface RuleContext {
  model: RepoModel;
  statuses: ServiceStatus[];
  /** Whether a file exists as the user sees it (disk or an open, unsaved buffer). */
  exists(rel: string): boolean;
  // Files of the repo (paths relative to its root, '/'-separated) as the user sees them, parsed
  // through the shared per-content cache; undefined when missing, unreadable, binary or too large.
  text(rel: string): string | undefined;
  ini(rel: string): IniFile | undefined;
  python(rel: string): PyFacts | undefined;
  shell(rel: string): ShellFacts | undefined;
}

/** A fix the server can turn into a WorkspaceEdit. */
export type FixSpec =
  | { kind: 'scaffoldWsgiEntry'; service: string; title: string }
  /** Plain text edits in one repo file (delete a line, set a value, append an argument). */
  | { kind: 'edit'; title: string; file: string; edits: { span: Span; newText: string }[] };

export interface Finding {
  at: Located;
  message: string;
  fixes?: FixSpec[];
  /** Lower than the rule's severity for this finding (a branch devstack's defaults do not take). */
  severity?: Severity;
}

export interface Rule {
  code: string;
  /** Short name for the catalogue. */
  title: string;
  severity: Severity;
  /** Markdown for docs/rules.md: why it matters for the goal and how to fix it. */
  docs: string;
  check(ctx: RuleContext): Finding[];
}
