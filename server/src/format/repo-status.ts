// One word for where a repo stands on a goal, shared by every front end that sums repos up.
import type { ReportDiagnostic, RepoReport } from '../protocol';
import { RULES } from '../rules';

export type RepoStatus = 'met' | 'partly' | 'not-started' | 'unknown' | 'no-api';

/** `partly`: some criteria met, some not; `not-started`: none met and one known unmet. */
export function repoStatus(repo: RepoReport, goalId: string): RepoStatus {
  if (!repo.apiServices.length) return 'no-api';
  const mets = Object.values(repo.goals[goalId].criteria).map((c) => c.met);
  if (mets.every((m) => m === true)) return 'met';
  if (mets.includes(false)) return mets.includes(true) ? 'partly' : 'not-started';
  return 'unknown';
}

const RULE_GOALS = new Map(RULES.map((r) => [r.code, r.goals]));

/** The diagnostics of the rules that serve the goal. */
export function diagnosticsFor(repo: Pick<RepoReport, 'diagnostics'>, goalId: string): ReportDiagnostic[] {
  return repo.diagnostics.filter((d) => RULE_GOALS.get(d.code)?.includes(goalId) ?? true);
}
