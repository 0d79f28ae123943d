// Activation: starts the language server and wires the tree view and commands to it.
// The client never analyses; everything it shows comes from the server.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { ClientCommand, Report, StatusChangedNotification, ViewId } from '../../server/src/protocol';
import { StatusTreeProvider } from './status-tree';
import { registerCommands } from './commands';
import { switchUwsgiIniFiles } from './uwsgi-language';
import { CrashPolicy } from './crash-policy';
import { ServerStatusItem, ServerStatusView } from './server-status';

/** What the extension hands to other extensions and to its own integration tests. */
export interface WsgiGoalApi {
  ready: Promise<void>;
  statusTree: vscode.TreeDataProvider<unknown>;
  statusView: () => vscode.TreeView<unknown> | undefined;
  goalContext: () => GoalContext;
  /** What the language status item shows now. */
  serverStatus(): ServerStatusView;
  /** The running server's process id, if any. */
  serverPid(): number | undefined;
}

// Files the server reads, picked by path: setup.cfg opens as "properties" and pyproject.toml
// often as plain text, so language ids would miss them.
const PATTERNS = [
  '**/setup.cfg',
  '**/pyproject.toml',
  '**/requirements.txt',
  '**/*.py',
  '**/*.wsgi',
  '**/*.ini',
  '**/devstack/**',
  '**/.zuul.yaml',
  '**/zuul.yaml',
  '**/zuul.d/*.yaml',
  '**/local.conf',
  '**/local.conf.sample',
  '**/*.local.conf',
  '**/stackrc',
  '**/functions',
  '**/functions-common',
  '**/lib/*',
];

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): WsgiGoalApi {
  const output = vscode.window.createOutputChannel('WSGI Goal', { log: true });
  context.subscriptions.push(output);
  const selector = PATTERNS.map((pattern) => ({ scheme: 'file', pattern }));
  const status = new ServerStatusItem(selector);
  context.subscriptions.push(status);
  const policy = new CrashPolicy();
  let restartTimer: NodeJS.Timeout | undefined;
  context.subscriptions.push({ dispose: () => clearTimeout(restartTimer) });

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // Read at every start: in a restricted workspace the server offers no fix that creates files.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted }),
    // The library's own policy restarts at once, four times, with a popup each time; ours waits
    // longer after each crash, reports in the status item, and raises one message when it stops.
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue, handled: true }),
      closed: () => {
        const d = policy.onCrash(Date.now());
        if (d.action === 'restart') {
          output.warn(`The language server stopped unexpectedly (${d.crashes} in 3 minutes); restarting in ${d.delayMs / 1000} s.`);
          status.set({ kind: 'restarting', delayMs: d.delayMs }, policy.count);
          restartTimer = setTimeout(() => {
            // A start that fails closes the connection again, and `closed` counts that crash too.
            start().catch((e: unknown) =>
              output.error(`Restarting the language server failed: ${e instanceof Error ? e.message : String(e)}`),
            );
          }, d.delayMs);
        } else {
          output.error(`The language server crashed ${d.crashes} times in 3 minutes; it is not restarted again.`);
          status.set({ kind: 'stopped' }, policy.count);
          void vscode.window
            .showErrorMessage(
              `WSGI Goal: the language server crashed ${d.crashes} times in 3 minutes and was stopped.`,
              'Restart',
              'Show Output',
            )
            .then((pick) => {
              if (pick === 'Restart') void vscode.commands.executeCommand(ClientCommand.restart);
              else if (pick) output.show();
            });
        }
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  client = new LanguageClient('wsgiGoal', 'WSGI Goal', serverOptions, clientOptions);
  const tree = new StatusTreeProvider(() => client);
  const view = vscode.window.createTreeView(ViewId.status, { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;
  context.subscriptions.push(view);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('wsgiGoal.showSuccessorGoal')) tree.refresh();
    }),
  );
  context.subscriptions.push(tree);

  let statusTimer: NodeJS.Timeout | undefined;
  context.subscriptions.push({ dispose: () => clearTimeout(statusTimer) });
  const refresh = (roots?: string[]) => {
    tree.refresh(roots);
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => {
      void tree.current().then((s) => {
        if (s && client?.state === State.Running)
          status.set({ kind: 'running', repos: s.report.repos.length, ruleFailures: s.ruleFailures, scanning: s.scanning }, policy.count);
        if (s) setGoalContext(goalContext(s.report));
      });
    }, 200);
  };
  const start = async (): Promise<void> => {
    status.set({ kind: 'starting' }, policy.count);
    await client!.start();
    refresh();
  };
  client.onNotification(StatusChangedNotification, (p) => refresh(p.roots));

  registerCommands(
    context,
    () => client,
    tree,
    output,
    async () => {
      clearTimeout(restartTimer);
      policy.reset();
      if (client!.state === State.Running) await client!.restart();
      else await start();
      refresh();
    },
  );
  switchUwsgiIniFiles(context);
  // Trust is granted once and never revoked without a reload: a restart hands the server the news.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void vscode.commands.executeCommand(ClientCommand.restart)));

  const ready = start().catch((e: unknown) => {
    output.error(`The WSGI Goal language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage('WSGI Goal: the language server did not start.', 'Show Output').then((pick) => {
      if (pick) output.show();
    });
    throw e;
  });
  ready.catch(() => undefined);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  void vscode.commands.executeCommand('setContext', 'wsgiGoal.active', true);
  return {
    ready,
    statusTree: tree,
    statusView: () => tree.view,
    goalContext: () => lastGoalContext,
    serverStatus: () => status.view,
    serverPid: () => client?.serverProcess?.pid,
  };
}

/** The walkthrough's steps complete on these context keys (package.json `completionEvents`). */
export interface GoalContext {
  repoWithApi: boolean;
  wsgiScriptsMet: boolean;
  devstackUwsgiMet: boolean;
}

let lastGoalContext: GoalContext = { repoWithApi: false, wsgiScriptsMet: false, devstackUwsgiMet: false };

function goalContext(report: Report): GoalContext {
  const repos = report.repos.filter((r) => r.apiServices.length);
  return {
    repoWithApi: repos.length > 0,
    wsgiScriptsMet: repos.length > 0 && repos.every((r) => r.criteria.wsgiScripts.met === true),
    devstackUwsgiMet: repos.length > 0 && repos.every((r) => r.criteria.devstackUwsgi.met === true),
  };
}

function setGoalContext(c: GoalContext): void {
  lastGoalContext = c;
  for (const [key, value] of Object.entries(c)) void vscode.commands.executeCommand('setContext', `wsgiGoal.${key}`, value);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

export { ClientCommand };
