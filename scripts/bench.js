// `npm run bench`: how fast the engine scans and re-analyses, against a baseline measured in the
// same run (a bare fast-glob walk of the same tree). Medians of several runs; prints a table.
// Tree: BENCH_REPOS OpenStack-shaped repos plus filler files up to BENCH_FILES files in all.
// `npm run bench -- TREE…` measures real trees instead (real checkouts, e.g. made with
// scripts/eval/snapshot.sh): the whole-process CLI check against ripgrep's marker scan (when `rg`
// is installed: apt-get install ripgrep) and a whole-process walk, and the trees added as
// workspace folders one by one, as an editor opening them does.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const fg = require('fast-glob');
const { Workspace } = require('../out/server/src/engine/workspace');
const { defaultSettings } = require('../out/server/src/protocol');

const REPOS = Number(process.env.BENCH_REPOS || 40);
const FILES = Number(process.env.BENCH_FILES || 50000);
const RUNS = Number(process.env.BENCH_RUNS || 5);
const fixtures = path.join(__dirname, '..', 'test', 'fixtures', 'repos');

function makeTree() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wsgi-goal-bench-'));
  const layouts = fs.readdirSync(fixtures).filter((d) => fs.existsSync(path.join(fixtures, d, 'setup.cfg')));
  let count = 0;
  for (let i = 0; i < REPOS; i++) {
    const dst = path.join(root, `repo${i}`);
    fs.cpSync(path.join(fixtures, layouts[i % layouts.length]), dst, { recursive: true });
    count += fg.sync('**', { cwd: dst, dot: true }).length;
  }
  // Filler: Python modules, tests and docs, as a large project has, spread over the repos.
  for (let n = 0; count < FILES; n++) {
    const dir = path.join(root, `repo${n % REPOS}`, 'pkg', `mod${Math.floor(n / 200)}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `m${n}.py`), `def f${n}():\n    return ${n}\n`);
    count++;
  }
  return { root, count };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
async function time(fn) {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const MARKERS = ['application\\s*=', 'wsgi_scripts', 'write_uwsgi_config', 'run_process', 'WSGI_MODE', 'console_scripts'];
const hasRg = spawnSync('rg', ['--version']).status === 0;
const cli = path.join(__dirname, '..', 'dist', 'cli.js');

function proc(cmd, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} … exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function realTrees(trees) {
  const rows = { walk: [], rg: [], check: [], folders: [] };
  let repos = 0;
  const walk = `for (const cwd of process.argv.slice(1)) require('fast-glob').sync('**', { cwd, dot: true, ignore: ['**/.git/**'] })`;
  for (let i = 0; i < RUNS; i++) {
    // Alternating, so that a busy moment of the machine falls on both sides.
    rows.walk.push(proc(process.execPath, ['-e', walk, ...trees]));
    if (hasRg) rows.rg.push(proc('rg', ['-l', '--no-ignore', ...MARKERS.flatMap((m) => ['-e', m]), ...trees]));
    rows.check.push(proc(process.execPath, [cli, 'check', '--format', 'json', ...trees]));
    rows.folders.push(
      await time(async () => {
        const ws = new Workspace({ ...defaultSettings, maxFiles: 0 });
        for (const d of trees) await ws.addFolder(d);
        repos = ws.report().repos.length;
      }),
    );
  }
  const base = hasRg ? median(rows.rg) : undefined;
  const row = (what, xs) => console.log(`| ${what} | ${median(xs).toFixed(0)} | ${base ? (median(xs) / base).toFixed(2) : '—'} |`);
  console.log(`${trees.length} trees, ${repos} repos; ${RUNS} runs (medians)`);
  console.log('| measure | median ms | ratio to ripgrep |');
  console.log('|---|---|---|');
  if (hasRg) row('baseline: `rg -l` of the markers over every tree (whole process)', rows.rg);
  else console.log('| ripgrep marker scan | skipped: rg is not installed (apt-get install ripgrep) | — |');
  row('fast-glob walk of every tree (one node process)', rows.walk);
  row('`wsgi-goal check --format json` of every tree (whole process)', rows.check);
  row('the trees added as workspace folders one by one (in process)', rows.folders);
}

(async () => {
  const given = process.argv.slice(2).map((d) => path.resolve(process.env.INIT_CWD ?? process.cwd(), d));
  if (given.length) return realTrees(given);
  const { root, count } = makeTree();
  try {
    const baseline = [],
      cold = [],
      edit = [];
    let repos = 0;
    for (let i = 0; i < RUNS; i++) {
      baseline.push(await time(() => fg('**', { cwd: root, dot: true, followSymbolicLinks: false, ignore: ['**/.git/**'] })));
      let ws;
      cold.push(
        await time(async () => {
          ws = new Workspace({ ...defaultSettings, maxFiles: 0 });
          await ws.addFolder(root);
        }),
      );
      repos = ws.report().repos.length;
      const cfg = path.join(root, 'repo0', 'setup.cfg');
      const text = fs.readFileSync(cfg, 'utf8');
      for (let k = 0; k < 10; k++) edit.push(await time(() => ws.setBuffer(cfg, text + `\n# edit ${i}-${k}\n`)));
    }
    const b = median(baseline),
      c = median(cold),
      e = median(edit);
    console.log(`tree: ${count} files, ${repos} repos; ${RUNS} runs (medians)`);
    console.log('| measure | median ms | ratio to baseline |');
    console.log('|---|---|---|');
    console.log(`| baseline: fast-glob walk of every file | ${b.toFixed(1)} | 1.00 |`);
    console.log(`| cold scan + analysis of every repo | ${c.toFixed(1)} | ${(c / b).toFixed(2)} |`);
    console.log(`| re-analysis after an edit to setup.cfg | ${e.toFixed(1)} | ${(e / b).toFixed(2)} |`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
