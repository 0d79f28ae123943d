// The sidebar: one node per repo with an API, its status icon and a summary; under it the goal's
// criteria (and the 2025.2 successor's, unless hidden) with the evidence that decides them, and the
// Zuul jobs that change the deployment. Repos without an API and devstack checkouts are gathered
// in two groups. Nothing here analyses: it shows the server's report.
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ClientCommand,
  Criterion,
  DEFAULT_GOAL,
  Evidence,
  GoalInfo,
  Report,
  RepoReport,
  repoStatus,
  RepoStatus,
  StatusRequest,
  StatusResult,
  TeamInfo,
  ZuulJobReport,
} from '../../server/src/protocol';

export type Node =
  | { kind: 'repo'; repo: RepoReport; parent?: Node }
  | { kind: 'group'; group: 'no-api' | 'devstack'; repos: RepoReport[]; usedBy: string[] }
  | { kind: 'goal'; repo: RepoReport; goal: GoalInfo; parent: Node }
  | { kind: 'criterion'; repo: RepoReport; goal: GoalInfo; id: string; title: string; criterion: Criterion; parent: Node }
  | { kind: 'jobs'; repo: RepoReport; jobs: ZuulJobReport[]; parent: Node }
  | { kind: 'job'; repo: RepoReport; job: ZuulJobReport; parent: Node }
  | { kind: 'evidence'; repo: RepoReport; evidence: Evidence; index: number; parent: Node }
  | { kind: 'team'; repo: RepoReport; info: TeamInfo; parent: Node }
  | { kind: 'link'; repo: RepoReport; label: string; url: string; parent: Node }
  | { kind: 'message'; text: string };

type RepoNode = Extract<Node, { kind: 'repo' }>;
const ALL = '\0all';

/** Every top-level row and its place (repos by status, the groups' members): equal when a redraw of single rows will do. */
function placesOf(s: StatusResult, unmetOnly: boolean): string {
  return JSON.stringify([
    unmetOnly,
    s.report.devstack?.root,
    s.report.repos.map((r) => [r.root, r.apiServices.length > 0, repoStatus(r, DEFAULT_GOAL)]),
  ]);
}

/** Unmet first: what needs work is at the top. */
const ORDER: Record<RepoStatus, number> = { 'not-started': 0, partly: 1, unknown: 2, met: 3, 'no-api': 4 };

const ICON: Record<RepoStatus, () => vscode.ThemeIcon> = {
  met: () => new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  partly: () => new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  'not-started': () => new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  unknown: () => new vscode.ThemeIcon('question'),
  'no-api': () => new vscode.ThemeIcon('circle-slash'),
};

export const UNMET_ONLY_CONTEXT = 'wsgiGoal.unmetOnly';

export class StatusTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private status?: Promise<StatusResult | undefined>;
  private timer?: NodeJS.Timeout;
  private unmetOnly = false;
  /** Each top-level repo row, kept across refreshes: VS Code redraws a row by the element it was given. */
  private readonly repoNodes = new Map<string, RepoNode>();
  private readonly pending = new Set<string>();
  private before?: Promise<StatusResult | undefined>;
  /** Set by the extension once the view exists: the provider keeps its badge current. */
  view?: vscode.TreeView<Node>;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /**
   * The next read asks the server again; the change event is debounced, as a scan sends notifications in
   * bursts. With the repos that changed, only their rows are redrawn (expansion and scroll stay) as long
   * as every row keeps its place; otherwise the whole tree is.
   */
  refresh(roots?: string[]): void {
    // A burst compares the tree before its first notification with the tree after its last.
    if (!this.pending.size) this.before = this.status;
    this.status = undefined;
    for (const r of roots ?? []) this.pending.add(r);
    if (!roots) this.pending.add(ALL);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const changed = [...this.pending];
      const before = this.before;
      this.pending.clear();
      this.before = undefined;
      void this.redraw(before, changed.includes(ALL) ? undefined : changed);
    }, 50);
  }

  private async redraw(before: Promise<StatusResult | undefined> | undefined, roots: string[] | undefined): Promise<void> {
    const [old, now] = await Promise.all([before, this.current()]);
    const nodes = roots?.map((r) => this.repoNodes.get(r));
    if (!old || !now || !nodes || nodes.some((n) => !n) || placesOf(old, this.unmetOnly) !== placesOf(now, this.unmetOnly)) {
      this.emitter.fire(undefined);
      return;
    }
    this.updateBadge(now.report.repos.filter((r) => r.apiServices.length));
    for (const n of nodes as RepoNode[]) {
      const repo = now.report.repos.find((r) => r.root === n.repo.root);
      if (repo) n.repo = repo;
      this.emitter.fire(n);
    }
  }

  /** The title-bar filter: every repo, or only those with an unmet criterion. */
  setUnmetOnly(on: boolean): void {
    this.unmetOnly = on;
    void vscode.commands.executeCommand('setContext', UNMET_ONLY_CONTEXT, on);
    this.emitter.fire(undefined);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.emitter.dispose();
  }

  current(): Promise<StatusResult | undefined> {
    const c = this.client();
    if (!c || !c.isRunning()) return Promise.resolve(undefined);
    this.status ??= Promise.resolve(c.sendRequest(StatusRequest, {})).catch(() => undefined);
    return this.status;
  }

  getParent(node: Node): Node | undefined {
    return 'parent' in node ? node.parent : undefined;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const s = await this.current();
    if (!s) return [];
    if (!node) return this.roots(s);
    switch (node.kind) {
      case 'group':
        return node.repos.map((repo) => ({ kind: 'repo', repo, parent: node }));
      case 'repo': {
        if (!node.repo.apiServices.length) return [];
        const main = s.goals.find((g) => g.id === DEFAULT_GOAL);
        const out: Node[] = main ? criteria(node.repo, main, node) : [];
        if (showSuccessor())
          for (const goal of s.goals.filter((g) => g.id !== DEFAULT_GOAL)) out.push({ kind: 'goal', repo: node.repo, goal, parent: node });
        const jobs = node.repo.zuulJobs.filter((j) => j.overrides.some((o) => o.deploys));
        if (jobs.length) out.push({ kind: 'jobs', repo: node.repo, jobs, parent: node });
        const info = s.teams?.[node.repo.root];
        if (info) out.push({ kind: 'team', repo: node.repo, info, parent: node });
        return out;
      }
      case 'team':
        return [
          ...node.info.planning.map((url) => ({ kind: 'link' as const, repo: node.repo, label: 'Planning artifact', url, parent: node })),
          ...node.info.completion.map((url) => ({
            kind: 'link' as const,
            repo: node.repo,
            label: 'Completion artifact',
            url,
            parent: node,
          })),
        ];
      case 'goal':
        return criteria(node.repo, node.goal, node);
      case 'criterion':
        return node.criterion.evidence.map((evidence, index) => ({ kind: 'evidence', repo: node.repo, evidence, index, parent: node }));
      case 'jobs':
        return node.jobs.map((job) => ({ kind: 'job', repo: node.repo, job, parent: node }));
      default:
        return [];
    }
  }

  private roots(s: StatusResult): Node[] {
    const repos = s.report.repos;
    if (!repos.length) return s.scanning ? [{ kind: 'message', text: 'Scanning…' }] : [];
    const devstackRoot = s.report.devstack?.root;
    const isDevstack = (r: RepoReport) => r.root === devstackRoot || (!r.apiServices.length && r.name === 'devstack');
    const withApi = repos
      .filter((r) => r.apiServices.length)
      .map((repo) => ({ repo, status: repoStatus(repo, DEFAULT_GOAL) }))
      .filter((x) => !this.unmetOnly || x.status === 'not-started' || x.status === 'partly')
      .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.repo.name.localeCompare(b.repo.name));
    this.updateBadge(withApi.map((x) => x.repo));
    const out: Node[] = withApi.map(({ repo }) => {
      const node = this.repoNodes.get(repo.root) ?? { kind: 'repo', repo };
      node.repo = repo;
      this.repoNodes.set(repo.root, node);
      return node;
    });
    if (this.unmetOnly) return out.length ? out : [{ kind: 'message', text: 'Every repo with an API meets the goal.' }];
    const usedBy = repos
      .filter((r) => Object.values(r.criteria).some((c) => c.evidence.some((e) => e.repo === 'devstack')))
      .map((r) => r.name);
    const devstack = repos.filter(isDevstack);
    if (devstack.length) out.push({ kind: 'group', group: 'devstack', repos: devstack, usedBy });
    const noApi = repos.filter((r) => !r.apiServices.length && !isDevstack(r)).sort((a, b) => a.name.localeCompare(b.name));
    if (noApi.length) out.push({ kind: 'group', group: 'no-api', repos: noApi, usedBy: [] });
    return out;
  }

  /** The view's badge: how many criteria of the goal are unmet, over all repos. */
  private updateBadge(repos: RepoReport[]): void {
    if (!this.view) return;
    const unmet = repos.reduce((n, r) => n + Object.values(r.goals[DEFAULT_GOAL]?.criteria ?? {}).filter((c) => c.met === false).length, 0);
    this.view.badge = unmet ? { value: unmet, tooltip: `${unmet} unmet criteri${unmet === 1 ? 'on' : 'a'} of ${DEFAULT_GOAL}` } : undefined;
  }

  async getTreeItem(node: Node): Promise<vscode.TreeItem> {
    switch (node.kind) {
      case 'message':
        return new vscode.TreeItem(node.text);
      case 'group': {
        const label = node.group === 'devstack' ? 'devstack' : `No API service (${node.repos.length})`;
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `group:${node.group}`;
        item.iconPath = new vscode.ThemeIcon(node.group === 'devstack' ? 'tools' : 'circle-slash');
        item.description =
          node.group === 'devstack'
            ? node.usedBy.length
              ? `used for: ${node.usedBy.join(', ')}`
              : 'a devstack checkout'
            : node.repos.map((r) => r.name).join(', ');
        item.tooltip =
          node.group === 'devstack'
            ? 'devstack checkouts: their lib/ deploys the core services of the repos listed'
            : 'Folders with no API service: the goal does not apply to them';
        return item;
      }
      case 'repo': {
        const repo = node.repo;
        const status = repoStatus(repo, DEFAULT_GOAL);
        const s = await this.current();
        const single = (s?.report.repos.filter((r) => r.apiServices.length).length ?? 0) === 1;
        const item = new vscode.TreeItem(
          repo.name,
          !repo.apiServices.length
            ? vscode.TreeItemCollapsibleState.None
            : single
              ? vscode.TreeItemCollapsibleState.Expanded
              : vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = `repo:${repo.root}`;
        item.iconPath = ICON[status]();
        const services = [...new Set(repo.apiServices.map((a) => a.name))];
        const crit = Object.values(repo.goals[DEFAULT_GOAL]?.criteria ?? {});
        item.description = repo.apiServices.length
          ? `${crit.filter((c) => c.met === true).length} of ${crit.length} · ${services.join(', ')}`
          : 'no API service';
        item.tooltip = new vscode.MarkdownString(
          `**${repo.name}** — ${STATUS_WORDS[status]}\n\n${repo.root}\n\nAPI services: ${services.join(', ') || 'none'}`,
        );
        item.contextValue = `repo.${status}`;
        return item;
      }
      case 'goal': {
        const item = new vscode.TreeItem(`2025.2: ${node.goal.title}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `goal:${node.repo.root}#${node.goal.id}`;
        const status = repoStatus(node.repo, node.goal.id);
        item.iconPath = ICON[status]();
        item.description = STATUS_WORDS[status];
        item.tooltip = `${node.goal.id} (topic ${node.goal.topic}); hide it with the wsgiGoal.showSuccessorGoal setting`;
        return item;
      }
      case 'criterion': {
        const c = node.criterion;
        const item = new vscode.TreeItem(
          node.title,
          c.evidence.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `criterion:${node.repo.root}#${node.goal.id}#${node.id}`;
        item.description = c.mode ? `${word(c.met)} · devstack: ${c.mode}` : word(c.met);
        item.tooltip = c.mode ? `${word(c.met)}: devstack deploys the API as ${c.mode}` : word(c.met);
        item.iconPath =
          c.met === true
            ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
            : c.met === false
              ? new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'))
              : new vscode.ThemeIcon('question');
        item.contextValue = `criterion.${c.met === true ? 'met' : c.met === false ? 'unmet' : 'unknown'}.${node.id}`;
        return item;
      }
      case 'jobs': {
        const item = new vscode.TreeItem(
          `Zuul jobs that change the deployment (${node.jobs.length})`,
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = `jobs:${node.repo.root}`;
        item.iconPath = new vscode.ThemeIcon('settings-gear');
        item.tooltip = 'Jobs whose devstack_localrc sets a variable that decides how an API is deployed';
        return item;
      }
      case 'job': {
        const j = node.job;
        const set = j.overrides.filter((o) => o.deploys);
        const item = new vscode.TreeItem(j.name);
        item.id = `job:${node.repo.root}#${j.file}:${j.line}#${j.name}`;
        item.description = set.map((o) => `${o.name}=${o.value}`).join(' ');
        item.tooltip = `${j.file}:${j.line}`;
        item.iconPath = new vscode.ThemeIcon('symbol-variable');
        const first = set[0];
        const uri = vscode.Uri.file(path.join(node.repo.root, j.file));
        const range = new vscode.Range(first.line - 1, first.column - 1, first.endLine - 1, first.endColumn - 1);
        item.command = { command: ClientCommand.openEvidence, title: 'Open', arguments: [uri, range] };
        return item;
      }
      case 'team': {
        const { info } = node;
        const links = info.planning.length + info.completion.length;
        const item = new vscode.TreeItem(
          `Goal document: ${info.team}`,
          links ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `team:${node.repo.root}`;
        const january = JANUARY_2017[info.january2017];
        // The document records completion artifacts, yet the tree does not meet the goal (or the reverse).
        const status = repoStatus(node.repo, DEFAULT_GOAL);
        const disagrees =
          info.completion.length > 0 && status !== 'met' && status !== 'unknown'
            ? 'the document lists completion artifacts, but this tree does not meet the goal'
            : info.january2017 === 'supported' && status === 'not-started'
              ? 'the document counted it as deploying via WSGI in January 2017, but this tree does not'
              : undefined;
        item.description = disagrees ? `${january} · disagrees` : january;
        item.tooltip = new vscode.MarkdownString(
          `**${info.team}** in the deploy-api-in-wsgi goal document: ${january}.` +
            (disagrees ? `\n\n⚠ ${disagrees[0].toUpperCase()}${disagrees.slice(1)}.` : '') +
            `\n\n${info.planning.length} planning and ${info.completion.length} completion artifact(s).`,
        );
        item.iconPath = new vscode.ThemeIcon(disagrees ? 'warning' : 'book');
        return item;
      }
      case 'link': {
        const item = new vscode.TreeItem(node.label);
        item.id = `link:${node.repo.root}#${node.label}#${node.url}`;
        item.description = node.url.replace(/^https?:\/\//, '');
        item.tooltip = node.url;
        item.iconPath = new vscode.ThemeIcon('link-external');
        item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(node.url)] };
        return item;
      }
      case 'evidence': {
        const e = node.evidence;
        const item = new vscode.TreeItem(`${e.repo ? e.repo + ':' : ''}${e.file}:${e.line}`);
        item.id = `evidence:${node.repo.root}#${node.parent.kind === 'criterion' ? `${node.parent.goal.id}#${node.parent.id}` : ''}#${node.index}:${e.file}:${e.line}`;
        item.description = e.text;
        item.tooltip = e.text;
        item.iconPath = new vscode.ThemeIcon('go-to-file');
        const s = await this.current();
        const uri = vscode.Uri.file(evidencePath(s?.report, node.repo, e));
        const range = new vscode.Range(e.line - 1, (e.column ?? 1) - 1, (e.endLine ?? e.line) - 1, (e.endColumn ?? e.column ?? 1) - 1);
        // No resourceUri: the item would take on the file's Problems colour and count.
        item.command = { command: ClientCommand.openEvidence, title: 'Open', arguments: [uri, range] };
        return item;
      }
    }
  }
}

function criteria(repo: RepoReport, goal: GoalInfo, parent: Node): Node[] {
  return goal.criteria.map((c) => ({
    kind: 'criterion',
    repo,
    goal,
    id: c.id,
    title: c.title,
    criterion: repo.goals[goal.id]?.criteria[c.id],
    parent,
  }));
}

function showSuccessor(): boolean {
  return vscode.workspace.getConfiguration('wsgiGoal').get<boolean>('showSuccessorGoal', true);
}

const STATUS_WORDS: Record<RepoStatus, string> = {
  met: 'meets the goal',
  partly: 'partly met',
  'not-started': 'not met',
  unknown: 'unknown',
  'no-api': 'no API service',
};

const JANUARY_2017: Record<TeamInfo['january2017'], string> = {
  'not-supported': 'not supporting WSGI in Jan 2017',
  supported: 'deploying via WSGI in Jan 2017',
  'not-listed': 'not in the Jan 2017 review',
};

function word(met: boolean | null | undefined): string {
  return met === true ? 'met' : met === false ? 'not met' : 'unknown';
}

/** Evidence in another repo (devstack) is relative to that repo's root. */
export function evidencePath(report: Report | undefined, repo: RepoReport, e: Evidence): string {
  if (e.repo === 'devstack' && report?.devstack) return path.join(report.devstack.root, e.file);
  const other = e.repo ? report?.repos.find((r) => r.name === e.repo) : undefined;
  return path.join(other?.root ?? repo.root, e.file);
}
