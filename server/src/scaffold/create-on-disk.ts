// For clients that mishandle CreateFile (Neovim 0.7 truncates an existing file and cannot create
// missing folders): the server creates the files itself, inside the repo, with exclusive create.
import * as fs from 'fs';
import * as path from 'path';
import { PlannedFile } from './wsgi-entry';
import { guardFiles } from './guard';

export type DiskResult = { ok: true; files: string[] } | { ok: false; message: string };

export function createOnDisk(root: string, files: PlannedFile[]): DiskResult {
  const guarded = guardFiles(root, files);
  if (!guarded.ok) return guarded;
  const made: string[] = [];
  const madeDirs: string[] = [];
  try {
    for (const t of guarded.files) {
      const first = fs.mkdirSync(path.dirname(t.abs), { recursive: true });
      if (first) madeDirs.push(first);
      // 'wx' fails if the file (or a symlink) appeared since the check: never overwrite.
      fs.writeFileSync(t.abs, t.content, { flag: 'wx' });
      made.push(t.abs);
    }
  } catch (e) {
    for (const m of made) fs.rmSync(m, { force: true });
    for (const d of madeDirs.reverse()) fs.rmSync(d, { recursive: true, force: true });
    return { ok: false, message: `${(e as Error).message}; nothing was kept` };
  }
  // Paths as the user sees them (under the workspace folder), not their resolved form.
  return { ok: true, files: guarded.files.map((f) => path.join(root, ...f.rel.split('/'))) };
}
