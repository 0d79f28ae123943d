// What the server does with the buffers an editor sends: a fix is stamped with the version it was
// computed for, and a buffer over the size cap is reported as not analysed instead of parsed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import {
  CodeAction,
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf } from '../helpers/lsp-client';
import { copyOf, write } from '../helpers/fixtures';

const CONF = '[[local|localrc]]\nADMIN_PASSWORD=secret\nWSGI_MODE=mod_wsgi\n';

test('a fix asked for while edits are still being analysed carries the version it was computed for', async () => {
  const root = copyOf('module-path-2025');
  const conf = path.join(root, 'devstack', 'local.conf.sample');
  write(root, 'devstack/local.conf.sample', CONF);
  const uri = uriOf(conf);
  const client = await TestClient.start([root]);
  const wsgi301 = () => client.diagnostics.get(uri)?.find((d) => d.code === 'WSGI301');
  // Version v has v - 1 comment lines above the localrc section: its WSGI_MODE line is line v + 1.
  const text = (v: number) => '# edit\n'.repeat(v - 1) + CONF;
  // Asked over the whole buffer, as the line of the finding moves with every edit.
  const fixOf = async () => {
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const edit = actions.find((a) => a.title === 'Set WSGI_MODE to uwsgi')!.edit!.documentChanges![0] as TextDocumentEdit;
    return { version: edit.textDocument.version, line: edit.edits[0].range.start.line };
  };
  try {
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'devstack-local-conf', version: 1, text: CONF },
    });
    await client.until('WSGI301 on line 3 (version 1 analysed)', () => wsgi301()?.range.start.line === 2);
    assert.deepEqual(await fixOf(), { version: 1, line: 2 });
    // Typing fast: each change is followed at once by a code action request, so most requests reach the
    // server while an analysis of an older version is under way. Whatever version a fix was computed
    // for, it carries that version, so the editor applies it only to that text.
    const fixes: ReturnType<typeof fixOf>[] = [];
    for (let v = 2; v <= 30; v++) {
      void client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: v },
        contentChanges: [{ text: text(v) }],
      });
      fixes.push(fixOf());
    }
    for (const f of await Promise.all(fixes))
      assert.equal(f.line, (f.version ?? 0) + 1, `a fix for line ${f.line + 1} stamped with version ${f.version}`);
    await client.until('WSGI301 on line 32 (version 30 analysed)', () => wsgi301()?.range.start.line === 31);
    assert.deepEqual(await fixOf(), { version: 30, line: 31 });
  } finally {
    await client.stop();
  }
});

test('a buffer over the size cap gets one "not analysed" note, the disk version is analysed, and closing it clears the note', async () => {
  const root = copyOf('paste-console-script-standalone');
  const cfg = path.join(root, 'setup.cfg');
  const api = path.join(root, 'designate', 'cmd', 'api.py');
  const uri = uriOf(api);
  const client = await TestClient.start([root]);
  const note = () => client.diagnostics.get(uri)?.filter((d) => /^Not analysed/.test(String(d.message))) ?? [];
  try {
    await client.until('WSGI101 on setup.cfg', () => client.codes(cfg).includes('WSGI101'));
    const before = client.diagnostics.get(uriOf(cfg));
    const huge = '# huge\n' + 'x = 1\n'.repeat(300_000);
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text: huge },
    });
    await client.until('the not-analysed note', () => note().length === 1);
    const [n] = note();
    assert.equal(n.severity, 3, 'information');
    assert.match(String(n.message), /1\.7 M characters, over the 1 MiB limit/);
    assert.match(String(n.message), /reads the file as saved on disk/);
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: huge + 'y = 2\n' }],
    });
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: 'def main():\n    pass\n' }],
    });
    await client.until('the note to go once the buffer is small', () => note().length === 0);
    assert.deepEqual(client.diagnostics.get(uriOf(cfg)), before, "setup.cfg's findings are those of the disk version throughout");
    assert.equal(client.logs.filter((l) => /skipped the open buffer of .*api\.py/.test(l)).length, 1, 'logged once');

    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 4 },
      contentChanges: [{ text: huge }],
    });
    await client.until('the note again', () => note().length === 1);
    await client.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await client.until('no note once closed', () => note().length === 0);
  } finally {
    await client.stop();
  }
});
