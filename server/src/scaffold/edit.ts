// Turns planned files into a WorkspaceEdit: CreateFile with overwrite:false (the client then
// refuses the whole edit if a file appeared meanwhile), then the new file's text. The paths are
// checked first, as for the server's own creation.
import * as path from 'path';
import { URI } from 'vscode-uri';
import { CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit, OptionalVersionedTextDocumentIdentifier } from 'vscode-languageserver';
import { PlannedFile } from './wsgi-entry';
import { guardFiles } from './guard';

export function createFilesEdit(root: string, files: PlannedFile[]): { ok: true; edit: WorkspaceEdit } | { ok: false; message: string } {
  const guarded = guardFiles(root, files);
  if (!guarded.ok) return guarded;
  const changes: (CreateFile | TextDocumentEdit)[] = [];
  for (const f of guarded.files) {
    const uri = URI.file(path.join(root, ...f.rel.split('/'))).toString();
    changes.push(CreateFile.create(uri, { overwrite: false, ignoreIfExists: false }));
    if (f.content) {
      changes.push(
        TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, null), [
          TextEdit.insert({ line: 0, character: 0 }, f.content),
        ]),
      );
    }
  }
  return { ok: true, edit: { documentChanges: changes } };
}
