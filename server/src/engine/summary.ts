// The first sentence of a finding: what the Problems panel shows before it cuts the line.
/** Findings' summaries stay under this many characters where their words allow. */
export const SUMMARY_CHARS = 120;

/**
 * The rule's own summary, else one made from the message's shape, "<what>: <why>; <fix>." →
 * "<what>: <fix>", or the "<what>" alone.
 */
export function summaryOf(f: { summary?: string; message: string }): string {
  if (f.summary) return f.summary;
  const m = f.message.trim().replace(/\.$/, '');
  if (m.length <= SUMMARY_CHARS) return m;
  const colon = m.indexOf(': ');
  const what = colon > 0 ? m.slice(0, colon) : '';
  const semi = m.lastIndexOf('; ');
  const fix = semi > colon ? m.slice(semi + 2) : '';
  if (what && fix && what.length + 2 + fix.length <= SUMMARY_CHARS) return `${what}: ${fix}`;
  if (what && what.length <= SUMMARY_CHARS) return what;
  return m.slice(0, SUMMARY_CHARS - 1) + '…';
}
