import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { scanFolder } from '../../server/src/discover/scan';
import { write, tempDir } from '../helpers/fixtures';

function tmp(): string {
  return tempDir('wsgi-goal-scan-');
}

test('repos are found at any depth and each file belongs to its nearest root', async () => {
  const ws = tmp();
  write(ws, 'opt/stack/designate/setup.cfg', '[metadata]\nname = designate\n');
  write(ws, 'opt/stack/designate/devstack/plugin.sh', 'true\n');
  write(ws, 'opt/stack/designate/designate/wsgi/api.py', 'application = None\n');
  write(ws, 'opt/stack/devstack/stack.sh', 'true\n');
  write(ws, 'opt/stack/devstack/lib/nova', 'true\n');
  write(ws, 'opt/stack/devstack/.git/HEAD', 'ref\n');
  write(ws, 'opt/stack/designate/.tox/py3/lib/site/setup.cfg', '[x]\n');
  write(ws, 'opt/stack/designate/node_modules/a/setup.cfg', '[x]\n');
  const res = await scanFolder(ws, { maxFiles: 0 });
  const repos = Object.fromEntries(res.repos.map((r) => [path.relative(ws, r.root), r]));
  assert.deepEqual(Object.keys(repos).sort(), ['opt/stack/designate', 'opt/stack/devstack']);
  assert.deepEqual(repos['opt/stack/designate'].files, ['designate/wsgi/api.py', 'devstack/plugin.sh', 'setup.cfg']);
  assert.equal(repos['opt/stack/devstack'].isDevstack, true);
  assert.deepEqual(repos['opt/stack/devstack'].files, ['lib/nova', 'stack.sh']);
});

test('symlink loops are not followed and the file cap stops the walk with a log line', async () => {
  const ws = tmp();
  write(ws, 'a/setup.cfg', '[metadata]\nname = a\n');
  fs.symlinkSync(ws, path.join(ws, 'a', 'loop'));
  for (let i = 0; i < 30; i++) write(ws, `r${i}/setup.cfg`, '[metadata]\n');
  const logs: string[] = [];
  const all = await scanFolder(ws, { maxFiles: 0, log: (m) => logs.push(m) });
  assert.equal(all.repos.length, 31);
  assert.equal(all.truncated, false);
  const capped = await scanFolder(ws, { maxFiles: 10, log: (m) => logs.push(m) });
  assert.equal(capped.truncated, true);
  assert.ok(capped.fileCount <= 10);
  assert.ok(
    logs.some((l) => /stopped after 10 files/.test(l)),
    logs.join('\n'),
  );
});
