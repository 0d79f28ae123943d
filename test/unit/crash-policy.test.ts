// The client's restart policy after server crashes: a crash loop ends, isolated crashes do not.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CRASH_WINDOW_MS, CrashPolicy, MAX_CRASHES } from '../../client/src/crash-policy';

test('crashes in a row wait 1, 2, 4, 8 s before each restart, and the fifth within 3 minutes stops the server', () => {
  const p = new CrashPolicy();
  let now = 0;
  const delays: number[] = [];
  for (;;) {
    const d = p.onCrash(now);
    if (d.action === 'giveUp') {
      assert.equal(d.crashes, MAX_CRASHES);
      break;
    }
    delays.push(d.delayMs);
    now += d.delayMs + 500; // the restarted server dies half a second after it starts
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 8000]);
});

test('a server that crashes once every 3 minutes is restarted every time, after 1 s', () => {
  const p = new CrashPolicy();
  for (let i = 0; i < 20; i++) assert.deepEqual(p.onCrash(i * CRASH_WINDOW_MS), { action: 'restart', delayMs: 1000, crashes: 1 });
});

test('after a restart the user asks for, the count starts again', () => {
  const p = new CrashPolicy();
  for (let i = 0; i < MAX_CRASHES; i++) p.onCrash(i);
  assert.equal(p.count, MAX_CRASHES, 'the status item shows this count');
  p.reset();
  assert.equal(p.count, 0);
  assert.deepEqual(p.onCrash(10), { action: 'restart', delayMs: 1000, crashes: 1 });
});
