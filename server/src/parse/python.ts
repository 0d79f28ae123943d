// Module-level facts of a Python file, read from its tree-sitter syntax tree.
import type { Node, Parser } from '@vscode/tree-sitter-wasm';
import { Span, span } from '../util/range';

export interface PyFunction { name: string; requiredParams: number; span: Span }

export interface PyFacts {
  /** Names bound at module level (outside `if __name__ == "__main__":`), first binding's range. */
  assigned: Map<string, Span>;
  functions: Map<string, PyFunction>;
  /** Class name → method names (for `Class.method` entry point targets). */
  classes: Map<string, Set<string>>;
  hasSyntaxError: boolean;
}

export function pythonFacts(parser: Parser, text: string): PyFacts {
  const tree = parser.parse(text);
  const facts: PyFacts = { assigned: new Map(), functions: new Map(), classes: new Map(), hasSyntaxError: false };
  if (!tree) return facts;
  try {
    facts.hasSyntaxError = tree.rootNode.hasError;
    visitBlock(tree.rootNode, facts);
  } finally {
    tree.delete();
  }
  return facts;
}

function nodeSpan(n: Node): Span {
  return span(n.startPosition.row, n.startPosition.column, n.endPosition.column, n.endPosition.row);
}

function visitBlock(block: Node, facts: PyFacts): void {
  for (const stmt of block.namedChildren) {
    if (!stmt) continue;
    switch (stmt.type) {
      case 'expression_statement':
        for (const c of stmt.namedChildren) if (c?.type === 'assignment' || c?.type === 'augmented_assignment') assignment(c, facts);
        break;
      case 'function_definition':
        functionDef(stmt, facts);
        break;
      case 'decorated_definition': {
        const def = stmt.childForFieldName('definition');
        if (def?.type === 'function_definition') functionDef(def, facts);
        if (def?.type === 'class_definition') classDef(def, facts);
        break;
      }
      case 'class_definition':
        classDef(stmt, facts);
        break;
      case 'if_statement':
        if (isMainGuard(stmt)) break;
        for (const c of stmt.namedChildren) {
          if (c?.type === 'block') visitBlock(c, facts);
          if (c?.type === 'elif_clause' || c?.type === 'else_clause') {
            const b = c.childForFieldName('consequence') ?? c.childForFieldName('body');
            if (b) visitBlock(b, facts);
          }
        }
        break;
      case 'with_statement':
      case 'try_statement':
      case 'for_statement':
      case 'while_statement':
        for (const c of stmt.namedChildren) {
          if (c?.type === 'block') visitBlock(c, facts);
          if (c && ['except_clause', 'else_clause', 'finally_clause', 'except_group_clause'].includes(c.type)) {
            for (const b of c.namedChildren) if (b?.type === 'block') visitBlock(b, facts);
          }
        }
        break;
      case 'import_from_statement':
      case 'import_statement':
        for (const c of stmt.childrenForFieldName('name')) {
          const alias = c?.type === 'aliased_import' ? c.childForFieldName('alias') : c;
          if (alias) bind(facts, alias.text.split('.')[0], nodeSpan(alias));
        }
        break;
    }
  }
}

function bind(facts: PyFacts, name: string, s: Span): void {
  if (!facts.assigned.has(name)) facts.assigned.set(name, s);
}

function assignment(node: Node, facts: PyFacts): void {
  const left = node.childForFieldName('left');
  if (left?.type === 'identifier') bind(facts, left.text, nodeSpan(node));
  if (left?.type === 'pattern_list' || left?.type === 'tuple_pattern') {
    for (const c of left.namedChildren) if (c?.type === 'identifier') bind(facts, c.text, nodeSpan(node));
  }
  // `app = application = make()` nests the second target as the right-hand side.
  const right = node.childForFieldName('right');
  if (right?.type === 'assignment') assignment(right, facts);
}

function functionDef(node: Node, facts: PyFacts): void {
  const name = node.childForFieldName('name')?.text;
  if (!name) return;
  const params = node.childForFieldName('parameters');
  let required = 0;
  for (const p of params?.namedChildren ?? []) {
    if (p?.type === 'identifier' || p?.type === 'typed_parameter') required++;
  }
  if (!facts.functions.has(name)) facts.functions.set(name, { name, requiredParams: required, span: nodeSpan(node.childForFieldName('name')!) });
  bind(facts, name, nodeSpan(node.childForFieldName('name')!));
}

function classDef(node: Node, facts: PyFacts): void {
  const name = node.childForFieldName('name')?.text;
  if (!name) return;
  const methods = new Set<string>();
  for (const stmt of node.childForFieldName('body')?.namedChildren ?? []) {
    const def = stmt?.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    const m = def?.type === 'function_definition' ? def.childForFieldName('name')?.text : undefined;
    if (m) methods.add(m);
  }
  facts.classes.set(name, methods);
  bind(facts, name, nodeSpan(node.childForFieldName('name')!));
}

function isMainGuard(ifStmt: Node): boolean {
  const cond = ifStmt.childForFieldName('condition');
  return !!cond && /__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__/.test(cond.text);
}
