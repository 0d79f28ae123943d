// Loads the tree-sitter WebAssembly runtime and grammars once per process.
// The bundle ships them in dist/wasm; compiled tests find them in node_modules.
import * as fs from 'fs';
import * as path from 'path';
import { setFlagsFromString } from 'v8';
import { Language, Parser } from '@vscode/tree-sitter-wasm';

export type Grammar = 'python' | 'bash';

let ready: Promise<Record<Grammar, Parser>> | undefined;

function wasmDir(): string {
  const bundled = path.join(__dirname, 'wasm');
  if (fs.existsSync(path.join(bundled, 'tree-sitter.wasm'))) return bundled;
  // Not a literal: the bundler must not try to inline a .wasm path.
  const runtime = '@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm';
  return path.dirname(require.resolve(runtime));
}

async function load(): Promise<Record<Grammar, Parser>> {
  // V8's optimising compiler works for seconds on the grammars' lexers (each one huge function) for
  // parsing that takes a fraction of that, and a process cannot exit until it is done: `check` of nova
  // took 1.1 s instead of 0.4 s. Its baseline compiler is enough, for this process's WebAssembly only.
  setFlagsFromString('--liftoff-only');
  const dir = wasmDir();
  await Parser.init({ locateFile: (file: string) => path.join(dir, file) });
  const make = async (g: Grammar) => {
    const p = new Parser();
    p.setLanguage(await Language.load(path.join(dir, `tree-sitter-${g}.wasm`)));
    return p;
  };
  return { python: await make('python'), bash: await make('bash') };
}

/** Parsers are reused: tree-sitter parsing is synchronous, so one per grammar is enough. */
export function parsers(): Promise<Record<Grammar, Parser>> {
  ready ??= load().then((p) => (loaded = p));
  return ready;
}

let loaded: Record<Grammar, Parser> | undefined;

/** The parsers once `parsers()` has resolved (the engine awaits it before any analysis). */
export function parsersNow(): Record<Grammar, Parser> {
  if (!loaded) throw new Error('tree-sitter is not loaded yet: await parsers() first');
  return loaded;
}

/**
 * The text tree-sitter parses: line endings made \n. tree-sitter starts a row at \n only, where
 * editors (LSP) and Python also end a line at a lone \r; and a CRLF file's \r would end up inside
 * nodes (tree-sitter-bash's comments swallow it in error recovery), changing their text and range.
 * An \r only ever ends a line, so rows and columns stay those of the original file — every range is
 * where the editor shows it — and the facts are the same for CRLF and LF.
 */
export function lf(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * How deep the fact walks descend a syntax tree. Past it they stop as they would on a stack
 * overflow, but at the same depth every time: where V8's stack ran out depended on which of its
 * compilers had run the walk so far, so the same file could come out whole once and cut the next.
 * Real Python and devstack code nests a few dozen levels.
 */
export const MAX_WALK_DEPTH = 500;
let depth = 0;

/** Runs one level of a recursive walk; beyond MAX_WALK_DEPTH it throws a RangeError. */
export function deeper<T>(step: () => T): T {
  if (depth >= MAX_WALK_DEPTH) throw new RangeError(`syntax tree nests deeper than ${MAX_WALK_DEPTH} levels`);
  depth++;
  try {
    return step();
  } finally {
    depth--;
  }
}
