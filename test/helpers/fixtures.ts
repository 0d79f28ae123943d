// Fixture repos are copied to a temp folder so tests can edit them freely.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'repos');
export const ROOT = path.join(__dirname, '..', '..', '..');

// Every temp folder a test makes is removed when the test process exits.
const made: string[] = [];
process.on('exit', () => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = 'wsgi-goal-test-'): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(d);
  return d;
}

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** Copies fixture repos into a fresh temp workspace: `{ designate: 'paste-console-script-standalone' }`. */
export function workspaceOf(layout: Record<string, string>): string {
  const ws = tempDir();
  for (const [dir, name] of Object.entries(layout)) fs.cpSync(fixture(name), path.join(ws, dir), { recursive: true });
  return ws;
}

export function copyOf(name: string): string {
  const ws = tempDir();
  fs.cpSync(fixture(name), ws, { recursive: true });
  return ws;
}

export function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

/** The 0-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not found`);
  return i;
}
