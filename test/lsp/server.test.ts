import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  DidOpenTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  CodeActionRequest,
  CodeAction,
  ExecuteCommandRequest,
  DidCloseTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidChangeWorkspaceFoldersNotification,
} from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf } from '../helpers/lsp-client';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { copyOf, lineOf, workspaceOf } from '../helpers/fixtures';
import { ServerCommand, StatusRequest } from '../../server/src/protocol';

test('diagnostics without opening setup.cfg, the quick fix applied, clean before saving', async () => {
  const root = copyOf('paste-console-script-standalone');
  const cfg = path.join(root, 'setup.cfg');
  const client = await TestClient.start([root]);
  try {
    await client.until('WSGI101 on setup.cfg', () => client.codes(cfg).includes('WSGI101'));
    const diag = client.diagnostics.get(uriOf(cfg))!.find((d) => d.code === 'WSGI101')!;
    const text = fs.readFileSync(cfg, 'utf8');
    assert.equal(diag.range.start.line, lineOf(text, 'designate-api ='));
    assert.equal(diag.source, 'wsgi-goal');

    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(cfg), languageId: 'properties', version: 1, text },
    });
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(cfg) },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Scaffold WSGI entry point for designate-api');
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind, 'quickfix');
    const creates = (fix.edit.documentChanges ?? []).filter((c) => 'kind' in c && c.kind === 'create') as {
      uri: string;
      options?: { overwrite?: boolean };
    }[];
    assert.deepEqual(
      creates.map((c) => path.relative(root, new URL(c.uri).pathname)),
      ['designate/wsgi/__init__.py', 'designate/wsgi/api.py'],
    );
    assert.ok(creates.every((c) => c.options?.overwrite === false));

    const applied = applyWorkspaceEdit(fix.edit, (f) => fs.readFileSync(f, 'utf8'));
    const apiPy = path.join(root, 'designate', 'wsgi', 'api.py');
    assert.match(applied.buffers.get(apiPy)!, /^application = init_application\(\)$/m);
    assert.doesNotMatch(
      applied.buffers.get(apiPy)!,
      /threading|_lock/,
      'no lock idiom: the import lock already serialises the first import',
    );
    // As VS Code: the created files are announced, and the edited one is an open, unsaved buffer.
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: applied.created.map((f) => ({ uri: uriOf(f), type: FileChangeType.Created as FileChangeType })),
    });
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(apiPy), languageId: 'python', version: 1, text: applied.buffers.get(apiPy)! },
    });
    await client.until('setup.cfg clean', () => client.diagnostics.has(uriOf(cfg)) && client.codes(cfg).length === 0);
    assert.equal(fs.readFileSync(apiPy, 'utf8'), '', 'the module text is not on disk: the buffer alone cleared the diagnostic');

    // Closing the unsaved buffer leaves an empty file on disk: the problem is back.
    await client.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(apiPy) } });
    await client.until('WSGI101 back after closing the unsaved buffer', () => client.codes(cfg).includes('WSGI101'));
  } finally {
    await client.stop();
  }
});

test('typing in setup.cfg updates the diagnostics of the open buffer', async () => {
  const root = copyOf('paste-console-script-standalone');
  const cfg = path.join(root, 'setup.cfg');
  const client = await TestClient.start([root]);
  try {
    await client.until('WSGI101', () => client.codes(cfg).includes('WSGI101'));
    const text = fs.readFileSync(cfg, 'utf8');
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(cfg), languageId: 'properties', version: 1, text },
    });
    const line = lineOf(text, 'designate-api =');
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf(cfg), version: 2 },
      contentChanges: [
        { range: { start: { line, character: 4 }, end: { line, character: 4 + 'designate-api'.length } }, text: 'designate-central2' },
      ],
    });
    await client.until(
      'no WSGI101 once the API script is renamed',
      () => client.diagnostics.has(uriOf(cfg)) && !client.codes(cfg).includes('WSGI101'),
    );
    assert.equal(fs.readFileSync(cfg, 'utf8'), text, 'the disk was not touched');
  } finally {
    await client.stop();
  }
});

test('status request and the scaffold command through workspace/applyEdit; never over an existing file', async () => {
  const ws = workspaceOf({ designate: 'paste-console-script-standalone', watcher: 'module-path-2025' });
  const client = await TestClient.start([ws]);
  try {
    const cfg = path.join(ws, 'designate', 'setup.cfg');
    await client.until('WSGI101', () => client.codes(cfg).includes('WSGI101'));
    const status = await client.conn.sendRequest(StatusRequest, {});
    assert.deepEqual(
      status.report.repos.map((r) => [r.name, r.criteria.wsgiScripts.met, r.criteria.devstackUwsgi.mode]),
      [
        ['designate', false, 'standalone'],
        ['watcher', true, 'uwsgi'],
      ],
    );
    assert.ok(status.goals.some((g) => g.id === 'deploy-api-in-wsgi'));
    // Each repo's team in the goal document, from its January 2017 review to its artifacts.
    assert.deepEqual(status.teams[path.join(ws, 'designate')], {
      team: 'designate',
      january2017: 'not-supported',
      planning: [],
      completion: [],
    });
    assert.deepEqual(status.teams[path.join(ws, 'watcher')].completion, ['https://review.opendev.org/#/c/450740/']);
    assert.ok(client.registrations.some((r) => (r as { method: string }).method === 'workspace/didChangeWatchedFiles'));

    let edits = 0;
    client.applyEdit = async (p) => {
      edits++;
      const a = applyWorkspaceEdit(p.edit, (f) => fs.readFileSync(f, 'utf8'));
      for (const [f, t] of a.buffers) fs.writeFileSync(f, t);
      await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: a.created.map((f) => ({ uri: uriOf(f), type: FileChangeType.Created as FileChangeType })),
      });
      return { applied: true };
    };
    const root = path.join(ws, 'designate');
    const res = await client.conn.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommand.scaffold,
      arguments: [{ root, service: 'designate-api' }],
    });
    assert.deepEqual(res, {
      status: 'applied',
      files: [path.join(root, 'designate/wsgi/__init__.py'), path.join(root, 'designate/wsgi/api.py')],
    });
    await client.until('clean after the command', () => client.codes(cfg).length === 0);
    const again = await client.conn.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommand.scaffold,
      arguments: [{ root, service: 'designate-api' }],
    });
    assert.deepEqual(again, { status: 'failed', message: 'designate/wsgi/api.py already exists; it is never overwritten.' });
    assert.equal(edits, 1);
    const md = await client.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommand.exportReport, arguments: [] });
    assert.match(String(md), /^## designate\n/m);
    assert.match(
      String(md),
      /^\| designate \| partly met \| designate-api \| yes<br>`designate\/wsgi\/api\.py:\d+` \| no<br>.* \| `standalone` \|$/m,
    );
  } finally {
    await client.stop();
  }
});

test('folders added and removed, and a deleted file, update what is published', async () => {
  const ws = workspaceOf({ designate: 'paste-console-script-standalone', kuryr: 'no-factory-no-paste' });
  const designate = path.join(ws, 'designate');
  const kuryr = path.join(ws, 'kuryr');
  const client = await TestClient.start([designate]);
  try {
    const cfg = path.join(designate, 'setup.cfg');
    const kcfg = path.join(kuryr, 'setup.cfg');
    await client.until('WSGI101 in designate', () => client.codes(cfg).includes('WSGI101'));
    await client.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: uriOf(kuryr), name: 'kuryr' }], removed: [{ uri: uriOf(designate), name: 'designate' }] },
    });
    await client.until('kuryr checked, designate cleared', () => client.codes(kcfg).includes('WSGI101') && client.codes(cfg).length === 0);

    fs.rmSync(kcfg);
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(kcfg), type: FileChangeType.Deleted as FileChangeType }],
    });
    await client.until('diagnostics of the deleted setup.cfg cleared', () => client.codes(kcfg).length === 0);
    const status = await client.conn.sendRequest(StatusRequest, {});
    assert.deepEqual(status.report.repos, []);
  } finally {
    await client.stop();
  }
});

const NEOVIM_LIKE = {
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    workspaceFolders: true,
    configuration: true,
  },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
  window: { showDocument: { support: true } },
} as const;

test('a client that mishandles CreateFile gets a server command that creates the files exclusively', async () => {
  const root = copyOf('paste-console-script-standalone');
  const cfg = path.join(root, 'setup.cfg');
  const client = await TestClient.start([root], NEOVIM_LIKE as never, 'Neovim');
  const shown: string[] = [];
  const selections: number[] = [];
  client.conn.onRequest('window/showDocument', (p: { uri: string; selection?: { start: { line: number } } }) => {
    shown.push(p.uri);
    if (p.selection) selections.push(p.selection.start.line);
    return { success: true };
  });
  try {
    await client.until('WSGI101', () => client.codes(cfg).includes('WSGI101'));
    assert.deepEqual(client.registrations, [], 'no watcher registration for a client without dynamic registration');
    const diag = client.diagnostics.get(uriOf(cfg))!.find((d) => d.code === 'WSGI101')!;
    const [action, explain] = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(cfg) },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as CodeAction[];
    assert.equal(explain.title, 'Explain WSGI101');
    assert.equal(
      await client.conn.sendRequest(ExecuteCommandRequest.type, {
        command: explain.command!.command,
        arguments: explain.command!.arguments,
      }),
      true,
    );
    assert.ok(shown.shift()?.endsWith('/docs/rules.md'), 'the rule catalogue bundled beside dist/ was shown');
    const catalogue = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'rules.md'), 'utf8');
    assert.equal(selections[0], lineOf(catalogue, '## WSGI101'));
    assert.equal(action.edit, undefined);
    assert.equal(action.command?.command, ServerCommand.scaffold);
    const res = await client.conn.sendRequest(ExecuteCommandRequest.type, {
      command: action.command!.command,
      arguments: action.command!.arguments,
    });
    const apiPy = path.join(root, 'designate', 'wsgi', 'api.py');
    assert.equal((res as { status: string }).status, 'applied');
    assert.match(fs.readFileSync(apiPy, 'utf8'), /^application = init_application\(\)$/m);
    assert.equal(fs.readFileSync(path.join(root, 'designate', 'wsgi', '__init__.py'), 'utf8'), '');
    await client.until('clean after server-side creation', () => client.codes(cfg).length === 0);
    assert.deepEqual(shown, [uriOf(apiPy)]);

    // The server watches the folders itself: removing the module on disk brings the problem back.
    fs.rmSync(apiPy);
    await client.until('WSGI101 back after the module is deleted on disk', () => client.codes(cfg).includes('WSGI101'));
    fs.writeFileSync(apiPy, '# the user wrote this first\n');
    const again = await client.conn.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommand.scaffold,
      arguments: [{ root, service: 'designate-api' }],
    });
    assert.equal((again as { status: string }).status, 'failed');
    assert.equal(fs.readFileSync(apiPy, 'utf8'), '# the user wrote this first\n');
  } finally {
    await client.stop();
  }
});

test('Add release note: reno-named YAML with features (and upgrade once devstack runs uwsgi), never over a file; refused without a WSGI module', async () => {
  const ws = workspaceOf({
    designate: 'paste-console-script-standalone',
    watcher: 'module-path-2025',
    keystone: 'wsgi-scripts-alongside-module',
  });
  const client = await TestClient.start([ws]);
  try {
    await client.until(
      'all three analysed',
      () =>
        client.codes(path.join(ws, 'designate', 'setup.cfg')).includes('WSGI101') &&
        client.codes(path.join(ws, 'keystone', 'pyproject.toml')).includes('WSGI102'),
    );
    client.applyEdit = async (p) => {
      const a = applyWorkspaceEdit(p.edit, (f) => fs.readFileSync(f, 'utf8'));
      for (const [f, t] of a.buffers) fs.writeFileSync(f, t);
      return { applied: true };
    };
    const add = (root: string, goal?: string) =>
      client.conn.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommand.addReleaseNote,
        arguments: [{ root: path.join(ws, root), ...(goal ? { goal } : {}) }],
      }) as Promise<{ status: string; files?: string[]; message?: string }>;

    const watcher = await add('watcher');
    assert.equal(watcher.status, 'applied', JSON.stringify(watcher));
    const note = watcher.files![0];
    assert.match(path.relative(path.join(ws, 'watcher'), note), /^releasenotes\/notes\/deploy-api-in-wsgi-[0-9a-f]{16}\.yaml$/);
    const text = fs.readFileSync(note, 'utf8');
    assert.match(
      text,
      /^---\nfeatures:\n {2}- \|\n {4}The API service \(watcher-api\) can be hosted by any WSGI server from\n {4}``watcher\.wsgi\.api:application``/,
    );
    assert.match(text, /^upgrade:\n {2}- \|\n {4}DevStack now runs watcher-api under uwsgi with Apache/m);
    // A second note gets its own name: reno notes are never overwritten.
    const again = await add('watcher');
    assert.notEqual(again.files![0], note);

    const migrate = await add('keystone', 'migrate-from-wsgi-scripts-to-module-paths');
    assert.equal(migrate.status, 'applied', JSON.stringify(migrate));
    assert.match(migrate.files![0], /remove-wsgi-scripts-[0-9a-f]{16}\.yaml$/);
    const flat = fs.readFileSync(migrate.files![0], 'utf8').replace(/\n {4}/g, ' ');
    assert.match(
      flat,
      /^upgrade:\n {2}- \| The pbr ``wsgi_scripts`` \(keystone\.server\.wsgi:initialize_admin_application, keystone\.server\.wsgi:initialize_public_application\) are no longer installed: point WSGI servers at ``keystone\.wsgi\.api:application`` instead\.$/m,
    );

    const none = await add('designate');
    assert.equal(none.status, 'failed');
    assert.match(none.message!, /no WSGI module yet: run "Scaffold WSGI Entry Point…" first/);
    await assert.rejects(
      client.conn.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommand.addReleaseNote,
        arguments: [{ root: ws, goal: 'nope' }],
      }),
      /goal must be one of deploy-api-in-wsgi, migrate-from-wsgi-scripts-to-module-paths/,
    );
  } finally {
    await client.stop();
  }
});

test('a deleted folder, reported as one event, takes its repo and its diagnostics with it', async () => {
  const ws = workspaceOf({ designate: 'paste-console-script-standalone', watcher: 'module-path-2025' });
  const client = await TestClient.start([ws]);
  try {
    const cfg = path.join(ws, 'designate', 'setup.cfg');
    await client.until('WSGI101 on designate', () => client.codes(cfg).includes('WSGI101'));
    fs.rmSync(path.join(ws, 'designate'), { recursive: true });
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(path.join(ws, 'designate')), type: FileChangeType.Deleted as FileChangeType }],
    });
    await client.until('designate diagnostics cleared', () => client.codes(cfg).length === 0);
    const status = await client.conn.sendRequest(StatusRequest, {});
    assert.deepEqual(
      status.report.repos.map((r) => r.name),
      ['watcher'],
    );
    // The watch the server asks for includes deletions of anything, folders among them.
    assert.ok(
      client.registrations.some((r) => JSON.stringify(r).includes('"kind":4')),
      JSON.stringify(client.registrations),
    );
  } finally {
    await client.stop();
  }
});
