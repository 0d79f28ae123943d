// An INI reader that follows Python's configparser (what pbr uses for setup.cfg and what
// PasteDeploy uses for api-paste.ini), keeping a source range for every section, key and value line.
// No npm INI library keeps positions or configparser's continuation rules, hence this one.
import { Span, span, splitLines } from '../util/range';

export interface IniValueLine {
  text: string;
  span: Span;
}

export interface IniEntry {
  /** Lower-cased, as configparser's default optionxform does. */
  key: string;
  keySpan: Span;
  /** The value as configparser returns it: lines joined with "\n", first line may be empty. */
  value: string;
  /** Every non-empty line of the value with its own range (the first is on the key's line). */
  lines: IniValueLine[];
  /** From the start of the key to the end of the last value line. */
  span: Span;
}

export interface IniSection {
  name: string;
  span: Span;
  entries: IniEntry[];
}

export interface IniProblem {
  message: string;
  span: Span;
}

export interface IniFile {
  sections: IniSection[];
  problems: IniProblem[];
}

const SECTION = /^\[(?<name>[^\]]+)\]/;

export function parseIni(text: string): IniFile {
  const lines = splitLines(text);
  const sections: IniSection[] = [];
  const problems: IniProblem[] = [];
  let section: IniSection | undefined;
  let entry: IniEntry | undefined;
  let entryIndent = 0;
  let pendingBlank = 0;

  lines.forEach((raw, lineNo) => {
    const stripped = raw.trim();
    const indent = raw.length - raw.trimStart().length;
    const first = indent;
    if (stripped === '') {
      if (entry) pendingBlank++;
      return;
    }
    if (stripped.startsWith('#') || stripped.startsWith(';')) return;

    // configparser: a line indented deeper than its option's line continues the value.
    if (entry && indent > entryIndent) {
      entry.value += '\n'.repeat(pendingBlank + 1) + stripped;
      const s = span(lineNo, first, first + stripped.length);
      entry.lines.push({ text: stripped, span: s });
      entry.span = { start: entry.span.start, end: s.end };
      pendingBlank = 0;
      return;
    }
    pendingBlank = 0;
    entry = undefined;

    const header = SECTION.exec(stripped);
    if (header) {
      section = { name: header.groups!.name, span: span(lineNo, 0, raw.trimEnd().length), entries: [] };
      if (sections.some((s) => s.name === section!.name)) {
        problems.push({ message: `section [${section.name}] appears twice`, span: section.span });
      }
      sections.push(section);
      return;
    }
    const delim = firstDelimiter(stripped);
    if (!section) {
      problems.push({ message: 'a key before any [section] header', span: span(lineNo, first, first + stripped.length) });
      return;
    }
    if (delim < 0) {
      problems.push({
        message: `"${stripped}" is neither a section header, a key = value line nor an indented continuation`,
        span: span(lineNo, first, first + stripped.length),
      });
      return;
    }
    const keyText = stripped.slice(0, delim).trimEnd();
    const valueRaw = stripped.slice(delim + 1);
    const valueText = valueRaw.trim();
    const valueCol = first + delim + 1 + (valueRaw.length - valueRaw.trimStart().length);
    const keySpan = span(lineNo, first, first + keyText.length);
    entry = {
      key: keyText.toLowerCase(),
      keySpan,
      value: valueText,
      lines: valueText ? [{ text: valueText, span: span(lineNo, valueCol, valueCol + valueText.length) }] : [],
      span: span(lineNo, first, first + stripped.length),
    };
    entryIndent = indent;
    if (section.entries.some((e) => e.key === entry!.key)) {
      problems.push({ message: `key "${keyText}" appears twice in [${section.name}]`, span: keySpan });
    }
    section.entries.push(entry);
  });
  return { sections, problems };
}

function firstDelimiter(s: string): number {
  const eq = s.indexOf('=');
  const colon = s.indexOf(':');
  if (eq < 0) return colon;
  if (colon < 0) return eq;
  return Math.min(eq, colon);
}

export function section(file: IniFile, name: string): IniSection | undefined {
  return file.sections.find((s) => s.name === name);
}

export function entry(sec: IniSection | undefined, key: string): IniEntry | undefined {
  return sec?.entries.find((e) => e.key === key.toLowerCase());
}
