// Node 20's test runner neither expands globs nor compiles TypeScript: run every compiled
// *.test.js under out/test (unit, then LSP), passing the files explicitly.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const base = path.join(__dirname, '..', 'out', 'test');
const only = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'e2e') walk(p);
    else if (e.name.endsWith('.test.js') && (!only.length || only.some((o) => p.includes(o)))) files.push(p);
  }
})(base);
if (!files.length) {
  console.error('no compiled tests found under out/test: run `npm run build` first');
  process.exit(1);
}
const res = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(res.status ?? 1);
