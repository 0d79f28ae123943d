// WSGI210: devstack code whose evaluation overruns its step budget is reported, not guessed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const prepend = (file: string, text: string) => fs.writeFileSync(file, text + fs.readFileSync(file, 'utf8'));

test('a plugin variable that doubles itself line after line: mode unknown, criterion null, WSGI210 information', async () => {
  const root = copyOf('paste-console-script-standalone');
  prepend(path.join(root, 'devstack', 'plugin.sh'), 'A=xxxxxxxx\n' + 'A=$A$A\n'.repeat(40));
  const { repo } = await repoReport(root);
  assert.equal(repo.apiServices[0].devstackMode, 'unknown');
  assert.equal(repo.criteria.devstackUwsgi.met, null);
  const d = repo.diagnostics.filter((x) => x.code === 'WSGI210');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'information');
  assert.match(d[0].message, /too complex to evaluate \(a value grew past 65536 characters\)/);
});

test('the same plugin without the doubling is evaluated as before: no WSGI210', async () => {
  const { repo } = await repoReport(copyOf('paste-console-script-standalone'));
  assert.equal(repo.apiServices[0].devstackMode, 'standalone');
  assert.ok(!repo.diagnostics.some((x) => x.code === 'WSGI210'));
});
