// Shared by the editor tests: a fresh copy of a fixture repo, running an editor with a deadline
// (killed by PID, with the language server it started, when the deadline passes), reading what
// its driver dumped.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'repos');
/** The server under test; WSGI_GOAL_SERVER_JS points at another build (e.g. a patched copy). */
const SERVER_JS = process.env.WSGI_GOAL_SERVER_JS ? path.resolve(process.env.WSGI_GOAL_SERVER_JS) : path.join(REPO, 'dist', 'server.js');
/** Deadline of each wait inside an editor, and of a whole editor run. */
const WAIT_MS = Number(process.env.WSGI_GOAL_EDITORS_WAIT_MS || 20000);
const RUN_MS = Number(process.env.WSGI_GOAL_EDITORS_RUN_MS || 120000);
const KEEP = process.env.WSGI_GOAL_EDITORS_KEEP === '1';

const TITLE = 'Scaffold WSGI entry point for designate-api';
const SCAFFOLD = 'wsgi-goal.server.scaffold';

/** A unique temp folder holding `repo/` (a copy of the fixture) and room for the editor's state. */
function workdir(prefix, fixture) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `wsgi-goal-editors-${prefix}-`)));
  fs.cpSync(path.join(FIXTURES, fixture), path.join(dir, 'repo'), { recursive: true });
  return { dir, root: path.join(dir, 'repo') };
}

/** The 0-based line of the first line containing `needle`. */
function lineOf(text, needle) {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not found`);
  return i;
}

/** Fails early, with the remedy, when a tool is missing. */
function requireTool(cmd, versionArgs) {
  const r = spawnSync(cmd, versionArgs, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cmd} is not installed: run scripts/editors/setup.sh`);
  return (r.stdout || '').split('\n')[0].trim();
}

function requireServer() {
  if (!fs.existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first`);
}

/**
 * Runs an editor in its own process group; resolves with its exit and output once it has exited.
 * Past `RUN_MS` the group (the editor and the language server it started) is killed by PID.
 */
function runEditor(cmd, args, { cwd, env, logFile }) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }, RUN_MS);
    child.on('error', (e) => {
      out += `\nspawn error: ${e.message}`;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Whatever the editor left behind in its group (a server that outlived it) goes too.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* none left */
      }
      if (logFile) fs.writeFileSync(logFile, out);
      resolve({ code, signal, timedOut, ms: Date.now() - t0, output: out });
    });
  });
}

/** The driver's JSON, or an error carrying the editor's output when there is none. */
function readResult(file, run) {
  if (!fs.existsSync(file)) {
    throw new Error(
      `the driver wrote no ${file} (exit ${run.code}, signal ${run.signal}${run.timedOut ? `, killed after ${RUN_MS} ms` : ''}):\n${run.output.slice(-4000)}`,
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function codes(diags) {
  return (diags || []).map((d) => d.code);
}

/** A failed assertion, with the driver's own error when it stopped before the step checked. */
function stoppedEarly(e, s) {
  if (!s?.r?.error || !(e instanceof Error)) return e;
  e.message += `\n(the driver stopped early: ${String(s.r.error).split('\n')[0]})`;
  return e;
}

/** Removes a work folder unless a test on it failed or WSGI_GOAL_EDITORS_KEEP=1 (then says where it is). */
function cleanup(dir, failed, say) {
  if (KEEP || failed) say(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = {
  REPO,
  SERVER_JS,
  WAIT_MS,
  RUN_MS,
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
};
