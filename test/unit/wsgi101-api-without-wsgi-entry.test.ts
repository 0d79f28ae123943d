import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, lineOf, write } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';

test('WSGI101 fires on the console-script line of an API service without a WSGI entry point, with a fix', async () => {
  const { repo, analysis } = await repoReport(fixture('paste-console-script-standalone'));
  const cfg = fs.readFileSync(path.join(fixture('paste-console-script-standalone'), 'setup.cfg'), 'utf8');
  const d = repo.diagnostics.filter((x) => x.code === 'WSGI101');
  assert.equal(d.length, 1);
  assert.equal(d[0].file, 'setup.cfg');
  assert.equal(d[0].line, lineOf(cfg, 'designate-api =') + 1);
  assert.equal(d[0].severity, 'error');
  assert.match(d[0].message, /^designate-api has no WSGI entry point: the deploy-api-in-wsgi goal needs/);
  assert.match(d[0].message, /designate\.wsgi\.api:application/);
  const f = analysis.findings.find((x) => x.code === 'WSGI101')!;
  assert.deepEqual(
    f.fixes?.map((x) => x.title),
    ['Scaffold WSGI entry point for designate-api'],
  );
});

test('WSGI101 stays quiet when a wsgi module, a wsgi_scripts entry or a .wsgi file serves the API', async () => {
  const { repo } = await repoReport(fixture('module-path-2025'));
  assert.deepEqual(
    repo.diagnostics.filter((x) => x.code === 'WSGI101'),
    [],
  );

  const pbr = copyOf('paste-console-script-standalone');
  const cfg = fs.readFileSync(path.join(pbr, 'setup.cfg'), 'utf8');
  write(
    pbr,
    'setup.cfg',
    cfg.replace(
      'designate.api.v2.extensions =',
      'wsgi_scripts =\n    designate-api-wsgi = designate.api.wsgi:init_application\n\ndesignate.api.v2.extensions =',
    ),
  );
  assert.deepEqual(
    (await repoReport(pbr)).repo.diagnostics.filter((x) => x.code === 'WSGI101'),
    [],
  );

  const legacy = copyOf('paste-console-script-standalone');
  write(legacy, 'designate/api/app.wsgi', 'from designate.api import service\napplication = service.Service().app\n');
  assert.deepEqual(
    (await repoReport(legacy)).repo.diagnostics.filter((x) => x.code === 'WSGI101'),
    [],
  );
});

test('WSGI101 without factory or paste pipeline says what is missing and offers no fix', async () => {
  const { repo, analysis } = await repoReport(fixture('no-factory-no-paste'));
  const d = repo.diagnostics.find((x) => x.code === 'WSGI101')!;
  assert.match(d.message, /^kuryr-server has no WSGI entry point/);
  assert.match(d.message, /No app factory .* and no paste pipeline \(etc\/kuryr\/api-paste\.ini\) were found/);
  assert.match(d.message, /name the factory as module:function/);
  assert.equal(analysis.findings.find((x) => x.code === 'WSGI101')!.fixes, undefined);
});

test('WSGI101 reads services declared in pyproject.toml', async () => {
  const { repo } = await repoReport(fixture('pyproject-entry-points'));
  const text = fs.readFileSync(path.join(fixture('pyproject-entry-points'), 'pyproject.toml'), 'utf8');
  const d = repo.diagnostics.find((x) => x.code === 'WSGI101')!;
  assert.equal(d.file, 'pyproject.toml');
  assert.equal(d.line, lineOf(text, 'zun-api =') + 1);
});
