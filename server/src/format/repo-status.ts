// Where a repo stands on a goal (the word is protocol.ts's, shared with the sidebar), and the
// diagnostics of the rules that serve a goal.
import type { ReportDiagnostic } from '../protocol';
import { RULES } from '../rules';

export { repoStatus, type RepoStatus } from '../protocol';

const RULE_GOALS = new Map(RULES.map((r) => [r.code, r.goals]));

/** The diagnostics (shown or suppressed) of the rules that serve the goal. */
export function diagnosticsFor(diagnostics: ReportDiagnostic[], goalId: string): ReportDiagnostic[] {
  return diagnostics.filter((d) => RULE_GOALS.get(d.code)?.includes(goalId) ?? true);
}
