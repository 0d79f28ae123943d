// The WSGI entry module the product scaffolds really deploys. Three synthetic services
// (test/fixtures/serve: kiwi's paste pipeline, wombat's zero-argument factory, numbat's Flask app
// factory) are copied to a temp dir and scaffolded by dist/server.js over a real LSP connection;
// the modules it wrote are then served
//   - by Debian's uwsgi with the INI devstack's write_uwsgi_config writes
//     (test/system/devstack-uwsgi.sh), behind Apache 2.4 proxying with mod_proxy_uwsgi over the
//     INI's unix socket, one Apache for the three sites as in devstack, and
//   - by Debian's gunicorn, given only <pkg>.wsgi.api:application and PYTHONPATH.
// Needs the Debian packages `bash scripts/system/setup.sh` installs, and `npm run build` (for
// dist/server.js and the compiled test helpers in out/test). Run by `npm run test:system`.
// WSGI_GOAL_KEEP_SERVE=1 keeps the temp dir (repos, INIs, Apache config, logs) for a look after.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'serve');
const OUT = path.join(ROOT, 'out');
const SHELL_FUNCTION = path.join(__dirname, 'devstack-uwsgi.sh');
const UWSGI = '/usr/bin/uwsgi';
const APACHE = '/usr/sbin/apache2';
const APACHE_MODULES = '/usr/lib/apache2/modules';
const GUNICORN = '/usr/bin/gunicorn';
// Debian's programs only: the python3 first on PATH here is a pyenv one without these packages.
const BASE_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', HOME: os.homedir() };
// How long a server gets to answer, and to stop, before the test says so.
const READY_MS = 30000;
const STOP_MS = 10000;
// uwsgi `processes` (devstack's API_WORKERS: at least 2), and the line each worker logs once it has the app.
const API_WORKERS = 2;
const APP_READY = /^WSGI app 0 \(mountpoint=''\) ready in \d+ seconds on interpreter \S+ pid: (\d+)/gm;

/**
 * The services: `form` is what the scaffold must have built the application from, `answer` what
 * the root of each answers (beside the WSGI environ's SCRIPT_NAME and PATH_INFO, which every app echoes).
 */
const SERVICES = [
  {
    name: 'kiwi',
    service: 'kiwi-api',
    url: '/kiwi',
    form: [/^from paste import deploy$/m, /OS_KIWI_CONFIG_DIR/, /^PASTE_APP = 'osapi_kiwi'$/m, /^application = init_application\(\)$/m],
    answer: { service: 'kiwi-api', greeting: 'kia ora from kiwi.conf', plumage: 'brown' },
  },
  {
    name: 'wombat',
    service: 'wombat-api',
    url: '/wombat',
    form: [/^from wombat\.api import wsgi_app$/m, /^application = wsgi_app\.init_application\(\)$/m],
    answer: { service: 'wombat-api', burrow: 'cube-shaped', built_by: 'init_application' },
  },
  {
    name: 'numbat',
    service: 'numbat-api',
    url: '/numbat',
    form: [/^from numbat\.api import wsgi$/m, /^application = wsgi\.init_app\(\)$/m],
    answer: { service: 'numbat-api', framework: 'flask', diet: 'termites' },
  },
];

let ws; // the temp workspace: the repo copies, and everything the servers write
const repoOf = (s) => path.join(ws, s.name);
const moduleOf = (s) => `${s.name}.wsgi.api:application`;
const scaffolded = new Map(); // service name → the text of the module the scaffold wrote
const running = new Set();

/** The environment the WSGI application is deployed with, as devstack's configure step leaves it. */
function appEnv(s) {
  // The paste form reads oslo.config's files from OS_KIWI_CONFIG_DIR (default /etc/kiwi).
  return s.name === 'kiwi' ? { OS_KIWI_CONFIG_DIR: path.join(repoOf(s), 'etc', 'kiwi') } : {};
}

before(() => {
  for (const f of [UWSGI, '/usr/lib/uwsgi/plugins/python3_plugin.so', APACHE, path.join(APACHE_MODULES, 'mod_proxy_uwsgi.so'), GUNICORN])
    assert.ok(fs.existsSync(f), `${f} is missing: bash scripts/system/setup.sh installs it`);
  assert.ok(fs.existsSync(path.join(OUT, 'test', 'helpers', 'lsp-client.js')), 'out/test/helpers is missing: run npm run build');
  ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wsgi-goal-serve-')));
  // Apache's children run as www-data: they must reach the sockets below this folder.
  fs.chmodSync(ws, 0o755);
  for (const s of SERVICES) {
    fs.cpSync(path.join(FIXTURES, s.name), repoOf(s), { recursive: true });
    assert.ok(!fs.existsSync(path.join(repoOf(s), s.name, 'wsgi')), `the ${s.name} fixture must not ship ${s.name}/wsgi/`);
  }
  // devstack's configure_kiwi writes kiwi.conf into the config dir; oslo.config refuses to start
  // when a file in default_config_files is missing, so the paste form needs it there.
  fs.writeFileSync(path.join(repoOf(SERVICES[0]), 'etc', 'kiwi', 'kiwi.conf'), '[api]\ngreeting = kia ora from kiwi.conf\n');
});

after(async () => {
  await Promise.all([...running].map(stop));
  if (ws && !process.env.WSGI_GOAL_KEEP_SERVE) fs.rmSync(ws, { recursive: true, force: true });
});

// A killed test run must not leave servers behind: each runs in its own process group.
process.on('exit', () => {
  for (const p of running) killGroup(p, 'SIGKILL');
});

test("the scaffold command writes each service's WSGI module, over a real LSP connection", { timeout: 60000 }, async () => {
  const { TestClient, uriOf } = require(path.join(OUT, 'test', 'helpers', 'lsp-client.js'));
  const { applyWorkspaceEdit } = require(path.join(OUT, 'test', 'helpers', 'apply-edit.js'));
  const { ServerCommand } = require(path.join(OUT, 'server', 'src', 'protocol.js'));
  const { ExecuteCommandRequest, DidChangeWatchedFilesNotification, FileChangeType } = require('vscode-languageserver-protocol/node');

  const client = await TestClient.start([ws]);
  try {
    const cfg = (s) => path.join(repoOf(s), 'setup.cfg');
    for (const s of SERVICES) await client.until(`WSGI101 on ${s.name}/setup.cfg`, () => client.codes(cfg(s)).includes('WSGI101'));
    // As VS Code applies it: the files created, the text written, the watcher told.
    client.applyEdit = async (p) => {
      const a = applyWorkspaceEdit(p.edit, (f) => fs.readFileSync(f, 'utf8'));
      for (const [f, t] of a.buffers) fs.writeFileSync(f, t);
      await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: a.created.map((f) => ({ uri: uriOf(f), type: FileChangeType.Created })),
      });
      return { applied: true };
    };
    for (const s of SERVICES) {
      const root = repoOf(s);
      const res = await client.conn.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommand.scaffold,
        arguments: [{ root, service: s.service }],
      });
      const files = [path.join(root, s.name, 'wsgi', '__init__.py'), path.join(root, s.name, 'wsgi', 'api.py')];
      assert.deepEqual(res, { status: 'applied', files }, `scaffolding ${s.service}`);
      const text = fs.readFileSync(files[1], 'utf8');
      for (const re of s.form) assert.match(text, re, `${s.name}/wsgi/api.py is not built as expected:\n${text}`);
      scaffolded.set(s.name, text);
    }
    for (const s of SERVICES)
      await client.until(`no WSGI101 on ${s.name}/setup.cfg once scaffolded`, () => !client.codes(cfg(s)).includes('WSGI101'));
  } finally {
    await client.stop();
  }
});

test("uwsgi, set up as devstack's write_uwsgi_config does, serves each scaffolded module behind Apache", { timeout: 60000 }, async () => {
  requireScaffolded();
  const etc = path.join(ws, 'etc');
  const runDir = path.join(ws, 'run', 'uwsgi');
  const sites = path.join(ws, 'apache', 'sites');
  const logs = path.join(ws, 'logs');
  for (const d of [etc, runDir, sites, logs]) fs.mkdirSync(d, { recursive: true, mode: 0o755 });
  fs.chmodSync(path.join(ws, 'run'), 0o755);
  fs.chmodSync(runDir, 0o755);

  const procs = [];
  try {
    for (const s of SERVICES) {
      const conf = path.join(etc, `${s.service}-uwsgi.ini`);
      const w = spawnSync('bash', [SHELL_FUNCTION, conf, moduleOf(s), s.url, '', s.service], {
        encoding: 'utf8',
        env: { ...BASE_ENV, API_WORKERS: String(API_WORKERS), WORKER_TIMEOUT: '10', UWSGI_RUN_DIR: runDir, APACHE_SITE_DIR: sites },
      });
      assert.equal(w.status, 0, `write_uwsgi_config for ${s.service} failed:\n${w.stderr}`);
      const ini = fs.readFileSync(conf, 'utf8');
      assert.match(ini, new RegExp(`^module = ${moduleOf(s).replace(/\./g, '\\.')}$`, 'm'));
      const socket = path.join(runDir, `${s.service}.socket`);
      assert.ok(socket.length < 100, `${socket} is too long for a unix socket`);
      assert.match(ini, new RegExp(`^socket = ${socket}$`, 'm'));
      assert.equal(
        fs.readFileSync(path.join(sites, `${s.service}.conf`), 'utf8'),
        `ProxyPass "${s.url}" "unix:${socket}|uwsgi://uwsgi-uds-${s.service}" retry=0 acquire=1\n`,
      );
      // Started as devstack's run_process does: $(which uwsgi) --procname-prefix <svc> --ini <conf>.
      // --pythonpath only because the repo copy is not installed; devstack pip-installs the project
      // (setup_develop), and the INI stays what write_uwsgi_config wrote.
      procs.push(
        start(s.service + ' (uwsgi)', UWSGI, ['--procname-prefix', s.service, '--ini', conf, '--pythonpath', repoOf(s)], {
          cwd: ws,
          env: { ...BASE_ENV, ...appEnv(s) },
          log: path.join(logs, `${s.service}-uwsgi.log`),
        }),
      );
    }
    const port = await freePort();
    const conf = path.join(ws, 'apache', 'apache2.conf');
    fs.writeFileSync(conf, apacheConf(port, path.join(ws, 'apache'), sites, logs));
    const apache = start('apache2', APACHE, ['-f', conf, '-DFOREGROUND'], {
      cwd: ws,
      env: BASE_ENV,
      log: path.join(logs, 'apache-stderr.log'),
      extraLogs: [path.join(logs, 'apache-error.log'), path.join(logs, 'apache-access.log')],
    });
    procs.push(apache);

    await Promise.all(
      SERVICES.map(async (s) => {
        const uwsgi = procs.find((p) => p.name === s.service + ' (uwsgi)');
        const watch = [uwsgi, apache];
        // Apache answers 503 until the uwsgi socket accepts (retry=0).
        const root = await waitFor(`${s.url} through Apache`, watch, async () => {
          const r = await get(port, s.url);
          return r.status === 503 || r.status === 502 ? undefined : r;
        });
        const body = jsonOf(root, `GET ${s.url} through Apache`, watch);
        // lazy-apps: every worker imports the module itself, after the fork. Wait for all of them:
        // a worker still importing it when SIGTERM comes is only killed once worker-reload-mercy is over.
        const pids = await waitFor(`every ${s.service} uwsgi worker to load the application`, watch, () => {
          const found = new Set([...fs.readFileSync(uwsgi.logs[0], 'utf8').matchAll(APP_READY)].map((m) => Number(m[1])));
          return found.size >= API_WORKERS ? found : undefined;
        });
        for (const [k, v] of Object.entries(s.answer)) assert.equal(body[k], v, `${k} in ${root.body}\n${logsOf(watch)}`);
        // mod_proxy_uwsgi (Apache 2.4.71) passes the ProxyPass path as SCRIPT_NAME and the rest as
        // PATH_INFO: the app routes on its own paths, as it does under gunicorn.
        assert.equal(body.script_name, s.url, root.body);
        assert.equal(body.path_info, '/', root.body);
        if (s.name === 'numbat') assert.equal(body.root_url, `${s.url}/`, 'Flask builds its URLs under the proxied path');
        if (s.name === 'kiwi') assert.equal(root.headers['x-kiwi-plumage'], 'brown', 'the paste filter ran');
        // lazy-apps: the worker that answered built the application itself, after the fork.
        if (s.name === 'wombat') {
          assert.equal(body.built_in_pid, body.serving_pid, `lazy-apps: ${root.body}`);
          assert.ok(pids.has(body.serving_pid), `a uwsgi worker answered: ${root.body}\n${logsOf(watch)}`);
        }
        const missing = await get(port, `${s.url}/v1/nowhere`);
        assert.deepEqual(
          pick(jsonOf(missing, `GET ${s.url}/v1/nowhere`, watch, 404), ['service', 'script_name', 'path_info']),
          { service: s.service, script_name: s.url, path_info: '/v1/nowhere' },
          'the app itself answers 404 for a path it does not route',
        );
      }),
    );
  } finally {
    await Promise.all(procs.map(stop));
  }
});

test('gunicorn serves each scaffolded module, given its module path and PYTHONPATH at the repo', { timeout: 60000 }, async () => {
  requireScaffolded();
  const logs = path.join(ws, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const procs = [];
  try {
    await Promise.all(
      SERVICES.map(async (s) => {
        const port = await freePort();
        const proc = start(
          s.service + ' (gunicorn)',
          GUNICORN,
          ['--bind', `127.0.0.1:${port}`, '--workers', '1', '--graceful-timeout', '5', '--access-logfile', '-', moduleOf(s)],
          { cwd: ws, env: { ...BASE_ENV, PYTHONPATH: repoOf(s), ...appEnv(s) }, log: path.join(logs, `${s.service}-gunicorn.log`) },
        );
        procs.push(proc);
        const root = await waitFor(`gunicorn for ${s.service} on port ${port}`, [proc], () => get(port, '/'));
        const body = jsonOf(root, `GET / from gunicorn`, [proc]);
        for (const [k, v] of Object.entries(s.answer)) assert.equal(body[k], v, `${k} in ${root.body}\n${logsOf([proc])}`);
        assert.equal(body.script_name, '', root.body);
        assert.equal(body.path_info, '/', root.body);
        if (s.name === 'numbat') assert.equal(body.root_url, '/');
        if (s.name === 'kiwi') assert.equal(root.headers['x-kiwi-plumage'], 'brown', 'the paste filter ran');
        const missing = await get(port, '/v1/nowhere');
        assert.equal(missing.status, 404, `${missing.body}\n${logsOf([proc])}`);
      }),
    );
  } finally {
    await Promise.all(procs.map(stop));
  }
});

function requireScaffolded() {
  for (const s of SERVICES) {
    assert.ok(scaffolded.has(s.name), `the scaffold test did not write ${s.name}/wsgi/api.py`);
    // The module served is the one the scaffold wrote, untouched.
    assert.equal(fs.readFileSync(path.join(repoOf(s), s.name, 'wsgi', 'api.py'), 'utf8'), scaffolded.get(s.name));
  }
}

/** A minimal Apache: its own port, pid and logs, mod_proxy_uwsgi, and the sites the shell function wrote. */
function apacheConf(port, dir, sites, logs) {
  const mod = (name, file) => `LoadModule ${name}_module ${path.join(APACHE_MODULES, `mod_${file ?? name}.so`)}`;
  const docroot = path.join(dir, 'htdocs');
  fs.mkdirSync(docroot, { recursive: true });
  return [
    `ServerRoot "${dir}"`,
    'ServerName 127.0.0.1',
    `Listen 127.0.0.1:${port}`,
    `PidFile "${path.join(dir, 'apache2.pid')}"`,
    `DefaultRuntimeDir "${dir}"`,
    `ErrorLog "${path.join(logs, 'apache-error.log')}"`,
    'LogLevel info',
    `CustomLog "${path.join(logs, 'apache-access.log')}" "%h \\"%r\\" %>s %b %D"`,
    // As root, Apache serves from children running as this user (Debian's www-data).
    ...(process.getuid() === 0 ? ['User www-data', 'Group www-data'] : []),
    mod('mpm_event'),
    mod('authz_core'),
    mod('proxy'),
    mod('proxy_uwsgi'),
    `DocumentRoot "${docroot}"`,
    // enable_apache_site: every site devstack wrote is in.
    `IncludeOptional "${sites}/*.conf"`,
    '',
  ].join('\n');
}

/** Spawns a server in a process group of its own, its stdout and stderr into `log`. */
function start(name, cmd, args, { cwd, env, log, extraLogs = [] }) {
  const fd = fs.openSync(log, 'a');
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const p = { name, child, logs: [log, ...extraLogs], exited: undefined };
  p.done = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      p.exited = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    });
    child.on('error', (e) => {
      p.exited = e.message;
      resolve();
    });
  });
  running.add(p);
  return p;
}

function killGroup(p, signal) {
  try {
    process.kill(-p.child.pid, signal);
  } catch {
    /* the group is gone */
  }
}

/** SIGTERM to the server's main process, SIGKILL to its group if it is not gone in time; then to any child left. */
async function stop(p) {
  if (!p.exited && p.child.pid) {
    try {
      p.child.kill('SIGTERM');
    } catch {
      /* gone meanwhile */
    }
    let timer;
    await Promise.race([p.done, new Promise((r) => (timer = setTimeout(r, STOP_MS)))]);
    clearTimeout(timer);
  }
  if (p.child.pid) killGroup(p, 'SIGKILL');
  running.delete(p);
}

/** Polls `probe` until it returns a value, failing with the servers' logs when one exits or the deadline passes. */
async function waitFor(what, procs, probe, ms = READY_MS) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    const dead = procs.find((p) => p.exited);
    if (dead) assert.fail(`${dead.name} exited (${dead.exited}) while waiting for ${what}\n${logsOf(procs)}`);
    try {
      const v = await probe();
      if (v !== undefined) return v;
      last = 'not ready yet';
    } catch (e) {
      last = e.message;
    }
    if (Date.now() > deadline) assert.fail(`timed out after ${ms} ms waiting for ${what} (${last})\n${logsOf(procs)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function logsOf(procs) {
  const seen = new Set();
  const parts = [];
  for (const p of procs)
    for (const f of p.logs) {
      if (seen.has(f)) continue;
      seen.add(f);
      const text = fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '(no log)';
      parts.push(`--- ${path.basename(f)} (${p.name}):\n${text.length > 6000 ? '…' + text.slice(-6000) : text}`);
    }
  return parts.join('\n');
}

function jsonOf(res, what, procs, status = 200) {
  assert.equal(res.status, status, `${what}: HTTP ${res.status}\n${res.body}\n${logsOf(procs)}`);
  try {
    return JSON.parse(res.body);
  } catch {
    return assert.fail(`${what} did not answer JSON:\n${res.body}\n${logsOf(procs)}`);
  }
}

function pick(o, keys) {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

function get(port, urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${urlPath}: no answer in 5 s`)));
    req.on('error', reject);
  });
}

/** A loopback port free at the time of asking. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
