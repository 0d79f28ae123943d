// The RST export as the governance repo's docs build reads it: Debian's docutils, warnings fatal.
// Needs /usr/bin/rst2html (python3-docutils; `bash scripts/system/setup.sh` installs it). Run by
// `npm run test:system`, which .ci/run calls after that setup.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'repos');
const RST2HTML = '/usr/bin/rst2html';

function rstOf(args) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'rst', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** rst2html with warnings as errors; returns the HTML. */
function render(rst) {
  assert.ok(fs.existsSync(RST2HTML), `${RST2HTML} is missing: bash scripts/system/setup.sh installs python3-docutils`);
  const r = spawnSync(RST2HTML, ['--halt=warning', '--report=info'], { input: rst, encoding: 'utf8' });
  assert.equal(r.status, 0, `rst2html refused the export:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\((WARNING|ERROR|SEVERE)/, r.stderr);
  return r.stdout;
}

test('the RST of every fixture repo, for each goal, renders with no docutils warning', () => {
  for (const goal of ['deploy-api-in-wsgi', 'migrate-from-wsgi-scripts-to-module-paths']) {
    const html = render(rstOf(['--goal', goal, FIXTURES]));
    assert.match(html, /<table/);
    assert.match(html, /<h2[^>]*>designate<\/h2>|<h1[^>]*>designate<\/h1>/);
  }
});

test('names with RST markup characters come out as text, not markup', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'wsgi-goal-rst-'));
  try {
    const repo = path.join(ws, 'odd');
    fs.cpSync(path.join(FIXTURES, 'module-path-2025'), repo, { recursive: true });
    const cfg = path.join(repo, 'setup.cfg');
    fs.writeFileSync(cfg, fs.readFileSync(cfg, 'utf8').replace(/^name = .*$/m, 'name = *star*_under_|bar|`tick`'));
    const rst = rstOf(['--goal', 'migrate-from-wsgi-scripts-to-module-paths', ws]);
    const html = render(rst);
    assert.match(html, /\*star\*_under_\|bar\|`tick`/);
    assert.match(html, /&lt;pkg&gt;\.wsgi\.&lt;server&gt; modules with application/);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
