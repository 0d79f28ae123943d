// The report as the goal document is organised: by project team, each repo's criteria with the
// evidence paths that decide them. Markdown and RST render the same sections.
import type { Evidence, Report } from '../protocol';
import { GOALS, GoalDefinition } from '../goal/evaluate';
import type { TeamMap, TeamRecord } from '../goal/teams';
import { repoStatus, RepoStatus } from './repo-status';

export interface RepoRow {
  name: string;
  status: RepoStatus;
  services: string[];
  /** `more`: evidence paths left off. */
  criteria: { title: string; met: boolean | null; evidence: string[]; more: number }[];
  mode?: string;
}

export interface Section {
  title: string;
  /** The team's section of the goal document, when the title is a team it has one for. */
  record?: TeamRecord;
  rows: RepoRow[];
}

export interface GovernanceView {
  goal: GoalDefinition;
  /** The table's column headings, one per RepoRow field in order. */
  columns: string[];
  sections: Section[];
  noApi: string[];
  teamsFrom?: string;
}

/** Evidence paths shown per criterion; the rest is counted. */
const MAX_EVIDENCE = 3;

export function governanceView(report: Report, goalId: string, teams?: TeamMap): GovernanceView {
  const goal = GOALS.find((g) => g.id === goalId)!;
  const byTitle = new Map<string, Section>();
  const noApi: string[] = [];
  for (const repo of [...report.repos].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!repo.apiServices.length) {
      noApi.push(repo.name);
      continue;
    }
    const team = teams?.teamOf(repo);
    const title = team ?? repo.name;
    if (!byTitle.has(title)) byTitle.set(title, { title, record: team ? teams?.record(team) : undefined, rows: [] });
    const res = repo.goals[goal.id];
    byTitle.get(title)!.rows.push({
      name: repo.name,
      status: repoStatus(repo, goal.id),
      services: [...new Set(repo.apiServices.map((s) => s.name))],
      criteria: goal.criteria.map((c) => {
        const ev = [...new Set(res.criteria[c.id].evidence.map(where))];
        return {
          title: c.title,
          met: res.criteria[c.id].met,
          evidence: ev.slice(0, MAX_EVIDENCE),
          more: Math.max(0, ev.length - MAX_EVIDENCE),
        };
      }),
      mode: goal.criteria.some((c) => c.id === 'devstackUwsgi') ? (repo.criteria.devstackUwsgi.mode ?? 'unknown') : undefined,
    });
  }
  const sections = [...byTitle.values()].sort((a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }));
  const columns = ['Repository', 'Status', 'API services', ...goal.criteria.map((c) => c.title)];
  if (goal.criteria.some((c) => c.id === 'devstackUwsgi')) columns.push('Devstack mode');
  return { goal, columns, sections, noApi, teamsFrom: teams?.source };
}

const where = (e: Evidence) => `${e.repo ? e.repo + ':' : ''}${e.file}:${e.line}`;

export const STATUS_WORDS: Record<RepoStatus, string> = {
  met: 'met',
  partly: 'partly met',
  'not-started': 'not met',
  unknown: 'unknown',
  'no-api': 'no API service',
};

/** The sentence a team's section opens with. */
export const JANUARY_2017: Record<TeamRecord['january2017'], string> = {
  'not-supported': 'Listed in January 2017 as not supporting WSGI deployment of its API.',
  supported: 'Listed in January 2017 as already deploying its API via WSGI in devstack.',
  'not-listed': 'Not in the January 2017 review.',
};

export const cellWord = (met: boolean | null) => (met === true ? 'yes' : met === false ? 'no' : 'unknown');
