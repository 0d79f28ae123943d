// `npm run bench`: how fast the engine scans and re-analyses, against a baseline measured in the
// same run (a bare fast-glob walk of the same tree). Medians of several runs; prints a table.
// Tree: BENCH_REPOS OpenStack-shaped repos plus filler files up to BENCH_FILES files in all.
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

(async () => {
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
