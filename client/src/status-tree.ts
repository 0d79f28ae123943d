// The sidebar: per repo, the goal's criteria with met/unmet icons and their evidence.
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
  StatusRequest,
  StatusResult,
} from '../../server/src/protocol';

const GOAL = DEFAULT_GOAL;

export type Node =
  | { kind: 'repo'; repo: RepoReport }
  | { kind: 'criterion'; repo: RepoReport; id: string; title: string; criterion: Criterion }
  | { kind: 'evidence'; repo: RepoReport; parentId: string; evidence: Evidence; index: number }
  | { kind: 'message'; text: string };

export class StatusTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private status?: Promise<StatusResult | undefined>;
  private timer?: NodeJS.Timeout;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** The next read asks the server again; the change event is debounced, as a scan sends notifications in bursts. */
  refresh(): void {
    this.status = undefined;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.emitter.fire(undefined), 50);
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

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const s = await this.current();
      if (!s) return [];
      if (!s.report.repos.length) return s.scanning ? [{ kind: 'message', text: 'Scanning…' }] : [];
      return s.report.repos.map((repo) => ({ kind: 'repo', repo }));
    }
    if (node.kind === 'repo') {
      const s = await this.current();
      const goal: GoalInfo | undefined = s?.goals.find((g) => g.id === GOAL);
      return (goal?.criteria ?? []).map((c) => ({
        kind: 'criterion',
        repo: node.repo,
        id: c.id,
        title: c.title,
        criterion: node.repo.goals[GOAL].criteria[c.id],
      }));
    }
    if (node.kind === 'criterion') {
      return node.criterion.evidence.map((evidence, index) => ({ kind: 'evidence', repo: node.repo, parentId: node.id, evidence, index }));
    }
    return [];
  }

  async getTreeItem(node: Node): Promise<vscode.TreeItem> {
    switch (node.kind) {
      case 'message':
        return new vscode.TreeItem(node.text);
      case 'repo': {
        const s = await this.current();
        const single = (s?.report.repos.length ?? 0) === 1;
        const item = new vscode.TreeItem(
          node.repo.name,
          single ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
        );
        const met = node.repo.goals[GOAL].met;
        item.id = `repo:${node.repo.root}`;
        item.description = node.repo.apiServices.length ? word(met) : 'no API service';
        item.tooltip = `${node.repo.root}\nAPI services: ${node.repo.apiServices.map((a) => a.name).join(', ') || 'none'}`;
        item.iconPath = new vscode.ThemeIcon('repo');
        item.contextValue = 'repo';
        item.resourceUri = vscode.Uri.file(node.repo.root);
        return item;
      }
      case 'criterion': {
        const c = node.criterion;
        const item = new vscode.TreeItem(
          node.title,
          c.evidence.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `criterion:${node.repo.root}#${node.id}`;
        item.description = word(c.met);
        item.tooltip = c.mode ? `${word(c.met)}: devstack deploys the API as ${c.mode}` : word(c.met);
        item.iconPath =
          c.met === true
            ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
            : c.met === false
              ? new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'))
              : new vscode.ThemeIcon('question');
        item.contextValue = `criterion.${c.met === true ? 'met' : c.met === false ? 'unmet' : 'unknown'}`;
        return item;
      }
      case 'evidence': {
        const e = node.evidence;
        const item = new vscode.TreeItem(`${e.repo ? e.repo + ':' : ''}${e.file}:${e.line}`);
        item.id = `evidence:${node.repo.root}#${node.parentId}#${node.index}:${e.file}:${e.line}`;
        item.description = e.text;
        item.tooltip = e.text;
        item.iconPath = new vscode.ThemeIcon('go-to-file');
        const s = await this.current();
        const uri = vscode.Uri.file(evidencePath(s?.report, node.repo, e));
        const range = new vscode.Range(e.line - 1, (e.column ?? 1) - 1, (e.endLine ?? e.line) - 1, (e.endColumn ?? e.column ?? 1) - 1);
        item.command = { command: ClientCommand.openEvidence, title: 'Open', arguments: [uri, range] };
        item.resourceUri = uri;
        return item;
      }
    }
  }
}

function word(met: boolean | null | undefined): string {
  return met === true ? 'met' : met === false ? 'not met' : 'unknown';
}

/** Evidence in another repo (devstack) is relative to that repo's root. */
export function evidencePath(report: Report | undefined, repo: RepoReport, e: Evidence): string {
  if (e.repo === 'devstack' && report?.devstack) return path.join(report.devstack.root, e.file);
  const other = e.repo ? report?.repos.find((r) => r.name === e.repo) : undefined;
  return path.join(other?.root ?? repo.root, e.file);
}
