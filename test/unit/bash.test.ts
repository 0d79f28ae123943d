import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parsers } from '../../server/src/parse/tree-sitter';
import { shellFacts } from '../../server/src/parse/bash';

test('devstack commands carry their arguments, function and enclosing if-branch', async () => {
  const src = [
    'DESIGNATE_WSGI_MODE=${DESIGNATE_WSGI_MODE:-uwsgi}',
    'function configure_designate {',
    '    if [[ "$DESIGNATE_WSGI_MODE" == "uwsgi" ]]; then',
    '        write_uwsgi_config "$DESIGNATE_UWSGI_CONF" "$DESIGNATE_UWSGI" "/dns" "" "designate-api"',
    '    elif [[ "$DESIGNATE_WSGI_MODE" == "mod_wsgi" ]]; then',
    '        install_apache_wsgi',
    '    else',
    "        run_process designate-api '$DESIGNATE_BIN_DIR/designate-api'",
    '    fi',
    '}',
  ].join('\n');
  const f = shellFacts((await parsers()).bash, src);
  const w = f.commands.find((c) => c.name === 'write_uwsgi_config')!;
  assert.deepEqual(
    w.args.map((a) => a.value),
    ['$DESIGNATE_UWSGI_CONF', '$DESIGNATE_UWSGI', '/dns', '', 'designate-api'],
  );
  assert.equal(w.inFunction, 'configure_designate');
  assert.deepEqual(
    w.conditions.map((c) => c.whenTrue),
    [true],
  );
  assert.match(w.conditions[0].text, /DESIGNATE_WSGI_MODE" == "uwsgi"/);
  const m = f.commands.find((c) => c.name === 'install_apache_wsgi')!;
  assert.deepEqual(
    m.conditions.map((c) => [c.whenTrue, /mod_wsgi/.test(c.text)]),
    [
      [false, false],
      [true, true],
    ],
  );
  const r = f.commands.find((c) => c.name === 'run_process')!;
  assert.deepEqual(
    r.conditions.map((c) => c.whenTrue),
    [false, false],
  );
  assert.equal(r.args[1].value, '$DESIGNATE_BIN_DIR/designate-api');
  assert.equal(r.span.start.line, 7);
  assert.deepEqual(
    f.assignments.map((a) => [a.name, a.value]),
    [['DESIGNATE_WSGI_MODE', '${DESIGNATE_WSGI_MODE:-uwsgi}']],
  );
});
