// Helpers for the extension-host suite: deadline-bound waits (never fixed sleeps),
// diagnostic and tree snapshots that print well in assertion messages.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'wsgi-goal.wsgi-goal';
export const CRITERION_WSGI = 'WSGI application script(s)';
export const CRITERION_DEVSTACK = 'Devstack runs the API under uwsgi behind Apache';
export const DEFAULT_DEADLINE_MS = Number(process.env.WSGI_GOAL_E2E_WAIT_MS || 45_000);

export interface ServerStatusView {
  state: 'starting' | 'running' | 'restarting' | 'stopped';
  text: string;
  detail: string;
  severity: 'information' | 'warning' | 'error';
  command?: string;
  crashes: number;
}

export interface WsgiGoalApi {
  ready: Promise<void>;
  statusTree: vscode.TreeDataProvider<unknown>;
  statusView(): vscode.TreeView<unknown> | undefined;
  goalContext(): { repoWithApi: boolean; wsgiScriptsMet: boolean; devstackUwsgiMet: boolean };
  serverStatus(): ServerStatusView;
  serverPid(): number | undefined;
}

/** Rejects with a clear message if `promise` has not settled within `ms`. */
export function withDeadline<T>(promise: PromiseLike<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    Promise.resolve(promise).then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export function sameFile(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.scheme === b.scheme && a.fsPath === b.fsPath;
}

export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined || c === null) {
    return undefined;
  }
  if (typeof c === 'object') {
    return String(c.value);
  }
  return String(c);
}

export function isWsgi101(d: vscode.Diagnostic): boolean {
  return diagnosticCode(d) === 'WSGI101';
}

export function describeDiagnostics(diags: readonly vscode.Diagnostic[]): string {
  if (diags.length === 0) {
    return '(none)';
  }
  return diags
    .map(
      (d) =>
        `[${diagnosticCode(d) ?? '-'}] ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`,
    )
    .join('; ');
}

/**
 * Resolves with the diagnostics of `uri` once `predicate` holds: checks the current
 * state first, then re-checks on every onDidChangeDiagnostics for that file.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diags: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  ms = DEFAULT_DEADLINE_MS,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    // eslint-disable-next-line prefer-const -- assigned after check() is defined, which reads them
    let sub: vscode.Disposable | undefined;
    // eslint-disable-next-line prefer-const -- as above
    let timer: NodeJS.Timeout | undefined;
    const check = (): boolean => {
      const diags = vscode.languages.getDiagnostics(uri);
      if (!predicate(diags)) {
        return false;
      }
      sub?.dispose();
      if (timer) {
        clearTimeout(timer);
      }
      resolve(diags);
      return true;
    };
    if (check()) {
      return;
    }
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => sameFile(u, uri))) {
        check();
      }
    });
    timer = setTimeout(() => {
      sub?.dispose();
      reject(
        new Error(
          `timed out after ${ms} ms waiting for ${what}; diagnostics of ${uri.fsPath} now: ` +
            describeDiagnostics(vscode.languages.getDiagnostics(uri)),
        ),
      );
    }, ms);
  });
}

/** Polls `probe` until it returns a value that is not undefined, or throws at the deadline. */
export async function poll<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = DEFAULT_DEADLINE_MS,
  intervalMs = 200,
  wake?: vscode.Event<unknown>,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) {
        return v;
      }
    } catch (e) {
      last = e;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}` + (last ? ` (last error: ${String(last)})` : ''));
    }
    // Wake up early when the watched event fires; otherwise re-check after the interval.
    await new Promise<void>((resolve) => {
      const sub = wake?.(() => {
        sub?.dispose();
        clearTimeout(t);
        resolve();
      });
      const t = setTimeout(
        () => {
          sub?.dispose();
          resolve();
        },
        Math.min(intervalMs, left),
      );
    });
  }
}

export interface TreeNode {
  label: string;
  description: string;
  item: vscode.TreeItem;
  children: TreeNode[];
}

function labelOf(item: vscode.TreeItem): string {
  const l = item.label;
  if (l === undefined) {
    return '';
  }
  return typeof l === 'string' ? l : l.label;
}

/**
 * Reads the whole tree from the provider (depth-limited; the goal tree has three levels).
 * Children are asked for every item, collapsible or not, so a wrong collapsibleState
 * shows up as its own assertion rather than as a missing subtree.
 */
export async function readTree(provider: vscode.TreeDataProvider<unknown>, depth = 3): Promise<TreeNode[]> {
  const walk = async (element: unknown, level: number): Promise<TreeNode[]> => {
    const kids = (await provider.getChildren(element as never)) ?? [];
    const nodes: TreeNode[] = [];
    for (const k of kids) {
      const item = await provider.getTreeItem(k as never);
      nodes.push({
        label: labelOf(item),
        description: typeof item.description === 'string' ? item.description : '',
        item,
        children: level < depth ? await walk(k, level + 1) : [],
      });
    }
    return nodes;
  };
  return walk(undefined, 1);
}

export function formatTree(nodes: TreeNode[], indent = ''): string {
  return nodes
    .map((n) => `${indent}${n.label}${n.description ? ` [${n.description}]` : ''}\n${formatTree(n.children, indent + '  ')}`)
    .join('');
}

/** The 0-based line of the first line of `text` matching `re`. */
export function lineOf(text: string, re: RegExp): number {
  const i = text.split(/\r?\n/).findIndex((l) => re.test(l));
  if (i < 0) {
    throw new Error(`no line matches ${re}`);
  }
  return i;
}
