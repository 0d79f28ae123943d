// Commands and variable assignments of a devstack shell file, read from its tree-sitter (bash) tree.
import type { Node, Parser } from '@vscode/tree-sitter-wasm';
import { Span, span } from '../util/range';
import { deeper, lf } from './tree-sitter';

export interface ShellWord {
  /** Source text, quotes included. */
  raw: string;
  /** Text with one level of quotes removed (expansions kept as written). */
  value: string;
  span: Span;
}

/** An `if` test as structure: comparisons, command calls, and/or/not; anything else is `raw`. */
export type Cond =
  | { k: 'cmp'; op: string; left: string; right: string }
  | { k: 'unary'; op: string; arg: string }
  | { k: 'word'; value: string }
  | { k: 'and' | 'or'; a: Cond; b: Cond }
  | { k: 'not'; c: Cond }
  | { k: 'cmd'; name: string; args: string[] }
  | { k: 'raw'; text: string };

export interface ShellCondition {
  /** The test's source text, e.g. `[[ "$WSGI_MODE" == "uwsgi" ]]`. */
  text: string;
  test: Cond;
  /** True when the command sits in the branch taken when the test holds (then), false for else. */
  whenTrue: boolean;
  span: Span;
}

export interface ShellCommand {
  name: string;
  args: ShellWord[];
  span: Span;
  /** The enclosing shell function, if any. */
  inFunction?: string;
  /** Enclosing `if` tests, outermost first; an elif branch lists the earlier tests as false. */
  conditions: ShellCondition[];
}

export interface ShellAssignment {
  name: string;
  value: string;
  span: Span;
  inFunction?: string;
  conditions: ShellCondition[];
}

export interface ShellFacts {
  commands: ShellCommand[];
  assignments: ShellAssignment[];
  /** Each function's whole definition, `function f {` to its closing brace. */
  functions: Map<string, Span>;
  hasSyntaxError: boolean;
  /** Set when the syntax tree nests too deep to walk: the facts are partial. */
  tooDeep?: boolean;
}

export function shellFacts(parser: Parser, text: string): ShellFacts {
  const facts: ShellFacts = { commands: [], assignments: [], functions: new Map(), hasSyntaxError: false };
  const tree = parser.parse(lf(text));
  if (!tree) return facts;
  try {
    facts.hasSyntaxError = tree.rootNode.hasError;
    walk(tree.rootNode, facts, undefined, []);
  } catch (e) {
    // Nesting deeper than the walk goes (thousands of `${A:-`): the facts found so far stand.
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

function unquote(n: Node): string {
  const t = n.text;
  if ((n.type === 'string' || n.type === 'raw_string') && t.length >= 2) return t.slice(1, -1);
  return t;
}

function walk(node: Node, facts: ShellFacts, fn: string | undefined, conds: ShellCondition[]): void {
  deeper(() => walkNode(node, facts, fn, conds));
}

function walkNode(node: Node, facts: ShellFacts, fn: string | undefined, conds: ShellCondition[]): void {
  switch (node.type) {
    case 'function_definition': {
      const name = node.childForFieldName('name')?.text;
      if (name) facts.functions.set(name, nodeSpan(node));
      const body = node.childForFieldName('body');
      if (body) walk(body, facts, name, conds);
      return;
    }
    case 'if_statement':
      walkIf(node, facts, fn, conds);
      return;
    case 'command': {
      const nameNode = node.childForFieldName('name');
      if (nameNode) {
        const args = node
          .childrenForFieldName('argument')
          .filter((a): a is Node => !!a)
          .map((a) => ({ raw: a.text, value: unquote(a), span: nodeSpan(a) }));
        facts.commands.push({ name: nameNode.text, args, span: nodeSpan(node), inFunction: fn, conditions: conds });
      }
      break;
    }
    case 'variable_assignment': {
      const name = node.childForFieldName('name')?.text;
      const value = node.childForFieldName('value');
      if (name)
        facts.assignments.push({ name, value: value ? unquote(value) : '', span: nodeSpan(node), inFunction: fn, conditions: conds });
      break;
    }
  }
  for (const c of node.namedChildren) if (c) walk(c, facts, fn, conds);
}

function walkIf(node: Node, facts: ShellFacts, fn: string | undefined, conds: ShellCondition[]): void {
  // if_statement: condition… then body…, elif_clause*, else_clause?
  const tests: ShellCondition[] = [];
  const ownConds = node.childrenForFieldName('condition').filter((c): c is Node => !!c && c.isNamed);
  const mainTest = {
    text: ownConds.map((c) => c.text).join(' ; '),
    test: condOf(ownConds),
    whenTrue: true,
    span: ownConds[0] ? nodeSpan(ownConds[0]) : nodeSpan(node),
  };
  for (const c of ownConds) walk(c, facts, fn, conds);
  tests.push(mainTest);
  for (const child of node.namedChildren) {
    // web-tree-sitter hands out a new wrapper per access: compare nodes by position, not identity.
    if (!child || ownConds.some((c) => c.startIndex === child.startIndex && c.endIndex === child.endIndex)) continue;
    if (child.type === 'elif_clause') {
      const ec = elifConditions(child);
      const t = {
        text: ec.map((c) => c.text).join(' ; '),
        test: condOf(ec),
        whenTrue: true,
        span: ec[0] ? nodeSpan(ec[0]) : nodeSpan(child),
      };
      const prior = tests.map((p) => ({ ...p, whenTrue: false }));
      for (const b of child.namedChildren)
        if (b && !ec.some((c) => c.startIndex === b.startIndex && c.endIndex === b.endIndex)) walk(b, facts, fn, [...conds, ...prior, t]);
      for (const c of ec) walk(c, facts, fn, [...conds, ...prior]);
      tests.push(t);
    } else if (child.type === 'else_clause') {
      const prior = tests.map((p) => ({ ...p, whenTrue: false }));
      for (const b of child.namedChildren) if (b) walk(b, facts, fn, [...conds, ...prior]);
    } else {
      walk(child, facts, fn, [...conds, mainTest]);
    }
  }
}

// tree-sitter-bash names no field for an elif's test: it is what stands between `elif` and `then`.
function elifConditions(clause: Node): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < clause.childCount; i++) {
    const c = clause.child(i);
    if (!c) continue;
    if (c.type === 'then') break;
    if (c.isNamed) out.push(c);
  }
  return out;
}

// `if a; b; then` runs both and tests the last one.
function condOf(nodes: Node[]): Cond {
  const last = nodes[nodes.length - 1];
  return last ? toCond(last) : { k: 'raw', text: '' };
}

function operatorOf(n: Node): string {
  const op = n.childForFieldName('operator');
  if (op) return op.text;
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (c && !c.isNamed) return c.text;
  }
  return '';
}

function toCond(n: Node): Cond {
  return deeper(() => nodeCond(n));
}

function nodeCond(n: Node): Cond {
  switch (n.type) {
    case 'test_command':
    case 'parenthesized_expression': {
      const inner = n.namedChildren.filter((c): c is Node => !!c);
      return inner.length === 1 ? toCond(inner[0]) : { k: 'raw', text: n.text };
    }
    case 'binary_expression': {
      const op = operatorOf(n);
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (!left || !right) return { k: 'raw', text: n.text };
      if (op === '&&' || op === '-a') return { k: 'and', a: toCond(left), b: toCond(right) };
      if (op === '||' || op === '-o') return { k: 'or', a: toCond(left), b: toCond(right) };
      return { k: 'cmp', op, left: unquote(left), right: unquote(right) };
    }
    case 'unary_expression': {
      const op = operatorOf(n);
      const arg = n.namedChildren.filter((c): c is Node => !!c).pop();
      if (op === '!' && arg) return { k: 'not', c: toCond(arg) };
      return arg ? { k: 'unary', op, arg: unquote(arg) } : { k: 'raw', text: n.text };
    }
    case 'negated_command': {
      const inner = n.namedChildren.filter((c): c is Node => !!c);
      return inner.length === 1 ? { k: 'not', c: toCond(inner[0]) } : { k: 'raw', text: n.text };
    }
    case 'list': {
      const parts = n.namedChildren.filter((c): c is Node => !!c);
      const op = operatorOf(n);
      if (parts.length === 2 && (op === '&&' || op === '||'))
        return { k: op === '&&' ? 'and' : 'or', a: toCond(parts[0]), b: toCond(parts[1]) };
      return { k: 'raw', text: n.text };
    }
    case 'command': {
      const name = n.childForFieldName('name')?.text ?? '';
      const args = n
        .childrenForFieldName('argument')
        .filter((a): a is Node => !!a)
        .map(unquote);
      return { k: 'cmd', name, args };
    }
    case 'string':
    case 'raw_string':
    case 'word':
    case 'simple_expansion':
    case 'expansion':
    case 'concatenation':
      return { k: 'word', value: unquote(n) };
  }
  return { k: 'raw', text: n.text };
}
