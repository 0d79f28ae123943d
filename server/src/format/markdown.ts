// A status table for the governance document.
import type { Report } from '../protocol';
import { GOALS } from '../goal/evaluate';

const cell = (met: boolean | null) => (met === true ? 'yes' : met === false ? 'no' : '?');
const esc = (s: string) => s.replace(/\|/g, '\\|');

export function formatMarkdown(report: Report, goalId: string): string {
  const goal = GOALS.find((g) => g.id === goalId)!;
  const head = ['Repository', 'API services', ...goal.criteria.map((c) => c.title), 'Devstack mode', 'Diagnostics'];
  const rows = report.repos.map((r) => {
    const res = r.goals[goal.id];
    return [
      r.name,
      r.apiServices.map((s) => s.name).join(', ') || '(none)',
      ...goal.criteria.map((c) => cell(res.criteria[c.id].met)),
      r.criteria.devstackUwsgi.mode ?? '',
      String(r.diagnostics.length),
    ];
  });
  return [
    `## ${goal.title} (\`${goal.id}\`)`,
    '',
    `Gerrit topic: \`${goal.topic}\``,
    '',
    `| ${head.map(esc).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
    '',
  ].join('\n');
}
