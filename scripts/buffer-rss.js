#!/usr/bin/env node
// What a huge open buffer costs the language server: RSS idle, the peak while a 20 MB Python module
// is open in the editor, and after it is closed. Speaks LSP over stdio to dist/server.js, as an
// editor does. Usage: node scripts/buffer-rss.js [MB] (run `npm run build` first).
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const rpc = require('vscode-languageserver-protocol/node');
const { URI } = require('vscode-uri');

const MB = Number(process.argv[2] || 20);
const ROOT = path.join(__dirname, '..');
const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'wsgi-goal-rss-'));
fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'repos', 'paste-console-script-standalone'), repo, { recursive: true });
const file = path.join(repo, 'designate', 'cmd', 'api.py');
const uri = URI.file(file).toString();

const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
const logs = [];
const waiters = [];
const poke = () => waiters.splice(0).forEach((w) => (w.check() ? w.resolve() : waiters.push(w)));
conn.onNotification(rpc.LogMessageNotification.type, (p) => {
  logs.push(p.message);
  poke();
});
conn.onNotification(rpc.PublishDiagnosticsNotification.type, () => poke());
conn.onRequest(rpc.ConfigurationRequest.type, (p) => p.items.map(() => ({})));
conn.onRequest(rpc.RegistrationRequest.type, () => undefined);
conn.onRequest(rpc.WorkDoneProgressCreateRequest.type, () => undefined);
conn.listen();

const until = (what, check, ms = 120_000) =>
  new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    const w = { check, resolve: () => (clearTimeout(t), resolve()) };
    if (check()) w.resolve();
    else waiters.push(w);
  });
const status = () => fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8');
const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status())[1]);
const mb = (k) => Math.round(k / 1024);
// RSS settles when the collector has given memory back: wait until two readings 500 ms apart agree
// within 1 MB (a deadline bounds it), so the figure does not depend on when it is read.
async function settledRss() {
  let prev = kb('VmRSS');
  const deadline = Date.now() + 20_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = kb('VmRSS');
    if (Math.abs(now - prev) < 1024 || Date.now() > deadline) return now;
    prev = now;
  }
}

(async () => {
  await conn.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    workspaceFolders: [{ uri: URI.file(repo).toString(), name: 'designate' }],
  });
  await conn.sendNotification(rpc.InitializedNotification.type, {});
  await until('the first analysis', () => logs.some((l) => /analysed|repo/.test(l)));
  const idle = await settledRss();
  const hwmBefore = kb('VmHWM');
  const text = '# huge\n' + 'x = 1\n'.repeat(Math.ceil((MB * 1024 * 1024) / 6));
  const t0 = Date.now();
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version: 1, text } });
  await until('the skipped-buffer log line', () => logs.some((l) => /skipped the open buffer/.test(l)));
  const handled = Date.now() - t0;
  const open = await settledRss();
  const peak = Math.max(kb('VmHWM'), hwmBefore);
  await conn.sendNotification(rpc.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  const closed = await settledRss();
  // V8 gives pages back to the system a few seconds after a collection (its memory reducer).
  await new Promise((r) => setTimeout(r, 10_000));
  const later = kb('VmRSS');
  console.log(`buffer: ${(text.length / 1024 / 1024).toFixed(1)} MB, handled in ${handled} ms`);
  console.log(
    `RSS idle ${mb(idle)} MB; peak ${mb(peak)} MB (+${mb(peak - idle)}); open ${mb(open)} MB (+${mb(open - idle)}); after close ${mb(closed)} MB (+${mb(closed - idle)}), 10 s later ${mb(later)} MB (+${mb(later - idle)})`,
  );
  await conn.sendRequest(rpc.ShutdownRequest.type);
  await conn.sendNotification(rpc.ExitNotification.type);
  conn.dispose();
  fs.rmSync(repo, { recursive: true, force: true });
})().catch((e) => {
  console.error(e.message);
  console.error(logs.join('\n'));
  proc.kill();
  process.exit(1);
});
