import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  CodeActionRequest,
  CodeAction,
  TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf } from '../helpers/lsp-client';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { copyOf, write } from '../helpers/fixtures';

test('local.conf and Zuul jobs that pick mod_wsgi get WSGI301 with fixes that remove the line or set uwsgi', async () => {
  const root = copyOf('module-path-2025');
  const conf = path.join(root, 'devstack', 'local.conf.sample');
  const confText = '[[local|localrc]]\nADMIN_PASSWORD=secret\nWSGI_MODE=mod_wsgi\n';
  write(root, 'devstack/local.conf.sample', confText);
  const zuul = path.join(root, '.zuul.yaml');
  const zuulText =
    '- job:\n    name: watcher-tempest\n    vars:\n      devstack_localrc:\n        WSGI_MODE: mod_wsgi\n        WATCHER_DEBUG: true\n';
  write(root, '.zuul.yaml', zuulText);
  const client = await TestClient.start([root]);
  try {
    await client.until(
      'WSGI301 in local.conf and .zuul.yaml',
      () => client.codes(conf).includes('WSGI301') && client.codes(zuul).includes('WSGI301'),
    );
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(conf), languageId: 'devstack-local-conf', version: 3, text: confText },
    });
    const d = client.diagnostics.get(uriOf(conf))!.find((x) => x.code === 'WSGI301')!;
    assert.equal(d.range.start.line, 2);
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(conf) },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Remove WSGI_MODE (devstack deploys APIs under uwsgi by default)',
        'Set WSGI_MODE to uwsgi',
        'Explain WSGI301',
        'Disable WSGI301 for this line',
        'Fix all in this repo (2 fixes in 2 files)',
      ],
    );
    const edit = actions[1].edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(edit.textDocument.version, 3, 'versioned against the open buffer');
    const read = (f: string) => fs.readFileSync(f, 'utf8');
    assert.equal(
      applyWorkspaceEdit(actions[1].edit!, read).buffers.get(conf),
      '[[local|localrc]]\nADMIN_PASSWORD=secret\nWSGI_MODE=uwsgi\n',
    );
    assert.equal(applyWorkspaceEdit(actions[0].edit!, read).buffers.get(conf), '[[local|localrc]]\nADMIN_PASSWORD=secret\n');

    const z = client.diagnostics.get(uriOf(zuul))!.find((x) => x.code === 'WSGI301')!;
    const zActions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(zuul) },
      range: z.range,
      context: { diagnostics: [z] },
    })) as CodeAction[];
    assert.equal(applyWorkspaceEdit(zActions[0].edit!, read).buffers.get(zuul), zuulText.replace('        WSGI_MODE: mod_wsgi\n', ''));
    assert.equal(
      applyWorkspaceEdit(zActions[1].edit!, read).buffers.get(zuul),
      zuulText.replace('WSGI_MODE: mod_wsgi', 'WSGI_MODE: uwsgi'),
    );
  } finally {
    await client.stop();
  }
});

test('"Disable WSGI201 for this line" writes the comment above the line, indented, and the diagnostic goes', async () => {
  const root = copyOf('paste-console-script-standalone');
  const plugin = path.join(root, 'devstack', 'plugin.sh');
  const text = fs.readFileSync(plugin, 'utf8');
  const client = await TestClient.start([root]);
  try {
    await client.until('WSGI201 on the plugin', () => client.codes(plugin).includes('WSGI201'));
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(plugin), languageId: 'shellscript', version: 1, text },
    });
    const d = client.diagnostics.get(uriOf(plugin))!.find((x) => x.code === 'WSGI201')!;
    // The Problems panel's line is the summary; the whole explanation comes as related information.
    assert.equal(d.message, 'devstack starts designate-api standalone: run it under uwsgi');
    assert.equal(d.relatedInformation?.length, 1);
    assert.equal(d.relatedInformation![0].location.uri, uriOf(plugin));
    assert.match(
      d.relatedInformation![0].message,
      /^devstack starts the API service designate-api standalone: run_process runs .* --procname-prefix designate-api/,
    );
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(plugin) },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const disable = actions.find((a) => a.title === 'Disable WSGI201 for this line')!;
    assert.ok(disable, actions.map((a) => a.title).join(', '));
    assert.equal(actions[actions.length - 1], disable, 'offered last, after the fixes and the explanation');
    const edited = applyWorkspaceEdit(disable.edit!, (f) => fs.readFileSync(f, 'utf8')).buffers.get(plugin)!;
    const lines = edited.split('\n');
    assert.equal(lines[d.range.start.line], '    # wsgi-goal: disable=WSGI201');
    assert.match(lines[d.range.start.line + 1], /^ {4}run_process designate-api /);
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf(plugin), version: 2 },
      contentChanges: [{ text: edited }],
    });
    await client.until('WSGI201 gone from the plugin', () => !client.codes(plugin).includes('WSGI201'));
    assert.ok(client.codes(path.join(root, 'setup.cfg')).includes('WSGI101'), 'the rest stays');
  } finally {
    await client.stop();
  }
});

test("a devstack checkout's local.conf, open and not yet saved, gets WSGI301 as an error where stackrc refuses the mode", async () => {
  const ws = copyOf('core-service-in-devstack');
  const devstack = path.join(ws, 'devstack');
  const stackrc = path.join(devstack, 'stackrc');
  fs.writeFileSync(
    stackrc,
    fs
      .readFileSync(stackrc, 'utf8')
      .replace(
        'WSGI_MODE=${WSGI_MODE:-"uwsgi"}\n',
        'WSGI_MODE=${WSGI_MODE:-"uwsgi"}\nif [[ "$WSGI_MODE" != "uwsgi" ]]; then\n    die $LINENO "$WSGI_MODE is no longer a supported WSGI mode. Only uwsgi is valid."\nfi\n',
      ),
  );
  const conf = path.join(devstack, 'local.conf');
  const client = await TestClient.start([devstack]);
  try {
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(conf), languageId: 'devstack-local-conf', version: 1, text: '[[local|localrc]]\nWSGI_MODE=mod_wsgi\n' },
    });
    await client.until('WSGI301 on the unsaved local.conf', () => client.codes(conf).includes('WSGI301'));
    const d = client.diagnostics.get(uriOf(conf))!.find((x) => x.code === 'WSGI301')!;
    assert.equal(d.severity, 1, 'error');
    assert.equal(d.range.start.line, 1);
    assert.match(String(d.message), /stops stack\.sh/);
    assert.ok(!fs.existsSync(conf), 'nothing was written');
  } finally {
    await client.stop();
  }
});

test('"Create glance/wsgi/__init__.py" on WSGI104: a CreateFile that never overwrites; once created, the warning goes', async () => {
  const root = copyOf('wsgi-package-without-init');
  const api = path.join(root, 'glance', 'wsgi', 'api.py');
  const init = path.join(root, 'glance', 'wsgi', '__init__.py');
  const client = await TestClient.start([root]);
  try {
    await client.until('WSGI104 on api.py', () => client.codes(api).includes('WSGI104'));
    const d = client.diagnostics.get(uriOf(api))!.find((x) => x.code === 'WSGI104')!;
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(api) },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const create = actions.find((a) => a.title === 'Create glance/wsgi/__init__.py')!;
    assert.ok(create, actions.map((a) => a.title).join(', '));
    const ops = create.edit!.documentChanges!.filter((c) => 'kind' in c);
    assert.deepEqual(ops, [{ kind: 'create', uri: uriOf(init), options: { overwrite: false, ignoreIfExists: false } }]);
    const applied = applyWorkspaceEdit(create.edit!, (f) => fs.readFileSync(f, 'utf8'));
    assert.deepEqual(applied.created, [init]);
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(init), type: FileChangeType.Created }],
    });
    await client.until('WSGI104 gone', () => !client.codes(api).includes('WSGI104'));
    // Applied again, the edit fails as a whole rather than overwrite the file.
    assert.throws(() => applyWorkspaceEdit(create.edit!, (f) => fs.readFileSync(f, 'utf8')), /exists/);
  } finally {
    await client.stop();
  }
});

test('"Fix all in this repo": one source action with every first text fix that does not overlap another, across files', async () => {
  const root = copyOf('httpd-uwsgi-samples-2017');
  const admin = path.join(root, 'httpd', 'keystone-uwsgi-admin.ini');
  const publicIni = path.join(root, 'httpd', 'keystone-uwsgi-public.ini');
  const client = await TestClient.start([root]);
  try {
    await client.until(
      'WSGI402 on both inis',
      () => client.codes(admin).includes('WSGI402') && client.codes(publicIni).includes('WSGI402'),
    );
    const d = client.diagnostics.get(uriOf(admin))!.find((x) => x.code === 'WSGI402')!;
    const ask = (only?: string[]) =>
      client.conn.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: uriOf(admin) },
        range: d.range,
        context: { diagnostics: [d], ...(only ? { only } : {}) },
      }) as Promise<CodeAction[]>;
    // codeActionsOnSave asks for source.fixAll only: nothing else comes back.
    const onSave = await ask(['source.fixAll']);
    assert.deepEqual(
      onSave.map((a) => a.kind),
      ['source.fixAll.wsgi-goal'],
    );
    const all = onSave[0];
    const m = /^Fix all in this repo \((\d+) fixes in (\d+) files\)$/.exec(all.title);
    assert.ok(m && Number(m[1]) >= 2 && Number(m[2]) >= 2, all.title);
    const buffers = applyWorkspaceEdit(all.edit!, (f) => fs.readFileSync(f, 'utf8')).buffers;
    for (const ini of [admin, publicIni]) {
      assert.ok(buffers.has(ini), `${ini} is in the batch`);
      // Inserts at one place (the missing keys under [uwsgi]) touch each other: one per round.
      assert.ok((buffers.get(ini)!.match(/^\[uwsgi\]$/gm) ?? []).length === 1);
    }
    // Quick fixes alone when asked for them.
    assert.ok((await ask(['quickfix'])).every((a) => a.kind === 'quickfix'));
  } finally {
    await client.stop();
  }
});
