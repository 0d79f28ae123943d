// `wsgi-goal check` for a terminal: one line per repo, a totals line, the repos without an API in
// one footer line; --verbose adds each repo's evidence, services, goal-relevant Zuul settings and
// diagnostics. Every line fits WIDTH columns.
import type { Evidence, RepoReport, Report } from '../protocol';
import { GOALS } from '../goal/evaluate';
import { diagnosticsFor, RepoStatus, repoStatus } from './repo-status';

export const WIDTH = 100;

export interface TextOptions {
  goal: string;
  verbose: boolean;
  color: boolean;
}

const GLYPH: Record<RepoStatus, string> = { met: '✔', partly: '◐', 'not-started': '✘', unknown: '?', 'no-api': '·' };
const COLOR: Record<RepoStatus, number> = { met: 32, partly: 33, 'not-started': 31, unknown: 2, 'no-api': 2 };
const cell = (met: boolean | null) => (met === true ? 'yes' : met === false ? 'no' : '?');

export function formatText(report: Report, opts: TextOptions): string {
  const goal = GOALS.find((g) => g.id === opts.goal)!;
  const paint = (code: number, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const withApi = report.repos.filter((r) => r.apiServices.length);
  const noApi = report.repos.filter((r) => !r.apiServices.length);

  // The devstack mode sits before the criterion it decides.
  const head = ['', 'repo', ...goal.criteria.flatMap((c) => (c.id === 'devstackUwsgi' ? ['devstack', c.short] : [c.short])), 'services'];
  const rows = withApi.map((r) => {
    const res = r.goals[goal.id];
    const st = repoStatus(r, goal.id);
    return {
      repo: r,
      status: st,
      cells: [
        GLYPH[st],
        r.name,
        ...goal.criteria.flatMap((c) => {
          const cr = res.criteria[c.id];
          return c.id === 'devstackUwsgi' ? [cr.mode ?? 'unknown', cell(cr.met)] : [cell(cr.met)];
        }),
      ],
    };
  });
  const widths = head.slice(0, -1).map((h, i) => Math.min(Math.max(h.length, ...rows.map((r) => r.cells[i].length)), i === 1 ? 28 : 16));
  const fixed = widths.reduce((a, w) => a + w + 2, 0);
  const line = (cells: string[], services: string) =>
    (cells.map((c, i) => fit(c, widths[i]).padEnd(widths[i])).join('  ') + '  ' + fit(services, WIDTH - fixed)).trimEnd();

  const out: string[] = [...wrap(`${goal.id}: ${goal.title} (topic ${goal.topic})`, WIDTH), ''];
  if (rows.length) out.push(paint(1, line(head.slice(0, -1), 'services')));
  for (const row of rows) {
    const text = line(row.cells, fitNames([...new Set(row.repo.apiServices.map((s) => s.name))], WIDTH - fixed));
    out.push(paint(COLOR[row.status], text.slice(0, 1)) + text.slice(1));
    if (opts.verbose) out.push(...details(row.repo, goal.id));
  }
  if (opts.verbose)
    for (const r of noApi.filter((x) => diagnosticsFor(x.diagnostics, goal.id).length))
      out.push(`${paint(COLOR['no-api'], GLYPH['no-api'])}  ${r.name} (no API service)`, ...findings(r, goal.id), '');
  if (rows.length && !opts.verbose) out.push('');
  const count = (s: RepoStatus) => rows.filter((r) => r.status === s).length;
  // A repo without an API still has findings of its own (a devstack checkout's local.conf).
  const diags = report.repos.flatMap((r) => diagnosticsFor(r.diagnostics, goal.id));
  const errors = diags.filter((d) => d.severity === 'error').length;
  if (!rows.length) out.push(`No repo here has an API service: ${goal.id} does not apply to them.`);
  else
    out.push(
      ...wrap(
        `${count('met')} of ${rows.length} repos with an API meet ${goal.id}` +
          ` (${count('partly')} partly, ${count('not-started')} not started, ${count('unknown')} unknown)`,
        WIDTH,
      ),
    );
  const disabled = report.repos.reduce((n, r) => n + diagnosticsFor(r.suppressed, goal.id).length, 0);
  if (diags.length || disabled)
    out.push(
      `${diags.length} diagnostic${diags.length === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}` +
        (disabled ? `; ${disabled} disabled by wsgi-goal: comments` : '') +
        (opts.verbose || !diags.length ? '' : ' (--verbose lists them)'),
    );
  if (noApi.length) {
    const prefix = `No API service (${noApi.length}): `;
    out.push(
      prefix +
        fitNames(
          noApi.map((r) => r.name),
          WIDTH - prefix.length,
        ),
    );
  }
  return out.join('\n') + '\n';
}

/** The indented block --verbose adds under a repo's line. */
function details(repo: RepoReport, goalId: string): string[] {
  const goal = GOALS.find((g) => g.id === goalId)!;
  const res = repo.goals[goalId];
  const out: string[] = [`    ${fit(repo.root, WIDTH - 4)}`];
  for (const c of goal.criteria) {
    const cr = res.criteria[c.id];
    out.push(`    ${c.title}: ${cell(cr.met)}${cr.mode ? ` (devstack: ${cr.mode})` : ''}`);
    for (const e of cr.evidence.slice(0, 4)) out.push(`      ${fit(`${where(e)}  ${e.text.trim()}`, WIDTH - 6)}`);
    if (cr.evidence.length > 4) out.push(`      … ${cr.evidence.length - 4} more`);
  }
  for (const s of repo.apiServices) {
    const entries = s.entryPoints.map((e) => e.target).join(', ') || 'no WSGI entry point';
    out.push(
      `    ${fit(`service ${s.name}${s.recognisedBy === 'name' ? ' (an API by its name only)' : ''}: ${entries}; devstack ${s.devstackMode}`, WIDTH - 4)}`,
    );
  }
  for (const j of repo.zuulJobs) {
    const set = j.overrides.filter((o) => o.deploys);
    if (set.length)
      out.push(`    ${fit(`job ${j.name} (${j.file}:${j.line}) sets ${set.map((o) => `${o.name}=${o.value}`).join(' ')}`, WIDTH - 4)}`);
  }
  out.push(...findings(repo, goalId), '');
  return out;
}

/** A repo's diagnostics, the message wrapped, never cut: its fix is at the end. */
function findings(repo: RepoReport, goalId: string): string[] {
  return diagnosticsFor(repo.diagnostics, goalId).flatMap((d) => [
    `    ${fit(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}`, WIDTH - 4)}`,
    ...wrap(d.message, WIDTH - 6).map((l) => `      ${l}`),
  ]);
}

const where = (e: Evidence) => `${e.repo ? e.repo + ':' : ''}${e.file}:${e.line}`;

/** Lines of at most `width` columns, broken at spaces (a longer word gets a line of its own). */
function wrap(s: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of s.split(/\s+/).filter(Boolean)) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.map((l) => fit(l, width));
}

/** Cuts to `width` columns with an ellipsis. */
function fit(s: string, width: number): string {
  const flat = s.replace(/\s*\n\s*/g, ' ');
  return flat.length <= width ? flat : flat.slice(0, Math.max(0, width - 1)) + '…';
}

/** `a, b, c` in `width` columns, cut at a name with how many were left off (`a, b … +3`). */
function fitNames(names: string[], width: number): string {
  let out = '';
  for (let i = 0; i < names.length; i++) {
    const next = (i ? ', ' : '') + names[i];
    const more = i < names.length - 1 ? ` … +${names.length - i - 1}`.length : 0;
    if (out.length + next.length + more > width) return out ? `${out} … +${names.length - i}` : fit(names[0], width);
    out += next;
  }
  return out;
}
