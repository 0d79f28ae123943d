#!/usr/bin/env node
// Runs the extension-host mocha suite (out/test/e2e/suite/index.js) inside code-server.
//
// code-server refuses --extensionDevelopmentPath/--extensionTestsPath on its command line,
// but its workbench honours a `payload` query parameter when the server was started with
// `--vscode-option enable-smoke-test-driver`. The workbench then calls
// window.codeAutomationLog(type, args) for the extension host's console and
// window.codeAutomationExit(code) when the suite is over.
//
// Environment:
//   WSGI_GOAL_E2E_URL        http://127.0.0.1:PORT of the running code-server (required)
//   WSGI_GOAL_E2E_WORKSPACE  folder to open (required)
//   WSGI_GOAL_E2E_RESULTS    JSON results file; the suite writes it, this driver completes it (required)
//   WSGI_GOAL_E2E_OUT        folder for the console log and screenshots (default test-results/e2e)
//   WSGI_GOAL_E2E_EXT_PATH   extensionDevelopmentPath (default: the repository root)
//   WSGI_GOAL_E2E_SUITE_TIMEOUT_MS  give up after this long (default 240000)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { chromium } = require('playwright-core');

const repoRoot = path.resolve(__dirname, '..', '..');
const need = (k) => {
  const v = process.env[k];
  if (!v) {
    console.error(`ext-host.js: ${k} is not set`);
    process.exit(2);
  }
  return v;
};
const base = need('WSGI_GOAL_E2E_URL');
const workspace = need('WSGI_GOAL_E2E_WORKSPACE');
const resultsFile = need('WSGI_GOAL_E2E_RESULTS');
const outDir = process.env.WSGI_GOAL_E2E_OUT || path.join(repoRoot, 'test-results', 'e2e');
const extPath = process.env.WSGI_GOAL_E2E_EXT_PATH || repoRoot;
const testsPath = path.join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index');
const timeoutMs = Number(process.env.WSGI_GOAL_E2E_SUITE_TIMEOUT_MS || 240000);
const chromiumPath = process.env.WSGI_GOAL_E2E_CHROMIUM || '/usr/bin/chromium';

fs.mkdirSync(outDir, { recursive: true });
const consoleLog = fs.createWriteStream(path.join(outDir, 'ext-host-console.log'));
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

function readResults() {
  try {
    return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    return undefined;
  }
}

// Makes sure the results file ends up complete even when the suite never finished.
function finalizeResults(exitCode) {
  const r = readResults() || { suite: 'extension-host', done: false, total: 0, passed: 0, failed: 0, tests: [] };
  if (!r.done) {
    // Every test without a result counts as failed (at least one: the suite itself).
    const ran = r.tests.filter((t) => t.kind === 'test');
    const missing = Math.max(1, (r.total || 0) - ran.length);
    r.tests.push({
      title: 'extension-host suite did not finish',
      state: 'failed',
      error: `exit ${exitCode}; ${missing} test(s) without a result`,
    });
    r.failed = ran.filter((t) => t.state === 'failed').length + missing;
    r.done = true;
  } else if (exitCode !== 0 && r.failed === 0) {
    r.tests.push({ title: 'extension-host run', state: 'failed', error: `suite reported no failure but exited with ${exitCode}` });
    r.failed = 1;
  }
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, JSON.stringify(r, null, 2));
  return r;
}

async function main() {
  try {
    fs.rmSync(resultsFile, { force: true });
  } catch {
    /* fresh run */
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wsgi-goal-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  let code;
  try {
    // Nothing but the loopback server: an offline machine must not hang on a remote request.
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) ? route.continue() : route.abort();
    });
    const page = context.pages()[0] || (await context.newPage());
    let onExit;
    const exited = new Promise((resolve) => {
      onExit = resolve;
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = `[ext-host ${type}] ${util.format(...(Array.isArray(args) ? args : [args]))}`;
      consoleLog.write(line + '\n');
      console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (c) => onExit(c));
    page.on('pageerror', (e) => consoleLog.write(`[page error] ${e.message}\n`));

    // code-server's remote authority is the Host it is reached at.
    const authority = new URL(base).host;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${extPath}`],
      ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
      [
        'extensionEnvironment',
        JSON.stringify({
          WSGI_GOAL_E2E_RESULTS: resultsFile,
          WSGI_GOAL_E2E_EXPECT_EXTENSION_PATH: extPath,
        }),
      ],
    ];
    const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    console.log(`[${elapsed()}] opening the workbench with the test payload`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    let timer;
    code = await Promise.race([
      exited,
      new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    console.log(`[${elapsed()}] extension-host suite exited: ${code}`);
    try {
      await page.screenshot({ path: path.join(outDir, 'ext-host-final.png'), timeout: 5000 });
    } catch {
      /* page may be closing */
    }
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
    consoleLog.end();
  }
  return code;
}

main().then(
  (code) => {
    const r = finalizeResults(code === 0 ? 0 : code);
    console.log(`extension-host suite: ${r.passed} passed, ${r.failed} failed (${elapsed()})`);
    process.exit(code === 0 && r.failed === 0 ? 0 : 1);
  },
  (err) => {
    console.error('ext-host.js failed:', err);
    const r = finalizeResults('driver error');
    console.log(`extension-host suite: ${r.passed} passed, ${r.failed} failed (${elapsed()})`);
    process.exit(1);
  },
);
