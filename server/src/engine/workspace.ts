// The engine's state for a set of folders: their repos, each repo's model and analysis, and the
// files the user has open. Shared by the language server and the CLI.
import * as fs from 'fs';
import * as path from 'path';
import type { Report, Settings } from '../protocol';
import { groupIntoRepos, isRelevant, scanFolder, ScannedRepo } from '../discover/scan';
import { ParseCache } from '../parse/cache';
import { parsePool } from '../parse/pool';
import { buildRepoModel } from '../model/build';
import { NO_FILES } from '../model/repo-files';
import type { RepoModel } from '../model/types';
import { DevstackCheckout } from '../model/devstack';
import { analyzeRepo, RepoAnalysis } from './analyze';
import { DiskSource, OverlaySource } from './text-source';
import { yieldNow } from '../util/yield';
import { isInside } from '../util/paths';

// Any Python file may be on a WSGI module's import path (a cmd/__init__ that monkey-patches): it
// re-runs the analysis, though only the scanned kinds join a repo's file list.
const affectsAnalysis = (rel: string) => isRelevant(rel) || rel.endsWith('.py');
const MARKER = /(^|\/)(setup\.cfg|pyproject\.toml|stack\.sh|devstack\/plugin\.sh)$/;

export type FileEventKind = 'created' | 'changed' | 'deleted';

interface FolderState {
  path: string;
  repos: ScannedRepo[];
  truncated: boolean;
}

export class Workspace {
  readonly source: OverlaySource;
  private readonly cache: ParseCache;
  private readonly folders = new Map<string, FolderState>();
  private readonly analyses = new Map<string, RepoAnalysis>();
  /** Repos whose analysis threw, with the reason: the CLI must not report them as absent. */
  private readonly failed = new Map<string, string>();
  private devstackOverride?: ScannedRepo;
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped when queued work makes the analysis under way pointless (a rescan): it stops at the next repo. */
  private generation = 0;
  /** Told how far an analysis of several repos has got (the language server's progress report). */
  progress?: (done: number, total: number) => void;
  private readonly lanes: number;

  constructor(
    private settings: Settings,
    readonly log: (msg: string) => void = () => undefined,
    /**
     * Parse on worker threads (the language server: its thread stays free for requests during a scan).
     * The CLI parses on its own thread: on a busy main thread, workers cost more than they gain.
     */
    parseWorkers = false,
  ) {
    this.source = new OverlaySource(new DiskSource(log), log);
    const pool = parseWorkers ? parsePool() : undefined;
    this.cache = new ParseCache(pool);
    // With workers, a few repos at a time: while one waits for its files to be parsed, another is evaluated.
    this.lanes = pool ? 3 : 1;
  }

  /** Runs engine work one job at a time, so a scan and an edit never interleave half-way. */
  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async setSettings(settings: Settings): Promise<string[]> {
    const before = this.settings;
    this.settings = settings;
    if (settings.devstackPath !== before.devstackPath) this.devstackOverride = undefined;
    if (settings.devstackPath !== before.devstackPath || settings.maxFiles !== before.maxFiles) return this.rescanAll();
    // Severities only change what rules report: re-analyse without walking the disk again.
    return this.serial(() => this.analyzeAll());
  }

  /**
   * `asRepo`: a folder that holds no repo marker but a README or `.gitreview` is checked as one repo
   * (the CLI's PATH naming a retired repo, which keeps only its README); an empty folder is not one.
   */
  addFolder(folder: string, asRepo = false): Promise<string[]> {
    return this.addFolders([folder], asRepo);
  }

  /**
   * Folders opened together (an editor starting on a multi-root workspace, the CLI's PATHs): all are
   * scanned first, so the devstack checkout is known before any repo that leans on it is analysed,
   * and every repo is analysed once.
   */
  async addFolders(list: string[], asRepo = false): Promise<string[]> {
    return this.serial(async () => {
      const known = list.some((f) => this.folders.has(f));
      await this.loadDevstackOverride();
      const devstackBefore = this.devstack()?.root;
      for (const folder of list) {
        await this.scan(folder);
        const state = this.folders.get(folder)!;
        if (asRepo && !state.repos.length && looksLikeRepo(folder))
          state.repos = groupIntoRepos(folder, ['.git']).map((r) => ({ ...r, files: [] }));
      }
      // The repos already known change only if the devstack checkout they lean on does: an editor
      // opening 30 folders one by one would otherwise analyse the first one 30 times.
      if (known || this.devstack()?.root !== devstackBefore) return this.analyzeAll();
      return this.analyzeRoots([...new Set(list.flatMap((f) => this.folders.get(f)!.repos.map((r) => r.root)))]);
    });
  }

  async removeFolder(folder: string): Promise<string[]> {
    return this.serial(async () => {
      const state = this.folders.get(folder);
      const devstackBefore = this.devstack()?.root;
      this.folders.delete(folder);
      // A repo another folder also holds (nested folders) stays.
      const still = new Set([...this.folders.values()].flatMap((f) => f.repos.map((r) => r.root)));
      const gone = (state?.repos.map((r) => r.root) ?? []).filter((r) => !still.has(r));
      for (const r of gone) this.analyses.delete(r);
      return this.devstack()?.root !== devstackBefore ? [...gone, ...(await this.analyzeAll())] : gone;
    });
  }

  rescanAll(): Promise<string[]> {
    // What an analysis still running would find is about to be found again.
    this.generation++;
    return this.serial(async () => {
      for (const f of [...this.folders.keys()]) await this.scan(f);
      return this.analyzeAll();
    });
  }

  /** A file was created, changed or deleted on disk. Returns the roots whose analysis changed. */
  fileEvent(absPath: string, kind: FileEventKind): Promise<string[]> {
    return this.fileEvents([{ path: absPath, kind }]);
  }

  /**
   * Files created, changed or deleted on disk, one or a `git checkout`'s hundreds: every repo they
   * touch is analysed once. Returns the roots whose analysis changed.
   */
  fileEvents(events: { path: string; kind: FileEventKind }[]): Promise<string[]> {
    return this.serial(async () => {
      const rescan = new Set<string>();
      const roots = new Set<string>();
      let all = false;
      for (const { path: absPath, kind } of events) {
        if (kind !== 'changed' && MARKER.test(absPath.split(path.sep).join('/'))) {
          const folder = this.folderOf(absPath);
          if (folder) rescan.add(folder.path);
          all = true;
          continue;
        }
        // A deleted folder (editors report one event for it, not one per file) takes what was under it.
        if (kind === 'deleted' && [...this.folders.values()].some((f) => f.repos.some((r) => isInside(absPath, r.root)))) {
          const folder = this.folderOf(absPath);
          if (folder) rescan.add(folder.path);
          all = true;
          continue;
        }
        const repo = this.repoOf(absPath);
        if (!repo) continue;
        const rel = path.relative(repo.root, absPath).split(path.sep).join('/');
        if (kind === 'deleted' && repo.files.some((f) => f.startsWith(rel + '/'))) {
          repo.files = repo.files.filter((f) => !f.startsWith(rel + '/'));
          if (repo.isDevstack) all = true;
          else roots.add(repo.root);
          continue;
        }
        if (!affectsAnalysis(rel)) continue;
        if (kind === 'created' && isRelevant(rel) && !repo.files.includes(rel)) repo.files = [...repo.files, rel].sort();
        if (kind === 'deleted') {
          repo.files = repo.files.filter((f) => f !== rel);
          this.cache.forget(absPath);
        }
        // A file of the devstack checkout changes every repo that leans on it.
        if (repo.isDevstack) all = true;
        else roots.add(repo.root);
      }
      for (const folder of rescan) await this.scan(folder);
      return all ? this.analyzeAll() : this.analyzeRoots([...roots]);
    });
  }

  /** The user's buffer for a file (opened or edited); undefined when it was closed. */
  setBuffer(absPath: string, text: string | undefined): Promise<string[]> {
    return this.serial(async () => {
      if (!this.source.set(absPath, text)) return [];
      const repo = this.repoOf(absPath);
      if (!repo) return [];
      const rel = path.relative(repo.root, absPath).split(path.sep).join('/');
      if (!affectsAnalysis(rel)) return [];
      return this.analyzeAffected(absPath);
    });
  }

  analysis(root: string): RepoAnalysis | undefined {
    return this.analyses.get(root);
  }

  allAnalyses(): RepoAnalysis[] {
    return [...this.analyses.values()].sort((a, b) => a.model.root.localeCompare(b.model.root));
  }

  report(folder?: string): Report {
    const devstack = this.devstack();
    return {
      version: 1,
      ...(devstack ? { devstack: { root: devstack.root } } : {}),
      repos: this.allAnalyses()
        .filter((a) => !folder || isInside(folder, a.model.root))
        .map((a) => a.report),
    };
  }

  /** Repos whose last analysis threw, and why. */
  failures(): { root: string; message: string }[] {
    return [...this.failed].filter(([root]) => this.repoByRoot(root)).map(([root, message]) => ({ root, message }));
  }

  /** The deepest repo holding the file, across all folders. */
  repoOf(absPath: string): ScannedRepo | undefined {
    let best: ScannedRepo | undefined;
    for (const f of this.folders.values()) {
      for (const r of f.repos) {
        if (isInside(r.root, absPath) && (!best || r.root.length > best.root.length)) best = r;
      }
    }
    return best;
  }

  private repoByRoot(root: string): ScannedRepo | undefined {
    for (const f of this.folders.values()) for (const r of f.repos) if (r.root === root) return r;
    return undefined;
  }

  private folderOf(absPath: string): FolderState | undefined {
    return [...this.folders.values()].filter((f) => isInside(f.path, absPath)).sort((a, b) => b.path.length - a.path.length)[0];
  }

  private async scan(folder: string): Promise<void> {
    const res = await scanFolder(folder, { maxFiles: this.settings.maxFiles, log: this.log });
    this.log(
      `scanned ${folder}: ${res.repos.length} repo(s), ${res.fileCount} file(s) in ${res.ms} ms${res.truncated ? ' (stopped at wsgiGoal.maxFiles)' : ''}`,
    );
    this.folders.set(folder, { path: folder, repos: res.repos, truncated: res.truncated });
  }

  /** Where devstack's own code is read from, when known. */
  devstackRoot(): string | undefined {
    return this.devstack()?.root;
  }

  private devstack(): DevstackCheckout | undefined {
    if (this.settings.devstackPath) return this.devstackOverride;
    for (const f of this.folders.values()) for (const r of f.repos) if (r.isDevstack) return r;
    return undefined;
  }

  private async loadDevstackOverride(): Promise<void> {
    const dir = this.settings.devstackPath;
    if (!dir || this.devstackOverride?.root === path.resolve(dir)) return;
    const res = await scanFolder(path.resolve(dir), { maxFiles: this.settings.maxFiles, log: this.log });
    this.devstackOverride = res.repos.find((r) => r.isDevstack && r.root === path.resolve(dir)) ?? res.repos.find((r) => r.isDevstack);
    if (!this.devstackOverride)
      this.log(`wsgiGoal.devstackPath ${dir} holds no devstack checkout (stack.sh and lib/); core services stay "unknown"`);
  }

  private async analyzeAll(): Promise<string[]> {
    await this.loadDevstackOverride();
    const roots = new Set<string>();
    for (const f of this.folders.values()) for (const r of f.repos) roots.add(r.root);
    const gone = [...this.analyses.keys()].filter((old) => !roots.has(old));
    for (const old of gone) this.analyses.delete(old);
    return [...gone, ...(await this.analyzeRoots([...roots]))];
  }

  /** A file in the devstack checkout changes every repo that leans on it; others change their own repo. */
  private analyzeAffected(absPath: string): Promise<string[]> {
    const repo = this.repoOf(absPath);
    if (repo?.isDevstack) return this.analyzeAll();
    return this.analyzeRoots(repo ? [repo.root] : []);
  }

  private async analyzeRoots(roots: string[]): Promise<string[]> {
    const devstack = this.devstack();
    const changed = new Set<string>();
    const generation = this.generation;
    let next = 0;
    let done = 0;
    const lane = async () => {
      while (next < roots.length) {
        // The engine yields inside every repo too: requests (hover, code actions) do not wait for a scan.
        await yieldNow();
        if (generation !== this.generation) {
          if (next < roots.length) this.log(`analysis stopped after ${done} of ${roots.length} repo(s): a rescan replaces it`);
          next = roots.length;
          return;
        }
        const root = roots[next++];
        if (await this.analyzeOne(root, devstack, roots.length > 1)) changed.add(root);
        if (roots.length > 1) this.progress?.(++done, roots.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.lanes, roots.length) }, lane));
    return roots.filter((r) => changed.has(r));
  }

  /**
   * The repo's model with its files still attached, built anew from the current buffers and disk (the
   * parse cache makes it cheap): for a command that plans edits from the plugin's text.
   */
  async freshModel(root: string): Promise<RepoModel | undefined> {
    const repo = this.repoByRoot(root);
    if (!repo) return undefined;
    return buildRepoModel(
      { ...repo, files: this.withBuffers(repo) },
      { source: this.source, cache: this.cache, devstack: this.devstack() },
    );
  }

  /** Analyses one repo; true when its report or findings changed. */
  private async analyzeOne(root: string, devstack: DevstackCheckout | undefined, parseAhead: boolean): Promise<boolean> {
    const repo = this.repoByRoot(root);
    if (!repo) return false;
    try {
      const scanned = { ...repo, files: this.withBuffers(repo) };
      const model = await buildRepoModel(scanned, { source: this.source, cache: this.cache, devstack, parseAhead });
      const next = analyzeRepo(model, this.source, devstack?.root, this.settings);
      const prev = this.analyses.get(root);
      for (const f of next.ruleFailures) {
        // Once per rule and cause, not on every keystroke.
        if (!prev?.ruleFailures.some((p) => p.code === f.code && p.message === f.message))
          this.log(
            `rule ${f.code} failed on ${root} (${model.files.includes('setup.cfg') ? 'setup.cfg' : model.name}): ${f.message}; its findings are missing, the other rules still report`,
          );
      }
      this.failed.delete(root);
      // The rules have read the files: keeping their texts would only hold memory (the parse cache keeps what edits need).
      this.analyses.set(root, { ...next, model: { ...next.model, sources: NO_FILES } });
      return (
        !prev ||
        JSON.stringify(prev.report) !== JSON.stringify(next.report) ||
        JSON.stringify(prev.findings) !== JSON.stringify(next.findings)
      );
    } catch (e) {
      // One broken repo must not take the others (or the server) down with it.
      this.log(`analysis of ${root} failed: ${(e as Error).stack ?? e}`);
      this.failed.set(root, (e as Error).message ?? String(e));
      return false;
    }
  }

  /** Files that exist only as open buffers (created by a quick fix, not saved) belong to the tree too. */
  private withBuffers(repo: ScannedRepo): string[] {
    const extra: string[] = [];
    for (const abs of this.source.open()) {
      if (this.repoOf(abs)?.root !== repo.root) continue;
      const rel = path.relative(repo.root, abs).split(path.sep).join('/');
      if (isRelevant(rel) && !repo.files.includes(rel)) extra.push(rel);
    }
    return extra.length ? [...repo.files, ...extra].sort() : repo.files;
  }
}

function looksLikeRepo(folder: string): boolean {
  try {
    return fs.readdirSync(folder).some((n) => n === '.gitreview' || /^README(\.|$)/i.test(n));
  } catch {
    return false;
  }
}
