// The language status item: is the server running, did it crash, did a rule fail. Routine events
// show here and nowhere else; only the crash loop that stops the server raises a message.
import * as vscode from 'vscode';
import { ClientCommand, StatusResult } from '../../server/src/protocol';

export type ServerState =
  | { kind: 'starting' }
  | { kind: 'running'; repos: number; ruleFailures: StatusResult['ruleFailures']; scanning?: boolean }
  | { kind: 'restarting'; delayMs: number }
  | { kind: 'stopped' };

/** What the item shows, as plain data: the integration tests read it through the extension's API. */
export interface ServerStatusView {
  state: ServerState['kind'];
  text: string;
  detail: string;
  severity: 'information' | 'warning' | 'error';
  command?: string;
  /** Crashes since the last start the user asked for. */
  crashes: number;
  /** A scan is under way: the item spins. */
  busy?: boolean;
}

export function viewOf(state: ServerState, crashes: number): ServerStatusView {
  const since = crashes ? ` · restarted after ${crashes === 1 ? 'a crash' : `${crashes} crashes`}` : '';
  switch (state.kind) {
    case 'starting':
      return { state: state.kind, text: 'WSGI Goal: starting', detail: 'Reading the workspace', severity: 'information', crashes };
    case 'running': {
      const failures = state.ruleFailures;
      const repos = `${state.repos} repo${state.repos === 1 ? '' : 's'}`;
      if (failures.length) {
        const codes = [...new Set(failures.map((f) => f.code))].join(', ');
        return {
          state: state.kind,
          text: 'WSGI Goal: rule failed',
          detail: `${codes} failed on ${failures.length} repo${failures.length === 1 ? '' : 's'}; the other rules still report (${repos}${since})`,
          severity: 'warning',
          command: ClientCommand.showOutput,
          crashes,
        };
      }
      if (state.scanning)
        return {
          state: state.kind,
          text: 'WSGI Goal: scanning',
          detail: `${repos} analysed so far${since}`,
          severity: crashes ? 'warning' : 'information',
          command: ClientCommand.showOutput,
          crashes,
          busy: true,
        };
      return {
        state: state.kind,
        text: 'WSGI Goal',
        detail: `${repos} analysed${since}`,
        severity: crashes ? 'warning' : 'information',
        command: ClientCommand.showOutput,
        crashes,
      };
    }
    case 'restarting':
      return {
        state: state.kind,
        text: 'WSGI Goal: restarting',
        detail: `The server stopped unexpectedly (${crashes} time${crashes === 1 ? '' : 's'} in 3 minutes); restarting in ${state.delayMs / 1000} s`,
        severity: 'warning',
        command: ClientCommand.showOutput,
        crashes,
      };
    case 'stopped':
      return {
        state: state.kind,
        text: 'WSGI Goal: stopped',
        detail: `The server crashed ${crashes} times in 3 minutes and is no longer restarted`,
        severity: 'error',
        command: ClientCommand.restart,
        crashes,
      };
  }
}

const SEVERITY = {
  information: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
} as const;

export class ServerStatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private shown: ServerStatusView = viewOf({ kind: 'starting' }, 0);

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('wsgiGoal.server', selector);
    this.item.name = 'WSGI Goal server';
    this.show(this.shown);
  }

  get view(): ServerStatusView {
    return this.shown;
  }

  set(state: ServerState, crashes: number): void {
    this.show(viewOf(state, crashes));
  }

  private show(view: ServerStatusView): void {
    this.shown = view;
    this.item.text = view.text;
    this.item.detail = view.detail;
    this.item.severity = SEVERITY[view.severity];
    this.item.busy = !!view.busy || view.state === 'starting' || view.state === 'restarting';
    this.item.command = view.command
      ? { command: view.command, title: view.command === ClientCommand.restart ? 'Restart' : 'Show output' }
      : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
