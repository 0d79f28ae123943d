// Activation: starts the language server and wires the tree view and commands to it.
// The client never analyses; everything it shows comes from the server.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind, RevealOutputChannelOn } from 'vscode-languageclient/node';
import { ClientCommand, StatusChangedNotification, ViewId } from '../../server/src/protocol';
import { StatusTreeProvider } from './status-tree';
import { registerCommands } from './commands';
import { switchUwsgiIniFiles } from './uwsgi-language';

/** What the extension hands to other extensions and to its own integration tests. */
export interface WsgiGoalApi {
  ready: Promise<void>;
  statusTree: vscode.TreeDataProvider<unknown>;
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
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  client = new LanguageClient('wsgiGoal', 'WSGI Goal', serverOptions, clientOptions);
  const tree = new StatusTreeProvider(() => client);
  context.subscriptions.push(vscode.window.createTreeView(ViewId.status, { treeDataProvider: tree, showCollapseAll: true }));
  context.subscriptions.push(tree);
  registerCommands(context, () => client, tree, output);
  switchUwsgiIniFiles(context);

  const ready = client.start().then(
    () => {
      client!.onNotification(StatusChangedNotification, () => tree.refresh());
      tree.refresh();
    },
    (e: unknown) => {
      output.error(`The WSGI Goal language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage('WSGI Goal: the language server did not start.', 'Show Output').then((pick) => {
        if (pick) output.show();
      });
      throw e;
    },
  );
  ready.catch(() => undefined);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  void vscode.commands.executeCommand('setContext', 'wsgiGoal.active', true);
  return { ready, statusTree: tree };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

export { ClientCommand };
