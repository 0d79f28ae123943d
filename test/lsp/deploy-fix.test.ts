// "Deploy under uwsgi" over a real LSP connection: the quick fix as one reviewable edit, the command
// that plans first and applies after, and the verdict the status request gives once it is applied.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  CodeAction,
  CodeActionRequest,
  CreateFile,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  FileChangeType,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { StatusRequest, ServerCommand } from '../../server/src/protocol';
import { TestClient, uriOf, VSCODE_LIKE } from '../helpers/lsp-client';
import { workspaceOf } from '../helpers/fixtures';
import { applyWorkspaceEdit } from '../helpers/apply-edit';

const REVIEWS = {
  ...VSCODE_LIKE,
  workspace: {
    ...VSCODE_LIKE.workspace,
    workspaceEdit: { ...VSCODE_LIKE.workspace!.workspaceEdit, changeAnnotationSupport: { groupsOnLabel: true } },
  },
};

/** Writes an edit to disk, as VS Code would on save, and tells the server which files were created or changed. */
async function writeAndTell(client: TestClient, edit: WorkspaceEdit): Promise<void> {
  const a = applyWorkspaceEdit(edit, (f) => fs.readFileSync(f, 'utf8'));
  for (const [f, t] of a.buffers) fs.writeFileSync(f, t);
  await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
    changes: [...a.buffers.keys()].map((f) => ({
      uri: uriOf(f),
      type: (a.created.includes(f) ? FileChangeType.Created : FileChangeType.Changed) as FileChangeType,
    })),
  });
}

/** Applies every workspace/applyEdit the server sends; counts them. */
function applyToDisk(client: TestClient): { count: number } {
  const seen = { count: 0 };
  client.applyEdit = async (p) => {
    seen.count++;
    await writeAndTell(client, p.edit);
    return { applied: true };
  };
  return seen;
}

test('the WSGI201 quick fix is one edit across settings, plugin and the new entry module, marked for review', async () => {
  const ws = workspaceOf({ designate: 'paste-console-script-standalone' });
  const root = path.join(ws, 'designate');
  const plugin = path.join(root, 'devstack', 'plugin.sh');
  const client = await TestClient.start([ws], REVIEWS);
  try {
    await client.until('WSGI201 on plugin.sh', () => client.codes(plugin).includes('WSGI201'));
    const diag = client.diagnostics.get(uriOf(plugin))!.find((d) => d.code === 'WSGI201')!;
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(plugin) },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Deploy designate-api under uwsgi behind Apache in devstack');
    assert.ok(fix, actions.map((a) => a.title).join('\n'));
    assert.equal(fix.isPreferred, true);
    const parts = fix.edit!.documentChanges!;
    assert.deepEqual(
      parts.map((p) =>
        CreateFile.is(p)
          ? `create ${path.relative(root, new URL(p.uri).pathname)}`
          : `edit ${path.relative(root, new URL((p as TextDocumentEdit).textDocument.uri).pathname)}`,
      ),
      [
        'create designate/wsgi/__init__.py',
        'create designate/wsgi/api.py',
        'edit designate/wsgi/api.py',
        'edit devstack/settings',
        'edit devstack/plugin.sh',
      ],
    );
    // VS Code opens its refactor preview for an edit whose parts need confirmation.
    assert.equal(fix.edit!.changeAnnotations?.['wsgi-goal.change']?.needsConfirmation, true);
    assert.ok(parts.every((p) => (CreateFile.is(p) ? p.annotationId : (p as TextDocumentEdit).edits.every((e) => 'annotationId' in e))));

    // Without change-annotation support the same edit comes unannotated (applied directly).
    const plain = await TestClient.start([ws]);
    try {
      await plain.until('WSGI201 (plain client)', () => plain.codes(plugin).includes('WSGI201'));
      const again = (await plain.conn.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: uriOf(plugin) },
        range: diag.range,
        context: { diagnostics: [diag] },
      })) as CodeAction[];
      const f2 = again.find((a) => a.title === fix.title)!;
      assert.equal(f2.edit!.changeAnnotations, undefined);
      await writeAndTell(plain, f2.edit!);
      await plain.until('WSGI201 gone', () => !plain.codes(plugin).includes('WSGI201'));
      const status = await plain.conn.sendRequest(StatusRequest, {});
      const c = status.report.repos[0].criteria;
      assert.deepEqual([c.wsgiScripts.met, c.devstackUwsgi.met, c.devstackUwsgi.mode], [true, true, 'uwsgi']);
    } finally {
      await plain.stop();
    }
  } finally {
    await client.stop();
  }
});

test('the deploy command: a dry run lists the files, the run applies them, a second run refuses; untrusted changes nothing', async () => {
  const ws = workspaceOf({ designate: 'paste-console-script-standalone', watcher: 'module-path-2025' });
  const root = path.join(ws, 'designate');
  const plugin = path.join(root, 'devstack', 'plugin.sh');
  const before = fs.readFileSync(plugin, 'utf8');
  const untrusted = await TestClient.start([ws], VSCODE_LIKE, 'Visual Studio Code', { workspaceTrusted: false });
  try {
    await untrusted.until('WSGI201', () => untrusted.codes(plugin).includes('WSGI201'));
    const res = await untrusted.conn.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommand.deployUnderUwsgi,
      arguments: [{ root, service: 'designate-api' }],
    });
    assert.match((res as { message: string }).message, /not trusted, so nothing is changed/);
  } finally {
    await untrusted.stop();
  }
  assert.equal(fs.readFileSync(plugin, 'utf8'), before);

  const client = await TestClient.start([ws]);
  try {
    await client.until('WSGI201', () => client.codes(plugin).includes('WSGI201'));
    const seen = applyToDisk(client);
    const plan = await client.conn.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommand.deployUnderUwsgi,
      arguments: [{ root, service: 'designate-api', dryRun: true }],
    });
    assert.deepEqual(plan, {
      status: 'planned',
      title: 'Deploy designate-api under uwsgi behind Apache in devstack',
      files: [
        { path: path.join(root, 'designate/wsgi/__init__.py'), action: 'create' },
        { path: path.join(root, 'designate/wsgi/api.py'), action: 'create' },
        { path: path.join(root, 'devstack/settings'), action: 'edit' },
        { path: path.join(root, 'devstack/plugin.sh'), action: 'edit' },
      ],
    });
    assert.equal(seen.count, 0, 'a dry run sends no edit');
    assert.equal(fs.readFileSync(plugin, 'utf8'), before);
    const res = await client.conn.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommand.deployUnderUwsgi,
      arguments: [{ root, service: 'designate-api' }],
    });
    assert.equal((res as { status: string }).status, 'applied');
    assert.match(
      fs.readFileSync(plugin, 'utf8'),
      /run_process designate-api "\$\(which uwsgi\) --procname-prefix designate-api --ini \$DESIGNATE_UWSGI_CONF"/,
    );
    await client.until('WSGI201 gone after the command', () => !client.codes(plugin).includes('WSGI201'));
    const status = await client.conn.sendRequest(StatusRequest, {});
    assert.equal(status.report.repos.find((r) => r.name === 'designate')?.criteria.devstackUwsgi.met, true);
    const again = await client.conn.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommand.deployUnderUwsgi,
      arguments: [{ root, service: 'designate-api' }],
    });
    assert.deepEqual(again, { status: 'failed', message: 'designate-api is not moved to uwsgi: devstack already runs it under uwsgi.' });
    await assert.rejects(
      client.conn.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommand.deployUnderUwsgi,
        arguments: [{ root, service: 'x', dryRun: 'yes' }],
      }),
      /dryRun must be true or false; got string/,
    );
  } finally {
    await client.stop();
  }
});
