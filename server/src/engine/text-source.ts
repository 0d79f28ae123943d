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

/**
 * Open buffers win over the disk; a buffer that exists only in the editor (a created, unsaved file)
 * counts as existing. One cap for files and buffers: a buffer over it never reaches a parser (their
 * WebAssembly memory never shrinks) and is not even kept: the file is read as saved on disk instead.
 */
export class OverlaySource implements TextSource {
  private readonly buffers = new Map<string, string>();
  /** Open buffers over the cap: their length, for the message that says why they are not analysed. */
  readonly oversize = new Map<string, number>();
  constructor(
    private readonly disk: TextSource,
    private readonly log: (msg: string) => void = () => undefined,
  ) {}

  /** Sets (or, with undefined, drops) the buffer of a file; false when nothing changed. */
  set(absPath: string, text: string | undefined): boolean {
    if (text !== undefined && text.length > MAX_FILE_BYTES) {
      const known = this.oversize.has(absPath);
      if (!known)
        this.log(
          `skipped the open buffer of ${absPath}: ${text.length} characters is over the 1 MiB limit; the file is read as saved on disk`,
        );
      this.oversize.set(absPath, text.length);
      return this.buffers.delete(absPath) || !known;
    }
    const wasOversize = this.oversize.delete(absPath);
    if (text === undefined) return this.buffers.delete(absPath) || wasOversize;
    if (this.buffers.get(absPath) === text) return wasOversize;
    this.buffers.set(absPath, text);
    return true;
  }

  /** Files held as buffers. */
  open(): IterableIterator<string> {
    return this.buffers.keys();
  }

  read(absPath: string): string | undefined {
    return this.buffers.get(absPath) ?? this.disk.read(absPath);
  }
  exists(absPath: string): boolean {
    return this.buffers.has(absPath) || this.disk.exists(absPath);
  }
}
