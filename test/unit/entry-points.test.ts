import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseIni } from '../../server/src/parse/ini';
import { entryPointsFromSetupCfg, parsePyProject } from '../../server/src/parse/entry-points';

test('setup.cfg entry points keep group, target and the line they sit on', () => {
  const eps = entryPointsFromSetupCfg(
    parseIni(
      '[entry_points]\nconsole_scripts =\n    nova-api = nova.cmd.api:main\nwsgi_scripts =\n    nova-api-wsgi = nova.api.openstack.compute.wsgi:init_application\n    bad line\n',
    ),
  );
  assert.deepEqual(
    eps.map((e) => [e.group, e.name, e.module, e.attr, e.span.start.line]),
    [
      ['console_scripts', 'nova-api', 'nova.cmd.api', 'main', 2],
      ['wsgi_scripts', 'nova-api-wsgi', 'nova.api.openstack.compute.wsgi', 'init_application', 4],
    ],
  );
});

test('pyproject.toml [project.scripts] and [project.entry-points."…"] are read with their lines', () => {
  const text =
    '[project]\nname = "zun"\n\n[project.scripts]\nzun-api = "zun.cmd.api:main"\n\n[project.entry-points.wsgi_scripts]\n"zun-api-wsgi" = "zun.api.wsgi:init_application"\n';
  const py = parsePyProject(text);
  assert.equal(py.name, 'zun');
  assert.deepEqual(
    py.entryPoints.map((e) => [e.group, e.name, `${e.module}:${e.attr}`, e.span.start.line]),
    [
      ['console_scripts', 'zun-api', 'zun.cmd.api:main', 4],
      ['wsgi_scripts', 'zun-api-wsgi', 'zun.api.wsgi:init_application', 7],
    ],
  );
});

test('invalid TOML is a reported problem with a line, not an exception', () => {
  const py = parsePyProject('[project]\nname = "x"\n[project.scripts\n');
  assert.equal(py.entryPoints.length, 0);
  assert.match(py.error!.message, /not valid TOML/);
  assert.equal(py.error!.span.start.line, 2);
});
