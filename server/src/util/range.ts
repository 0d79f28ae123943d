// Positions are 0-based with UTF-16 columns inside the engine (as LSP); the CLI and the status
// report convert to 1-based at the edge.
export interface Pos {
  line: number;
  character: number;
}
export interface Span {
  start: Pos;
  end: Pos;
}

export function span(line: number, startCol: number, endCol: number, endLine = line): Span {
  return { start: { line, character: startCol }, end: { line: endLine, character: endCol } };
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
