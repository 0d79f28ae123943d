#!/usr/bin/env node
// Generates the list of uWSGI options and the uwsgi-ini TextMate grammar.
//
//   node scripts/gen-uwsgi-options.js            run uWSGI, write both files
//   node scripts/gen-uwsgi-options.js --check    regenerate the grammar in memory from the
//                                                committed option list; exit 1 if it differs
//   node scripts/gen-uwsgi-options.js --from-help FILE [--uwsgi-version V]
//                                                read the help text from FILE instead of
//                                                running uWSGI
//   --uwsgi PATH                                 the uWSGI binary (default: $UWSGI or "uwsgi")
//
// The option list comes from `uwsgi --plugin python3,http --help`: plain `--help` lacks the
// python plugin's options (module, wsgi-file, callable, ...) and the http router (http, ...).
// On Debian/Ubuntu that needs the packages uwsgi and uwsgi-plugin-python3.
//
// Outputs:
//   syntaxes/uwsgi-options.json          {name, help[, short]} per option, sorted by name
//   syntaxes/uwsgi-ini.tmLanguage.json   scripts/uwsgi-ini.tmLanguage.template.json with
//                                        {{KNOWN_OPTIONS}} replaced by the option names as a
//                                        regex alternation (escaped, longest first)
//
// No dependencies: Node's standard library only.
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const TEMPLATE = path.join(ROOT, 'scripts', 'uwsgi-ini.tmLanguage.template.json');
const OPTIONS_FILE = path.join(ROOT, 'syntaxes', 'uwsgi-options.json');
const GRAMMAR_FILE = path.join(ROOT, 'syntaxes', 'uwsgi-ini.tmLanguage.json');
const PLUGINS = 'python3,http';
const HELP_ARGS = ['--plugin', PLUGINS, '--help'];
const HELP_COMMAND = `uwsgi ${HELP_ARGS.join(' ')}`;
// Options that only exist with the plugins loaded: without them the list is the wrong one.
const REQUIRED = ['module', 'wsgi-file', 'callable', 'http', 'master', 'socket'];
const DEBIAN_HINT = 'On Debian/Ubuntu: apt-get install -y uwsgi uwsgi-plugin-python3';

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = { check: false, fromHelp: null, uwsgiVersion: null, uwsgi: process.env.UWSGI || 'uwsgi' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--check') opts.check = true;
    else if (a === '--from-help') opts.fromHelp = value();
    else if (a === '--uwsgi-version') opts.uwsgiVersion = value();
    else if (a === '--uwsgi') opts.uwsgi = value();
    else if (a === '-h' || a === '--help') opts.help = true;
    else throw new UsageError(`unknown argument: ${a}`);
  }
  return opts;
}

// One option per line: "    [-x|]--name<blanks>help text". Returns [{name, help, short?}]
// sorted by name; the first help wins if a name repeats.
function parseHelp(text) {
  const byName = new Map();
  const unparsed = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || /^Usage:/.test(line)) continue;
    const m = /^\s+(?:-([A-Za-z0-9])\|)?--([A-Za-z0-9][A-Za-z0-9_.-]*)(?:\s+(\S.*?))?\s*$/.exec(line);
    if (!m) {
      unparsed.push(line);
      continue;
    }
    const [, short, name, help] = m;
    if (byName.has(name)) continue;
    const entry = { name, help: help || '' };
    if (short) entry.short = short;
    byName.set(name, entry);
  }
  const options = [...byName.values()].sort((a, b) => compareNames(a.name, b.name));
  return { options, unparsed };
}

function compareNames(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function escapeRegex(s) {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, (c) => '\\' + c);
}

// Whole-key alternation, longest names first (then alphabetical) so that no name can stop
// the match early; the grammar also requires '=' or the end of the line after the name.
function knownOptionsAlternation(names) {
  const sorted = [...names].sort((a, b) => b.length - a.length || compareNames(a, b));
  return sorted.map(escapeRegex).join('|');
}

function validateOptionsDoc(doc, file) {
  const problems = [];
  if (!doc || !Array.isArray(doc.options)) {
    throw new Error(`${file}: no "options" array`);
  }
  if (typeof doc.uwsgiVersion !== 'string') problems.push('"uwsgiVersion" is not a string');
  let previous = null;
  for (const [i, o] of doc.options.entries()) {
    if (!o || typeof o.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(o.name)) {
      problems.push(`options[${i}]: bad name ${JSON.stringify(o && o.name)}`);
      continue;
    }
    if (typeof o.help !== 'string') problems.push(`options[${i}] (${o.name}): help is not a string`);
    if (previous !== null && compareNames(previous, o.name) >= 0) {
      problems.push(`options[${i}] (${o.name}): not sorted or repeated after ${previous}`);
    }
    previous = o.name;
  }
  const names = new Set(doc.options.map((o) => o && o.name));
  for (const r of REQUIRED) {
    if (!names.has(r)) problems.push(`option "${r}" is missing (was uWSGI run with --plugin ${PLUGINS}?)`);
  }
  if (problems.length) {
    throw new Error(`${file}:\n  ${problems.join('\n  ')}`);
  }
}

function renderOptionsDoc(options, uwsgiVersion) {
  const doc = {
    comment: `Generated by scripts/gen-uwsgi-options.js from \`${HELP_COMMAND}\`; do not edit. One entry per option: name, one-line help, short flag if any. Sorted by name.`,
    command: HELP_COMMAND,
    uwsgiVersion,
    options,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function renderGrammar(templateText, doc) {
  const template = JSON.parse(templateText);
  const replacements = {
    '{{KNOWN_OPTIONS}}': knownOptionsAlternation(doc.options.map((o) => o.name)),
    '{{OPTION_COUNT}}': String(doc.options.length),
    '{{UWSGI_VERSION}}': doc.uwsgiVersion,
    '{{GENERATED_NOTICE}}':
      'GENERATED by scripts/gen-uwsgi-options.js from scripts/uwsgi-ini.tmLanguage.template.json and syntaxes/uwsgi-options.json: edit those, not this file.',
  };
  const used = new Set();
  const walk = (v) => {
    if (typeof v === 'string') {
      let out = v;
      for (const [token, value] of Object.entries(replacements)) {
        if (out.includes(token)) {
          used.add(token);
          out = out.split(token).join(value);
        }
      }
      const left = /\{\{[A-Z_]+\}\}/.exec(out);
      if (left) throw new Error(`template: unknown placeholder ${left[0]}`);
      return out;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x);
      return o;
    }
    return v;
  };
  const grammar = walk(template);
  if (!used.has('{{KNOWN_OPTIONS}}')) throw new Error('template: {{KNOWN_OPTIONS}} not found');
  return JSON.stringify(grammar, null, 2) + '\n';
}

function runUwsgi(bin, args) {
  try {
    return childProcess.execFileSync(bin, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    if (err.code === 'ENOENT') {
      throw new Error(`${bin} not found. ${DEBIAN_HINT}`, { cause: err });
    }
    const stderr = err.stderr ? String(err.stderr).trim() : '';
    throw new Error(`${bin} ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}. ${DEBIAN_HINT}`, { cause: err });
  }
}

function check() {
  const doc = JSON.parse(fs.readFileSync(OPTIONS_FILE, 'utf8'));
  validateOptionsDoc(doc, path.relative(ROOT, OPTIONS_FILE));
  const expected = renderGrammar(fs.readFileSync(TEMPLATE, 'utf8'), doc);
  const actual = fs.existsSync(GRAMMAR_FILE) ? fs.readFileSync(GRAMMAR_FILE, 'utf8') : null;
  const rel = path.relative(ROOT, GRAMMAR_FILE);
  if (actual !== expected) {
    let where = 'it does not exist';
    if (actual !== null) {
      const a = actual.split('\n');
      const e = expected.split('\n');
      let line = 0;
      while (line < a.length && line < e.length && a[line] === e[line]) line++;
      where = `first difference at line ${line + 1}`;
    }
    console.error(
      `gen-uwsgi-options --check: ${rel} is not what the template and ${path.relative(ROOT, OPTIONS_FILE)} give (${where}). Run: node scripts/gen-uwsgi-options.js --from-help <file> or, with uWSGI installed, node scripts/gen-uwsgi-options.js`,
    );
    return 1;
  }
  console.log(`gen-uwsgi-options --check: ${rel} is in sync (${doc.options.length} options, uWSGI ${doc.uwsgiVersion})`);
  return 0;
}

function generate(opts) {
  let helpText;
  let version = opts.uwsgiVersion;
  if (opts.fromHelp) {
    helpText = fs.readFileSync(opts.fromHelp, 'utf8');
    if (!version) version = 'unknown';
  } else {
    helpText = runUwsgi(opts.uwsgi, HELP_ARGS);
    if (!version) version = runUwsgi(opts.uwsgi, ['--version']).trim();
  }
  const { options, unparsed } = parseHelp(helpText);
  for (const line of unparsed) console.warn(`gen-uwsgi-options: skipped line: ${line}`);
  const optionsText = renderOptionsDoc(options, version);
  const doc = JSON.parse(optionsText);
  validateOptionsDoc(doc, opts.fromHelp || HELP_COMMAND);
  const grammarText = renderGrammar(fs.readFileSync(TEMPLATE, 'utf8'), doc);
  fs.writeFileSync(OPTIONS_FILE, optionsText);
  fs.writeFileSync(GRAMMAR_FILE, grammarText);
  console.log(`gen-uwsgi-options: ${options.length} options of uWSGI ${version}`);
  console.log(`  wrote ${path.relative(ROOT, OPTIONS_FILE)}`);
  console.log(`  wrote ${path.relative(ROOT, GRAMMAR_FILE)}`);
  return 0;
}

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`gen-uwsgi-options: ${err.message}`);
    console.error('usage: node scripts/gen-uwsgi-options.js [--check | --from-help FILE [--uwsgi-version V]] [--uwsgi PATH]');
    return 2;
  }
  if (opts.help) {
    console.log('usage: node scripts/gen-uwsgi-options.js [--check | --from-help FILE [--uwsgi-version V]] [--uwsgi PATH]');
    return 0;
  }
  try {
    return opts.check ? check() : generate(opts);
  } catch (err) {
    console.error(`gen-uwsgi-options: ${err.message}`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = main();
}

module.exports = { parseHelp, knownOptionsAlternation, escapeRegex, renderGrammar, renderOptionsDoc, validateOptionsDoc };
