#!/usr/bin/env node
// Measures the engine against blind labels of real OpenStack snapshots (test/eval/labels.json).
// Not part of `npm test`: it needs the real trees, which are not committed. Make them with
// scripts/eval/snapshot.sh (GITDIR DATE OUT) into one folder, named by label id, beside the
// devstack trees the labels name (devstack@<date>), then:
//   npm run eval -- TREES [--engine DIST_DIR] [--json OUT] [--only ID,ID]
// Prints one line per snapshot that misses, per-field accuracy, and the false alarms: error
// diagnostics on snapshots whose labels say the goal is met.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const engine = path.resolve(opt('--engine') ?? path.join(__dirname, '..', 'dist'));
const jsonOut = opt('--json');
const only = opt('--only')?.split(',');
const labelsFile = opt('--labels') ?? path.join(__dirname, '..', 'test', 'eval', 'labels.json');
const trees = args[0] && path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
if (!trees || !fs.existsSync(trees)) {
  console.error('usage: npm run eval -- TREES [--engine DIST_DIR] [--json OUT] [--only ID,ID]');
  process.exit(2);
}

const labels = JSON.parse(fs.readFileSync(labelsFile, 'utf8')).filter((l) => !only || only.includes(l.id));
const fields = ['criterion1', 'mode', 'criterion2'];
const right = Object.fromEntries(fields.map((f) => [f, 0]));
const rows = [];
let counted = 0;
let falseAlarms = 0;
for (const label of labels) {
  const tree = path.join(trees, label.id);
  const devstack = path.join(trees, label.devstack);
  if (!fs.existsSync(tree) || !fs.existsSync(devstack)) {
    rows.push({ id: label.id, missing: true });
    console.log(`${label.id}: tree or ${label.devstack} missing under ${trees}`);
    continue;
  }
  const res = spawnSync(process.execPath, [path.join(engine, 'cli.js'), 'check', '--format', 'json', '--devstack', devstack, tree], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  let report;
  try {
    report = JSON.parse(res.stdout);
  } catch {
    console.log(`${label.id}: the engine failed (exit ${res.status}): ${res.stderr.split('\n')[0]}`);
    rows.push({ id: label.id, failed: true });
    continue;
  }
  const repo = report.repos.find((r) => path.resolve(r.root) === tree) ?? report.repos[0];
  const c = repo?.criteria;
  const got = { criterion1: c?.wsgiScripts.met ?? null, mode: c?.devstackUwsgi.mode ?? 'none', criterion2: c?.devstackUwsgi.met ?? null };
  const errors = (repo?.diagnostics ?? []).filter((d) => d.severity === 'error');
  const met = label.criterion1 === true && label.criterion2 === true;
  counted++;
  const misses = fields.filter((f) => got[f] !== label[f]);
  for (const f of fields) if (!misses.includes(f)) right[f]++;
  if (met) falseAlarms += errors.length;
  rows.push({
    id: label.id,
    got,
    want: { criterion1: label.criterion1, mode: label.mode, criterion2: label.criterion2 },
    misses,
    errors: errors.length,
    met,
  });
  const services = (repo?.apiServices ?? []).map((s) => s.name).join(', ') || '-';
  if (misses.length || (met && errors.length)) {
    const what = misses.map((f) => `${f} ${JSON.stringify(got[f])} (label ${JSON.stringify(label[f])})`).join('; ');
    const alarm =
      met && errors.length
        ? `; ${errors.length} error(s) on a met repo: ${errors.map((e) => `${e.code} ${e.file}:${e.line}`).join(', ')}`
        : '';
    console.log(`MISS ${label.id}: ${what || 'verdicts right'}${alarm} [engine services: ${services}]`);
  }
}
const pct = (n) => (counted ? ((100 * n) / counted).toFixed(1) : '0');
console.log(`\n${counted} snapshots evaluated (${labels.length - counted} not available)`);
for (const f of fields) console.log(`${f.padEnd(11)} ${right[f]}/${counted} right (${pct(right[f])}%)`);
const metCount = rows.filter((r) => r.met).length;
console.log(`false alarms: ${falseAlarms} error diagnostic(s) on the ${metCount} snapshots labelled as meeting the goal`);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ engine, counted, right, falseAlarms, rows }, null, 2));
