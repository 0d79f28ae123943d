// For clients that send no workspace/didChangeWatchedFiles (Neovim 0.7): the server watches the
// folders that hold the files it reads, non-recursively, re-armed after every scan.
import * as fs from 'fs';
import * as path from 'path';

export type WatchEvent = (file: string, kind: 'created' | 'changed' | 'deleted') => void;

export class FolderWatcher {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private readonly known = new Set<string>();

  constructor(
    private readonly onEvent: WatchEvent,
    private readonly log: (m: string) => void,
  ) {}

  /** Watch exactly these folders (and remember these files, to tell a creation from a change). */
  set(dirs: Iterable<string>, files: Iterable<string>): void {
    const want = new Set([...dirs].filter((d) => fs.existsSync(d)));
    for (const [d, w] of this.watchers)
      if (!want.has(d)) {
        w.close();
        this.watchers.delete(d);
      }
    for (const f of files) this.known.add(f);
    for (const d of want) {
      if (this.watchers.has(d)) continue;
      try {
        const w = fs.watch(d, { persistent: false }, (_event, name) => {
          if (!name) return;
          const file = path.join(d, name.toString());
          const exists = fs.existsSync(file);
          const kind = !exists ? 'deleted' : this.known.has(file) ? 'changed' : 'created';
          if (exists) this.known.add(file);
          else this.known.delete(file);
          this.onEvent(file, kind);
        });
        w.on('error', () => {
          w.close();
          this.watchers.delete(d);
        });
        this.watchers.set(d, w);
      } catch (e) {
        this.log(`cannot watch ${d}: ${(e as Error).message}`);
      }
    }
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}

/** The folders whose changes matter for a repo: its root, its package, wsgi, devstack, etc folders. */
export function foldersOf(root: string, files: string[], pkg: string): string[] {
  const dirs = new Set<string>([root, path.join(root, pkg), path.join(root, pkg, 'wsgi'), path.join(root, 'devstack')]);
  for (const f of files) dirs.add(path.dirname(path.join(root, f)));
  return [...dirs];
}
