import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  DidOpenTextDocumentNotification,
  HoverRequest,
  CompletionRequest,
  CompletionItem,
  MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf } from '../helpers/lsp-client';
import { copyOf, write } from '../helpers/fixtures';

test('hovers explain devstack functions and variables, old and new forms, in plugin files and local.conf', async () => {
  const root = copyOf('module-path-2025');
  const plugin = path.join(root, 'devstack', 'plugin.sh');
  const localConf = path.join(root, 'devstack', 'local.conf.sample');
  const text = '[[local|localrc]]\nWSGI_MODE=mod_wsgi\nNOVA_USE_MOD_WSGI=False\n';
  write(root, 'devstack/local.conf.sample', text);
  const client = await TestClient.start([root]);
  try {
    const pluginText = fs.readFileSync(plugin, 'utf8');
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(plugin), languageId: 'shellscript', version: 1, text: pluginText },
    });
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(localConf), languageId: 'devstack-local-conf', version: 1, text },
    });
    const line = pluginText.split('\n').findIndex((l) => l.includes('write_uwsgi_config'));
    const col = pluginText.split('\n')[line].indexOf('write_uwsgi_config') + 3;
    const h = await client.conn.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf(plugin) },
      position: { line, character: col },
    });
    const md = (h!.contents as MarkupContent).value;
    assert.match(md, /New form \(devstack 2023-12\+\)/);
    assert.match(md, /Old form/);
    assert.deepEqual(h!.range!.start, { line, character: col - 3 });

    const v = await client.conn.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf(localConf) },
      position: { line: 2, character: 3 },
    });
    assert.match((v!.contents as MarkupContent).value, /despite the name, \*\*True = uwsgi\*\*/);
    const conf = await client.conn.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf(plugin) },
      position: { line: pluginText.split('\n').findIndex((l) => l.startsWith('WATCHER_UWSGI_CONF')), character: 2 },
    });
    assert.match((conf!.contents as MarkupContent).value, /uwsgi ini of the service/);
    const none = await client.conn.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf(plugin) },
      position: { line: 0, character: 3 },
    });
    assert.equal(none, null, 'no hover on a comment');
  } finally {
    await client.stop();
  }
});

test('uwsgi ini files complete option names with their help, devstack keys first; nothing in values', async () => {
  const root = copyOf('module-path-2025');
  const ini = path.join(root, 'etc', 'watcher', 'api.ini');
  const text = '[uwsgi]\nmod\nmaster = tr\n';
  write(root, 'etc/watcher/api.ini', text);
  const client = await TestClient.start([root]);
  try {
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(ini), languageId: 'uwsgi-ini', version: 1, text },
    });
    const items = (await client.conn.sendRequest(CompletionRequest.type, {
      textDocument: { uri: uriOf(ini) },
      position: { line: 1, character: 3 },
    })) as CompletionItem[];
    const module = items.find((i) => i.label === 'module')!;
    assert.ok(module, `${items.length} items`);
    assert.ok(items.length > 500, 'the whole generated option list');
    assert.match((module.documentation as MarkupContent).value, /load a WSGI module/);
    assert.ok(module.sortText!.startsWith('0'), 'devstack keys sort first');
    assert.deepEqual((module.textEdit as { range: unknown }).range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    const inValue = await client.conn.sendRequest(CompletionRequest.type, {
      textDocument: { uri: uriOf(ini) },
      position: { line: 2, character: 11 },
    });
    assert.deepEqual(inValue, []);
  } finally {
    await client.stop();
  }
});
