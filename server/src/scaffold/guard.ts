// Every file a scaffold or fix writes passes here first: the repo controls the names that make up
// the path (service, package, section names), so a path is trusted only after symlinks are
// resolved and it still lies inside the repo, and only when nothing is there yet.
import * as fs from 'fs';
import * as path from 'path';
import { isInside } from '../util/paths';

export type Checked = { ok: true; abs: string } | { ok: false; message: string };

/** A relative path made of plain names: no `..`, no empty or dot parts, no NUL, no backslash, not absolute. */
export function isPlainRelPath(rel: string): boolean {
  if (!rel || rel.startsWith('/') || /[\0\\]/.test(rel)) return false;
  return rel.split('/').every((p) => p !== '' && p !== '.' && p !== '..');
}

/**
 * The real path `rel` would be written to under `root`, or why it must not be: it escapes the
 * repo (through `..` or a symlinked folder on the way) or something already exists there.
 */
export function checkNewFile(root: string, rel: string): Checked {
  if (!isPlainRelPath(rel)) return { ok: false, message: `"${rel}" is not a plain path inside the repo; nothing was written` };
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch (e) {
    return { ok: false, message: `the repo folder ${root} cannot be resolved (${(e as Error).message}); nothing was written` };
  }
  const parts = rel.split('/');
  // The deepest ancestor that exists decides where the rest lands; resolve it, symlinks and all.
  let i = parts.length - 1;
  let base = path.join(root, ...parts.slice(0, i));
  while (i > 0 && !exists(base)) base = path.join(root, ...parts.slice(0, --i));
  let realBase: string;
  try {
    realBase = fs.realpathSync(i === 0 ? root : base);
  } catch (e) {
    return { ok: false, message: `${path.relative(root, base) || '.'} cannot be resolved (${(e as Error).message}); nothing was written` };
  }
  const abs = path.join(realBase, ...parts.slice(i));
  if (!isInside(realRoot, abs))
    return { ok: false, message: `${rel} would be written to ${abs}, outside the repo ${realRoot}; nothing was written` };
  // lstat: a dangling symlink at the target is "something there" too.
  if (exists(path.join(root, ...parts))) return { ok: false, message: `${rel} already exists; it is never overwritten.` };
  return { ok: true, abs };
}

function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

export interface GuardedFile {
  rel: string;
  /** Where it will be written, symlinks resolved. */
  abs: string;
  content: string;
}

/** All of the files pass, or none is written: the first refusal is the answer. */
export function guardFiles(
  root: string,
  files: { rel: string; content: string }[],
): { ok: true; files: GuardedFile[] } | { ok: false; message: string } {
  const out: GuardedFile[] = [];
  for (const f of files) {
    const c = checkNewFile(root, f.rel);
    if (!c.ok) return c;
    out.push({ rel: f.rel, abs: c.abs, content: f.content });
  }
  return { ok: true, files: out };
}
