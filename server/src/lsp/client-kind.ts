// What the connected editor can be trusted with, decided once from initialize.
import { InitializeParams } from 'vscode-languageserver';

export interface ClientKind {
  /** Create files through WorkspaceEdit CreateFile (VS Code), or on the server (see create-on-disk.ts). */
  createFiles: 'edit' | 'server';
  watchesFiles: boolean;
  showDocument: boolean;
  workDoneProgress: boolean;
  configuration: boolean;
  folderEvents: boolean;
  /** Shows an edit marked needsConfirmation for review before applying it (VS Code's refactor preview). */
  confirmsEdits: boolean;
  /**
   * False when the client says the workspace is untrusted (`initializationOptions.workspaceTrusted`):
   * the repo's names then decide nothing that is written, so no file is created. Clients that do not
   * say are trusted, as they trust the folder they opened.
   */
  trusted: boolean;
}

// Neovim advertises create/rename/delete but its create_file truncates an existing file unless
// ignoreIfExists is set, and fails when the parent folder is missing; Helix's create_path writes an
// empty file over an existing one whatever `overwrite` says.
const MISHANDLES_CREATE = /^(neovim|nvim|helix)\b/i;

export function clientKind(params: InitializeParams): ClientKind {
  const ws = params.capabilities.workspace;
  const ops = ws?.workspaceEdit?.resourceOperations ?? [];
  const editCreates = !!ws?.applyEdit && !!ws.workspaceEdit?.documentChanges && ops.includes('create');
  return {
    createFiles: editCreates && !MISHANDLES_CREATE.test(params.clientInfo?.name ?? '') ? 'edit' : 'server',
    watchesFiles: !!ws?.didChangeWatchedFiles?.dynamicRegistration,
    showDocument: !!params.capabilities.window?.showDocument?.support,
    workDoneProgress: !!params.capabilities.window?.workDoneProgress,
    configuration: !!ws?.configuration,
    folderEvents: !!ws?.workspaceFolders,
    confirmsEdits: !!ws?.workspaceEdit?.changeAnnotationSupport,
    trusted: (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false,
  };
}
