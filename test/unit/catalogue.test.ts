import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/fixtures';
import { renderCatalogue, replaceReadmeTable } from '../../server/src/rules/catalogue';
import { RULES } from '../../server/src/rules';
import { GOALS } from '../../server/src/goal/evaluate';

test('docs/rules.md is the catalogue generated from the rule files', () => {
  const committed = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
  assert.equal(committed, renderCatalogue(), 'run `npm run build && node scripts/gen-rules-doc.js`');
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.match(readme, /<!-- rules:start -->/);
  assert.equal(readme, replaceReadmeTable(readme), 'the README rule table is stale: run `node scripts/gen-rules-doc.js`');
});

test('every rule has a unique code of its family, words, and a fixture test of its own', () => {
  const codes = RULES.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  const tests = fs.readdirSync(path.join(ROOT, 'test', 'unit'));
  for (const r of RULES) {
    assert.match(r.code, /^WSGI[1-5]\d\d$/);
    assert.ok(r.title && r.docs.length > 100, r.code);
    assert.ok(r.goals.length && r.goals.every((g) => GOALS.some((x) => x.id === g)), `${r.code} serves known goals`);
    assert.ok(
      tests.some((t) => t.startsWith(r.code.toLowerCase() + '-') && t.endsWith('.test.ts')),
      `test/unit/${r.code.toLowerCase()}-*.test.ts`,
    );
  }
});
