// What the Problems panel shows: a first sentence short enough not to be cut, with the fix in it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { FIXTURES } from '../helpers/fixtures';
import { analyze } from '../helpers/engine';
import { summaryOf, SUMMARY_CHARS } from '../../server/src/engine/summary';

test('every finding on the fixture repos has a summary of at most 120 characters that ends in what to do', async () => {
  const repos = (await analyze(FIXTURES)).report().repos;
  const all = repos.flatMap((r) => r.diagnostics);
  assert.ok(all.length > 80, `${all.length} findings`);
  const codes = new Set(all.map((d) => d.code));
  assert.ok(codes.size >= 20, [...codes].join(' '));
  for (const d of all) {
    assert.ok(d.summary.length <= SUMMARY_CHARS, `${d.code} ${d.summary.length}: ${d.summary}`);
    assert.ok(d.summary.length < d.message.length || d.summary === d.message.replace(/\.$/, ''), `${d.code}: ${d.summary}`);
    // "<what>: <what to do>": a verb of action after the colon.
    assert.match(
      d.summary,
      /: .*\b(add|use|delete|set|move|pass|append|run|create|serve|point|build|read|keep|remove|deprecate|start)\b/i,
      `${d.code}: ${d.summary}`,
    );
  }
  const mean = all.reduce((n, d) => n + d.summary.length, 0) / all.length;
  assert.ok(mean < 110, `mean summary ${mean.toFixed(0)} characters`);
});

test('a summary made from the message keeps what is wrong and the fix, and drops the why', () => {
  const message = `[uwsgi] in etc/x.ini has no lazy-apps = true: ${'the app is built in the master and its sockets are shared by every worker '.repeat(2)}; add lazy-apps = true.`;
  assert.equal(summaryOf({ message }), '[uwsgi] in etc/x.ini has no lazy-apps = true: add lazy-apps = true');
  assert.equal(summaryOf({ message: 'Short and whole.' }), 'Short and whole');
  assert.equal(summaryOf({ summary: 'given', message }), 'given');
});
