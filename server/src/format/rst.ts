// The goal's status as reStructuredText, by team, shaped like the goal document's "Project Teams"
// sections so a champion can paste it into openstack/governance. Checked with docutils in CI.
import type { Report } from '../protocol';
import type { TeamMap } from '../goal/teams';
import { cellWord, governanceView, JANUARY_2017, STATUS_WORDS } from './governance';

/** Text with RST inline markup made literal (emphasis, roles, references, substitutions). */
export const rstText = (s: string) => s.replace(/[\\`*_|[\]<>:]/g, '\\$&');
/** An inline literal; docutils cannot hold "``" or edge spaces in one, so those fall back to text. */
const literal = (s: string) => (s.includes('``') || /^\s|\s$/.test(s) || !s ? rstText(s) : `\`\`${s}\`\``);
const heading = (s: string, ch: string) => {
  const t = rstText(s);
  return [t, ch.repeat(Math.max(t.length, 3))];
};

export function formatRst(report: Report, goalId: string, teams?: TeamMap): string {
  const view = governanceView(report, goalId, teams);
  const { goal } = view;
  const out = [...heading(`${goal.title} (${goal.id})`, '='), ''];
  out.push(`Gerrit topic: ${literal(goal.topic)}.${view.teamsFrom ? ` Teams from ${rstText(view.teamsFrom)}.` : ''}`, '');
  for (const s of view.sections) {
    out.push(...heading(s.title, '-'), '');
    if (s.record) out.push(rstText(JANUARY_2017[s.record.january2017]), '');
    out.push('.. list-table::', '   :header-rows: 1', '');
    const row = (cells: string[][]) => {
      cells.forEach((lines, i) => {
        out.push(`   ${i ? ' ' : '*'} - ${lines[0] || '\\ '}`);
        // More lines of one cell: a line block keeps them apart without a nested list.
        for (const l of lines.slice(1)) out.push(`       ${l}`);
      });
    };
    row(view.columns.map((h) => [rstText(h)]));
    for (const r of s.rows)
      row([
        [rstText(r.name)],
        [STATUS_WORDS[r.status]],
        [r.services.map(rstText).join(', ')],
        ...r.criteria.map((c) =>
          c.evidence.length
            ? [`| ${cellWord(c.met)}`, ...c.evidence.map((e) => `| ${literal(e)}`), ...(c.more ? [`| and ${c.more} more`] : [])]
            : [cellWord(c.met)],
        ),
        ...(r.mode ? [[literal(r.mode)]] : []),
      ]);
    out.push('');
    if (s.record?.planning.length) out.push('Planning artifacts:', '', ...s.record.planning.map((l) => `* ${l}`), '');
    if (s.record?.completion.length) out.push('Completion artifacts:', '', ...s.record.completion.map((l) => `* ${l}`), '');
  }
  if (view.noApi.length) out.push(`Repositories without an API service: ${view.noApi.map(rstText).join(', ')}.`, '');
  return out.join('\n');
}
