// Human-readable output of `wsgi-goal check`.
import type { Report } from '../protocol';
import { GOALS } from '../goal/evaluate';

const mark = (met: boolean | null) => (met === true ? 'met' : met === false ? 'NOT MET' : 'unknown');

export function formatText(report: Report, goalId: string): string {
  const goal = GOALS.find((g) => g.id === goalId)!;
  const out: string[] = [];
  if (!report.repos.length) out.push('No repository found (a repository holds setup.cfg, pyproject.toml, devstack/plugin.sh or .git).');
  for (const repo of report.repos) {
    out.push(`${repo.name}  (${repo.root})`);
    const result = repo.goals[goal.id];
    out.push(`  goal ${goal.id}: ${mark(result.met)}`);
    if (!repo.apiServices.length) out.push('  no API service found');
    for (const c of goal.criteria) {
      const cr = result.criteria[c.id];
      out.push(`  [${mark(cr.met)}] ${c.title}${cr.mode ? ` (devstack: ${cr.mode})` : ''}`);
      for (const e of cr.evidence.slice(0, 8)) out.push(`      ${e.repo ? e.repo + ':' : ''}${e.file}:${e.line}  ${e.text}`);
      if (cr.evidence.length > 8) out.push(`      … ${cr.evidence.length - 8} more`);
    }
    for (const s of repo.apiServices) {
      out.push(
        `  service ${s.name}${RECOGNISED[s.recognisedBy]}: ${s.entryPoints.length ? s.entryPoints.map((e) => `${e.kind} ${e.target}`).join(', ') : 'no WSGI entry point'}; devstack ${s.devstackMode}`,
      );
    }
    for (const j of repo.zuulJobs) {
      out.push(`  job ${j.name} (${j.file}:${j.line}): ${j.overrides.map((o) => `${o.name}=${o.value}`).join(' ')}`);
    }
    for (const d of repo.diagnostics) out.push(`  ${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`);
    out.push('');
  }
  return out.join('\n');
}

/** How a service was found, when it is more than its name says. */
const RECOGNISED: Record<string, string> = {
  name: ' (an API by its name only)',
  'serves-http': ' (its code serves HTTP)',
  'wsgi-entry': ' (ships a WSGI entry)',
  devstack: ' (devstack runs it under a WSGI server)',
};
