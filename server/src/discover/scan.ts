// Finds repo roots at any depth of a folder and the files the analysis reads, in one walk that
// goes only where those files can be: no symlink following, build/venv output and the trees no
// rule reads (tests, docs, release notes) never entered, a file cap, cancellable, and yielding to
// the event loop every few milliseconds so that a language server keeps answering while it runs.
import { Dirent, readdirSync } from 'fs';
import * as path from 'path';
import { yieldNow } from '../util/yield';

/**
 * Folders never entered. Tests and docs are not shipped code (no entry point, ini or module there
 * counts: see TEST_DIR) and are most of a big repo's files: nova's tests/ and doc/api_samples,
 * every repo's releasenotes/notes.
 */
const SKIP_DIR = new Set([
  '.git',
  '.tox',
  'node_modules',
  '.venv',
  'venv',
  '.nox',
  '__pycache__',
  '.eggs',
  'build',
  'dist',
  '.mypy_cache',
  '.stestr',
  'htmlcov',
  'tests',
  'test',
  'functional',
  'unit',
  'doc',
  'docs',
  'api-ref',
  'api-guide',
  'install-guide',
  'releasenotes',
]);
const skipDir = (name: string) => SKIP_DIR.has(name) || name.endsWith('.egg-info');

/** Files that make a folder a repo root (architecture: the nearest such folder owns a file). */
const MARKERS = ['setup.cfg', 'pyproject.toml', 'devstack/plugin.sh', '.git'];

/** Files that matter wherever they are (packaging, Zuul, a devstack checkout's own scripts). */
const ANY_DEPTH = new Set([
  'setup.cfg',
  'pyproject.toml',
  'requirements.txt',
  'setup.py',
  '.zuul.yaml',
  'zuul.yaml',
  '.git',
  'stack.sh',
  'stackrc',
  'local.conf.sample',
  // Where most people set WSGI_MODE: the root of their devstack checkout.
  'local.conf',
]);
/** What a devstack plugin folder holds that devstack sources or installs. */
const PLUGIN_NAMES = new Set(['plugin.sh', 'settings', 'override-defaults']);

/**
 * The files the analysis reads, by path relative to any folder of the tree: the one definition the
 * walk, the file watcher and the buffers of files not yet on disk share.
 */
export function isRelevant(rel: string): boolean {
  const parts = rel.split('/');
  const base = parts[parts.length - 1];
  const parent = parts[parts.length - 2] ?? '';
  const grand = parts[parts.length - 3] ?? '';
  if (ANY_DEPTH.has(base) || parent === 'httpd' || parent === 'lib') return true;
  if (base.endsWith('.py'))
    // where console scripts live (what they run decides whether they are APIs), and WSGI modules
    return parent === 'cmd' || base.includes('wsgi') || parts.slice(0, -1).includes('wsgi');
  if (base.endsWith('.wsgi') || base.endsWith('.wsgi.template') || base.endsWith('.local.conf')) return true;
  if (zuulDir(parent) && base.endsWith('.yaml')) return true;
  if (base.endsWith('.ini') && (base.includes('paste') || base.includes('uwsgi') || parent === 'vassals')) return true;
  if (parent === 'devstack')
    return PLUGIN_NAMES.has(base) || base.endsWith('.template') || base.startsWith('apache') || base.startsWith('local.conf');
  if (base.endsWith('.service')) return below(parts, 'devstack', 'files') || below(parts, 'etc', 'systemd');
  if (parent === 'files' && grand === 'devstack')
    return base.endsWith('.template') || base.endsWith('.conf') || base.endsWith('.ini') || base.startsWith('apache');
  return parent === 'files' && base.startsWith('apache-') && base.endsWith('.template');
}

const zuulDir = (name: string) => name === 'zuul.d' || name === '.zuul.d';
/** Whether a file lies somewhere under `<a>/<b>/`. */
function below(parts: string[], a: string, b: string): boolean {
  for (let i = 0; i + 2 < parts.length; i++) if (parts[i] === a && parts[i + 1] === b) return true;
  return false;
}

export interface ScannedRepo {
  root: string;
  /** Paths relative to the root, '/'-separated, sorted. */
  files: string[];
  /** True when the folder is a devstack checkout (stack.sh and lib/). */
  isDevstack: boolean;
}

export interface ScanResult {
  repos: ScannedRepo[];
  truncated: boolean;
  fileCount: number;
  ms: number;
}

export interface ScanOptions {
  maxFiles: number;
  signal?: AbortSignal;
  log?: (msg: string) => void;
}

export async function scanFolder(folder: string, opts: ScanOptions): Promise<ScanResult> {
  const t0 = Date.now();
  const found: string[] = [];
  let truncated = false;
  // Synchronous readdir in slices of a few milliseconds: on a warm page cache a folder lists in
  // microseconds, and a promise per folder (thousands of them) costs more than the listing.
  const stack: string[] = [''];
  walk: while (stack.length) {
    if (opts.signal?.aborted) break;
    await yieldNow();
    const rel = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(folder, rel), { withFileTypes: true });
    } catch (e) {
      opts.log?.(`${folder}: skipped ${rel || '.'}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      // A symlinked folder is listed, not entered: no loops, nothing outside the tree.
      if (e.isDirectory() && e.name !== '.git') {
        if (!skipDir(e.name)) stack.push(child);
        continue;
      }
      if (!isRelevant(child)) continue;
      found.push(child);
      if (opts.maxFiles > 0 && found.length >= opts.maxFiles) {
        truncated = true;
        opts.log?.(`${folder}: stopped after ${found.length} files (wsgiGoal.maxFiles); repos past that point are not checked`);
        break walk;
      }
    }
  }
  return { repos: groupIntoRepos(folder, found), truncated, fileCount: found.length, ms: Date.now() - t0 };
}

/** Assigns every file to its nearest repo root; the lib/* of non-devstack folders is dropped. */
export function groupIntoRepos(folder: string, rel: string[]): ScannedRepo[] {
  const set = new Set(rel);
  const roots = new Set<string>();
  for (const f of rel) {
    for (const m of MARKERS) {
      if (f === m) roots.add('');
      else if (f.endsWith('/' + m)) roots.add(f.slice(0, -m.length - 1));
    }
  }
  const devstackRoots = new Set([...roots].filter((r) => set.has(r ? `${r}/stack.sh` : 'stack.sh')));
  // A devstack checkout without setup.cfg or .git (a bare copy) is still a root of its own.
  for (const f of rel)
    if (f === 'stack.sh' || f.endsWith('/stack.sh')) {
      const r = f === 'stack.sh' ? '' : f.slice(0, -'/stack.sh'.length);
      roots.add(r);
      devstackRoots.add(r);
    }
  const sorted = [...roots].sort((a, b) => b.length - a.length);
  const byRoot = new Map<string, string[]>(sorted.map((r) => [r, []]));
  for (const f of rel) {
    const owner = sorted.find((r) => r === '' || f.startsWith(r + '/'));
    if (owner === undefined) continue;
    const inner = owner ? f.slice(owner.length + 1) : f;
    if (inner === '.git' || inner.endsWith('/.git')) continue;
    const isDev = devstackRoots.has(owner);
    if (!isDev && (/^(stack\.sh|stackrc)$/.test(inner) || (/(^|\/)lib\/[^/]+$/.test(inner) && !inner.startsWith('devstack/lib/'))))
      continue;
    if (isDev && /(^|\/)lib\/[^/]+$/.test(inner) && !/^lib\/[^/]+$/.test(inner)) continue;
    byRoot.get(owner)!.push(inner);
  }
  return sorted.reverse().map((r) => ({
    root: r ? path.join(folder, ...r.split('/')) : folder,
    files: byRoot.get(r)!.sort(),
    isDevstack: devstackRoots.has(r),
  }));
}
