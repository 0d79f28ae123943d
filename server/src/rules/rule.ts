// What every rule file exports: its code, its words, its detection and its fix.
import { DEFAULT_GOAL, type Severity } from '../protocol';
import type { Located, RepoModel } from '../model/types';
import type { Span } from '../util/range';
import type { ServiceStatus } from '../goal/services';

/** What a rule reads: the repo model (with the files it was built from, parsed) and the per-service statuses. */
export interface RuleContext {
  model: RepoModel;
  statuses: ServiceStatus[];
}

/** A fix the server can turn into a WorkspaceEdit. */
export type FixSpec =
  | { kind: 'scaffoldWsgiEntry'; service: string; title: string }
  /** Plain text edits in one repo file (delete a line, set a value, append an argument). */
  | { kind: 'edit'; title: string; file: string; edits: { span: Span; newText: string }[] }
  /** New repo files (never over existing ones), created through the scaffold's guard. */
  | { kind: 'createFiles'; title: string; files: { rel: string; content: string }[] }
  /**
   * One reviewable change across the repo: text edits in several files and new files (through the
   * scaffold's guard). Shown for confirmation before it is applied.
   */
  | { kind: 'change'; title: string; edits: FileEdit[]; create: { rel: string; content: string }[] };

export interface FileEdit {
  file: string;
  span: Span;
  newText: string;
}

export interface Finding {
  at: Located;
  /**
   * The first sentence shown (the Problems panel cuts long lines): under ~120 characters, with the
   * service and the fix in it. The whole `message` follows in the hover and the related information.
   */
  summary?: string;
  message: string;
  fixes?: FixSpec[];
  /**
   * This finding's severity when it differs from the rule's: milder for a branch devstack's defaults
   * do not take, an error where the default path fails outright (stack.sh dies).
   */
  severity?: Severity;
}

/** The goals a rule serves: `--goal` shows only its rules' findings. */
export const DEPLOY = DEFAULT_GOAL;
export const MODULE_PATHS = 'migrate-from-wsgi-scripts-to-module-paths';

export interface Rule {
  code: string;
  goals: readonly string[];
  /** Short name for the catalogue. */
  title: string;
  severity: Severity;
  /** Markdown for docs/rules.md: why it matters for the goal and how to fix it. */
  docs: string;
  check(ctx: RuleContext): Finding[];
}
