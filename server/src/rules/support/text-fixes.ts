// Small text edits the rules offer as quick fixes: rewrite one shell word, insert at a place,
// replace a span. Each returns undefined where the edit could change more than it says.
import type { Pos, Span } from '../../util/range';
import type { FixSpec } from '../rule';

/**
 * Rewrites a shell word on one line. Not inside single quotes, where `$(which uwsgi)` would stay
 * literal text.
 */
export function rewriteWord(
  file: string,
  word: { raw: string; span: Span },
  title: string,
  transform: (raw: string) => string | undefined,
): FixSpec | undefined {
  if (word.span.start.line !== word.span.end.line || word.raw.startsWith("'")) return undefined;
  const next = transform(word.raw);
  if (next === undefined || next === word.raw) return undefined;
  return { kind: 'edit', title, file, edits: [{ span: word.span, newText: next }] };
}

export function insertAt(file: string, at: Pos, text: string, title: string): FixSpec {
  return { kind: 'edit', title, file, edits: [{ span: { start: at, end: at }, newText: text }] };
}

export function replaceSpan(file: string, span: Span, text: string, title: string): FixSpec {
  return { kind: 'edit', title, file, edits: [{ span, newText: text }] };
}

/** The uwsgi binary at the head of a run_process command as written: `$(which uwsgi)`, `$X_BIN_DIR/uwsgi`, `uwsgi`. */
export const UWSGI_WORD = /\$\(which uwsgi\)|\$\{?[A-Za-z_]\w*\}?\/uwsgi\b|(?<![\w/$.-])uwsgi\b/;
