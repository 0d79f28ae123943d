// The classes of repos the engine got wrong on real trees, each as a small fixture: the verdict and
// the diagnostics are asserted together, because a user sees them side by side.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf, fixture, FIXTURES, write } from '../helpers/fixtures';
import { analyze, repoReport } from '../helpers/engine';

const errors = (repo: { diagnostics: { severity: string; code: string; file: string; line: number }[] }) =>
  repo.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.file}:${d.line}`);

test('workers are not APIs: engine, executor and event-engine beside an API under uwsgi leave the goal met', async () => {
  const { repo } = await repoReport(fixture('worker-processes-uwsgi'));
  assert.deepEqual(
    repo.apiServices.map((s) => s.name),
    ['quail-server'],
  );
  assert.equal(repo.criteria.devstackUwsgi.mode, 'uwsgi');
  assert.equal(repo.goals['deploy-api-in-wsgi'].met, true);
  assert.deepEqual(
    repo.diagnostics.filter((d) => d.code === 'WSGI201'),
    [],
  );
  assert.deepEqual(
    repo.criteria.devstackUwsgi.evidence.map((e) => e.text.split(' ')[0]),
    ['write_uwsgi_config', 'run_process'],
    'evidence lists the API deployment only, not the workers',
  );
  assert.doesNotMatch(repo.criteria.devstackUwsgi.evidence.map((e) => e.text).join('\n'), /--server engine/);
});

test('a deploy mode computed in backticks by a plugin function is followed to the branch it picks', async () => {
  const { repo } = await repoReport(fixture('backtick-deploy-mode'));
  assert.equal(repo.criteria.devstackUwsgi.mode, 'uwsgi');
  assert.deepEqual(errors(repo), []);
  const fallback = repo.diagnostics.find((d) => d.code === 'WSGI201');
  assert.equal(fallback?.severity, 'information');
  assert.match(
    fallback!.message,
    /off devstack's default path: \[\[ "\$HERON_DEPLOY" == "uwsgi" \]\] is false, but the defaults make it true/,
  );

  const root = copyOf('backtick-deploy-mode');
  const settings = fs.readFileSync(path.join(root, 'devstack/settings'), 'utf8');
  write(root, 'devstack/settings', settings.replace('${HERON_USE_UWSGI:-True}', '${HERON_USE_UWSGI:-False}'));
  const off = (await repoReport(root)).repo;
  assert.equal(off.criteria.devstackUwsgi.mode, 'standalone');
  assert.deepEqual(errors(off), [`WSGI201 devstack/lib/heron:${lineOf(root, 'devstack/lib/heron', 'HERON_BIN_DIR/heron-api')}`]);
});

test('an API whose script has no -api suffix is found by the HTTP server it starts, when devstack runs it', async () => {
  const { repo } = await repoReport(fixture('suffixless-api-serves-http'));
  assert.deepEqual(
    repo.apiServices.map((s) => [s.name, s.recognisedBy]),
    [['ibis', 'serves-http']],
    'ibis-dbsync is a tool; ibis-metrics-proxy serves HTTP but devstack never runs it',
  );
  assert.ok(repo.apiServices[0].evidence.some((e) => e.file === 'ibis/cmd/all.py' && /WSGIService/.test(e.text)));
  assert.equal(repo.criteria.wsgiScripts.met, false);
  assert.equal(repo.criteria.devstackUwsgi.mode, 'standalone');
  assert.deepEqual(
    repo.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => d.code)
      .sort(),
    ['WSGI101', 'WSGI201'],
  );
});

test('console scripts declared only in setup.py are read', async () => {
  const { repo } = await repoReport(fixture('setup-py-entry-points'));
  assert.deepEqual(
    repo.apiServices.map((s) => [s.name, s.source.file, s.recognisedBy]),
    [['otter-api', 'setup.py', 'name']],
  );
  assert.equal(repo.criteria.wsgiScripts.met, true);
  assert.deepEqual(
    repo.apiServices[0].entryPoints.map((e) => e.target),
    ['otter.wsgi.api:application'],
  );
  assert.equal(repo.criteria.devstackUwsgi.mode, 'none');
});

test("another project's server started by a plugin is not the repo's API", async () => {
  const { repo } = await repoReport(fixture('networking-plugin-starts-neutron'));
  assert.deepEqual(repo.apiServices, []);
  assert.equal(repo.criteria.wsgiScripts.met, null);
  assert.equal(repo.criteria.devstackUwsgi.met, null);
  assert.deepEqual(
    repo.diagnostics.filter((d) => /^WSGI2/.test(d.code)),
    [],
  );
});

test('application = None with the app built only under __main__ is no entry point, and is not quoted as one', async () => {
  const { repo } = await repoReport(fixture('application-only-under-main'));
  assert.equal(repo.criteria.wsgiScripts.met, false);
  assert.deepEqual(repo.apiServices[0].entryPoints, []);
  assert.ok(repo.diagnostics.some((d) => d.code === 'WSGI101' && d.severity === 'error'));
  assert.doesNotMatch(JSON.stringify(repo.criteria), /application = None/);
});

test('no fixture repo whose verdict is met carries an error, and every WSGI201/202 sits on a non-uwsgi fact of the model', async () => {
  for (const name of fs.readdirSync(FIXTURES)) {
    const ws = await analyze(fixture(name));
    for (const a of ws.allAnalyses()) {
      const r = a.report;
      if (r.goals['deploy-api-in-wsgi'].met === true) assert.deepEqual(errors(r), [], `${name}: met, yet errors`);
      for (const d of r.diagnostics.filter((x) => x.code === 'WSGI201' || x.code === 'WSGI202')) {
        const fact = a.model.deploy.facts.find(
          (f) => !f.at.repo && f.at.file === d.file && f.at.span.start.line + 1 === d.line && f.kind !== 'uwsgi',
        );
        assert.ok(fact, `${name}: ${d.code} at ${d.file}:${d.line} is not a non-uwsgi fact of the model`);
        assert.equal(d.code === 'WSGI201', fact.kind === 'standalone', `${name}: ${d.code} on a ${fact.kind} fact`);
        const decides = a.model.deploy.facts.includes(fact) && fact.onDefaultPath;
        if (d.severity === 'error') assert.ok(decides, `${name}: error on a fact off the default path`);
      }
    }
  }
});

function lineOf(root: string, file: string, needle: string): number {
  return (
    fs
      .readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(needle)) + 1
  );
}

test('a script that embeds gunicorn and binds application at import is an API with a WSGI entry', async () => {
  const root = copyOf('setup-py-entry-points');
  write(root, 'setup.cfg', '[metadata]\nname = kite\n\n[entry_points]\nconsole_scripts =\n    kite = kite.cmd.api:main\n');
  fs.rmSync(path.join(root, 'setup.py'));
  fs.rmSync(path.join(root, 'otter'), { recursive: true });
  write(root, 'kite/__init__.py', '');
  write(root, 'kite/cmd/__init__.py', '');
  write(
    root,
    'kite/cmd/api.py',
    [
      '"""Runs the Kite API under an embedded gunicorn."""',
      'import gunicorn.app.base',
      '',
      'from kite.api.route import app as application',
      '',
      '',
      'class Standalone(gunicorn.app.base.BaseApplication):',
      '    pass',
      '',
      '',
      'def main():',
      '    Standalone(application).run()',
      '',
    ].join('\n'),
  );
  const { repo } = await repoReport(root);
  assert.deepEqual(
    repo.apiServices.map((s) => [s.name, s.recognisedBy, s.entryPoints.map((e) => e.target)]),
    [['kite', 'serves-http', ['kite.cmd.api:application']]],
  );
  assert.equal(repo.criteria.wsgiScripts.met, true);
});

test('an optional API that the plugin does not enable (murano-cfapi) is an API without a WSGI entry, but not a devstack failure', async () => {
  const { repo } = await repoReport(fixture('optional-api-off-by-default'));
  assert.deepEqual(
    repo.apiServices.map((s) => [s.name, s.devstackMode]),
    [
      ['bilby-api', 'uwsgi'],
      ['bilby-broker', 'none'],
    ],
    'the broker serves HTTP through its own wsgi.Service, so it is an API; devstack runs it only when local.conf enables it',
  );
  assert.equal(repo.criteria.wsgiScripts.met, false);
  assert.deepEqual(
    repo.criteria.wsgiScripts.evidence.map((e) => e.text),
    ['bilby-broker = bilby.cmd.broker:main'],
  );
  assert.equal(repo.criteria.devstackUwsgi.mode, 'uwsgi');
  assert.equal(repo.criteria.devstackUwsgi.met, true);
  assert.doesNotMatch(
    repo.criteria.devstackUwsgi.evidence.map((e) => e.text).join('\n'),
    /WSGIDaemonProcess/,
    'the mod_wsgi template behind the toggle is not evidence',
  );
  assert.deepEqual(errors(repo), ['WSGI101 setup.cfg:12']);
  assert.deepEqual(
    repo.diagnostics.filter((d) => d.code === 'WSGI201').map((d) => [d.line, d.severity]),
    [[30, 'information']],
  );
  assert.deepEqual(
    repo.diagnostics.filter((d) => d.code === 'WSGI208'),
    [],
    'the broker is still on its own port',
  );
});

test('a WSGI script template shipped for operators (swift examples/wsgi/*.wsgi.template) is a WSGI entry', async () => {
  const { repo } = await repoReport(fixture('wsgi-template-example'));
  assert.deepEqual(
    repo.apiServices.map((s) => [s.name, s.entryPoints.map((e) => [e.kind, e.target])]),
    [['kestrel-proxy-server', [['wsgi-file', 'examples/wsgi/proxy-server.wsgi.template']]]],
    'the template that binds no application is not an entry',
  );
  assert.equal(repo.criteria.wsgiScripts.met, true);
  assert.deepEqual(
    repo.diagnostics.filter((d) => d.code === 'WSGI101'),
    [],
  );
});
