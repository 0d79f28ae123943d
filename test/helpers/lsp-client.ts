// A real JSON-RPC client for dist/server.js over stdio, answering the server's requests the
// way VS Code does, and recording what the server publishes.
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import {
  createProtocolConnection,
  ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ConfigurationRequest,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  ApplyWorkspaceEditRequest,
  ApplyWorkspaceEditParams,
  ShutdownRequest,
  ExitNotification,
  ClientCapabilities,
  LogMessageNotification,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { ROOT } from './fixtures';

export const uriOf = (p: string) => URI.file(p).toString();

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams['diagnostics']>();
  readonly logs: string[] = [];
  readonly registrations: unknown[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  applyEdit: (p: ApplyWorkspaceEditParams) => Promise<{ applied: boolean; failureReason?: string }> = async () => ({
    applied: false,
    failureReason: 'no handler',
  });
  settings: unknown = {};

  private constructor(
    readonly conn: ProtocolConnection,
    readonly proc: ChildProcess,
  ) {
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.poke();
    });
    conn.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => this.settings));
    conn.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
    });
    conn.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    conn.onRequest(ApplyWorkspaceEditRequest.type, (p) => this.applyEdit(p));
  }

  static async start(
    folders: string[],
    caps: ClientCapabilities = VSCODE_LIKE,
    clientName = 'Visual Studio Code',
    initializationOptions?: unknown,
  ): Promise<TestClient> {
    const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new TestClient(conn, proc);
    conn.listen();
    await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: caps,
      clientInfo: { name: clientName },
      initializationOptions,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private poke(): void {
    this.waiters = this.waiters.filter((w) => {
      if (w.check()) {
        w.resolve();
        return false;
      }
      return true;
    });
  }

  /** Resolves when `check` holds after some notification, failing after `ms` with `what`. */
  until(what: string, check: () => boolean, ms = 20000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out after ${ms} ms waiting for ${what}\nserver log:\n${this.logs.join('\n')}`)),
        ms,
      );
      this.waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  codes(file: string): string[] {
    return (this.diagnostics.get(uriOf(file)) ?? []).map((d) => String(d.code));
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      /* the process may be gone already */
    }
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

export const VSCODE_LIKE: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'abort' },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } }, publishDiagnostics: {} },
  window: { workDoneProgress: true },
};
