// The statistics of a source tree that drive the engine's cost, for comparing the benchmark's
// generated trees with real checkouts: `node scripts/bench/stats.js TREE…` prints one row per tree.
const fs = require('fs');
const path = require('path');

const TEST = new Set(['tests', 'test', 'functional', 'unit']);
const DOCS = new Set(['doc', 'docs', 'api-ref', 'api-guide', 'install-guide', 'releasenotes']);
const PLUGIN_EXT = /\.(template|conf|ini|service|ya?ml|rst|py|txt|json)$/;

/** Files, Python files and their sizes, files named for WSGI, Zuul YAML and devstack plugin bytes. */
function treeStats(root) {
  const s = { files: 0, dirs: 0, py: 0, pyKB: 0, pyMedian: 0, wsgiNamed: 0, zuulKB: 0, pluginKB: 0, tests: 0, docs: 0 };
  const sizes = [];
  let zuul = 0,
    plugin = 0,
    py = 0;
  const walk = (rel) => {
    s.dirs++;
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== '.git') walk(child);
        continue;
      }
      if (!e.isFile()) continue;
      const size = fs.statSync(path.join(root, child)).size;
      const parts = child.split('/');
      s.files++;
      if (parts.slice(0, -1).some((p) => TEST.has(p))) s.tests++;
      if (DOCS.has(parts[0])) s.docs++;
      if (e.name.endsWith('.py')) {
        s.py++;
        py += size;
        sizes.push(size);
        if (child.includes('wsgi')) s.wsgiNamed++;
      }
      if (/^(\.?zuul\.yaml|\.?zuul\.d\/[^/]+\.yaml)$/.test(child)) zuul += size;
      if (parts[0] === 'devstack' && !PLUGIN_EXT.test(e.name)) plugin += size;
    }
  };
  walk('');
  sizes.sort((a, b) => a - b);
  s.pyKB = Math.round(py / 1024);
  s.pyMedian = sizes.length ? sizes[Math.floor(sizes.length / 2)] : 0;
  s.zuulKB = Math.round(zuul / 1024);
  s.pluginKB = Math.round(plugin / 1024);
  s.tests = +(s.tests / Math.max(1, s.files)).toFixed(2);
  s.docs = +(s.docs / Math.max(1, s.files)).toFixed(2);
  return s;
}

module.exports = { treeStats };

if (require.main === module) {
  const cols = ['files', 'dirs', 'py', 'pyKB', 'pyMedian', 'wsgiNamed', 'zuulKB', 'pluginKB', 'tests', 'docs'];
  console.log(['tree', ...cols].join('\t'));
  for (const t of process.argv.slice(2)) {
    const s = treeStats(t);
    console.log([path.basename(t), ...cols.map((c) => s[c])].join('\t'));
  }
}
