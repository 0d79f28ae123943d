import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport, withFix } from '../helpers/engine';

const CODE = 'WSGI209';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);
const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');

test('WSGI209 fires on a uwsgi run_process command that does not start with an absolute path', async () => {
  const root = fixture('plugin-module-path-no-name');
  const lib = read(root, 'devstack/lib/watcher');
  const at = lineOf(lib, 'run_process watcher-api');
  const d = await of(root);
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.column, x.severity]),
    [['devstack/lib/watcher', at + 1, lib.split('\n')[at].indexOf('"uwsgi') + 1, 'warning']],
  );
  assert.match(d[0].message, /^run_process watcher-api starts "uwsgi", not an absolute path: devstack's systemd pitfall check dies/);
  assert.match(d[0].message, /\$\(which uwsgi\)/);
});

test('WSGI209 fires on sudo and on a relative binary held in a variable', async () => {
  const root = copyOf('plugin-uwsgi-compliant-2025');
  write(
    root,
    'devstack/lib/run',
    [
      'UWSGI_BIN=uwsgi',
      'function run_more {',
      '    run_process masakari-api "sudo -u masakari $(which uwsgi) --ini $MASAKARI_UWSGI_CONF"',
      '    run_process masakari-api "$UWSGI_BIN --procname-prefix masakari-api --ini $MASAKARI_UWSGI_CONF"',
      '}',
      '',
    ].join('\n'),
  );
  const d = (await of(root)).filter((x) => x.file === 'devstack/lib/run');
  assert.deepEqual(
    d.map((x) => x.line),
    [3, 3, 4],
  );
  assert.match(d[0].message, /starts "sudo", not an absolute path/);
  assert.match(d[1].message, /^run_process masakari-api runs uwsgi through sudo/);
  assert.match(d[2].message, /starts "uwsgi", not an absolute path/);
});

test('WSGI209 stays quiet on $(which uwsgi) and absolute paths', async () => {
  for (const name of ['module-path-2025', 'plugin-uwsgi-compliant-2025', 'plugin-uwsgi-2018-script-path']) {
    const { repo } = await repoReport(fixture(name));
    assert.deepEqual(
      repo.diagnostics.filter((x) => x.code === CODE),
      [],
      name,
    );
    if (name === 'module-path-2025')
      assert.deepEqual(
        repo.diagnostics.filter((x) => /^WSGI[234]/.test(x.code)),
        [],
      );
  }
});

test('WSGI209 fix: start uwsgi as $(which uwsgi), in place, keeping the rest of the command', async () => {
  const root = fixture('plugin-module-path-no-name');
  const { analysis } = await repoReport(root);
  const f = analysis.findings.find((x) => x.code === CODE)!;
  assert.equal(f.fixes?.[0].title, 'Start uwsgi as $(which uwsgi)');
  assert.match(
    withFix(root, f.fixes![0]),
    /run_process watcher-api "\$\(which uwsgi\) --procname-prefix watcher-api --ini \$WATCHER_UWSGI_CONF"\n/,
  );
});
