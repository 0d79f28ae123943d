import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const CODE = 'WSGI207';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);
const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');

test('WSGI207 fires on an iniset to the uwsgi ini before write_uwsgi_config in the same function', async () => {
  const root = fixture('plugin-uwsgi-2018-script-path');
  const lib = read(root, 'devstack/lib/zun');
  const d = await of(root);
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.column, x.severity]),
    [['devstack/lib/zun', lineOf(lib, 'iniset $ZUN_UWSGI_CONF') + 1, 5, 'warning']],
  );
  assert.match(
    d[0].message,
    new RegExp(
      `^iniset writes to \\$ZUN_UWSGI_CONF before write_uwsgi_config \\(line ${lineOf(lib, 'write_uwsgi_config') + 1}\\) in configure_zun, which starts with rm -rf of that file`,
    ),
  );
  assert.match(d[0].message, /move it after write_uwsgi_config/);
});

test('WSGI207 sees sudo cp, install and redirections onto the ini, but not writes after it or in another function', async () => {
  const root = copyOf('plugin-uwsgi-compliant-2025');
  write(
    root,
    'devstack/lib/early',
    [
      'function configure_early {',
      '    sudo cp $MASAKARI_DIR/etc/masakari/api-uwsgi.ini $MASAKARI_UWSGI_CONF',
      '    cat > "$MASAKARI_UWSGI_CONF" <<EOF',
      '[uwsgi]',
      'buffer-size = 65535',
      'EOF',
      '    install -m 644 api-uwsgi.ini ${MASAKARI_UWSGI_CONF}',
      '    iniset -sudo $OTHER_CONF uwsgi master true',
      '    write_uwsgi_config "$MASAKARI_UWSGI_CONF" "$MASAKARI_UWSGI" "/instance-ha" "" "masakari-api"',
      '    iniset $MASAKARI_UWSGI_CONF uwsgi buffer-size 65535',
      '}',
      'function tune_uwsgi {',
      '    iniset $MASAKARI_UWSGI_CONF uwsgi processes 2',
      '}',
      '',
    ].join('\n'),
  );
  const d = (await of(root)).filter((x) => x.file === 'devstack/lib/early');
  assert.deepEqual(
    d.map((x) => x.line),
    [2, 3, 7],
  );
  assert.match(d[0].message, /^cp writes \$MASAKARI_UWSGI_CONF before write_uwsgi_config \(line 9\)/);
  assert.match(d[1].message, /^cat writes to \$MASAKARI_UWSGI_CONF before/);
  assert.match(d[2].message, /^install writes \$MASAKARI_UWSGI_CONF before/);
});

test('WSGI207 stays quiet when extra keys follow write_uwsgi_config', async () => {
  for (const name of ['module-path-2025', 'plugin-uwsgi-compliant-2025', 'plugin-mod-wsgi-branch']) {
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
