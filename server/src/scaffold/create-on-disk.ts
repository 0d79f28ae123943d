// For clients that mishandle CreateFile (Neovim 0.7 truncates an existing file and cannot create
// missing folders): the server creates the files itself, inside the repo, with exclusive create.
import * as fs from 'fs';
import * as path from 'path';
import { PlannedFile } from './wsgi-entry';

export type DiskResult = { ok: true; files: string[] } | { ok: false; message: string };

export function createOnDisk(root: string, files: PlannedFile[]): DiskResult {
  const base = path.resolve(root);
  const targets = files.map((f) => ({ abs: path.resolve(base, ...f.rel.split('/')), content: f.content }));
  for (const t of targets) {
    if (!t.abs.startsWith(base + path.sep)) return { ok: false, message: `${t.abs} is outside ${base}; nothing was written` };
    if (fs.existsSync(t.abs)) return { ok: false, message: `${path.relative(base, t.abs)} already exists; nothing was written` };
  }
  const made: string[] = [];
  try {
    for (const t of targets) {
      fs.mkdirSync(path.dirname(t.abs), { recursive: true });
      // 'wx' fails if the file appeared since the check above: never overwrite.
      fs.writeFileSync(t.abs, t.content, { flag: 'wx' });
      made.push(t.abs);
    }
  } catch (e) {
    for (const m of made) fs.rmSync(m, { force: true });
    return { ok: false, message: `${(e as Error).message}; nothing was kept` };
  }
  return { ok: true, files: made };
}
