// Reads a file as the user sees it: the open editor buffer when there is one, else the disk.
import * as fs from 'fs';
import type { TextSource } from '../model/text-source';

export type { TextSource };

export const MAX_FILE_BYTES = 1024 * 1024;

export class DiskSource implements TextSource {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  constructor(private readonly log: (msg: string) => void = () => undefined) {}

  read(absPath: string): string | undefined {
    let buf: Buffer;
    try {
      const st = fs.statSync(absPath);
      if (!st.isFile()) return undefined;
      if (st.size > MAX_FILE_BYTES) {
        this.log(`skipped ${absPath}: ${st.size} bytes is over the 1 MiB limit`);
        return undefined;
      }
      buf = fs.readFileSync(absPath);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.log(`skipped ${absPath}: ${(e as Error).message}`);
      return undefined;
    }
    if (buf.includes(0)) {
      this.log(`skipped ${absPath}: binary content`);
      return undefined;
    }
    // Non-UTF-8 bytes become U+FFFD rather than failing the whole repo.
    return this.decoder.decode(buf);
  }

  exists(absPath: string): boolean {
    try {
      fs.statSync(absPath);
      return true;
    } catch {
      return false;
    }
  }
}

/** Open buffers win over the disk; a buffer that exists only in the editor (a created, unsaved file) counts as existing. */
export class OverlaySource implements TextSource {
  readonly buffers = new Map<string, string>();
  private readonly warned = new Set<string>();
  constructor(
    private readonly disk: TextSource,
    private readonly log: (msg: string) => void = () => undefined,
  ) {}
  read(absPath: string): string | undefined {
    const b = this.buffers.get(absPath);
    if (b === undefined) return this.disk.read(absPath);
    // One cap for files and buffers: a huge buffer never reaches a parser (WebAssembly memory never shrinks).
    if (b.length > MAX_FILE_BYTES) {
      if (!this.warned.has(absPath)) this.log(`skipped the open buffer of ${absPath}: ${b.length} characters is over the 1 MiB limit`);
      this.warned.add(absPath);
      return undefined;
    }
    this.warned.delete(absPath);
    return b;
  }
  exists(absPath: string): boolean {
    return this.buffers.has(absPath) || this.disk.exists(absPath);
  }
}
