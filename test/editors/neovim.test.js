// wsgi-goal's language server driven by a real Neovim (Debian's 0.7.2, headless), through
// Neovim's own LSP client: test/editors/neovim/driver.lua does the editing and dumps JSON,
// this file asserts on it and on the disk. Run with `npm run test:editors`
// (scripts/editors/setup.sh installs neovim).
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const {
  REPO,
  SERVER_JS,
  WAIT_MS,
  TITLE,
  SCAFFOLD,
  workdir,
  lineOf,
  requireTool,
  requireServer,
  runEditor,
  readResult,
  codes,
  cleanup,
  stoppedEarly,
} = require('./lib');

const DRIVER = path.join(__dirname, 'neovim', 'driver.lua');
const DOCS_CONFIG = path.join(REPO, 'docs', 'editors', 'neovim.lua');

/** One headless Neovim session on a fresh copy of the designate-shaped fixture. */
async function neovimSession(name, extraEnv) {
  requireServer();
  const version = requireTool('nvim', ['--version']);
  const { dir, root } = workdir(name, 'paste-console-script-standalone');
  const out = path.join(dir, 'result.json');
  const cfgText = fs.readFileSync(path.join(root, 'setup.cfg'), 'utf8');
  const run = await runEditor('nvim', ['--headless', '-n', '-i', 'NONE', '--noplugin', '-u', DRIVER], {
    cwd: root,
    logFile: path.join(dir, 'nvim.log'),
    env: {
      // Neovim's state, shada and lsp.log stay in the work folder.
      XDG_CONFIG_HOME: path.join(dir, 'xdg', 'config'),
      XDG_DATA_HOME: path.join(dir, 'xdg', 'data'),
      XDG_STATE_HOME: path.join(dir, 'xdg', 'state'),
      XDG_CACHE_HOME: path.join(dir, 'xdg', 'cache'),
      WSGI_GOAL_NODE: process.execPath,
      WSGI_GOAL_SERVER: SERVER_JS,
      WSGI_GOAL_ROOT: root,
      WSGI_GOAL_OUT: out,
      WSGI_GOAL_WAIT_MS: String(WAIT_MS),
      ...extraEnv,
    },
  });
  return { dir, root, run, version, cfgText, r: readResult(out, run) };
}

/** The designate paths the scaffold creates, absolute. */
const created = (root) => ({
  init: path.join(root, 'designate', 'wsgi', '__init__.py'),
  api: path.join(root, 'designate', 'wsgi', 'api.py'),
});

describe('Neovim 0.7.2, stock capabilities', () => {
  let s;
  let failed = false;
  let setupError;
  const check = (name, fn) =>
    it(name, async (t) => {
      if (!s) throw setupError; // every test fails (not cancelled) when the session could not run
      try {
        await fn(t);
      } catch (e) {
        failed = true;
        throw stoppedEarly(e, s);
      }
    });
  before(async () => {
    try {
      s = await neovimSession('nvim', { WSGI_GOAL_MODE: 'stock' });
    } catch (e) {
      setupError = e;
    }
  });
  after(() => {
    if (s) cleanup(s.dir, failed, console.log);
  });

  check('the driver ran every step and Neovim exited', (t) => {
    t.diagnostic(`${s.version}; nvim ran ${s.run.ms} ms; steps: ${s.r.steps.map((x) => `${x.name} @${x.ms}ms`).join(', ')}`);
    assert.equal(s.r.error, undefined, `driver error: ${s.r.error}`);
    assert.equal(s.run.code, 0, s.run.output);
    assert.equal(s.r.nvim, '0.7.2');
    assert.deepEqual(s.r.server_exit, { code: 0, signal: 0 });
  });

  check('WSGI101 on the designate-api console-script line, published for setup.cfg', () => {
    const line = lineOf(s.cfgText, 'designate-api =');
    const d = s.r.diagnostics_before.find((x) => x.code === 'WSGI101');
    assert.ok(d, `diagnostics before: ${JSON.stringify(s.r.diagnostics_before)}`);
    assert.equal(d.line, line);
    assert.equal(d.source, 'wsgi-goal');
    assert.match(d.message, /designate-api has no WSGI entry point/);
  });

  check('the server saw a client that mishandles CreateFile and sends no watched-file events', () => {
    assert.equal(s.r.client_capabilities.didChangeWatchedFiles, null);
    assert.deepEqual(s.r.client_capabilities.showDocument, { support: false });
    assert.match(s.r.server_log.join('\n'), /client Neovim 0\.7\.2;.*files created by the server; files watched by the server/);
    assert.ok(
      !s.r.server_requests.some((q) => q.method === 'client/registerCapability'),
      'no registration for a client without dynamic registration',
    );
  });

  check('the scaffold code action, first, carried as a server command (no CreateFile edit)', (t) => {
    t.diagnostic(`offered: ${s.r.code_action_titles.join(' | ')}`);
    assert.equal(s.r.code_action_titles[0], TITLE, 'the fix comes first');
    const action = s.r.code_actions.find((a) => a.title === TITLE).action;
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.edit, undefined);
    assert.deepEqual(action.command, { title: TITLE, command: SCAFFOLD, arguments: [{ root: s.root, service: 'designate-api' }] });
    assert.deepEqual(codes(action.diagnostics), ['WSGI101']);
  });

  check('executing it created the files inside the repo, with a module-level application', () => {
    const { init, api } = created(s.root);
    assert.equal(s.r.command_result.err, null);
    assert.deepEqual(s.r.command_result.result, { status: 'applied', files: [init, api] });
    // Read from disk by the driver after :wall (api.py is deleted later, by the watching step).
    for (const f of [init, api]) assert.ok(f.startsWith(s.root + path.sep) && typeof s.r.files[f] === 'string', `${f} on disk`);
    assert.ok(fs.existsSync(init));
    assert.equal(s.r.files[init], '');
    assert.match(s.r.files[api], /^application = /m);
    assert.match(s.r.files[api], /^application = init_application\(\)$/m);
    assert.doesNotMatch(s.r.files[api], /threading|_lock/, 'no lock idiom');
  });

  check('WSGI101 gone after, and the scaffold no longer offered on that line', () => {
    assert.ok(!codes(s.r.diagnostics_after).includes('WSGI101'), JSON.stringify(s.r.diagnostics_after));
    assert.ok(!s.r.code_action_titles_after.includes(TITLE), JSON.stringify(s.r.code_action_titles_after));
  });

  check('no window/showDocument (0.7.2 does not support it); :wall had nothing to write', () => {
    assert.deepEqual(s.r.show_document.requests, []);
    assert.equal(s.r.show_document.api_py_loaded, false);
    assert.equal(s.r.show_document.current_buffer, path.join(s.root, 'setup.cfg'));
    assert.deepEqual(s.r.modified_before_wall, []);
    assert.equal(fs.readFileSync(path.join(s.root, 'setup.cfg'), 'utf8'), s.cfgText, 'setup.cfg untouched');
  });

  check('running the scaffold again fails cleanly and leaves api.py alone', () => {
    const { rerun } = s.r;
    assert.equal(rerun.result.err, null);
    assert.deepEqual(rerun.result.result, { status: 'failed', message: 'designate/wsgi/api.py already exists; it is never overwritten.' });
    assert.equal(rerun.after, rerun.before);
    assert.equal(rerun.mtime_after, rerun.mtime_before);
    assert.equal(rerun.before, s.r.files[created(s.root).api]);
  });

  check('the server watches the folders itself: deleting api.py on disk brings WSGI101 back', (t) => {
    t.diagnostic(`WSGI101 back ${s.r.watch.ms} ms after the delete`);
    assert.ok(!codes(s.r.watch.before_delete).includes('WSGI101'));
    const d = s.r.watch.diagnostics.find((x) => x.code === 'WSGI101');
    assert.equal(d?.line, lineOf(s.cfgText, 'designate-api ='));
    assert.equal(fs.existsSync(created(s.root).api), false);
  });
});

describe('Neovim 0.7.2 configured by docs/editors/neovim.lua', () => {
  let s;
  let failed = false;
  let setupError;
  const check = (name, fn) =>
    it(name, async (t) => {
      if (!s) throw setupError;
      try {
        await fn(t);
      } catch (e) {
        failed = true;
        throw stoppedEarly(e, s);
      }
    });
  before(async () => {
    try {
      s = await neovimSession('nvim-docs', {
        WSGI_GOAL_MODE: 'docs',
        WSGI_GOAL_NVIM_CONFIG: DOCS_CONFIG,
        WSGI_GOAL_SETTINGS: JSON.stringify({ wsgiGoal: { severity: { WSGI101: 'warning' } } }),
      });
    } catch (e) {
      setupError = e;
    }
  });
  after(() => {
    if (s) cleanup(s.dir, failed, console.log);
  });

  check('opening setup.cfg started the server and attached it; the same flow runs to the end', (t) => {
    t.diagnostic(`nvim ran ${s.run.ms} ms; steps: ${s.r.steps.map((x) => `${x.name} @${x.ms}ms`).join(', ')}`);
    assert.equal(s.r.error, undefined, `driver error: ${s.r.error}`);
    assert.equal(s.run.code, 0, s.run.output);
    assert.ok(s.r.code_action_titles.includes(TITLE), s.r.code_action_titles.join(' | '));
    assert.equal(s.r.command_result.result.status, 'applied');
    assert.ok(!codes(s.r.diagnostics_after).includes('WSGI101'), JSON.stringify(s.r.diagnostics_after));
    assert.equal(s.r.rerun.result.result.status, 'failed');
    assert.equal(s.r.rerun.after, s.r.rerun.before);
    assert.deepEqual(s.r.server_exit, { code: 0, signal: 0 });
  });

  check('settings reach the server through workspace/configuration (WSGI101 as a warning)', () => {
    assert.equal(s.r.client_capabilities.configuration, true);
    const asked = s.r.server_requests.filter((q) => q.method === 'workspace/configuration');
    assert.ok(asked.length >= 1, JSON.stringify(s.r.server_requests));
    assert.deepEqual(
      asked[0].params.items.map((i) => i.section),
      ['wsgiGoal'],
    );
    const d = s.r.diagnostics_before.find((x) => x.code === 'WSGI101');
    assert.equal(d?.line, lineOf(s.cfgText, 'designate-api ='));
    assert.equal(d.severity, 2, 'vim.diagnostic.severity.WARN');
  });

  check('the server asked to show api.py, and Neovim opened it as the current buffer', () => {
    const { api } = created(s.root);
    assert.deepEqual(s.r.client_capabilities.showDocument, { support: true });
    assert.deepEqual(s.r.show_document.requests, [{ uri: pathToFileURL(api).href, takeFocus: true }]);
    assert.equal(s.r.show_document.api_py_loaded, true);
    assert.equal(s.r.show_document.current_buffer, api);
    assert.equal(s.r.show_document.api_py_buffer_text + '\n', s.r.files[api]);
    assert.match(s.r.files[api], /^application = /m);
    assert.deepEqual(s.r.modified_before_wall, []);
  });
});
