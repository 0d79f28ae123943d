import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport, withFix } from '../helpers/engine';

const CODE = 'WSGI205';
const of = async (root: string) => (await repoReport(root)).repo.diagnostics.filter((d) => d.code === CODE);
const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');

test('WSGI205 fires on write_uwsgi_config with a module path and no name, suggesting the run_process service', async () => {
  const root = fixture('plugin-module-path-no-name');
  const d = await of(root);
  assert.deepEqual(
    d.map((x) => [x.file, x.line, x.column, x.severity]),
    [['devstack/lib/watcher', lineOf(read(root, 'devstack/lib/watcher'), 'write_uwsgi_config') + 1, 5, 'warning']],
  );
  assert.match(
    d[0].message,
    /^write_uwsgi_config for \$WATCHER_UWSGI_CONF passes the module path watcher\.wsgi\.api:application but no name/,
  );
  assert.match(d[0].message, /Apache proxy site "watcher\.wsgi\.api:application"/);
  assert.match(d[0].message, /append "" "watcher-api"\.$/);
});

test('WSGI205 asks only for the name when the http argument is there, and ignores named or script-path writes', async () => {
  const root = copyOf('plugin-module-path-no-name');
  const lib = read(root, 'devstack/lib/watcher');
  write(root, 'devstack/lib/watcher', lib.replace('"$WATCHER_UWSGI" "/infra-optim"', '"$WATCHER_UWSGI" "/infra-optim" ""'));
  const d = await of(root);
  assert.equal(d.length, 1);
  assert.match(d[0].message, /append "watcher-api"\.$/);

  write(root, 'devstack/lib/watcher', lib.replace('"$WATCHER_UWSGI" "/infra-optim"', '"$WATCHER_UWSGI" "/infra-optim" "" "watcher-api"'));
  assert.deepEqual(await of(root), []);
  write(root, 'devstack/lib/watcher', lib.replace('"$WATCHER_UWSGI" "/infra-optim"', '"$WATCHER_BIN_DIR/watcher-api-wsgi" "/infra-optim"'));
  assert.deepEqual(await of(root), [], 'a script path is WSGI204, not WSGI205');
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

test('WSGI205 fix: appends the name, with "" for the missing <http> argument', async () => {
  const root = fixture('plugin-module-path-no-name');
  const { analysis } = await repoReport(root);
  const f = analysis.findings.find((x) => x.code === CODE)!;
  assert.equal(f.fixes?.[0].title, 'Name it "watcher-api"');
  assert.match(
    withFix(root, f.fixes![0]),
    /write_uwsgi_config "\$WATCHER_UWSGI_CONF" "\$WATCHER_UWSGI" "\/infra-optim" "" "watcher-api"\n/,
  );
});
