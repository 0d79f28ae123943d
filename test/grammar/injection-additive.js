#!/usr/bin/env node
// The devstack injection grammar must only ADD its scopes (support.function.devstack*) to
// the shell grammar's own tokens: with and without the injection, every visible character of
// every sample must carry the same scopes once those are removed. Two differences no theme
// shows are allowed: blanks may differ in their meta.statement scopes, and a scope may appear
// twice in a row (the first command of a function body gets meta.statement.shell twice, as the
// shell grammar leaves a statement open after '{'). This catches an injection rule that
// swallows arguments, ends a statement early or breaks the statement that follows.
//
// Run by scripts/test-grammars.sh; uses the vscode-textmate and vscode-oniguruma that
// vscode-tmgrammar-test runs on.
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const runnerDir = path.dirname(require.resolve('vscode-tmgrammar-test/package.json', { paths: [ROOT] }));
const tm = require(require.resolve('vscode-textmate', { paths: [runnerDir] }));
const oniguruma = require(require.resolve('vscode-oniguruma', { paths: [runnerDir] }));

const GRAMMARS = {
  // scripts/test-grammars.sh passes the base shell grammar it tests with.
  'source.shell': process.env.SHELL_GRAMMAR
    ? path.resolve(ROOT, process.env.SHELL_GRAMMAR)
    : require.resolve('tm-grammars/grammars/shellscript.json', { paths: [ROOT] }),
  'source.devstack-local-conf': path.join(ROOT, 'syntaxes', 'devstack-local-conf.tmLanguage.json'),
  'devstack.injection': path.join(ROOT, 'syntaxes', 'devstack-shell.injection.tmLanguage.json'),
};
const INJECT_TO = ['source.shell', 'source.devstack-local-conf'];
const INJECTED = /^support\.function\.devstack(\.|$)/;

// [file, root scope, the least number of injected tokens expected in it]
const SAMPLES = [
  ['test/grammar/snap/plugin.sh', 'source.shell', 20],
  ['test/grammar/snap/settings', 'source.shell', 4],
  ['test/grammar/snap/multinode.local.conf', 'source.devstack-local-conf', 5],
  ...fs
    .readdirSync(path.join(ROOT, 'test/grammar/unit/devstack-shell'))
    .filter((f) => f.endsWith('.sh'))
    .sort()
    .map((f) => [`test/grammar/unit/devstack-shell/${f}`, 'source.shell', f === 'not-injected.sh' ? 0 : 1]),
];

function registry(withInjection, onigLib) {
  const raw = {};
  for (const [scope, file] of Object.entries(GRAMMARS)) {
    raw[scope] = tm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
  }
  return new tm.Registry({
    onigLib,
    loadGrammar: async (scope) => raw[scope] || null,
    getInjections: (scope) => (withInjection && INJECT_TO.includes(scope) ? ['devstack.injection'] : []),
  });
}

// A unit test file without its header and assertion lines, as vscode-tmgrammar-test sees it.
function sourceOf(text) {
  const lines = text.split(/\r?\n/);
  if (!/^#\s+SYNTAX\s+TEST\s/.test(lines[0])) return text;
  return lines
    .slice(1)
    .filter((l) => !/^#\s*(\^|<~*-)/.test(l))
    .join('\n');
}

function dedupe(scopes) {
  return scopes.filter((s, i) => i === 0 || scopes[i - 1] !== s);
}

// One array of scopes per character, line by line.
function scopesPerChar(grammar, text) {
  let stack = tm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    const perChar = [];
    for (const t of r.tokens) {
      for (let i = t.startIndex; i < Math.min(t.endIndex, line.length); i++) perChar[i] = t.scopes;
    }
    return { line, perChar, tokens: r.tokens };
  });
}

async function main() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm', { paths: [runnerDir] })).buffer;
  await oniguruma.loadWASM(wasm);
  const onigLib = Promise.resolve({
    createOnigScanner: (p) => new oniguruma.OnigScanner(p),
    createOnigString: (s) => new oniguruma.OnigString(s),
  });
  const plain = registry(false, onigLib);
  const injected = registry(true, onigLib);

  let passed = 0;
  let failed = 0;
  for (const [rel, scope, minInjected] of SAMPLES) {
    const text = sourceOf(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
    const a = scopesPerChar(await plain.loadGrammar(scope), text);
    const b = scopesPerChar(await injected.loadGrammar(scope), text);
    let problem = null;
    let count = 0;
    for (let n = 0; n < a.length && !problem; n++) {
      count += b[n].tokens.filter((t) => t.scopes.some((s) => INJECTED.test(s))).length;
      for (let c = 0; c < a[n].line.length; c++) {
        if (a[n].line[c] === ' ' || a[n].line[c] === '\t') continue;
        const want = dedupe(a[n].perChar[c] || []).join(' ');
        const got = dedupe((b[n].perChar[c] || []).filter((s) => !INJECTED.test(s))).join(' ');
        if (want !== got) {
          problem = `line ${n + 1}, column ${c + 1}: ${JSON.stringify(a[n].line)}\n    without the injection: ${want}\n    with it (less its scopes): ${got}`;
          break;
        }
      }
    }
    if (!problem && count < minInjected) {
      problem = `only ${count} token(s) got a devstack scope, expected at least ${minInjected}`;
    }
    if (problem) {
      failed++;
      console.log(`✖ ${rel}: ${problem}`);
    } else {
      passed++;
      console.log(`✓ ${rel}: the injection only adds scopes (${count} devstack calls)`);
    }
  }
  console.log(`injection-additive: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exitCode = 1;
});
