import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

test('WSGI100 names the broken line of setup.cfg and pyproject.toml; the rest of the file is still used', async () => {
  const root = copyOf('pyproject-entry-points');
  write(root, 'setup.cfg', '[metadata]\nname = zun\nthis line is broken\n');
  write(root, 'pyproject.toml', '[project]\nname = "zun"\n[project.scripts\n');
  const { repo } = await repoReport(root);
  const d = repo.diagnostics.filter((x) => x.code === 'WSGI100').map((x) => [x.file, x.line, x.message]);
  assert.deepEqual(d, [
    ['pyproject.toml', 3, d[0][2]],
    ['setup.cfg', 3, 'setup.cfg: "this line is broken" is neither a section header, a key = value line nor an indented continuation'],
  ]);
  assert.match(String(d[0][2]), /^pyproject\.toml is not valid TOML/);
  assert.equal(repo.name, 'zun');
});

test('WSGI100 is silent on well-formed files', async () => {
  const { repo } = await repoReport(copyOf('module-path-2025'));
  assert.deepEqual(
    repo.diagnostics.filter((x) => x.code === 'WSGI100'),
    [],
  );
});
