// Which project team a repo belongs to, and that team's record in the goal document: the repos
// each team section speaks for (teams.json, derived by scripts/gen-goal-teams.js from the goal
// document), or the teams of an openstack/governance checkout's reference/projects.yaml.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import goalTeams from './teams.json';

export interface TeamRecord {
  team: string;
  repos: string[];
  /** The goal document's review of 12 January 2017. */
  january2017: 'not-supported' | 'supported' | 'not-listed';
  planning: string[];
  completion: string[];
}

export interface TeamMap {
  /** The team owning a repo, by its name or its folder's ("designate", "openstack-heat" → heat), if known. */
  teamOf(repo: { name: string; root: string }): string | undefined;
  /** The goal document's section for a team, matched without case. */
  record(team: string): TeamRecord | undefined;
  /** Where the repo → team mapping came from, for the output's footnote. */
  source: string;
}

const RECORDS = goalTeams.teams as TeamRecord[];

export function loadTeams(governanceDir?: string): TeamMap {
  const byRepo = new Map<string, string>();
  let source = `the goal document (${goalTeams.source})`;
  if (governanceDir) {
    const file = path.join(governanceDir, 'reference', 'projects.yaml');
    if (!fs.existsSync(file))
      throw new Error(`"${governanceDir}" holds no reference/projects.yaml (is it an openstack/governance checkout?)`);
    for (const [team, repo] of governanceRepos(fs.readFileSync(file, 'utf8'), file)) byRepo.set(repo, team);
    source = `${file}`;
  } else {
    for (const r of RECORDS) for (const repo of r.repos) byRepo.set(repo, r.team);
  }
  return {
    teamOf: (repo) => byRepo.get(repo.name) ?? byRepo.get(path.basename(repo.root)),
    record: (team) => RECORDS.find((r) => r.team.toLowerCase() === team.toLowerCase()),
    source,
  };
}

/** [team, repo short name] for every repo of every deliverable of projects.yaml. */
function governanceRepos(text: string, file: string): [string, string][] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new Error(`${file} cannot be read as YAML: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  if (!doc || typeof doc !== 'object') throw new Error(`${file} is not a mapping of teams`);
  const out: [string, string][] = [];
  for (const [team, body] of Object.entries(doc as Record<string, unknown>)) {
    const deliverables = (body as { deliverables?: Record<string, { repos?: unknown }> } | null)?.deliverables ?? {};
    for (const d of Object.values(deliverables))
      for (const repo of Array.isArray(d?.repos) ? d.repos : []) if (typeof repo === 'string') out.push([team, repo.replace(/^.*\//, '')]);
  }
  return out;
}
