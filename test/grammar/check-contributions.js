#!/usr/bin/env node
// Static checks of the grammar files and of how they are contributed:
// - every file under syntaxes/ is valid JSON; each grammar has its expected scopeName;
// - test/grammar/grammars.json (what the grammar tests load) points at those files;
// - package.json, once it contributes these languages/grammars, agrees with them: same
//   grammar files, the injection injected into both scopes, language configurations that
//   exist. Until it does, a note is printed and nothing fails.
// Run by scripts/test-grammars.sh.
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const EXPECTED = {
  'source.devstack-local-conf': { file: 'syntaxes/devstack-local-conf.tmLanguage.json', language: 'devstack-local-conf' },
  'source.uwsgi-ini': { file: 'syntaxes/uwsgi-ini.tmLanguage.json', language: 'uwsgi-ini' },
  'devstack.injection': {
    file: 'syntaxes/devstack-shell.injection.tmLanguage.json',
    injectTo: ['source.shell', 'source.devstack-local-conf'],
    injectionSelector: 'L:source.shell -comment -string.quoted.single',
  },
};
const LANGUAGE_CONFIGURATIONS = {
  'devstack-local-conf': 'syntaxes/language-configuration/devstack-local-conf.json',
  'uwsgi-ini': 'syntaxes/language-configuration/uwsgi-ini.json',
};

const problems = [];
const notes = [];

function readJson(rel) {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
  } catch (err) {
    problems.push(`${rel}: ${err.message}`);
    return null;
  }
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

// 1. every JSON file under syntaxes/ parses; grammars carry their scope names
for (const file of walk(path.join(ROOT, 'syntaxes')).filter((f) => f.endsWith('.json'))) {
  readJson(path.relative(ROOT, file));
}
for (const [scope, want] of Object.entries(EXPECTED)) {
  const g = readJson(want.file);
  if (!g) continue;
  if (g.scopeName !== scope) problems.push(`${want.file}: scopeName is ${g.scopeName}, expected ${scope}`);
  if (want.injectionSelector && g.injectionSelector !== want.injectionSelector) {
    problems.push(`${want.file}: injectionSelector is ${JSON.stringify(g.injectionSelector)}, expected ${JSON.stringify(want.injectionSelector)}`);
  }
}

// 2. and 3. the test configuration and package.json
function checkContributions(label, json, baseDir, required) {
  const grammars = (json && json.contributes && json.contributes.grammars) || [];
  const languages = (json && json.contributes && json.contributes.languages) || [];
  for (const [scope, want] of Object.entries(EXPECTED)) {
    const g = grammars.find((x) => x.scopeName === scope);
    if (!g) {
      (required ? problems : notes).push(`${label}: no grammar with scopeName ${scope}`);
      continue;
    }
    const resolved = path.relative(ROOT, path.resolve(baseDir, g.path || ''));
    if (resolved !== want.file) problems.push(`${label}: ${scope} has path ${g.path}, expected the file ${want.file}`);
    if (want.language && g.language !== want.language) problems.push(`${label}: ${scope} has language ${g.language}, expected ${want.language}`);
    if (want.injectTo) {
      const missing = want.injectTo.filter((s) => !(g.injectTo || []).includes(s));
      if (missing.length) problems.push(`${label}: ${scope} is not injected into ${missing.join(', ')}`);
    }
  }
  if (required) return;
  for (const [id, conf] of Object.entries(LANGUAGE_CONFIGURATIONS)) {
    const lang = languages.find((x) => x.id === id);
    if (!lang) {
      notes.push(`${label}: no language ${id}`);
      continue;
    }
    if (lang.configuration && path.relative(ROOT, path.resolve(baseDir, lang.configuration)) !== conf) {
      problems.push(`${label}: language ${id} has configuration ${lang.configuration}, expected the file ${conf}`);
    }
  }
}

checkContributions('test/grammar/grammars.json', readJson('test/grammar/grammars.json'), path.join(ROOT, 'test', 'grammar'), true);
checkContributions('package.json', readJson('package.json'), ROOT, false);

for (const n of notes) console.log(`note: ${n}`);
for (const p of problems) console.log(`✖ ${p}`);
if (problems.length) {
  console.log(`check-contributions: ${problems.length} problem(s)`);
  process.exitCode = 1;
} else {
  console.log('check-contributions: grammar files and contributions agree');
}
