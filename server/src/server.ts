// LSP wiring only: capabilities, handlers, and turning engine results into notifications.
import * as fs from 'fs';
import * as path from 'path';
import { setFlagsFromString } from 'v8';
import { URI } from 'vscode-uri';
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  WatchKind,
  FileChangeType,
  InitializeResult,
  WorkDoneProgressReporter,
  MessageType,
  ShowMessageNotification,
  ResponseError,
  ErrorCodes,
  Diagnostic,
  DiagnosticSeverity,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  defaultSettings,
  DeployArgs,
  DeployResult,
  ScaffoldArgs,
  ScaffoldResult,
  ServerCommand,
  Settings,
  StatusChangedNotification,
  StatusRequest,
  Report,
  ReleaseNoteArgs,
  TeamInfo,
} from './protocol';
import { FileEventKind, Workspace } from './engine/workspace';
import { GOALS, DEFAULT_GOAL } from './goal/evaluate';
import { DiagnosticBook } from './lsp/diagnostics';
import { releaseMemory } from './util/release-memory';
import { changeEdit, codeActions, FIX_ALL_KIND } from './lsp/code-actions';
import { planDeployUnderUwsgi } from './rules/support/deploy-under-uwsgi';
import { serviceStatuses } from './goal/services';
import { planWsgiEntry } from './scaffold/wsgi-entry';
import { createFilesEdit } from './scaffold/edit';
import { formatMarkdown } from './format/markdown';
import { loadTeams } from './goal/teams';
import { clientKind, ClientKind } from './lsp/client-kind';
import { FolderWatcher, foldersOf } from './lsp/fs-watch';
import { createOnDisk } from './scaffold/create-on-disk';
import { deployArgs, explainArgs, exportReportArgs, Parsed, releaseNoteArgs, scaffoldArgs } from './lsp/command-args';
import { planReleaseNote } from './scaffold/release-note';
import type { PlannedFile } from './scaffold/wsgi-entry';
import { randomBytes } from 'crypto';
import { devstackHover, isDevstackShellFile } from './editing/hover';
import { isUwsgiIni, uwsgiCompletions } from './editing/uwsgi-completion';

// V8 grows the young generation while a scan allocates and keeps it grown: a language server holds
// little garbage between edits, so it stays at its initial size (RSS after scanning 23 repos −35 MB).
setFlagsFromString('--semi-space-growth-factor=1');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
// Once the client has gone the connection refuses to send: the log falls back to stderr.
const log = (m: string) => {
  try {
    connection.console.log(m);
  } catch {
    process.stderr.write(`wsgi-goal: ${m}\n`);
  }
};
const ws = new Workspace(defaultSettings, log, true);
const book = new DiagnosticBook();

let folders: string[] = [];
let client: ClientKind = clientKind({ processId: null, rootUri: null, capabilities: {} });
let scanning = 0;
const watcher = new FolderWatcher((file, kind) => fileEvents([{ path: file, kind }]), log);

process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${(e as Error)?.stack ?? e}`));

const toPath = (uri: string) => URI.parse(uri).fsPath;

// A notification, not window/showMessageRequest: nothing to answer, nothing to block an editor on.
const notify = (type: MessageType, message: string) => void connection.sendNotification(ShowMessageNotification.type, { type, message });

connection.onInitialize((params): InitializeResult => {
  client = clientKind(params);
  folders = (params.workspaceFolders ?? []).map((f) => toPath(f.uri));
  if (!folders.length && params.rootUri) folders = [toPath(params.rootUri)];
  else if (!folders.length && params.rootPath) folders = [params.rootPath];
  log(
    `wsgi-goal language server, client ${[params.clientInfo?.name ?? 'unknown', params.clientInfo?.version].filter(Boolean).join(' ')}; folders: ${folders.join(', ') || '(none)'}; ` +
      `files created by ${!client.trusted ? 'nobody (untrusted workspace)' : client.createFiles === 'edit' ? 'WorkspaceEdit' : 'the server'}; files watched by ${client.watchesFiles ? 'the client' : 'the server'}`,
  );
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [] },
      executeCommandProvider: {
        commands: Object.values(ServerCommand),
      },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'wsgi-goal', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (client.watchesFiles) {
    // eglot 1.9 rejects the brace glob below with an internal error: then the server watches itself.
    await connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          {
            globPattern:
              '**/{setup.cfg,pyproject.toml,requirements.txt,*.py,*.wsgi,*.ini,*.template,*.conf,*.service,*.yaml,plugin.sh,settings,override-defaults,stackrc,stack.sh,local.conf,local.conf.sample}',
          },
          { globPattern: '**/lib/*' },
          // A deleted folder comes as one event for the folder: its files' diagnostics must go with it.
          { globPattern: '**/*', kind: WatchKind.Delete },
        ],
      })
      .catch((e: Error) => {
        log(`the client refused the file watcher registration (${e.message}); the server watches the folders itself`);
        client.watchesFiles = false;
      });
  }
  if (client.folderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
      for (const f of e.removed) {
        folders = folders.filter((x) => x !== toPath(f.uri));
        await publish(await ws.removeFolder(toPath(f.uri)));
      }
      const added = e.added.map((f) => toPath(f.uri));
      folders.push(...added);
      if (added.length) await withProgress(`Scanning ${added.map((f) => path.basename(f)).join(', ')}`, () => ws.addFolders(added));
    });
  }
  await ws.setSettings(await readSettings());
  if (folders.length)
    await withProgress(`Scanning ${folders.length > 1 ? `${folders.length} folders` : path.basename(folders[0])}`, () =>
      ws.addFolders(folders),
    );
  else await publish([]);
  // The scan's garbage (file texts, syntax trees) would stay resident until V8 next needs room.
  releaseMemory();
});

async function readSettings(): Promise<Settings> {
  if (!client.configuration) return defaultSettings;
  try {
    const s = (await connection.workspace.getConfiguration({ section: 'wsgiGoal' })) as Partial<Settings> | null;
    return {
      devstackPath: typeof s?.devstackPath === 'string' ? s.devstackPath : defaultSettings.devstackPath,
      maxFiles: typeof s?.maxFiles === 'number' && s.maxFiles >= 0 ? s.maxFiles : defaultSettings.maxFiles,
      severity: severities(s?.severity),
      exclude: Array.isArray(s?.exclude)
        ? s.exclude.filter((g): g is string => typeof g === 'string' && g !== '')
        : defaultSettings.exclude,
      suppressionComments: typeof s?.suppressionComments === 'boolean' ? s.suppressionComments : defaultSettings.suppressionComments,
    };
  } catch (e) {
    log(`reading settings failed, using defaults: ${(e as Error).message}`);
    return defaultSettings;
  }
}

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

function severities(raw: unknown): Settings['severity'] {
  const out: Settings['severity'] = {};
  if (raw && typeof raw === 'object') {
    for (const [code, level] of Object.entries(raw)) {
      if (typeof level === 'string' && LEVELS.has(level)) out[code.toUpperCase()] = level as Settings['severity'][string];
      else log(`wsgiGoal.severity.${code}: "${String(level)}" is not one of error, warning, information, hint, off; ignored`);
    }
  }
  return out;
}

async function withProgress(title: string, job: () => Promise<string[]>): Promise<void> {
  scanning++;
  let progress: WorkDoneProgressReporter | undefined;
  if (client.workDoneProgress) {
    try {
      progress = await connection.window.createWorkDoneProgress();
      progress.begin('WSGI Goal', undefined, title);
    } catch {
      progress = undefined;
    }
  } else {
    log(`${title}…`);
  }
  const t0 = Date.now();
  ws.progress = (done, total) => progress?.report(Math.round((100 * done) / total), `${done} of ${total} repos analysed`);
  try {
    await publish(await job());
  } finally {
    scanning--;
    ws.progress = undefined;
    progress?.done();
    log(`${title}: done in ${Date.now() - t0} ms`);
  }
  if (!scanning) void connection.sendNotification(StatusChangedNotification, { roots: [] });
}

async function publish(roots: string[]): Promise<void> {
  if (!client.watchesFiles) rearmWatcher();
  const devstackRoot = ws.devstackRoot();
  for (const root of roots) {
    for (const [uri, diagnostics] of book.update(root, ws.analysis(root), devstackRoot)) {
      await connection.sendDiagnostics({ uri, diagnostics });
    }
  }
  if (roots.length) await connection.sendNotification(StatusChangedNotification, { roots });
}

connection.onDidChangeConfiguration(async () => {
  await withProgress('Re-reading settings', async () => ws.setSettings(await readSettings()));
});

connection.onDidChangeWatchedFiles((params) =>
  fileEvents(
    params.changes.map((c) => ({
      path: toPath(c.uri),
      kind: c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Deleted ? 'deleted' : 'changed',
    })),
  ),
);

// Disk events are gathered until they pause: a `git checkout` of hundreds of files (in many
// notifications, or one fs event each from the server's own watcher) re-analyses each repo once.
const diskEvents: { path: string; kind: FileEventKind }[] = [];
let diskTimer: NodeJS.Timeout | undefined;
const DISK_QUIET_MS = 50;
function fileEvents(events: { path: string; kind: FileEventKind }[]): void {
  // An open buffer is the truth for its file; the disk version only matters once it is closed.
  diskEvents.push(...events.filter((e) => e.kind !== 'changed' || !documents.get(URI.file(e.path).toString())));
  clearTimeout(diskTimer);
  diskTimer = setTimeout(() => {
    const batch = diskEvents.splice(0);
    if (batch.length) void ws.fileEvents(batch).then(publish);
  }, DISK_QUIET_MS);
}

function rearmWatcher(): void {
  const dirs: string[] = [];
  const files: string[] = [];
  for (const f of folders) dirs.push(f);
  for (const a of ws.allAnalyses()) {
    dirs.push(...foldersOf(a.model.root, a.model.files, a.model.pkg));
    files.push(...a.model.files.map((f) => path.join(a.model.root, f)));
  }
  watcher.set(dirs, files);
}

// An edit is analysed as soon as the engine is free; edits that arrive meanwhile are folded into
// one more analysis of each buffer's latest text, so fast typing never queues one analysis per key.
const edited = new Set<string>();
let draining = false;
/** The version of each open buffer the engine last read: quick-fix edits are valid for that one only. */
const analysedVersion = new Map<string, number>();
function bufferChanged(doc: TextDocument): void {
  edited.add(doc.uri);
  if (!draining) {
    draining = true;
    // After the current turn: the changes of one notification batch become one analysis.
    setImmediate(() => void drain());
  }
}
async function drain(): Promise<void> {
  try {
    while (edited.size) {
      const uri = edited.values().next().value as string;
      edited.delete(uri);
      const current = documents.get(uri);
      if (!current) continue;
      const { version } = current;
      const file = toPath(uri);
      const roots = await ws.setBuffer(file, current.getText());
      // Only now does the analysis (and the fixes computed from it) reflect this version.
      if (documents.get(uri)) analysedVersion.set(uri, version);
      await publish(roots);
      await noteOversize(uri, file);
    }
  } finally {
    draining = false;
  }
}
documents.onDidOpen((e) => bufferChanged(e.document));
documents.onDidChangeContent((e) => bufferChanged(e.document));
documents.onDidClose(async (e) => {
  edited.delete(e.document.uri);
  analysedVersion.delete(e.document.uri);
  const file = toPath(e.document.uri);
  const wasOversize = ws.source.oversize.has(file);
  await publish(await ws.setBuffer(file, undefined));
  await noteOversize(e.document.uri, file);
  if (wasOversize) releaseMemory();
});

/** One information diagnostic on an open buffer over the size cap, saying it is not analysed. */
async function noteOversize(uri: string, file: string): Promise<void> {
  const length = documents.get(uri) && ws.source.oversize.get(file);
  const note: Diagnostic | undefined = length
    ? {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: 'wsgi-goal',
        message:
          `Not analysed: this buffer holds ${(length / 1024 / 1024).toFixed(1)} M characters, over the 1 MiB limit for a file; ` +
          'wsgi-goal reads the file as saved on disk until the buffer is under the limit again.',
      }
    : undefined;
  const now = book.note(uri, note);
  if (now) await connection.sendDiagnostics({ uri, diagnostics: now });
}

connection.onCodeAction((params) =>
  codeActions(
    ws,
    params,
    client.trusted ? client.createFiles : undefined,
    (uri) => (documents.get(uri) ? (analysedVersion.get(uri) ?? documents.get(uri)!.version) : null),
    client.confirmsEdits,
  ),
);

connection.onHover((params) => {
  const doc = documents.get(params.textDocument.uri);
  const file = toPath(params.textDocument.uri);
  return doc && isDevstackShellFile(file) ? devstackHover(doc.getText(), params.position) : undefined;
});

connection.onCompletion((params) => {
  const doc = documents.get(params.textDocument.uri);
  const file = toPath(params.textDocument.uri);
  return doc && isUwsgiIni(file, doc.getText()) ? uwsgiCompletions(doc.getText(), params.position) : [];
});

connection.onRequest(StatusRequest, (params) => {
  const report = ws.report(params?.folderUri ? toPath(params.folderUri) : undefined);
  return {
    report,
    goals: GOALS.map((g) => ({
      id: g.id,
      title: g.title,
      topic: g.topic,
      criteria: g.criteria.map((c) => ({ id: c.id, title: c.title, short: c.short })),
    })),
    scanning: scanning > 0,
    ruleFailures: ws.allAnalyses().flatMap((a) => a.ruleFailures.map((f) => ({ root: a.model.root, ...f }))),
    teams: teamsOf(report),
  };
});

const goalTeams = loadTeams();

/** Each repo's team record in the goal document (the sidebar shows it beside the verdict). */
function teamsOf(report: Report): Record<string, TeamInfo> {
  const out: Record<string, TeamInfo> = {};
  for (const r of report.repos) {
    const team = goalTeams.teamOf(r);
    const rec = team ? goalTeams.record(team) : undefined;
    if (rec) out[r.root] = { team: rec.team, january2017: rec.january2017, planning: rec.planning, completion: rec.completion };
  }
  return out;
}

/** Bad arguments are the caller's error: answered as InvalidParams with the sentence that says why. */
function valid<T>(p: Parsed<T>): T {
  if (!p.ok) {
    log(p.message);
    throw new ResponseError(ErrorCodes.InvalidParams, p.message);
  }
  return p.value;
}

connection.onExecuteCommand(async (params) => {
  switch (params.command) {
    case ServerCommand.exportReport: {
      const { goal } = valid(
        exportReportArgs(
          params.arguments,
          GOALS.map((g) => g.id),
        ),
      );
      return formatMarkdown(ws.report(), goal ?? DEFAULT_GOAL, goalTeams);
    }
    case ServerCommand.scaffold:
      return scaffold(valid(scaffoldArgs(params.arguments)));
    case ServerCommand.addReleaseNote:
      return addReleaseNote(
        valid(
          releaseNoteArgs(
            params.arguments,
            GOALS.map((g) => g.id),
          ),
        ),
      );
    case ServerCommand.deployUnderUwsgi:
      return deployUnderUwsgi(valid(deployArgs(params.arguments)));
    case ServerCommand.explain:
      return explain(valid(explainArgs(params.arguments)).code);
  }
  throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
});

/** Opens the bundled rule catalogue at the rule's heading (docs/rules.md ships beside dist/). */
async function explain(code: string): Promise<boolean> {
  const doc = path.join(__dirname, '..', 'docs', 'rules.md');
  let line: number;
  try {
    line = Math.max(
      0,
      fs
        .readFileSync(doc, 'utf8')
        .split('\n')
        .findIndex((l) => l.trim() === `## ${code}`),
    );
  } catch (e) {
    log(`explain ${code}: ${(e as Error).message}`);
    return false;
  }
  const range = { start: { line, character: 0 }, end: { line, character: 0 } };
  if (!client.showDocument) {
    notify(MessageType.Info, `${code}: see ${doc}, line ${line + 1}`);
    return false;
  }
  const res = await connection.window
    .showDocument({ uri: URI.file(doc).toString(), selection: range, takeFocus: true })
    .catch(() => ({ success: false }));
  return res.success;
}

async function scaffold(args: ScaffoldArgs): Promise<ScaffoldResult> {
  if (!client.trusted)
    return {
      status: 'failed',
      message: 'This workspace is not trusted, so nothing is scaffolded; the analysis still runs. Trust the workspace to create files.',
    };
  const analysis = ws.analysis(args.root);
  if (!analysis) return { status: 'failed', message: `${args.root} is not a repo the server knows` };
  if (!analysis.model.apiServices.some((s) => s.name === args.service))
    return { status: 'failed', message: `${args.service} is not an API service of ${analysis.model.name}` };
  const plan = planWsgiEntry(analysis.model, args.service, args.factory, (r) => ws.source.exists(path.join(args.root, r)));
  if (!plan.ok) {
    if (client.createFiles === 'server') notify(MessageType.Warning, plan.reason);
    return plan.needsFactory ? { status: 'needsFactory', message: plan.reason } : { status: 'failed', message: plan.reason };
  }
  return createPlanned(args.root, plan.files, `Scaffold WSGI entry point for ${args.service}`);
}

/**
 * New files, never over existing ones, through the guard: as a WorkspaceEdit the editor applies, or
 * written by the server for clients that cannot create files; the last file is shown.
 */
async function createPlanned(root: string, files: PlannedFile[], label: string): Promise<ScaffoldResult> {
  if (client.createFiles === 'server') {
    const res = createOnDisk(root, files);
    if (!res.ok) {
      notify(MessageType.Warning, res.message);
      return { status: 'failed', message: res.message };
    }
    for (const f of res.files) await publish(await ws.fileEvent(f, 'created'));
    const main = res.files[res.files.length - 1];
    if (client.showDocument) {
      await connection.window
        .showDocument({ uri: URI.file(main).toString(), takeFocus: true })
        .catch((e) => log(`showDocument failed: ${e}`));
    } else {
      // Clients that drop executeCommand results (Neovim 0.7) still tell the user what happened.
      notify(MessageType.Info, `Created ${res.files.map((f) => path.relative(root, f)).join(', ')}`);
    }
    return { status: 'applied', files: res.files };
  }
  const edit = createFilesEdit(root, files);
  if (!edit.ok) return { status: 'failed', message: edit.message };
  const res = await connection.workspace.applyEdit({ label, edit: edit.edit });
  if (!res.applied)
    return { status: 'failed', message: `the editor did not apply the edit${res.failureReason ? ': ' + res.failureReason : ''}` };
  return { status: 'applied', files: files.map((f) => path.join(root, f.rel)) };
}

async function addReleaseNote(args: ReleaseNoteArgs): Promise<ScaffoldResult> {
  if (!client.trusted)
    return {
      status: 'failed',
      message: 'This workspace is not trusted, so no file is created. Trust the workspace to add a release note.',
    };
  const repo = ws.report().repos.find((r) => r.root === args.root);
  if (!repo) return { status: 'failed', message: `${args.root} is not a repo the server knows` };
  // reno's own naming: a slug and 16 hex digits of a random UUID.
  const plan = planReleaseNote(repo, args.goal ?? DEFAULT_GOAL, randomBytes(8).toString('hex'));
  if (!plan.ok) return { status: 'failed', message: plan.message };
  return createPlanned(args.root, plan.files, `Add a release note for ${args.goal ?? DEFAULT_GOAL}`);
}

/**
 * Plans the devstack change from the plugin as it is now; with dryRun says which files it touches,
 * else applies it as one edit (new files first, through the guard).
 */
async function deployUnderUwsgi(args: DeployArgs): Promise<DeployResult> {
  if (!client.trusted)
    return {
      status: 'failed',
      message: 'This workspace is not trusted, so nothing is changed; the analysis still runs. Trust the workspace to apply fixes.',
    };
  const model = await ws.freshModel(args.root);
  if (!model) return { status: 'failed', message: `${args.root} is not a repo the server knows` };
  const statuses = serviceStatuses(model);
  const status = statuses.find((s) => s.service.name === args.service);
  if (!status) return { status: 'failed', message: `${args.service} is not an API service of ${model.name}` };
  const plan = planDeployUnderUwsgi({ model, statuses }, status, (r) => ws.source.exists(path.join(args.root, r)));
  if (!plan.ok) return { status: 'failed', message: plan.reason };
  const { fix } = plan;
  const files = [
    ...fix.create.map((c) => ({ path: path.join(args.root, c.rel), action: 'create' as const })),
    ...[...new Set(fix.edits.map((e) => e.file))].map((f) => ({ path: path.join(args.root, f), action: 'edit' as const })),
  ];
  if (args.dryRun) return { status: 'planned', title: fix.title, files };
  if (client.createFiles === 'server' && fix.create.length) {
    const made = createOnDisk(args.root, fix.create);
    if (!made.ok) return { status: 'failed', message: made.message };
    for (const f of made.files) await publish(await ws.fileEvent(f, 'created'));
  }
  const edit = changeEdit(args.root, client.createFiles === 'server' ? { ...fix, create: [] } : fix, () => null, false);
  if (!edit) return { status: 'failed', message: 'the new files were refused by the guard' };
  const res = await connection.workspace.applyEdit({ label: fix.title, edit });
  if (!res.applied)
    return { status: 'failed', message: `the editor did not apply the edit${res.failureReason ? ': ' + res.failureReason : ''}` };
  return { status: 'applied', files: files.map((f) => f.path) };
}

connection.onShutdown(() => watcher.dispose());

documents.listen(connection);
connection.listen();
