// devstack's local.conf: meta-sections `[[phase|file]]` (`[[local|localrc]]`, `[[post-config|$NOVA_CONF]]`,
// `[[test-config|$TEMPEST_CONFIG]]`, …) and, in the localrc section, the shell assignments devstack
// copies into .localrc.auto, with source ranges. Pure: text in, facts out.
import { Span, span, splitLines } from '../util/range';

export interface LocalConfSection {
  phase: string;
  /** The config file the section is for: `localrc`, `$NOVA_CONF`, `/etc/foo.conf`. */
  file: string;
  header: Span;
  /** 0-based lines of the body, end exclusive. */
  bodyStart: number;
  bodyEnd: number;
}

export interface LocalConfAssignment {
  name: string;
  /** The value with shell quoting removed (expansions kept as written). */
  value: string;
  /** The value as written, quotes included. */
  raw: string;
  nameSpan: Span;
  valueSpan: Span;
  /** From the name to the end of the value. */
  span: Span;
  /** Index into `sections`. */
  section: number;
}

export interface LocalConf {
  sections: LocalConfSection[];
  localrc: LocalConfAssignment[];
}

const META = /^\[\[\s*([^|\]]+?)\s*\|\s*([^\]]+?)\s*\]\]/;
const ASSIGN = /^(\s*)(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)(\+?=)/;

export function parseLocalConf(text: string): LocalConf {
  const lines = splitLines(text);
  const out: LocalConf = { sections: [], localrc: [] };
  lines.forEach((line, i) => {
    const m = META.exec(line);
    if (!m) return;
    const prev = out.sections[out.sections.length - 1];
    if (prev) prev.bodyEnd = i;
    out.sections.push({ phase: m[1], file: m[2], header: span(i, 0, m[0].length), bodyStart: i + 1, bodyEnd: lines.length });
  });
  out.sections.forEach((s, index) => {
    if (!isLocalrc(s)) return;
    for (let i = s.bodyStart; i < s.bodyEnd; i++) {
      const line = lines[i];
      const m = ASSIGN.exec(line);
      if (!m) continue;
      const nameStart = m[0].length - m[3].length - m[2].length;
      const valueStart = m[0].length;
      const word = shellWord(line, valueStart);
      out.localrc.push({
        name: m[2],
        value: word.value,
        raw: line.slice(valueStart, word.end),
        section: index,
        nameSpan: span(i, nameStart, nameStart + m[2].length),
        valueSpan: span(i, valueStart, word.end),
        span: span(i, nameStart, Math.max(word.end, valueStart)),
      });
    }
  });
  return out;
}

export function isLocalrc(s: LocalConfSection): boolean {
  return s.phase === 'local' && s.file === 'localrc';
}

/** One shell word from `start`: quotes removed, ends at unquoted whitespace, `;` or a `#` comment. */
function shellWord(line: string, start: number): { value: string; end: number } {
  let value = '';
  let quote: string | undefined;
  let i = start;
  for (; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) value += line[++i];
      else value += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (/\s|;/.test(c) || (c === '#' && i === start)) break;
    if (c === '\\' && i + 1 < line.length) {
      value += line[++i];
      continue;
    }
    if (c === '$' && line[i + 1] === '{') {
      const close = line.indexOf('}', i);
      if (close > 0) {
        value += line.slice(i, close + 1);
        i = close;
        continue;
      }
    }
    if (c === '$' && line[i + 1] === '(') {
      let depth = 0,
        j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '(') depth++;
        else if (line[j] === ')' && --depth === 0) break;
      }
      value += line.slice(i, j + 1);
      i = Math.min(j, line.length - 1);
      continue;
    }
    value += c;
  }
  return { value, end: i };
}
