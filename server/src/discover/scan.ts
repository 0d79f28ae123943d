// Finds repo roots at any depth of a folder and the files the analysis reads, in one fast-glob
// walk: no symlink following, the usual build/venv folders ignored, a file cap, cancellable.
import fg from 'fast-glob';
import * as path from 'path';

export const IGNORE = [
  '**/.git/**',
  '**/.tox/**',
  '**/node_modules/**',
  '**/.venv/**',
  '**/venv/**',
  '**/.nox/**',
  '**/__pycache__/**',
  '**/*.egg-info/**',
  '**/.eggs/**',
  '**/build/**',
  '**/dist/**',
  '**/.mypy_cache/**',
  '**/.stestr/**',
  '**/htmlcov/**',
  '**/doc/build/**',
];

/** Files that make a folder a repo root (architecture: the nearest such folder owns a file). */
const MARKERS = ['setup.cfg', 'pyproject.toml', 'devstack/plugin.sh', '.git'];

/** What the analysis reads, relative to any folder in the tree. */
export const RELEVANT = [
  '**/setup.cfg',
  '**/pyproject.toml',
  '**/requirements.txt',
  '**/setup.py',
  // where console scripts live: what they run decides whether they are APIs
  '**/cmd/*.py',
  '**/*.wsgi',
  '**/*wsgi*.py',
  '**/wsgi/**/*.py',
  '**/*paste*.ini',
  '**/*uwsgi*.ini',
  '**/httpd/*',
  '**/devstack/plugin.sh',
  '**/devstack/settings',
  '**/devstack/override-defaults',
  '**/devstack/lib/*',
  '**/devstack/files/*.template',
  '**/devstack/*.template',
  '**/devstack/apache*',
  '**/devstack/files/*.conf',
  '**/vassals/*.ini',
  '**/devstack/files/apache*',
  '**/devstack/files/**/*.service',
  '**/etc/systemd/**/*.service',
  '**/devstack/files/*.ini',
  '**/devstack/local.conf*',
  '**/*.local.conf',
  '**/local.conf.sample',
  '**/.zuul.yaml',
  '**/zuul.yaml',
  '**/zuul.d/*.yaml',
  '**/.zuul.d/*.yaml',
  '**/.git',
  // a devstack checkout: stackrc and lib/<service>
  '**/stack.sh',
  '**/stackrc',
  '**/lib/*',
  '**/files/apache-*.template',
];

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
  const stream = fg.stream(RELEVANT, {
    cwd: folder,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: IGNORE,
    unique: true,
  });
  try {
    for await (const entry of stream) {
      if (opts.signal?.aborted) break;
      found.push(String(entry));
      if (opts.maxFiles > 0 && found.length >= opts.maxFiles) {
        truncated = true;
        opts.log?.(`${folder}: stopped after ${found.length} files (wsgiGoal.maxFiles); repos past that point are not checked`);
        break;
      }
    }
  } catch (e) {
    opts.log?.(`${folder}: scan failed part-way: ${(e as Error).message}`);
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
