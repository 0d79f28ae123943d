// A repo that tries to make the scaffold write outside it, or a client that sends nonsense:
// over a real LSP connection, both creation paths (WorkspaceEdit and server-side) refuse.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CodeAction, CodeActionRequest, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf } from '../helpers/lsp-client';
import { copyOf, tempDir } from '../helpers/fixtures';
import { ServerCommand } from '../../server/src/protocol';

const NEOVIM_LIKE = { workspace: { workspaceEdit: { documentChanges: true } }, textDocument: { codeAction: {} } };

function filesUnder(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String) : [];
}

async function actionsFor(client: TestClient, file: string, code: string): Promise<CodeAction[]> {
  await client.until(code, () => client.codes(file).includes(code));
  const out: CodeAction[] = [];
  for (const d of client.diagnostics.get(uriOf(file))!.filter((x) => x.code === code)) {
    out.push(
      ...((await client.conn.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: uriOf(file) },
        range: d.range,
        context: { diagnostics: [d] },
      })) as CodeAction[]),
    );
  }
  return out;
}

test('a service named with ../ gets no CreateFile outside the repo, from the quick fix or the command', async () => {
  const root = copyOf('paste-console-script-standalone');
  const cfg = path.join(root, 'setup.cfg');
  fs.writeFileSync(
    cfg,
    fs.readFileSync(cfg, 'utf8').replace('designate-api = designate.cmd.api:main', 'designate-api-../../../../x = designate.cmd.api:main'),
  );
  for (const [caps, name] of [
    [undefined, 'Visual Studio Code'],
    [NEOVIM_LIKE, 'Neovim'],
  ] as const) {
    const client = await TestClient.start([root], caps as never, name);
    try {
      const actions = await actionsFor(client, cfg, 'WSGI101');
      const creates = actions.flatMap((a) => (a.edit?.documentChanges ?? []).filter((c) => 'kind' in c && c.kind === 'create'));
      assert.deepEqual(creates, [], `${name}: no CreateFile offered`);
      assert.ok(!actions.some((a) => a.command?.command === ServerCommand.scaffold), `${name}: no scaffold command offered`);
      const res = await client.conn.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommand.scaffold,
        arguments: [{ root, service: 'designate-api-../../../../x' }],
      });
      assert.equal((res as { status: string }).status, 'failed');
      assert.match((res as { message: string }).message, /is not a console-script name/);
    } finally {
      await client.stop();
    }
  }
  assert.deepEqual(filesUnder(path.join(root, 'designate', 'wsgi')), []);
});

test('a wsgi/ folder symlinked out of the repo: both creation paths refuse and nothing is written outside', async () => {
  const root = copyOf('paste-console-script-standalone');
  const outside = tempDir('wsgi-goal-outside-');
  fs.symlinkSync(outside, path.join(root, 'designate', 'wsgi'));
  const cfg = path.join(root, 'setup.cfg');
  for (const [caps, name] of [
    [undefined, 'Visual Studio Code'],
    [NEOVIM_LIKE, 'Neovim'],
  ] as const) {
    const client = await TestClient.start([root], caps as never, name);
    client.applyEdit = async () => assert.fail('no edit may reach the editor');
    try {
      const actions = await actionsFor(client, cfg, 'WSGI101');
      assert.ok(!actions.some((a) => createsFiles(a) || a.command?.command === ServerCommand.scaffold), `${name}: no scaffold fix offered`);
      const res = (await client.conn.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommand.scaffold,
        arguments: [{ root, service: 'designate-api' }],
      })) as { status: string; message: string };
      assert.equal(res.status, 'failed', name);
      assert.match(res.message, /outside the repo .*; nothing was written/, name);
    } finally {
      await client.stop();
    }
  }
  assert.deepEqual(filesUnder(outside), [], 'nothing written through the symlink');
});

test('command arguments of the wrong shape are answered with a sentence, not a stack trace', async () => {
  const root = copyOf('paste-console-script-standalone');
  const client = await TestClient.start([root]);
  try {
    await client.until('WSGI101', () => client.codes(path.join(root, 'setup.cfg')).includes('WSGI101'));
    const cases: [string, unknown[], RegExp][] = [
      [ServerCommand.scaffold, [{ root, service: 'designate-api', factory: 123 }], /factory must be a string, module:function; got number/],
      [ServerCommand.scaffold, [{ root: 'relative/x', service: 'designate-api' }], /root must be the repo's absolute path/],
      [ServerCommand.scaffold, ['designate-api'], /takes one argument \{ root, service, factory\? \}; got string/],
      [ServerCommand.exportReport, [42], /the goal must be one of deploy-api-in-wsgi/],
      [ServerCommand.explain, [{}], /must be a rule code such as WSGI101; got object/],
    ];
    for (const [command, args, message] of cases) {
      await assert.rejects(
        client.conn.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }),
        (e: Error & { code?: number }) => {
          assert.equal(e.code, -32602, 'InvalidParams');
          assert.match(e.message, message);
          assert.doesNotMatch(e.message, /\n\s+at /, 'no stack trace');
          return true;
        },
      );
    }
  } finally {
    await client.stop();
  }
});

test('an untrusted workspace is analysed, but neither the quick fix nor the command creates a file', async () => {
  const root = copyOf('paste-console-script-standalone');
  const cfg = path.join(root, 'setup.cfg');
  for (const [caps, name] of [
    [undefined, 'Visual Studio Code'],
    [NEOVIM_LIKE, 'Neovim'],
  ] as const) {
    const client = await TestClient.start([root], caps as never, name, { workspaceTrusted: false });
    client.applyEdit = async () => assert.fail('no edit may reach the editor');
    try {
      const actions = await actionsFor(client, cfg, 'WSGI101');
      assert.ok(
        actions.some((a) => a.title === 'Explain WSGI101'),
        `${name}: the explanation is still offered: ${actions.map((a) => a.title).join(', ')}`,
      );
      assert.ok(!actions.some((a) => createsFiles(a) || a.command?.command === ServerCommand.scaffold), `${name}: no scaffold fix offered`);
      const res = (await client.conn.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommand.scaffold,
        arguments: [{ root, service: 'designate-api' }],
      })) as { status: string; message: string };
      assert.equal(res.status, 'failed');
      assert.match(res.message, /not trusted, so nothing is scaffolded/);
    } finally {
      await client.stop();
    }
  }
  assert.deepEqual(filesUnder(path.join(root, 'designate', 'wsgi')), []);

  // The same repo in a trusted workspace gets the fix: the refusal above is the trust, not the repo.
  const trusted = await TestClient.start([root], undefined, 'Visual Studio Code', { workspaceTrusted: true });
  try {
    assert.ok((await actionsFor(trusted, cfg, 'WSGI101')).some((a) => a.edit));
  } finally {
    await trusted.stop();
  }
});

/** A code action whose edit creates a file (a scaffold); text edits of open files (Disable …) are not. */
function createsFiles(a: CodeAction): boolean {
  return !!a.edit?.documentChanges?.some((c) => 'kind' in c && c.kind === 'create');
}
