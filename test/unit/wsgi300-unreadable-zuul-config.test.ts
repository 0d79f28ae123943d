import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyOf, fixture, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

const CODE = 'WSGI300';

test('WSGI300 reports a malformed Zuul file once, at the broken line, and keeps reading the other documents', async () => {
  const root = copyOf('plugin-uwsgi-compliant-2025');
  write(
    root,
    'zuul.d/jobs.yaml',
    [
      '- job:',
      '    name: masakari-broken',
      '    vars:',
      '      devstack_localrc: {WSGI_MODE: mod_wsgi',
      '---',
      '- job:',
      '    name: masakari-fine',
      '    vars:',
      '      devstack_localrc:',
      '        WSGI_MODE: mod_wsgi',
      '',
    ].join('\n'),
  );
  const { repo } = await repoReport(root);
  const d = repo.diagnostics.filter((x) => x.code === CODE);
  assert.deepEqual(
    d.map((x) => [x.file, x.severity]),
    [['zuul.d/jobs.yaml', 'warning']],
  );
  assert.ok(d[0].line >= 4 && d[0].line <= 5, `line ${d[0].line}`);
  assert.match(
    d[0].message,
    /^zuul\.d\/jobs\.yaml cannot be read as YAML: .+ \(line \d+\): the devstack_localrc settings of its jobs are not checked\.$/,
  );
  assert.deepEqual(
    repo.diagnostics.filter((x) => x.code === 'WSGI301').map((x) => [x.file, x.line]),
    [['zuul.d/jobs.yaml', 10]],
  );
});

test("WSGI300 reports a top level that is not a list, and accepts Zuul's custom tags", async () => {
  const root = copyOf('plugin-uwsgi-compliant-2025');
  write(root, 'zuul.d/project.yaml', 'project:\n  check:\n    jobs: [masakari-functional-devstack]\n');
  write(
    root,
    'zuul.d/secrets.yaml',
    '- secret:\n    name: masakari-pypi\n    data:\n      password: !encrypted/pkcs1-oaep\n        - bG9uZyBlbmNyeXB0ZWQgYmxvYg==\n',
  );
  const d = (await repoReport(root)).repo.diagnostics.filter((x) => x.code === CODE);
  assert.deepEqual(
    d.map((x) => [x.file, x.line]),
    [['zuul.d/project.yaml', 1]],
  );
  assert.match(d[0].message, /cannot be read as a Zuul configuration: its top level is not a list/);
});

test('WSGI300 stays quiet on valid Zuul files', async () => {
  for (const name of ['module-path-2025', 'plugin-uwsgi-compliant-2025', 'zuul-jobs-mod-wsgi-standalone']) {
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
