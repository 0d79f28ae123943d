// Facts of a Python file, read from its tree-sitter syntax tree: module-level bindings and
// functions (what an entry point or a WSGI server looks up), and the calls, imports, string
// literals and `with` locks the module-code rules (WSGI5xx) look at, each with where it runs.
import type { Node, Parser } from '@vscode/tree-sitter-wasm';
import { Span, span } from '../util/range';
import { deeper, lf } from './tree-sitter';

export interface PyFunction {
  name: string;
  requiredParams: number;
  span: Span;
  /**
   * Decorator names as written, without `@` or arguments: `classmethod`, `staticmethod`, `functools.wraps`.
   * A decorator may change how the function is called (trove's `@with_initialize` supplies its argument).
   */
  decorators: string[];
}

/** What a module-level name is bound to (its first binding). */
export type PyBinding =
  | { kind: 'assignment'; span: Span; /** The right-hand side as written. */ value: string }
  | { kind: 'function' | 'class'; span: Span }
  | {
      kind: 'import';
      span: Span;
      /** `a.b` for `import a.b as x` or `from a.b import c as x`. */ module: string;
      /** `c`; absent for `import a.b`. */ name?: string;
    };

/**
 * Where a piece of code runs. `inFunction` is the enclosing top-level function or `Class.method`
 * (`<lambda>` for a module-level lambda): absent, the code runs when the module is imported,
 * unless `underMain` (the body of `if __name__ == "__main__":`, which only runs as a script).
 * Class bodies, decorators and default values run at import, so they count as module level.
 */
export interface PyWhere {
  inFunction?: string;
  underMain: boolean;
}

export interface PyCall extends PyWhere {
  /** The callee as written, whitespace removed: `eventlet.monkey_patch`, `service.launch(CONF,s).wait`. */
  callee: string;
  /** The called name: `monkey_patch`, `wait`. */
  name: string;
  /** What the name is looked up on (`eventlet`, `service.launch(CONF,s)`), absent for a bare name. */
  receiver?: string;
  /** The whole call expression. */
  span: Span;
}

export interface PyImport extends PyWhere {
  /** `a.b` for `import a.b` and `from a.b import c`; relative imports keep their dots: `.`, `..a`. */
  module: string;
  /** For `from … import`: the imported names (`*` for a wildcard); empty for `import a.b`. */
  names: string[];
  /** The whole import statement (an `import a, b` statement yields one entry per module). */
  span: Span;
}

export interface PyLockWith extends PyWhere {
  /** The lock constructor as written: `threading.Lock`, `Lock`, `threading.RLock`. */
  callee: string;
  /** The `Lock()` call inside `with … :`. */
  span: Span;
}

export interface PyString extends PyWhere {
  /** The literal's text between its quotes, prefixes and quotes removed; f-string fields kept as written. */
  value: string;
  span: Span;
}

export interface PyFacts {
  /** Names bound at module level (outside `if __name__ == "__main__":`), first binding's range. */
  assigned: Map<string, Span>;
  functions: Map<string, PyFunction>;
  /** Class name → method names (for `Class.method` entry point targets). */
  classes: Map<string, Set<string>>;
  hasSyntaxError: boolean;
  /** What each name in `assigned` is bound to (first binding). */
  bindings: Map<string, PyBinding>;
  /** Names bound only in the body of `if __name__ == "__main__":` (first binding's range). */
  mainAssigned: Map<string, Span>;
  /** Methods of top-level classes, keyed `Class.method`. */
  methods: Map<string, PyFunction>;
  /** Every call in the file, in source order, with where it runs. */
  calls: PyCall[];
  /** Every import statement, in source order (`from __future__` ones excluded). */
  imports: PyImport[];
  /** `with threading.Lock():`-style items: a lock created in the `with` itself. */
  lockWiths: PyLockWith[];
  /** String literals that are values (docstrings and other bare string statements excluded). */
  strings: PyString[];
  /** Set when the syntax tree nests too deep to walk: the facts are partial. */
  tooDeep?: boolean;
}

export function pythonFacts(parser: Parser, text: string): PyFacts {
  const tree = parser.parse(lf(text));
  const facts: PyFacts = {
    assigned: new Map(),
    functions: new Map(),
    classes: new Map(),
    hasSyntaxError: false,
    bindings: new Map(),
    mainAssigned: new Map(),
    methods: new Map(),
    calls: [],
    imports: [],
    lockWiths: [],
    strings: [],
  };
  if (!tree) return facts;
  try {
    facts.hasSyntaxError = tree.rootNode.hasError;
    visitBlock(tree.rootNode, facts, false);
    walk(tree.rootNode, facts, { underMain: false });
  } catch (e) {
    // Nesting deeper than the walk goes (a 100 kB `x+x+…` line): the facts found so far stand,
    // and the file counts as one the engine could not read whole.
    if (!(e instanceof RangeError)) throw e;
    facts.hasSyntaxError = true;
    facts.tooDeep = true;
  } finally {
    tree.delete();
  }
  return facts;
}

function nodeSpan(n: Node): Span {
  return span(n.startPosition.row, n.startPosition.column, n.endPosition.column, n.endPosition.row);
}

function named(n: Node | null | undefined): Node[] {
  return (n?.namedChildren ?? []).filter((c): c is Node => !!c);
}

// --- module-level bindings ----------------------------------------------------------------

function visitBlock(block: Node, facts: PyFacts, underMain: boolean): void {
  deeper(() => visitStatements(block, facts, underMain));
}

function visitStatements(block: Node, facts: PyFacts, underMain: boolean): void {
  for (const stmt of named(block)) {
    switch (stmt.type) {
      case 'expression_statement':
        for (const c of named(stmt)) if (c.type === 'assignment' || c.type === 'augmented_assignment') assignment(c, facts, underMain);
        break;
      case 'function_definition':
        functionDef(stmt, facts, underMain);
        break;
      case 'decorated_definition': {
        const def = stmt.childForFieldName('definition');
        if (def?.type === 'function_definition') functionDef(def, facts, underMain, decoratorsOf(stmt));
        if (def?.type === 'class_definition') classDef(def, facts, underMain);
        break;
      }
      case 'class_definition':
        classDef(stmt, facts, underMain);
        break;
      case 'if_statement': {
        // The guarded body only runs as a script; its elif/else branches run on import.
        const guard = !underMain && isMainGuard(stmt);
        const body = stmt.childForFieldName('consequence');
        if (body) visitBlock(body, facts, underMain || guard);
        for (const alt of stmt.childrenForFieldName('alternative')) {
          const b = alt?.childForFieldName('consequence') ?? alt?.childForFieldName('body');
          if (b) visitBlock(b, facts, underMain);
        }
        break;
      }
      case 'with_statement':
      case 'try_statement':
      case 'for_statement':
      case 'while_statement':
        for (const c of named(stmt)) {
          if (c.type === 'block') visitBlock(c, facts, underMain);
          if (['except_clause', 'else_clause', 'finally_clause', 'except_group_clause'].includes(c.type)) {
            for (const b of named(c)) if (b.type === 'block') visitBlock(b, facts, underMain);
          }
        }
        break;
      case 'import_from_statement':
      case 'import_statement': {
        const from = stmt.type === 'import_from_statement' ? moduleName(stmt.childForFieldName('module_name')) : undefined;
        for (const c of stmt.childrenForFieldName('name')) {
          if (!c) continue;
          const target = c.type === 'aliased_import' ? c.childForFieldName('name') : c;
          const alias = c.type === 'aliased_import' ? c.childForFieldName('alias') : c;
          if (!alias || !target) continue;
          const local = alias.text.split('.')[0];
          const binding: PyBinding =
            from !== undefined
              ? { kind: 'import', span: nodeSpan(alias), module: from, name: target.text }
              : { kind: 'import', span: nodeSpan(alias), module: c.type === 'aliased_import' ? target.text : local };
          bind(facts, local, binding, underMain);
        }
        break;
      }
    }
  }
}

function bind(facts: PyFacts, name: string, b: PyBinding, underMain: boolean): void {
  if (underMain) {
    if (!facts.mainAssigned.has(name)) facts.mainAssigned.set(name, b.span);
    return;
  }
  // `application = None` is a placeholder: a later module-level binding is what import really binds.
  const first = facts.bindings.get(name);
  const placeholder = first?.kind === 'assignment' && first.value === 'None' && !(b.kind === 'assignment' && b.value === 'None');
  if (!facts.assigned.has(name) || placeholder) facts.assigned.set(name, b.span);
  if (!first || placeholder) facts.bindings.set(name, b);
}

function assignment(node: Node, facts: PyFacts, underMain: boolean): void {
  deeper(() => assignmentFacts(node, facts, underMain));
}

function assignmentFacts(node: Node, facts: PyFacts, underMain: boolean): void {
  const left = node.childForFieldName('left');
  let right = node.childForFieldName('right');
  // `app = application = make()` nests the second target as the right-hand side.
  while (right?.type === 'assignment') right = right.childForFieldName('right');
  const b: PyBinding = { kind: 'assignment', span: nodeSpan(node), value: right?.text ?? '' };
  if (left?.type === 'identifier') bind(facts, left.text, b, underMain);
  if (left?.type === 'pattern_list' || left?.type === 'tuple_pattern') {
    for (const c of named(left)) if (c.type === 'identifier') bind(facts, c.text, b, underMain);
  }
  const inner = node.childForFieldName('right');
  if (inner?.type === 'assignment') assignment(inner, facts, underMain);
}

function requiredParams(def: Node): number {
  let required = 0;
  for (const p of named(def.childForFieldName('parameters'))) {
    if (p.type === 'identifier') required++;
    // `*args: int` and `**kw: str` are typed too, but optional.
    if (p.type === 'typed_parameter' && named(p)[0]?.type === 'identifier') required++;
  }
  return required;
}

function functionDef(node: Node, facts: PyFacts, underMain: boolean, decorators: string[] = []): void {
  const nameNode = node.childForFieldName('name');
  if (!nameNode) return;
  const name = nameNode.text;
  if (!underMain && !facts.functions.has(name))
    facts.functions.set(name, { name, requiredParams: requiredParams(node), span: nodeSpan(nameNode), decorators });
  bind(facts, name, { kind: 'function', span: nodeSpan(nameNode) }, underMain);
}

function classDef(node: Node, facts: PyFacts, underMain: boolean): void {
  const nameNode = node.childForFieldName('name');
  if (!nameNode) return;
  const name = nameNode.text;
  if (!underMain) {
    const methods = new Set<string>();
    for (const stmt of named(node.childForFieldName('body'))) {
      const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      const mName = def?.type === 'function_definition' ? def.childForFieldName('name') : undefined;
      if (!def || !mName) continue;
      methods.add(mName.text);
      const key = `${name}.${mName.text}`;
      if (!facts.methods.has(key))
        facts.methods.set(key, {
          name: mName.text,
          requiredParams: requiredParams(def),
          span: nodeSpan(mName),
          decorators: decoratorsOf(stmt),
        });
    }
    facts.classes.set(name, methods);
  }
  bind(facts, name, { kind: 'class', span: nodeSpan(nameNode) }, underMain);
}

function decoratorsOf(stmt: Node): string[] {
  return stmt.type === 'decorated_definition'
    ? named(stmt)
        .filter((d) => d.type === 'decorator')
        .map((d) => decoratorName(d))
    : [];
}

function decoratorName(d: Node): string {
  const e = named(d)[0];
  const callee = e?.type === 'call' ? e.childForFieldName('function') : e;
  return (callee?.text ?? '').replace(/\s+/g, '');
}

function moduleName(n: Node | null): string {
  return (n?.text ?? '').replace(/\s+/g, '');
}

function isMainGuard(ifStmt: Node): boolean {
  const cond = ifStmt.childForFieldName('condition');
  return !!cond && /__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__/.test(cond.text);
}

// --- calls, imports, strings and lock withs, everywhere ----------------------------------

interface Scope {
  fn?: string;
  cls?: string;
  underMain: boolean;
}

const where = (s: Scope): PyWhere => (s.fn === undefined ? { underMain: s.underMain } : { inFunction: s.fn, underMain: s.underMain });

const LOCK = /^(threading\.)?(Lock|RLock|Semaphore|BoundedSemaphore|Condition)$/;

function walk(node: Node, facts: PyFacts, s: Scope): void {
  deeper(() => walkNode(node, facts, s));
}

function walkNode(node: Node, facts: PyFacts, s: Scope): void {
  switch (node.type) {
    case 'function_definition': {
      // Parameters (defaults) and the return annotation are evaluated where the def stands.
      const name = node.childForFieldName('name')?.text ?? '?';
      const params = node.childForFieldName('parameters');
      if (params) walk(params, facts, s);
      const body = node.childForFieldName('body');
      const fn = s.fn ?? (s.cls ? `${s.cls}.${name}` : name);
      if (body) walk(body, facts, { fn, underMain: s.underMain });
      return;
    }
    case 'class_definition': {
      const sup = node.childForFieldName('superclasses');
      if (sup) walk(sup, facts, s);
      const body = node.childForFieldName('body');
      const name = node.childForFieldName('name')?.text ?? '?';
      if (body) walk(body, facts, { ...s, cls: s.fn === undefined && !s.cls ? name : s.cls });
      return;
    }
    case 'lambda': {
      const body = node.childForFieldName('body');
      if (body) walk(body, facts, { fn: s.fn ?? '<lambda>', underMain: s.underMain });
      return;
    }
    case 'if_statement': {
      if (s.fn !== undefined || s.cls || s.underMain || !isMainGuard(node)) break;
      const cond = node.childForFieldName('condition');
      if (cond) walk(cond, facts, s);
      const body = node.childForFieldName('consequence');
      if (body) walk(body, facts, { ...s, underMain: true });
      for (const alt of node.childrenForFieldName('alternative')) if (alt) walk(alt, facts, s);
      return;
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      if (fn) {
        const callee = fn.text.replace(/\s+/g, '');
        const name = fn.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? callee) : callee;
        const receiver = fn.type === 'attribute' ? fn.childForFieldName('object')?.text.replace(/\s+/g, '') : undefined;
        facts.calls.push({ callee, name, ...(receiver !== undefined ? { receiver } : {}), span: nodeSpan(node), ...where(s) });
      }
      break;
    }
    case 'import_statement': {
      for (const c of node.childrenForFieldName('name')) {
        const target = c?.type === 'aliased_import' ? c.childForFieldName('name') : c;
        if (target) facts.imports.push({ module: moduleName(target), names: [], span: nodeSpan(node), ...where(s) });
      }
      return;
    }
    case 'import_from_statement': {
      const names = node
        .childrenForFieldName('name')
        .map((c) => (c?.type === 'aliased_import' ? c.childForFieldName('name') : c)?.text ?? '')
        .filter((n) => n);
      if (named(node).some((c) => c.type === 'wildcard_import')) names.push('*');
      facts.imports.push({ module: moduleName(node.childForFieldName('module_name')), names, span: nodeSpan(node), ...where(s) });
      return;
    }
    case 'future_import_statement':
      return;
    case 'with_statement': {
      for (const clause of named(node)) {
        if (clause.type !== 'with_clause') continue;
        for (const item of named(clause)) {
          let v = item.childForFieldName('value');
          if (v?.type === 'as_pattern') v = named(v)[0] ?? null;
          const callee = v?.type === 'call' ? v.childForFieldName('function')?.text.replace(/\s+/g, '') : undefined;
          if (v && callee && LOCK.test(callee) && named(v.childForFieldName('arguments')).length === 0) {
            facts.lockWiths.push({ callee, span: nodeSpan(v), ...where(s) });
          }
        }
      }
      break;
    }
    case 'expression_statement': {
      // A bare string statement is a docstring or a comment, not a value.
      const kids = named(node);
      if (kids.length === 1 && (kids[0].type === 'string' || kids[0].type === 'concatenated_string')) return;
      break;
    }
    case 'string': {
      const start = named(node).find((c) => c.type === 'string_start')?.text ?? '';
      const end = named(node).find((c) => c.type === 'string_end')?.text ?? '';
      const t = node.text;
      facts.strings.push({
        value: t.slice(start.length, Math.max(start.length, t.length - end.length)),
        span: nodeSpan(node),
        ...where(s),
      });
      for (const c of named(node)) if (c.type === 'interpolation') walk(c, facts, s);
      return;
    }
  }
  for (const c of named(node)) walk(c, facts, s);
}
