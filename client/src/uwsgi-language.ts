// VS Code picks a language by file name before firstLine, and the built-in "ini" claims every
// .ini file: an .ini whose first line is [uwsgi] is switched to uwsgi-ini when it opens.
import * as vscode from 'vscode';

function firstLine(doc: vscode.TextDocument): string {
  for (let i = 0; i < Math.min(doc.lineCount, 50); i++) {
    const t = doc.lineAt(i).text.trim();
    if (t && !t.startsWith('#') && !t.startsWith(';')) return t;
  }
  return '';
}

async function maybeSwitch(doc: vscode.TextDocument): Promise<void> {
  if ((doc.languageId === 'ini' || doc.languageId === 'properties') && doc.uri.path.endsWith('.ini') && firstLine(doc) === '[uwsgi]') {
    await vscode.languages.setTextDocumentLanguage(doc, 'uwsgi-ini');
  }
}

export function switchUwsgiIniFiles(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => void maybeSwitch(d)));
  for (const d of vscode.workspace.textDocuments) void maybeSwitch(d);
}
