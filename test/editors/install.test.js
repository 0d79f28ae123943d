// The npm tarball installed globally gives working `wsgi-goal` and `wsgi-goal-language-server`
// commands, with nothing but Node (no VS Code) — what the README's "Other editors" promises.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');

test('npm pack + npm install -g: the CLI checks a repo and the language server answers initialize over stdio', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wsgi-goal-install-'));
  try {
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    const prefix = path.join(tmp, 'prefix');
    execFileSync('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, path.join(tmp, tarball)], {
      stdio: 'pipe',
    });
    const bin = path.join(prefix, 'bin');

    const out = execFileSync(
      path.join(bin, 'wsgi-goal'),
      ['check', '--format', 'json', path.join(ROOT, 'test', 'fixtures', 'repos', 'module-path-2025')],
      { encoding: 'utf8' },
    );
    assert.equal(JSON.parse(out).repos[0].criteria.devstackUwsgi.mode, 'uwsgi');

    const server = spawn(path.join(bin, 'wsgi-goal-language-server'), ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { processId: null, rootUri: null, capabilities: {} },
      });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      // Read framed messages until the reply to id 1 (log notifications come first).
      const reply = await new Promise((resolve, reject) => {
        let buf = Buffer.alloc(0);
        const timer = setTimeout(() => reject(new Error(`no initialize reply in 20 s: ${buf}`)), 20000);
        server.stdout.on('data', (d) => {
          buf = Buffer.concat([buf, d]);
          for (;;) {
            const head = buf.indexOf('\r\n\r\n');
            const m = head >= 0 && /Content-Length: (\d+)/.exec(buf.subarray(0, head).toString());
            if (!m || buf.length < head + 4 + Number(m[1])) return;
            const msg = JSON.parse(buf.subarray(head + 4, head + 4 + Number(m[1])).toString());
            buf = buf.subarray(head + 4 + Number(m[1]));
            if (msg.id === 1) {
              clearTimeout(timer);
              resolve(msg);
              return;
            }
          }
        });
      });
      assert.equal(reply.result.serverInfo.name, 'wsgi-goal');
      assert.ok(reply.result.capabilities.codeActionProvider);
    } finally {
      server.kill('SIGKILL');
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
