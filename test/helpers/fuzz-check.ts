// Checks shared by the fuzz properties: every range a parser returns lies inside its document,
// results compared across line endings, and a per-input time limit that turns a runaway parse
// (exponential or quadratic blow-up) into a failing property with its counterexample.
import * as assert from 'node:assert/strict';
import { splitLines } from '../../server/src/util/range';
import { MAX_INPUT } from './fuzz-gen';

interface PosLike {
  line: number;
  character: number;
}
interface SpanLike {
  start: PosLike;
  end: PosLike;
}

const isPos = (v: unknown): v is PosLike =>
  typeof v === 'object' && v !== null && typeof (v as PosLike).line === 'number' && typeof (v as PosLike).character === 'number';
const isSpan = (v: unknown): v is SpanLike =>
  typeof v === 'object' && v !== null && isPos((v as SpanLike).start) && isPos((v as SpanLike).end);

/** Every range-shaped object inside `value` (objects, arrays, Maps, Sets), with its path. */
export function spansIn(value: unknown): { path: string; span: SpanLike }[] {
  const out: { path: string; span: SpanLike }[] = [];
  const seen = new WeakSet<object>();
  const visit = (v: unknown, at: string): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (isSpan(v)) {
      out.push({ path: at, span: v });
      return;
    }
    if (v instanceof Map) {
      for (const [k, x] of v) visit(x, `${at}.get(${JSON.stringify(k)})`);
      return;
    }
    if (v instanceof Set || Array.isArray(v)) {
      let i = 0;
      for (const x of v) visit(x, `${at}[${i++}]`);
      return;
    }
    for (const [k, x] of Object.entries(v)) visit(x, `${at}.${k}`);
  };
  visit(value, '$');
  return out;
}

/**
 * Asserts that every range in `facts` lies inside `text` as an editor (LSP) sees it: lines split at
 * \r\n, \r or \n, 0 ≤ line < line count, 0 ≤ character ≤ that line's UTF-16 length, start ≤ end.
 */
export function assertSpansInside(text: string, facts: unknown, what: string): void {
  const lines = splitLines(text);
  for (const { path, span } of spansIn(facts)) {
    for (const p of [span.start, span.end]) {
      const ok =
        Number.isInteger(p.line) &&
        Number.isInteger(p.character) &&
        p.line >= 0 &&
        p.line < lines.length &&
        p.character >= 0 &&
        p.character <= lines[p.line].length;
      if (!ok)
        assert.fail(
          `${what}: ${path} = ${JSON.stringify(span)} is outside the document (${lines.length} lines; line ${p.line} is ${
            lines[p.line] === undefined ? 'missing' : `${lines[p.line].length} long`
          })`,
        );
    }
    const ordered = span.start.line < span.end.line || (span.start.line === span.end.line && span.start.character <= span.end.character);
    if (!ordered) assert.fail(`${what}: ${path} = ${JSON.stringify(span)} ends before it starts`);
  }
}

/** Asserts 0 ≤ line ≤ line count for line numbers given as numbers (end-exclusive bounds allowed). */
export function assertLineInside(text: string, line: number, what: string, endExclusive = false): void {
  const n = splitLines(text).length;
  if (!(Number.isInteger(line) && line >= 0 && (endExclusive ? line <= n : line < n)))
    assert.fail(`${what}: line ${line} is outside the document (${n} lines)`);
}

/**
 * A comparable copy: Maps and Sets as arrays, and CRLF inside strings made LF — the text a value or
 * a message quotes legitimately keeps the file's line endings; everything else must not depend on them.
 */
export function normalised(value: unknown): unknown {
  const visit = (v: unknown): unknown => {
    // Messages quote text JSON-escaped too ("… \\r\\n …").
    if (typeof v === 'string') return v.replace(/\r\n/g, '\n').replace(/\\r\\n/g, '\\n');
    if (typeof v !== 'object' || v === null) return v;
    if (v instanceof Map) return [...v].map(([k, x]) => [visit(k), visit(x)]);
    if (v instanceof Set) return [...v].map(visit);
    if (Array.isArray(v)) return v.map(visit);
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, visit(x)]),
    );
  };
  return visit(value);
}

/** LF and CRLF versions of one text (lone CRs made LF first), the CRLF one within MAX_INPUT. */
export function lfAndCrlf(s: string): { lf: string; crlf: string } {
  let lf = s.replace(/\r\n?/g, '\n');
  let size = 0;
  for (let i = 0; i < lf.length; i++) {
    size += lf[i] === '\n' ? 2 : 1;
    if (size > MAX_INPUT) {
      lf = lf.slice(0, i);
      break;
    }
  }
  return { lf, crlf: lf.replace(/\n/g, '\r\n') };
}

/** Generous: a 4 kB input that takes this long to parse is a blow-up, not a slow machine. */
export const SLOW_MS = 3000;

/** Runs `job`, failing when one input takes longer than `limit` ms. */
export function timed<T>(what: string, job: () => T, limit = SLOW_MS): T {
  const t0 = performance.now();
  const value = job();
  const ms = performance.now() - t0;
  if (ms > limit) assert.fail(`${what} took ${Math.round(ms)} ms on one input of at most ${MAX_INPUT} characters`);
  return value;
}
