import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport, withFix } from '../helpers/engine';

const CODE = 'WSGI203';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);
const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');

test('WSGI203 fires on $X_BIN_DIR/uwsgi and on a missing --procname-prefix, on the command string', async () => {
  const root = fixture('plugin-uwsgi-2018-script-path');
  const d = await of(root);
  const at = lineOf(read(root, 'devstack/lib/zun'), 'run_process zun-api') + 1;
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.column, x.severity]),
    [
      ['devstack/lib/zun', at, 25, 'warning'],
      ['devstack/lib/zun', at, 25, 'warning'],
    ],
  );
  assert.match(d[0].message, /^run_process zun-api takes uwsgi from \$ZUN_BIN_DIR: devstack installs the distribution's uwsgi/);
  assert.match(d[0].message, /use \$\(which uwsgi\)/);
  assert.match(d[1].message, /^run_process zun-api starts uwsgi without --procname-prefix/);
  assert.match(d[1].message, /add --procname-prefix zun-api/);
});

test('WSGI203 accepts procname-prefix set in the ini and $(which uwsgi)', async () => {
  const root = copyOf('plugin-uwsgi-2018-script-path');
  const lib = read(root, 'devstack/lib/zun');
  write(
    root,
    'devstack/lib/zun',
    lib
      .replace('"$ZUN_BIN_DIR/uwsgi --ini $ZUN_UWSGI_CONF"', '"$(which uwsgi) --ini $ZUN_UWSGI_CONF"')
      .replace(
        'write_uwsgi_config "$ZUN_UWSGI_CONF" "$ZUN_UWSGI" "/container"',
        'write_uwsgi_config "$ZUN_UWSGI_CONF" "$ZUN_UWSGI" "/container"\n    iniset $ZUN_UWSGI_CONF uwsgi procname-prefix zun-api',
      ),
  );
  assert.deepEqual(await of(root), []);
  for (const name of ['module-path-2025', 'plugin-uwsgi-compliant-2025']) {
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

test('WSGI203 fixes: $(which uwsgi) for the bin-dir uwsgi, --procname-prefix after the binary; none inside single quotes', async () => {
  const root = fixture('pbr-wsgi-scripts-devstack-uwsgi');
  const { analysis } = await repoReport(root);
  const [bin, prefix] = analysis.findings.filter((x) => x.code === CODE);
  assert.equal(bin.fixes?.[0].title, 'Start uwsgi as $(which uwsgi)');
  assert.match(withFix(root, bin.fixes![0]), /run_process aodh-api "\$\(which uwsgi\) --ini \$AODH_UWSGI_FILE"\n/);
  assert.equal(prefix.fixes?.[0].title, 'Add --procname-prefix aodh-api');
  assert.match(
    withFix(root, prefix.fixes![0]),
    /run_process aodh-api "\$AODH_BIN_DIR\/uwsgi --procname-prefix aodh-api --ini \$AODH_UWSGI_FILE"\n/,
  );
  const quoted = copyOf('pbr-wsgi-scripts-devstack-uwsgi');
  write(
    quoted,
    'devstack/plugin.sh',
    read(quoted, 'devstack/plugin.sh').replace(
      '"$AODH_BIN_DIR/uwsgi --ini $AODH_UWSGI_FILE"',
      "'$AODH_BIN_DIR/uwsgi --ini $AODH_UWSGI_FILE'",
    ),
  );
  const q = (await repoReport(quoted)).analysis.findings.filter((x) => x.code === CODE);
  assert.ok(q.length && q.every((x) => !x.fixes), 'no fix rewrites a single-quoted command');
});
