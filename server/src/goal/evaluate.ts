// Goals are data (goals/*.json); each criterion names an evaluator here. A new goal is a new
// data file, plus an evaluator only when it asks something no evaluator answers yet.
import { DEFAULT_GOAL, type Criterion, type Evidence, type GoalInfo, type GoalResult } from '../protocol';
import type { Located, RepoModel } from '../model/types';
import { repoMode, ServiceStatus } from './services';
import deployApiInWsgi from './goals/deploy-api-in-wsgi.json';
import migrateToModulePaths from './goals/migrate-from-wsgi-scripts-to-module-paths.json';

export interface GoalDefinition extends GoalInfo {
  cycle: string;
  url: string;
  criteria: { id: string; title: string; short: string; description: string; evaluator: string }[];
}

export const GOALS: GoalDefinition[] = [deployApiInWsgi, migrateToModulePaths];
export { DEFAULT_GOAL };

type Evaluator = (model: RepoModel, statuses: ServiceStatus[], text: (at: Located) => string) => Criterion;

const evaluators: Record<string, Evaluator> = {
  everyApiHasWsgiEntry(_m, statuses, text) {
    if (!statuses.length) return { met: null, evidence: [] };
    const missing = statuses.filter((s) => !s.entryPoints.length);
    const evidence = missing.length
      ? missing.map((s) => evidenceAt(s.service.source, text))
      : unique(statuses.flatMap((s) => s.entryPoints.map((e) => evidenceAt(e.at, text))));
    return { met: missing.length === 0, evidence };
  },
  devstackUwsgiBehindApache(model, statuses, text) {
    const mode = repoMode(statuses, model);
    if (!statuses.length) return { met: null, mode, evidence: [] };
    const evidence = unique(statuses.flatMap((s) => s.deployFacts.map((f) => evidenceAt(f.at, text))));
    return { met: mode === 'unknown' ? null : mode === 'uwsgi', mode, evidence };
  },
  everyApiHasWsgiModule(_m, statuses, text) {
    if (!statuses.length) return { met: null, evidence: [] };
    const missing = statuses.filter((s) => !s.entryPoints.some((e) => e.kind === 'module'));
    const evidence = missing.length
      ? missing.map((s) => evidenceAt(s.service.source, text))
      : unique(statuses.flatMap((s) => s.entryPoints.filter((e) => e.kind === 'module').map((e) => evidenceAt(e.at, text))));
    return { met: missing.length === 0, evidence };
  },
  noWsgiScriptsDeclared(model, statuses, text) {
    if (!statuses.length) return { met: null, evidence: [] };
    const declared = model.entryPoints.filter((e) => e.kind === 'pbr-wsgi_scripts');
    return { met: declared.length === 0, evidence: declared.map((e) => evidenceAt(e.at, text)) };
  },
};

export function evaluateGoal(goal: GoalDefinition, model: RepoModel, statuses: ServiceStatus[], text: (at: Located) => string): GoalResult {
  const criteria: Record<string, Criterion> = {};
  for (const c of goal.criteria) {
    const ev = evaluators[c.evaluator];
    if (!ev) throw new Error(`goal ${goal.id}: criterion ${c.id} names unknown evaluator ${c.evaluator}`);
    criteria[c.id] = ev(model, statuses, text);
  }
  const mets = Object.values(criteria).map((c) => c.met);
  const met = mets.includes(false) ? false : mets.every((m) => m === true) ? true : null;
  return { met, criteria };
}

export function evidenceAt(at: Located, text: (at: Located) => string): Evidence {
  return {
    file: at.file,
    line: at.span.start.line + 1,
    column: at.span.start.character + 1,
    endLine: at.span.end.line + 1,
    endColumn: at.span.end.character + 1,
    text: text(at),
    ...(at.repo ? { repo: at.repo } : {}),
  };
}

function unique(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.repo ?? ''}:${e.file}:${e.line}:${e.column}`;
    return !seen.has(k) && !!seen.add(k);
  });
}
