// In-file suppression, as linters do it, and the exclude globs: which findings a repo's own files
// (or the user's settings) ask not to be shown. Applied once, in the engine, so the editor, the
// CLI's outputs and SARIF's `suppressions` agree.
//   # wsgi-goal: disable=WSGI201            on the finding's line, or alone on the line above
//   # wsgi-goal: disable-file=WSGI201,WSGI202   in the file's leading comment block
// `#` comments serve bash, Python, YAML and ini files; ini files may use `;` too.
import picomatch from 'picomatch';

const MARK = /(?:^|\s)[#;]\s*wsgi-goal:\s*(disable|disable-file)\s*=\s*(WSGI\d{3}(?:\s*,\s*WSGI\d{3})*)/i;
const COMMENT_ONLY = /^\s*[#;]/;

export interface FileSuppressions {
  /** Codes disabled for the whole file. */
  file: Set<string>;
  /** 0-based line → codes disabled on it (the comment's own line, and the line below a comment-only line). */
  lines: Map<number, Set<string>>;
}

export function suppressionsIn(text: string): FileSuppressions {
  const out: FileSuppressions = { file: new Set(), lines: new Map() };
  if (!/wsgi-goal:/i.test(text)) return out;
  const lines = text.split(/\r?\n/);
  let leading = true;
  lines.forEach((line, i) => {
    if (leading && line.trim() && !COMMENT_ONLY.test(line)) leading = false;
    const m = MARK.exec(line);
    if (!m) return;
    const codes = m[2].split(',').map((c) => c.trim().toUpperCase());
    if (m[1].toLowerCase() === 'disable-file') {
      if (leading) codes.forEach((c) => out.file.add(c));
      return;
    }
    const add = (n: number) => {
      const set = out.lines.get(n) ?? new Set<string>();
      codes.forEach((c) => set.add(c));
      out.lines.set(n, set);
    };
    add(i);
    if (COMMENT_ONLY.test(line)) add(i + 1);
  });
  return out;
}

export function isSuppressed(s: FileSuppressions, code: string, line: number): boolean {
  return s.file.has(code) || !!s.lines.get(line)?.has(code);
}

/** The exclude setting's globs, matched against repo-relative paths (`contrib/**`, `**\/*.sample`). */
export function excluder(globs: string[]): (rel: string) => boolean {
  if (!globs.length) return () => false;
  const match = picomatch(globs, { dot: true });
  return (rel) => match(rel);
}
