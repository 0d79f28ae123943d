// Parses files on worker threads, so that the engine's thread stays free for requests while a scan
// parses hundreds of kilobytes of shell, YAML and Python, the machine's cores parse at once, and the
// memory the parsers grew (WebAssembly memory never shrinks) goes back when the workers fall idle.
// Any failure leaves the file to the engine's own thread, which parses whatever it finds unparsed.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';

export type ParseKind = 'python' | 'shell' | 'zuul';
export interface ParseRequest {
  id: number;
  kind: ParseKind;
  text: string;
  /** The file as the facts name it (Zuul problems and jobs carry it). */
  rel: string;
}
interface Job extends ParseRequest {
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
}

/** How long workers wait for more work before they end and give their memory back. */
const IDLE_MS = 3000;

export class ParsePool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private workers = 0;
  private nextId = 0;
  private broken = false;
  private idleTimer?: NodeJS.Timeout;

  constructor(
    private readonly file: string,
    private readonly size: number,
  ) {}

  parse(kind: ParseKind, text: string, rel: string): Promise<unknown> {
    if (this.broken) return Promise.reject(new Error('parse workers unavailable'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, kind, text, rel, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    clearTimeout(this.idleTimer);
    while (this.queue.length && (this.idle.length || this.workers < this.size)) {
      const w = this.idle.pop() ?? this.spawn();
      const job = this.queue.shift()!;
      this.busy.set(w, job);
      // A busy worker keeps the process alive (the CLI awaits it); an idle one does not.
      w.ref();
      w.postMessage({ id: job.id, kind: job.kind, text: job.text, rel: job.rel } satisfies ParseRequest);
    }
    if (!this.busy.size && this.idle.length) this.idleTimer = setTimeout(() => this.retire(), IDLE_MS).unref();
  }

  private spawn(): Worker {
    this.workers++;
    const w = new Worker(this.file);
    w.on('message', (m: { id: number; value?: unknown; error?: string }) => {
      const job = this.busy.get(w);
      this.busy.delete(w);
      w.unref();
      this.idle.push(w);
      if (job) {
        if (m.error !== undefined) job.reject(new Error(m.error));
        else job.resolve(m.value);
      }
      this.pump();
    });
    const gone = (why: Error) => {
      this.workers--;
      const job = this.busy.get(w);
      this.busy.delete(w);
      const i = this.idle.indexOf(w);
      if (i >= 0) this.idle.splice(i, 1);
      job?.reject(why);
    };
    w.on('error', (e) => {
      // A worker that cannot start or crashes: the engine's thread parses from now on.
      this.broken = true;
      gone(e);
      for (const job of this.queue.splice(0)) job.reject(e);
    });
    w.on('exit', (code) => {
      if (this.busy.has(w) || this.idle.includes(w)) gone(new Error(`parse worker exited with ${code}`));
    });
    return w;
  }

  private retire(): void {
    for (const w of this.idle.splice(0)) {
      this.workers--;
      void w.terminate();
    }
  }
}

let pool: ParsePool | undefined | null;

/**
 * The process's parse workers, or undefined where there are none to have: no worker script beside
 * this code, one core, or WSGI_GOAL_PARSE_WORKERS=0.
 */
export function parsePool(): ParsePool | undefined {
  if (pool === undefined) {
    // Bundled: dist/parse-worker.js beside dist/server.js and dist/cli.js; compiled: worker.js beside this file.
    const file = [path.join(__dirname, 'parse-worker.js'), path.join(__dirname, 'worker.js')].find((f) => fs.existsSync(f));
    const wanted = process.env.WSGI_GOAL_PARSE_WORKERS;
    const size = wanted !== undefined && /^\d+$/.test(wanted) ? Number(wanted) : Math.min(2, os.availableParallelism());
    pool = file && size > 0 ? new ParsePool(file, size) : null;
  }
  return pool ?? undefined;
}
