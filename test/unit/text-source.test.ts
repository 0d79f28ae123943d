import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../helpers/fixtures';
import { DiskSource, OverlaySource } from '../../server/src/engine/text-source';

const dir = tempDir('wsgi-goal-src-');

test('binary and huge files are skipped with a log line; non-UTF-8 text is still read', () => {
  const logs: string[] = [];
  const src = new DiskSource((m) => logs.push(m));
  fs.writeFileSync(path.join(dir, 'bin.py'), Buffer.from([0x61, 0x00, 0x62]));
  fs.writeFileSync(path.join(dir, 'big.py'), Buffer.alloc(2 * 1024 * 1024, 0x61));
  fs.writeFileSync(path.join(dir, 'latin1.cfg'), Buffer.from('[metadata]\nname = caf\xe9\n', 'latin1'));
  assert.equal(src.read(path.join(dir, 'bin.py')), undefined);
  assert.equal(src.read(path.join(dir, 'big.py')), undefined);
  assert.equal(src.read(path.join(dir, 'latin1.cfg')), '[metadata]\nname = caf\uFFFD\n');
  assert.equal(src.read(path.join(dir, 'missing.py')), undefined);
  assert.ok(logs.some((l) => /bin\.py: binary content/.test(l)));
  assert.ok(logs.some((l) => /big\.py: \d+ bytes is over the 1 MiB limit/.test(l)));
  assert.equal(logs.length, 2, 'a missing file is not worth a log line');
});

test('an open buffer wins over the disk and counts as existing before it is saved', () => {
  const src = new OverlaySource(new DiskSource());
  const unsaved = path.join(dir, 'pkg', 'wsgi', 'api.py');
  assert.equal(src.exists(unsaved), false);
  src.set(unsaved, 'application = None\n');
  assert.equal(src.exists(unsaved), true);
  assert.equal(src.read(unsaved), 'application = None\n');
});

test('a buffer over the cap is not kept: the file reads as saved on disk until the buffer is under the cap again', () => {
  const logs: string[] = [];
  const src = new OverlaySource(new DiskSource(), (m) => logs.push(m));
  const file = path.join(dir, 'small.py');
  fs.writeFileSync(file, 'application = make()\n');
  assert.equal(src.set(file, 'x = 1\n'.repeat(200_000)), true);
  assert.equal(src.read(file), 'application = make()\n');
  assert.equal(src.oversize.get(file), 1_200_000);
  assert.equal(src.set(file, 'x = 2\n'.repeat(200_000)), false, 'another oversize version changes nothing the analysis sees');
  assert.equal(logs.length, 1);
  assert.equal(src.set(file, 'application = other()\n'), true);
  assert.equal(src.read(file), 'application = other()\n');
  assert.equal(src.oversize.has(file), false);
});
