// How Python names the repo's files: dotted module paths and relative imports.
import * as path from 'path';

/** `a/b/c.py` → `a.b.c`, `a/b/__init__.py` → `a.b`, `a/b/app.wsgi` → `a.b.app`. */
export function moduleOfRel(rel: string): string {
  return rel
    .replace(/\.(py|wsgi)$/, '')
    .replace(/\/__init__$/, '')
    .replace(/\//g, '.');
}

/** The absolute module an import names, relative imports resolved against the importing file. */
export function absoluteModule(fromRel: string, module: string): string | undefined {
  const dots = /^\.*/.exec(module)![0].length;
  if (!dots) return module;
  // `from . import x` in a/b/c.py or a/b/__init__.py is relative to the package a.b.
  const dir = path.posix.dirname(fromRel);
  const pkg = dir === '.' ? [] : dir.split('/');
  if (dots - 1 > pkg.length) return undefined;
  const rest = module.slice(dots);
  const parts = [...pkg.slice(0, pkg.length - (dots - 1)), ...(rest ? [rest] : [])];
  return parts.length ? parts.join('.') : undefined;
}
