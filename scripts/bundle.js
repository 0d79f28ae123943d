// Bundles the client, the language server and the CLI with esbuild, and copies the tree-sitter
// WebAssembly files next to them (the server loads them at run time).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

async function main() {
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'client/src/extension.ts')],
      outfile: path.join(root, 'dist/client.js'),
      external: ['vscode'],
    }),
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'server/src/server.ts')],
      outfile: path.join(root, 'dist/server.js'),
      banner: { js: '#!/usr/bin/env node' },
    }),
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'server/src/parse/worker.ts')],
      outfile: path.join(root, 'dist/parse-worker.js'),
    }),
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'server/src/cli.ts')],
      outfile: path.join(root, 'dist/cli.js'),
      define: { WSGI_GOAL_VERSION: JSON.stringify(require('../package.json').version) },
      banner: { js: '#!/usr/bin/env node' },
    }),
  ]);
  const wasmSrc = path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm'));
  const wasmDst = path.join(root, 'dist/wasm');
  fs.mkdirSync(wasmDst, { recursive: true });
  for (const f of ['tree-sitter.wasm', 'tree-sitter-python.wasm', 'tree-sitter-bash.wasm'])
    fs.copyFileSync(path.join(wasmSrc, f), path.join(wasmDst, f));
  for (const f of ['server.js', 'cli.js']) fs.chmodSync(path.join(root, 'dist', f), 0o755);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
