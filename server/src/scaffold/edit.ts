// Turns planned files into a WorkspaceEdit: CreateFile with overwrite:false (the client then
// refuses the whole edit if a file appeared meanwhile), then the new file's text.
import * as path from 'path';
import { URI } from 'vscode-uri';
import { CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit, OptionalVersionedTextDocumentIdentifier } from 'vscode-languageserver';
import { PlannedFile } from './wsgi-entry';

export function createFilesEdit(root: string, files: PlannedFile[]): WorkspaceEdit {
  const changes: (CreateFile | TextDocumentEdit)[] = [];
  for (const f of files) {
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
  return { documentChanges: changes };
}
