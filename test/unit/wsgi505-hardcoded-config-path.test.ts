import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const MINE = ['WSGI102', 'WSGI103', 'WSGI104', 'WSGI105', 'WSGI501', 'WSGI502', 'WSGI503', 'WSGI504', 'WSGI505'];
const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

test('WSGI505 reports a factory that hard-codes /etc/<project> with no OS_<PROJECT>_CONFIG_* lookup, on the literal', async () => {
  const root = fixture('lazy-factory-etc-config');
  const text = read(root, 'zun/api/wsgi.py');
  const d = (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI505');
  const line = lineOf(text, "'/etc/zun/zun.conf'");
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.column, x.severity]),
    [['zun/api/wsgi.py', line + 1, text.split('\n')[line].indexOf("'") + 1, 'information']],
  );
  assert.match(
    d[0].message,
    /^The factory init_application\(\) in zun\/api\/wsgi\.py hard-codes \/etc\/zun\/zun\.conf and reads neither OS_ZUN_CONFIG_DIR nor OS_ZUN_CONFIG_FILES/,
  );
  assert.match(d[0].message, /deployers cannot point it at other config/);
});

test('WSGI505 is satisfied by an environment lookup and ignores /etc paths of other programs', async () => {
  const root = copyOf('lazy-factory-etc-config');
  const orig = read(root, 'zun/api/wsgi.py');
  write(
    root,
    'zun/api/wsgi.py',
    orig
      .replace(
        "CONFIG_FILE = '/etc/zun/zun.conf'",
        "CONFIG_FILE = os.path.join(os.environ.get('OS_ZUN_CONFIG_DIR', '/etc/zun'), 'zun.conf')",
      )
      .replace('import threading', 'import os\nimport threading'),
  );
  assert.deepEqual(
    (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI505'),
    [],
  );

  write(root, 'zun/api/wsgi.py', orig.replace("'/etc/zun/zun.conf'", "'/etc/ssl/certs/ca-certificates.crt'"));
  assert.deepEqual(
    (await repoReport(root)).repo.diagnostics.filter((x) => x.code === 'WSGI505'),
    [],
  );
});

test('WSGI505 stays quiet on the 2025 module-path layout and on the scaffolded paste entry module', async () => {
  const { repo } = await repoReport(fixture('module-path-2025'));
  assert.deepEqual(
    repo.diagnostics.filter((x) => MINE.includes(x.code)),
    [],
  );
});
