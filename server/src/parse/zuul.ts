// Zuul configuration (.zuul.yaml, zuul.yaml, zuul.d/*.yaml) read for the devstack localrc variables
// each job sets, with source ranges. Pure: text in, jobs out, no I/O.
//
// Read: `- job:` items and the job variants of `- project:` / `- project-template:` pipelines. In each,
// the variable mappings Zuul hands to the devstack roles:
//   vars.devstack_localrc                        → scope "devstack_localrc"
//   vars.grenade_devstack_localrc.<shared|old|new> → scope "grenade_devstack_localrc.<shared|old|new>"
//   group-vars.<group>.devstack_localrc          → scope "group-vars.<group>.devstack_localrc"
//   host-vars.<host>.…, extra-vars.…             → likewise, prefixed
// YAML anchors, aliases and `<<` merge keys are followed; ranges then point at the text the value
// comes from (the anchor), which may lie in another job.
import { Alias, Composer, CST, Document, isAlias, isMap, isScalar, isSeq, Node, Parser, Scalar, visit, YAMLMap } from 'yaml';
import { Span } from '../util/range';

export interface LocalrcSetting {
  name: string;
  /** The value as written (plain scalars keep their spelling: `True`, `yes`), '' when null. */
  value: string;
  /** `devstack_localrc`, `grenade_devstack_localrc.shared`, `group-vars.subnode.devstack_localrc`, … */
  scope: string;
  keySpan: Span;
  valueSpan: Span;
  /** From the key to the end of the value. */
  span: Span;
}

export interface ZuulJob {
  name: string;
  file: string;
  /** The job's mapping (for a `- job:` item, from `job:` to its last line). */
  span: Span;
  nameSpan: Span;
  parent?: string;
  /** Set for a job variant in a project pipeline: `project.check`, `project-template:<name>.gate`. */
  variantIn?: string;
  localrc: LocalrcSetting[];
}

export interface ZuulProblem {
  file: string;
  message: string;
  span: Span;
}

export interface ZuulFile {
  jobs: ZuulJob[];
  problems: ZuulProblem[];
}

const VARS_KEYS = ['vars', 'extra-vars'];
const PER_NODE_VARS = ['group-vars', 'host-vars'];

export function zuulJobs(text: string, file: string): ZuulFile {
  const out: ZuulFile = { jobs: [], problems: [] };
  const pos = positions(text);
  // yaml composes nested collections recursively. Near the stack limit it reports a RangeError — but a
  // regular expression V8 compiles that deep aborts the whole process instead ("RegExpCompiler
  // Allocation failed"): a 2 kB `- [[[[…` read twice killed the server. Zuul configs nest a dozen deep.
  // One CST parse serves both the depth check and composing the documents (parseAllDocuments would
  // parse the text a second time).
  let tokens: CST.Token[];
  try {
    tokens = [...new Parser().parse(text)];
  } catch (e) {
    out.problems.push({ file, message: `${file} cannot be read as YAML: ${(e as Error).message}`, span: pos.span(0, 0) });
    return out;
  }
  const depth = nestingDepth(tokens, MAX_NESTING);
  if (depth > MAX_NESTING) {
    out.problems.push({
      file,
      message: `${file} cannot be read as YAML: it nests collections more than ${MAX_NESTING} deep`,
      span: pos.lineSpan(0),
    });
    return out;
  }
  let docs: Document.Parsed[];
  try {
    docs = [...new Composer({ uniqueKeys: false, prettyErrors: false }).compose(tokens)] as Document.Parsed[];
  } catch (e) {
    out.problems.push({ file, message: `${file} cannot be read as YAML: ${(e as Error).message}`, span: pos.span(0, 0) });
    return out;
  }
  for (const doc of docs) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      const at = e.pos?.[0] ?? 0;
      const line = pos.lineOf(at);
      out.problems.push({
        file,
        message: `${file} cannot be read as YAML: ${firstLine(e.message)} (line ${line + 1})`,
        span: pos.lineSpan(line),
      });
      continue;
    }
    const top = doc.contents;
    if (top === null || top === undefined || (isScalar(top) && (top.value === null || top.value === ''))) continue;
    if (!isSeq(top)) {
      out.problems.push({
        file,
        message: `${file} cannot be read as a Zuul configuration: its top level is not a list of job, project, … items`,
        span: pos.span(rangeOf(top)[0], rangeOf(top)[1]),
      });
      continue;
    }
    const r = new Reader(doc, file, pos);
    for (const item of top.items) {
      const m = r.deref(item);
      if (!isMap(m)) continue;
      for (const { key, value } of r.entries(m)) {
        const kind = r.str(key);
        if (kind === 'job') {
          const job = r.job(value, key);
          if (job) out.jobs.push(job);
        } else if (kind === 'project' || kind === 'project-template') {
          const body = r.deref(value);
          if (!isMap(body)) continue;
          const entries = r.entries(body);
          const tmplName = kind === 'project-template' ? r.str(entries.find((e) => r.str(e.key) === 'name')?.value) : undefined;
          const where = kind === 'project' ? 'project' : `project-template:${tmplName ?? '?'}`;
          for (const e of entries) {
            const pipeline = r.str(e.key);
            const pbody = r.deref(e.value);
            if (!pipeline || !isMap(pbody)) continue;
            const jobs = r.deref(r.entries(pbody).find((x) => r.str(x.key) === 'jobs')?.value);
            if (!isSeq(jobs)) continue;
            for (const j of jobs.items) {
              const jm = r.deref(j);
              if (!isMap(jm)) continue;
              for (const x of r.entries(jm)) {
                const name = r.str(x.key);
                if (!name) continue;
                const variant = r.variant(name, x.key, x.value, `${where}.${pipeline}`);
                if (variant) out.jobs.push(variant);
              }
            }
          }
        }
      }
    }
  }
  return out;
}

/** Deeper than any real Zuul configuration, far from where composing it would near the stack limit. */
const MAX_NESTING = 100;

/**
 * How deep the text's collections nest (stopping once past `limit`), read from yaml's CST: its lexer
 * and parser keep their own stacks, and this walk too, so no depth of input recurses.
 */
function nestingDepth(tokens: unknown[], limit: number): number {
  type Tok = { value?: unknown; items?: { key?: unknown; value?: unknown }[] };
  const stack: [unknown, number][] = tokens.map((t) => [t, 0]);
  let max = 0;
  while (stack.length && max <= limit) {
    const [t, d] = stack.pop()!;
    if (!t || typeof t !== 'object') continue;
    const tok = t as Tok;
    const depth = Array.isArray(tok.items) ? d + 1 : d;
    max = Math.max(max, depth);
    if (typeof tok.value === 'object') stack.push([tok.value, depth]);
    for (const item of tok.items ?? []) stack.push([item.key, depth], [item.value, depth]);
  }
  return max;
}

interface Entry {
  key: unknown;
  value: unknown;
}

class Reader {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly file: string,
    private readonly pos: Positions,
  ) {}

  // Memos: `<<` merges of merges (`&l2 {<<: [*l1, *l1, …]}`, each `*l1` a merge of `*l0`s) would be
  // walked once per path through them — exponential in the chain's length (an alias bomb: 500 bytes
  // took minutes). A map's entries at a given merge depth are always the same, so each is worked out
  // once; and every alias is resolved in one walk of the document (yaml's Alias.resolve walks the
  // whole document for each alias: a third of the time of reading nova's .zuul.yaml).
  private targets?: Map<Alias, unknown>;
  private readonly merged = new Map<YAMLMap, Entry[][]>();

  deref(n: unknown, depth = 0): unknown {
    if (isAlias(n) && depth < 20) {
      this.targets ??= aliasTargets(this.doc);
      return this.deref(this.targets.get(n), depth + 1);
    }
    return n;
  }

  str(n: unknown): string | undefined {
    const d = this.deref(n);
    if (!isScalar(d)) return undefined;
    return d.value === null || d.value === undefined ? '' : String(d.value);
  }

  /** A map's pairs with aliases and `<<` merges followed; explicit keys win over merged ones, later over earlier. */
  entries(m: YAMLMap, depth = 0): Entry[] {
    const memo = this.merged.get(m) ?? [];
    this.merged.set(m, memo);
    return (memo[depth] ??= this.entriesOf(m, depth));
  }

  private entriesOf(m: YAMLMap, depth: number): Entry[] {
    const own: Entry[] = [];
    const merged: Entry[] = [];
    for (const pair of m.items) {
      const k = this.str(pair.key);
      if (k === '<<' && depth < 10) {
        const src = this.deref(pair.value);
        const sources = isSeq(src) ? src.items.map((i) => this.deref(i)) : [src];
        for (const s of sources) if (isMap(s)) merged.push(...this.entries(s, depth + 1));
        continue;
      }
      own.push({ key: pair.key, value: pair.value });
    }
    const seen = new Set<string>();
    const out: Entry[] = [];
    for (const e of [...own].reverse().concat(merged)) {
      const k = this.str(e.key) ?? '';
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(e);
    }
    return out.reverse();
  }

  job(value: unknown, key: unknown): ZuulJob | undefined {
    const body = this.deref(value);
    if (!isMap(body)) return undefined;
    const entries = this.entries(body);
    const nameEntry = entries.find((e) => this.str(e.key) === 'name');
    const name = this.str(nameEntry?.value);
    if (!name) return undefined;
    const nameNode = this.deref(nameEntry!.value);
    const start = rangeOf(key)[0];
    const job: ZuulJob = {
      name,
      file: this.file,
      span: this.pos.span(start, rangeOf(body)[1]),
      nameSpan: this.pos.span(...rangeOf(nameNode)),
      localrc: this.localrc(entries),
    };
    const parent = this.str(entries.find((e) => this.str(e.key) === 'parent')?.value);
    if (parent) job.parent = parent;
    return job;
  }

  variant(name: string, key: unknown, value: unknown, variantIn: string): ZuulJob | undefined {
    const body = this.deref(value);
    if (!isMap(body)) return undefined;
    return {
      name,
      file: this.file,
      variantIn,
      span: this.pos.span(rangeOf(key)[0], rangeOf(body)[1]),
      nameSpan: this.pos.span(...rangeOf(key)),
      localrc: this.localrc(this.entries(body)),
    };
  }

  private localrc(jobEntries: Entry[]): LocalrcSetting[] {
    const out: LocalrcSetting[] = [];
    for (const e of jobEntries) {
      const key = this.str(e.key);
      const body = this.deref(e.value);
      if (!key || !isMap(body)) continue;
      if (VARS_KEYS.includes(key)) this.fromVars(body, key === 'vars' ? '' : `${key}.`, out);
      else if (PER_NODE_VARS.includes(key)) {
        for (const ge of this.entries(body)) {
          const g = this.str(ge.key);
          const gvars = this.deref(ge.value);
          if (g && isMap(gvars)) this.fromVars(gvars, `${key}.${g}.`, out);
        }
      }
    }
    return out;
  }

  private fromVars(vars: YAMLMap, prefix: string, out: LocalrcSetting[]): void {
    for (const e of this.entries(vars)) {
      const key = this.str(e.key);
      const body = this.deref(e.value);
      if (!isMap(body)) continue;
      if (key === 'devstack_localrc') this.settings(body, `${prefix}devstack_localrc`, out);
      else if (key === 'grenade_devstack_localrc') {
        for (const se of this.entries(body)) {
          const s = this.str(se.key);
          const sb = this.deref(se.value);
          if (s && isMap(sb)) this.settings(sb, `${prefix}grenade_devstack_localrc.${s}`, out);
        }
      }
    }
  }

  private settings(map: YAMLMap, scope: string, out: LocalrcSetting[]): void {
    for (const e of this.entries(map)) {
      const name = this.str(e.key);
      const keyNode = this.deref(e.key);
      if (!name || !isScalar(keyNode)) continue;
      const valueNode = this.deref(e.value);
      if (valueNode !== null && valueNode !== undefined && !isScalar(valueNode)) continue;
      const keyRange = rangeOf(keyNode);
      const valueRange = valueNode ? rangeOf(valueNode) : ([keyRange[1], keyRange[1]] as [number, number]);
      out.push({
        name,
        value: scalarText(valueNode as Scalar | null | undefined),
        scope,
        keySpan: this.pos.span(...keyRange),
        valueSpan: this.pos.span(...valueRange),
        span: this.pos.span(keyRange[0], valueRange[0] >= keyRange[0] ? valueRange[1] : keyRange[1]),
      });
    }
  }
}

/** Each alias's node: the last node before it that carries its anchor, as YAML defines it. */
function aliasTargets(doc: Document.Parsed): Map<Alias, unknown> {
  const anchored = new Map<string, unknown>();
  const out = new Map<Alias, unknown>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) out.set(node, anchored.get(node.source));
      else if (node.anchor) anchored.set(node.anchor, node);
    },
  });
  return out;
}

/** A scalar as written: plain scalars keep their source spelling (`True`, `yes`, `0755`); quoted ones their value. */
function scalarText(s: Scalar | null | undefined): string {
  if (!s || s.value === null || s.value === undefined) return '';
  if (s.type === Scalar.PLAIN && typeof s.source === 'string') return s.source;
  return String(s.value);
}

function rangeOf(n: unknown): [number, number] {
  const r = (n as Node | undefined)?.range;
  return r ? [r[0], r[1]] : [0, 0];
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

interface Positions {
  lineOf(offset: number): number;
  span(start: number, end: number): Span;
  lineSpan(line: number): Span;
}

/** Offsets (UTF-16, as the yaml package counts) to 0-based line/character. */
function positions(text: string): Positions {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r' && text[i + 1] !== '\n') starts.push(i + 1);
  }
  const lineOf = (offset: number) => {
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const at = (offset: number) => {
    const o = Math.max(0, Math.min(offset, text.length));
    const line = lineOf(o);
    return { line, character: o - starts[line] };
  };
  const lineSpan = (line: number) => {
    const from = starts[line] ?? 0;
    const to = starts[line + 1] ?? text.length;
    const raw = text.slice(from, to).replace(/\r?\n$|\r$/, '');
    const lead = raw.length - raw.trimStart().length;
    // A blank line (an error on a line of spaces) gets an empty range at its end, not one ending before it starts.
    return { start: { line, character: lead }, end: { line, character: Math.max(lead, raw.trimEnd().length) } };
  };
  return { lineOf, span: (s, e) => ({ start: at(s), end: at(e) }), lineSpan };
}
