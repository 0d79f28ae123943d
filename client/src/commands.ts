// Palette and view commands. Scaffolding asks the server to build and apply the edit.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { ClientCommand, DeployResult, ScaffoldArgs, ScaffoldResult, ServerCommand, StatusResult } from '../../server/src/protocol';
import type { StatusTreeProvider } from './status-tree';

const FACTORY = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*:[A-Za-z_]\w*$/;

export function registerCommands(
  context: vscode.ExtensionContext,
  client: () => LanguageClient | undefined,
  tree: StatusTreeProvider,
  output: vscode.LogOutputChannel,
  restart: () => Promise<void>,
): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- VS Code hands command arguments over untyped
  const reg = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  reg(ClientCommand.showOutput, () => output.show());
  reg(ClientCommand.refresh, () => tree.refresh());
  reg(ClientCommand.showUnmetOnly, () => tree.setUnmetOnly(true));
  reg(ClientCommand.showAll, () => tree.setUnmetOnly(false));
  reg(ClientCommand.restart, async () => {
    await restart();
    output.info('WSGI Goal language server restarted.');
  });
  reg(ClientCommand.openEvidence, async (uri: vscode.Uri, range: vscode.Range) => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
  });
  reg(ClientCommand.scaffold, () => scaffold(client(), tree));
  reg(ClientCommand.addReleaseNote, (node?: { repo?: { root: string } }) => addReleaseNote(client(), tree, node?.repo?.root));
  reg(ClientCommand.deployUnderUwsgi, (node?: { repo?: { root: string } }) => deployUnderUwsgi(client(), tree, node?.repo?.root));
  reg(ClientCommand.copyReviewCommand, () => copyReviewCommand(tree));
  reg(ClientCommand.exportReport, async () => {
    const c = client();
    if (!c?.isRunning()) {
      void vscode.window.showWarningMessage('WSGI Goal: the language server is not running yet.');
      return;
    }
    const markdown = (await c.sendRequest(ExecuteCommandRequest.type, { command: ServerCommand.exportReport, arguments: [] })) as string;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown }));
  });
}

/**
 * The status, when files may be created: the names in an untrusted repo decide what is written and
 * where, so such a workspace gets analysis only; says why otherwise.
 */
async function readyToCreate(
  client: LanguageClient | undefined,
  tree: StatusTreeProvider,
  untrusted: string,
): Promise<{ client: LanguageClient; status: StatusResult } | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(`WSGI Goal: ${untrusted}`);
    return undefined;
  }
  const status = await tree.current();
  if (!client || !status) {
    void vscode.window.showWarningMessage('WSGI Goal: the language server is not running yet.');
    return undefined;
  }
  return { client, status };
}

async function scaffold(c: LanguageClient | undefined, tree: StatusTreeProvider): Promise<void> {
  const ready = await readyToCreate(
    c,
    tree,
    'this workspace is not trusted, so nothing is scaffolded; the analysis still runs. Trust the workspace to create files.',
  );
  if (!ready) return;
  const { client, status } = ready;
  const candidates = status.report.repos
    .flatMap((repo) =>
      repo.apiServices.map((s) => ({
        label: s.name,
        description: repo.name,
        detail: s.entryPoints.length ? `already served by ${s.entryPoints.map((e) => e.target).join(', ')}` : 'no WSGI entry point yet',
        root: repo.root,
        missing: !s.entryPoints.length,
      })),
    )
    .sort((a, b) => Number(b.missing) - Number(a.missing));
  if (!candidates.length) {
    void vscode.window.showInformationMessage('WSGI Goal: no API service (an *-api console script) found in this workspace.');
    return;
  }
  const pick =
    candidates.length === 1
      ? candidates[0]
      : await vscode.window.showQuickPick(candidates, { placeHolder: 'Scaffold a WSGI entry point for which API service?' });
  if (!pick) return;

  const args: ScaffoldArgs = { root: pick.root, service: pick.label };
  let result = await run(client, args);
  if (result.status === 'needsFactory') {
    const factory = await vscode.window.showInputBox({
      title: `App factory for ${pick.label}`,
      prompt: `${result.message.split(';')[0]}. Name the zero-argument function that returns the WSGI app, as module:function.`,
      placeHolder: 'designate.api.wsgi:init_application',
      validateInput: (v) => (FACTORY.test(v.trim()) ? undefined : 'Write it as module:function, e.g. designate.api.wsgi:init_application'),
    });
    if (!factory) return;
    result = await run(client, { ...args, factory: factory.trim() });
  }
  if (result.status === 'applied') {
    const main = result.files[result.files.length - 1];
    await vscode.window.showTextDocument(vscode.Uri.file(main));
  } else if (result.status !== 'needsFactory') {
    void vscode.window.showErrorMessage(`WSGI Goal: ${result.message}`);
  }
}

async function run(client: LanguageClient, args: ScaffoldArgs): Promise<ScaffoldResult> {
  try {
    return (await client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommand.scaffold, arguments: [args] })) as ScaffoldResult;
  } catch (e) {
    // The server answers bad arguments with a sentence (InvalidParams); show that, not a trace.
    return { status: 'failed', message: (e as Error).message };
  }
}

/** Picks the repo (unless the sidebar gave it) and the goal; the server plans and creates the note. */
async function addReleaseNote(c: LanguageClient | undefined, tree: StatusTreeProvider, root?: string): Promise<void> {
  const ready = await readyToCreate(
    c,
    tree,
    'this workspace is not trusted, so no file is created. Trust the workspace to add a release note.',
  );
  if (!ready) return;
  const { client, status } = ready;
  const repos = status.report.repos.filter((r) => r.apiServices.length);
  if (!root) {
    const pick =
      repos.length === 1
        ? { root: repos[0].root }
        : await vscode.window.showQuickPick(
            repos.map((r) => ({ label: r.name, description: r.root, root: r.root })),
            { placeHolder: 'Add a release note to which repo?' },
          );
    if (!pick) return;
    root = pick.root;
  }
  const goal = await vscode.window.showQuickPick(
    status.goals.map((g) => ({ label: g.title, description: `topic ${g.topic}`, id: g.id })),
    { placeHolder: 'The note is for which goal?' },
  );
  if (!goal) return;
  let result: ScaffoldResult;
  try {
    result = (await client.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommand.addReleaseNote,
      arguments: [{ root, goal: goal.id }],
    })) as ScaffoldResult;
  } catch (e) {
    result = { status: 'failed', message: (e as Error).message };
  }
  if (result.status === 'applied') await vscode.window.showTextDocument(vscode.Uri.file(result.files[0]));
  else void vscode.window.showErrorMessage(`WSGI Goal: ${'message' in result ? result.message : 'no note was added'}`);
}

/**
 * Picks an API service devstack does not yet run under uwsgi, shows which files the change creates
 * and edits, and applies it only once the user says so.
 */
async function deployUnderUwsgi(c: LanguageClient | undefined, tree: StatusTreeProvider, root?: string): Promise<void> {
  const ready = await readyToCreate(c, tree, 'this workspace is not trusted, so nothing is changed. Trust the workspace to apply fixes.');
  if (!ready) return;
  const { client, status } = ready;
  const candidates = status.report.repos
    .filter((r) => !root || r.root === root)
    .flatMap((repo) =>
      repo.apiServices
        .filter((s) => s.devstackMode !== 'uwsgi' && s.devstackMode !== 'uwsgi-no-apache')
        .map((s) => ({ label: s.name, description: repo.name, detail: `devstack: ${s.devstackMode}`, root: repo.root })),
    );
  if (!candidates.length) {
    void vscode.window.showInformationMessage('WSGI Goal: devstack already runs every API service of these repos under uwsgi.');
    return;
  }
  const pick =
    candidates.length === 1
      ? candidates[0]
      : await vscode.window.showQuickPick(candidates, { placeHolder: 'Deploy which API service under uwsgi in devstack?' });
  if (!pick) return;
  const send = async (dryRun: boolean): Promise<DeployResult> => {
    try {
      return (await client.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommand.deployUnderUwsgi,
        arguments: [{ root: pick.root, service: pick.label, ...(dryRun ? { dryRun } : {}) }],
      })) as DeployResult;
    } catch (e) {
      return { status: 'failed', message: (e as Error).message };
    }
  };
  const plan = await send(true);
  if (plan.status !== 'planned') {
    void vscode.window.showErrorMessage(`WSGI Goal: ${'message' in plan ? plan.message : 'nothing to change'}`);
    return;
  }
  const rel = (f: string) => vscode.workspace.asRelativePath(f, false);
  const created = plan.files.filter((f) => f.action === 'create').map((f) => rel(f.path));
  const edited = plan.files.filter((f) => f.action === 'edit').map((f) => rel(f.path));
  const apply = {
    label: `$(check) ${plan.title}`,
    description: `${plan.files.length} file${plan.files.length === 1 ? '' : 's'}`,
    detail: [edited.length ? `edits ${edited.join(', ')}` : '', created.length ? `creates ${created.join(', ')}` : '']
      .filter(Boolean)
      .join(' · '),
  };
  const answer = await vscode.window.showQuickPick([apply, { label: 'Cancel' }], {
    title: 'Review the change',
    placeHolder: 'Nothing is written until you pick Apply; existing files are never overwritten.',
  });
  if (answer !== apply) return;
  const result = await send(false);
  if (result.status === 'applied') {
    const first = plan.files.find((f) => f.action === 'edit') ?? plan.files[0];
    if (first) await vscode.window.showTextDocument(vscode.Uri.file(first.path));
  } else void vscode.window.showErrorMessage(`WSGI Goal: ${'message' in result ? result.message : 'nothing was changed'}`);
}

/** `git review -t <topic>` for the goal picked, on the clipboard: the topic every change of the goal uses. */
async function copyReviewCommand(tree: StatusTreeProvider): Promise<void> {
  const status = await tree.current();
  const goals = status?.goals ?? [];
  const goal =
    goals.length === 1
      ? goals[0]
      : await vscode.window.showQuickPick(
          goals.map((g) => ({ label: g.title, description: `topic ${g.topic}`, topic: g.topic })),
          { placeHolder: 'Copy the review command for which goal?' },
        );
  if (!goal) return;
  const text = `git review -t ${goal.topic}`;
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) Copied: ${text}`, 5000);
}
