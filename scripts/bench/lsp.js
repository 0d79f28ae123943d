// The language server as an editor meets it, for `npm run bench`: dist/server.js over stdio with a
// real JSON-RPC client that answers the server's requests as VS Code does, timing what a user waits for.
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  ShutdownRequest,
  ExitNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  HoverRequest,
  CodeActionRequest,
} = require('vscode-languageserver-protocol/node');
const { URI } = require('vscode-uri');

const SERVER = path.join(__dirname, '..', '..', 'dist', 'server.js');
const uriOf = (p) => URI.file(p).toString();
const now = () => Number(process.hrtime.bigint()) / 1e6;

const CAPS = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } }, publishDiagnostics: {} },
  window: { workDoneProgress: true },
};

/** A started server with its connection, what it published and when, and its progress. */
async function start(folders) {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const s = { proc, conn, lastPublish: 0, published: new Map(), open: 0, waiters: [] };
  const poke = () => (s.waiters = s.waiters.filter((w) => !w()));
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    s.lastPublish = now();
    s.published.set(p.uri, { at: s.lastPublish, diagnostics: p.diagnostics });
    poke();
  });
  conn.onNotification('$/progress', (p) => {
    if (p.value?.kind === 'begin') s.open++;
    if (p.value?.kind === 'end') s.open--;
    poke();
  });
  conn.onNotification('wsgiGoal/statusChanged', poke);
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
  conn.onRequest(RegistrationRequest.type, () => undefined);
  conn.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: CAPS,
    clientInfo: { name: 'Visual Studio Code' },
    workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
  });
  s.until = (what, check, ms = 120000) =>
    new Promise((resolve, reject) => {
      if (check()) return resolve();
      const timer = setTimeout(() => reject(new Error(`bench: timed out after ${ms} ms waiting for ${what}`)), ms);
      s.waiters.push(() => check() && (clearTimeout(timer), resolve(), true));
    });
  return s;
}

async function stop(s) {
  await Promise.race([s.conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 3000))]).catch(() => undefined);
  await s.conn.sendNotification(ExitNotification.type).catch(() => undefined);
  const gone = new Promise((r) => (s.proc.exitCode === null ? s.proc.once('exit', r) : r()));
  // The exit notification ends it; killed only when it does not.
  const timer = setTimeout(() => s.proc.kill(), 3000);
  await gone;
  clearTimeout(timer);
  s.conn.dispose();
}

/** Resident and peak memory of a process, in MB, from /proc. */
function rssOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Resolves once every repo is analysed: progress over and the status request says so. */
async function scanned(s, repos) {
  for (;;) {
    await s.until('the end of the scan progress', () => s.open === 0 && s.began);
    const st = await s.conn.sendRequest('wsgiGoal/status', {});
    if (!st.scanning && st.report.repos.length >= repos) return;
    await s.until('more progress', () => s.open > 0, 30000).catch(() => undefined);
  }
}

/**
 * Cold start: `initialized` → the last diagnostics of the scan, with hover and code-action
 * requests sent one after the other while it runs (their latency), then the same at rest, and RSS.
 */
async function coldStart(folders, repos, probe) {
  const s = await start(folders);
  // The files an editor has open when it starts: the probe's plugin file and setup.cfg.
  for (const f of [probe.plugin, probe.cfg]) {
    await s.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(f), languageId: 'plaintext', version: 1, text: fs.readFileSync(f, 'utf8') },
    });
  }
  s.began = false;
  const beganOnce = () => (s.began ||= s.open > 0);
  s.waiters.push(() => (beganOnce(), false));
  const t0 = now();
  await s.conn.sendNotification(InitializedNotification.type, {});
  const during = { hover: [], codeAction: [] };
  let scanning = true;
  const probing = (async () => {
    while (scanning) {
      during.hover.push(await timed(() => hover(s, probe)));
      during.codeAction.push(await timed(() => codeAction(s, probe)));
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await scanned(s, repos);
  const coldMs = s.lastPublish - t0;
  scanning = false;
  await probing;
  const idle = { hover: [], codeAction: [] };
  for (let i = 0; i < 40; i++) {
    idle.hover.push(await timed(() => hover(s, probe)));
    idle.codeAction.push(await timed(() => codeAction(s, probe)));
  }
  const mem = rssOf(s.proc.pid);
  return { s, coldMs, during, idle, mem };
}

async function timed(fn) {
  const t = now();
  await fn();
  return now() - t;
}

const hover = (s, probe) => s.conn.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(probe.plugin) }, position: probe.hoverAt });
const codeAction = (s, probe) =>
  s.conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: uriOf(probe.cfg) },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [] },
  });

/**
 * Edit → diagnostics: `times` isolated edits of each file, each one changing what is published for
 * it (a line added, then taken away again); the time from didChange to that file's publish.
 */
async function edits(s, probe, times) {
  const out = {};
  let version = 10;
  for (const [kind, file, extra] of [
    ['setup.cfg', probe.cfg, '\n[entry_points]\nwsgi_scripts =\n    bench-api-wsgi = bench.api:init_application\n'],
    ['devstack/plugin.sh', probe.plugin, '\ninstall_apache_wsgi\n'],
    ['Zuul file', probe.zuul, '\n- job:\n    name: bench-mod-wsgi\n    vars:\n      devstack_localrc:\n        WSGI_MODE: mod_wsgi\n'],
  ]) {
    const uri = uriOf(file);
    const base = fs.readFileSync(file, 'utf8');
    if (kind === 'Zuul file')
      await s.conn.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'yaml', version: 1, text: base },
      });
    out[kind] = [];
    for (let i = 0; i < times * 2; i++) {
      const text = i % 2 ? base : base + extra;
      const before = s.published.get(uri)?.at ?? 0;
      const t = now();
      await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: ++version },
        contentChanges: [{ text }],
      });
      await s.until(`diagnostics of ${kind} after an edit`, () => (s.published.get(uri)?.at ?? 0) > before, 30000);
      out[kind].push(s.published.get(uri).at - t);
      // Isolated: the next edit comes after a pause, as typing in bursts does.
      await new Promise((r) => setTimeout(r, 30));
    }
  }
  return out;
}

/**
 * Edits of devstack/plugin.sh after a pause of `pauseMs` each (the parse workers have ended, V8 has
 * cooled down), as a user comes back to a file; and the server's RSS once it has been idle that long.
 */
async function idleEdits(s, probe, times, pauseMs) {
  const uri = uriOf(probe.plugin);
  const base = fs.readFileSync(probe.plugin, 'utf8');
  const ms = [];
  let rssIdle;
  for (let i = 0; i < times; i++) {
    await new Promise((r) => setTimeout(r, pauseMs));
    rssIdle ??= rssOf(s.proc.pid).rss;
    const before = s.published.get(uri)?.at ?? 0;
    const t = now();
    await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 1000 + i },
      contentChanges: [{ text: i % 2 ? base : base + '\ninstall_apache_wsgi\n' }],
    });
    await s.until('diagnostics of devstack/plugin.sh after a pause', () => (s.published.get(uri)?.at ?? 0) > before, 30000);
    ms.push(s.published.get(uri).at - t);
  }
  return { ms, rssIdle };
}

module.exports = { coldStart, edits, idleEdits, stop, rssOf };
