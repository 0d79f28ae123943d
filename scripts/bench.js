// `npm run bench [-- TREE…]`: how fast the engine is against baselines measured in the same run,
// alternating with them: ripgrep listing the files that hold the engine's markers (Debian's ripgrep;
// `apt-get install ripgrep`), and node's own start-up.
//   - no TREE: deterministic OpenStack-shaped trees (scripts/bench/generate.js): a nova-sized repo, and
//     a 30-repo /opt/stack-like workspace with a devstack checkout;
//   - TREE…: real checkouts (e.g. the 23 pinned in scripts/bench/real-trees.txt, written by
//     scripts/bench/real-trees.sh): all of them as the workspace, nova (or the largest) as the one repo.
// Measures the whole-process `wsgi-goal check`, then the language server over a real LSP connection:
// initialized → last diagnostics (each repo a workspace folder, and all as one folder), hover and
// code actions while that scan runs, edit → diagnostics, RSS. Prints a table (median, p95, ratio to
// the baseline, target) and writes it as JSON (BENCH_JSON, default bench-results.json) to compare commits.
// BENCH_RUNS (default 7) sets the repetitions of the whole-process and cold-start measurements.
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { generate } = require('./bench/generate');
const { treeStats } = require('./bench/stats');
const lsp = require('./bench/lsp');

const RUNS = Number(process.env.BENCH_RUNS || 7);
const EDITS = Number(process.env.BENCH_EDITS || 10);
const JSON_OUT = path.resolve(process.env.INIT_CWD ?? process.cwd(), process.env.BENCH_JSON || 'bench-results.json');
const CLI = path.join(__dirname, '..', 'dist', 'cli.js');
const MARKERS = ['application\\s*=', 'wsgi_scripts', 'write_uwsgi_config', 'run_process', 'WSGI_MODE', 'console_scripts'];
const hasRg = spawnSync('rg', ['--version']).status === 0;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Wall time of a whole process, and its peak RSS when it is node. */
function proc(cmd, args) {
  const rssFile = path.join(os.tmpdir(), `wsgi-goal-bench-rss-${process.pid}`);
  const isNode = cmd === process.execPath;
  const t = now();
  const r = spawnSync(cmd, isNode ? ['--require', path.join(__dirname, 'bench', 'maxrss.js'), ...args] : args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  const ms = now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} … exited ${r.status}: ${r.stderr}`);
  const rss = isNode && fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) : undefined;
  return { ms, rss };
}
const rg = (trees) => proc('rg', ['-l', '--no-ignore', ...MARKERS.flatMap((m) => ['-e', m]), ...trees]);
const check = (trees) => proc(process.execPath, [CLI, 'check', '--format', 'json', ...trees]);

/** A repo with a devstack plugin, packaging and a Zuul file: where the edits and the requests go. */
function probeOf(repos) {
  for (const root of repos) {
    const plugin = path.join(root, 'devstack', 'plugin.sh');
    const cfg = ['setup.cfg', 'pyproject.toml'].map((f) => path.join(root, f)).find((f) => fs.existsSync(f));
    const zuul = ['.zuul.yaml', 'zuul.yaml', 'zuul.d/jobs.yaml', 'zuul.d/project.yaml']
      .map((f) => path.join(root, f))
      .find((f) => fs.existsSync(f));
    if (!fs.existsSync(plugin) || !cfg?.endsWith('setup.cfg') || !zuul) continue;
    const lines = fs.readFileSync(plugin, 'utf8').split('\n');
    const line = lines.findIndex((l) => /\b(run_process|write_uwsgi_config|is_service_enabled)\b/.test(l));
    if (line < 0) continue;
    const character = lines[line].search(/\b(run_process|write_uwsgi_config|is_service_enabled)\b/) + 2;
    return { root, plugin, cfg, zuul, hoverAt: { line, character } };
  }
  throw new Error('bench: no repo with devstack/plugin.sh, setup.cfg and a Zuul file to edit');
}

async function main() {
  const given = process.argv.slice(2).map((d) => path.resolve(process.env.INIT_CWD ?? process.cwd(), d));
  let tmp;
  let single, workspace, oneFolder;
  if (given.length) {
    workspace = given;
    single = given.find((t) => path.basename(t) === 'nova') ?? [...given].sort((a, b) => treeStats(b).files - treeStats(a).files)[0];
    const parent = path.dirname(given[0]);
    const same = fs.readdirSync(parent).map((d) => path.join(parent, d));
    oneFolder = given.every((t) => path.dirname(t) === parent) && same.length === given.length ? parent : undefined;
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wsgi-goal-bench-'));
    const g = generate(tmp);
    single = g.single;
    workspace = g.repos;
    oneFolder = g.workspace;
  }
  const files = workspace.reduce((n, t) => n + treeStats(t).files, 0);
  const report = JSON.parse(execFileSync(process.execPath, [CLI, 'check', '--format', 'json', ...workspace], { maxBuffer: 1 << 28 }));
  const repos = report.repos.length;
  const probe = probeOf(workspace.filter((t) => path.basename(t) !== 'devstack'));
  console.log(
    `${given.length ? 'real trees' : 'generated trees'}: ${workspace.length} trees, ${repos} repos, ${files} files; one repo: ${path.basename(single)}; ${RUNS} runs, alternating with the baselines`,
  );
  if (!hasRg) console.log('ripgrep is missing (apt-get install ripgrep): its baseline rows and ratios are skipped');

  // Warm page cache (the targets are for it): every tree read once by both sides before measuring.
  if (hasRg) rg(workspace);
  check(workspace);
  const m = {};
  const add = (k, v) => (m[k] ??= []).push(v);
  for (let i = 0; i < RUNS; i++) {
    if (hasRg) add('rgSingle', rg([single]));
    add('nodeStart', proc(process.execPath, ['-e', '0']));
    add('checkSingle', check([single]));
    if (hasRg) add('rgWorkspace', rg(workspace));
    add('checkWorkspace', check(workspace));
  }
  const server = { folders: [], one: [], during: { hover: [], codeAction: [] }, idle: { hover: [], codeAction: [] }, rss: [], peak: [] };
  let editMs, idle;
  for (let i = 0; i < Math.min(RUNS, 5); i++) {
    if (hasRg) add('rgServer', rg(workspace));
    const cold = await lsp.coldStart(workspace, repos, probe);
    server.folders.push(cold.coldMs);
    for (const k of ['hover', 'codeAction']) {
      server.during[k].push(...cold.during[k]);
      server.idle[k].push(...cold.idle[k]);
    }
    server.rss.push(cold.mem.rss);
    server.peak.push(cold.mem.peak);
    if (i === 0) {
      editMs = await lsp.edits(cold.s, probe, EDITS);
      idle = await lsp.idleEdits(cold.s, probe, 4, 4000);
    }
    await lsp.stop(cold.s);
    if (oneFolder) {
      const one = await lsp.coldStart([oneFolder], repos, probe);
      server.one.push(one.coldMs);
      await lsp.stop(one.s);
    }
  }

  const ms = (k) => m[k]?.map((x) => x.ms);
  const base = (k) => (hasRg ? median(ms(k)) : undefined);
  const rows = [];
  const row = (what, xs, baseline, target, extra = {}) => {
    const r = { what, median: median(xs), p95: p95(xs), ...extra };
    if (baseline !== undefined) Object.assign(r, { baseline, ratio: r.median / baseline });
    if (target) r.target = target;
    rows.push(r);
  };
  const rgNode = hasRg ? median(ms('rgSingle')) + median(ms('nodeStart')) : undefined;
  row(`check ${path.basename(single)} (whole process)`, ms('checkSingle'), rgNode, '≤ 2× (rg + node start)', {
    peakRss: Math.max(...m.checkSingle.map((x) => x.rss ?? 0)),
    baselineIs: 'rg of the markers + node -e 0',
  });
  row(`check the ${workspace.length} trees (whole process)`, ms('checkWorkspace'), base('rgWorkspace'), '≤ 1.0× rg (1.5× at worst)', {
    peakRss: Math.max(...m.checkWorkspace.map((x) => x.rss ?? 0)),
  });
  row(`server: ${workspace.length} workspace folders, initialized → last diagnostics`, server.folders, base('rgServer'), '≤ 1.5× rg', {
    peakRss: Math.max(...server.peak),
  });
  if (server.one.length) row('server: the same trees as one folder', server.one, base('rgServer'), '≥ the folders row');
  for (const k of ['hover', 'codeAction']) {
    row(
      `server: ${k} while the cold scan runs (${server.during[k].length} requests)`,
      server.during[k],
      p95(server.idle[k]),
      'p95 ≤ 50 ms',
      {
        baselineIs: 'idle p95',
      },
    );
  }
  for (const [kind, xs] of Object.entries(editMs))
    row(`server: edit ${kind} → its diagnostics (${xs.length} edits)`, xs, undefined, 'p95 ≤ 60 ms');
  row(`server: edit devstack/plugin.sh after 4 s idle → its diagnostics (${idle.ms.length} edits)`, idle.ms, undefined, 'p95 ≤ 60 ms');
  row('server: RSS after the scan (MB)', server.rss, undefined, '≤ 100 MB');
  row('server: RSS 4 s after the scan, parse workers ended (MB)', [idle.rssIdle], undefined, '≤ 100 MB');

  const f = (x) => (x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
  console.log('| measure | median ms | p95 ms | peak RSS MB | baseline ms | ratio | target |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.what} | ${f(r.median)} | ${f(r.p95)} | ${f(r.peakRss)} | ${f(r.baseline)}${r.baselineIs ? ` (${r.baselineIs})` : ''} | ${r.ratio === undefined ? '—' : r.ratio.toFixed(2) + '×'} | ${r.target ?? ''} |`,
    );
  const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: __dirname, encoding: 'utf8' }).stdout.trim();
  const stats = Object.fromEntries(workspace.map((t) => [path.basename(t), treeStats(t)]));
  fs.writeFileSync(
    JSON_OUT,
    JSON.stringify(
      { commit, date: new Date().toISOString(), trees: given.length ? given : 'generated', runs: RUNS, rows, stats },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwritten ${JSON_OUT}`);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
