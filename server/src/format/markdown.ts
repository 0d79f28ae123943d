// The goal's status as Markdown, by team, for an etherpad, a wiki or a review comment.
import type { Report } from '../protocol';
import type { TeamMap } from '../goal/teams';
import { cellWord, governanceView, JANUARY_2017, STATUS_WORDS } from './governance';

/** Text with Markdown's inline and table markup and HTML made literal (text sits in a cell or a sentence). */
export const mdText = (s: string) =>
  s
    .replace(/[\\`*_{}[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
/** A path or code in a code span; a backtick inside widens the fence. */
const code = (s: string) => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);

export function formatMarkdown(report: Report, goalId: string, teams?: TeamMap): string {
  const view = governanceView(report, goalId, teams);
  const { goal } = view;
  const out = [
    `# ${mdText(goal.title)} (${code(goal.id)})`,
    '',
    `Gerrit topic: ${code(goal.topic)}.${view.teamsFrom ? ` Teams from ${mdText(view.teamsFrom)}.` : ''}`,
    '',
  ];
  for (const s of view.sections) {
    out.push(`## ${mdText(s.title)}`, '');
    if (s.record) out.push(mdText(JANUARY_2017[s.record.january2017]), '');
    out.push(`| ${view.columns.map(mdText).join(' | ')} |`, `|${view.columns.map(() => '---|').join('')}`);
    for (const r of s.rows) {
      const cells = [
        mdText(r.name),
        STATUS_WORDS[r.status],
        r.services.map(mdText).join(', '),
        ...r.criteria.map((c) => [cellWord(c.met), ...c.evidence.map(code), ...(c.more ? [`and ${c.more} more`] : [])].join('<br>')),
        ...(r.mode ? [code(r.mode)] : []),
      ];
      out.push(`| ${cells.join(' | ')} |`);
    }
    out.push('');
    if (s.record?.planning.length) out.push(`Planning artifacts: ${s.record.planning.map((l) => `<${l}>`).join(', ')}`, '');
    if (s.record?.completion.length) out.push(`Completion artifacts: ${s.record.completion.map((l) => `<${l}>`).join(', ')}`, '');
  }
  if (view.noApi.length) out.push(`Repositories without an API service: ${view.noApi.map(mdText).join(', ')}.`, '');
  return out.join('\n');
}
