import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ROOT } from '../helpers/fixtures';

const SRC = path.join(ROOT, 'server', 'src');

/** Every import of every .ts file under a folder of server/src, type-only ones included, as [file, resolved target]. */
function importsUnder(folder: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        for (const imp of ts.preProcessFile(fs.readFileSync(p, 'utf8'), true, true).importedFiles) {
          const target = imp.fileName.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(p), imp.fileName)) : imp.fileName;
          out.push([path.relative(SRC, p), target.split(path.sep).join('/')]);
        }
      }
    }
  };
  walk(path.join(SRC, folder));
  return out;
}

test('rules read the model only: nothing in rules/ imports a parser, the engine, the file system or a front end', () => {
  const bad = importsUnder('rules').filter(([, t]) => /^(parse|engine|lsp|format)(\/|$)|^(fs|node:fs|server|cli)$/.test(t));
  assert.deepEqual(bad, []);
});

test('the model does not depend on the engine or the front ends, and the goal evaluation not on parsers', () => {
  const model = importsUnder('model').filter(([, t]) => /^(engine|lsp|format|rules)(\/|$)|^(fs|node:fs)$/.test(t));
  assert.deepEqual(model, []);
  const goal = importsUnder('goal').filter(([, t]) => /^(parse|engine|lsp|format|rules)(\/|$)/.test(t));
  assert.deepEqual(goal, []);
});

test('the import check sees type-only imports too (it would catch a rule importing a parser type)', () => {
  const probe = ts.preProcessFile("import type { PyFacts } from '../parse/python';\n", true, true).importedFiles;
  assert.deepEqual(
    probe.map((i) => i.fileName),
    ['../parse/python'],
  );
});
