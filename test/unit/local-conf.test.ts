import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isLocalrc, parseLocalConf } from '../../server/src/parse/local-conf';

const TEXT = [
  '# sample', // 0
  '[[local|localrc]]', // 1
  'ADMIN_PASSWORD=secret', // 2
  'WSGI_MODE="mod_wsgi"   # comment', // 3
  '  export NEUTRON_DEPLOY_MOD_WSGI=True', // 4
  "LIBS_FROM_GIT='oslo.service oslo.log'", // 5
  'DEST=${DEST:-/opt/stack}', // 6
  'EMPTY=', // 7
  'enable_plugin watcher https://opendev.org/openstack/watcher', // 8
  '', // 9
  '[[post-config|$NOVA_CONF]]', // 10
  '[DEFAULT]', // 11
  'WSGI_MODE=mod_wsgi', // 12
  '[[ test-config | $TEMPEST_CONFIG ]]', // 13
  '[compute]', // 14
].join('\n');

test('parseLocalConf finds the meta-sections and their bodies', () => {
  const lc = parseLocalConf(TEXT);
  assert.deepEqual(
    lc.sections.map((s) => [s.phase, s.file, s.header.start.line, s.bodyStart, s.bodyEnd, isLocalrc(s)]),
    [
      ['local', 'localrc', 1, 2, 10, true],
      ['post-config', '$NOVA_CONF', 10, 11, 13, false],
      ['test-config', '$TEMPEST_CONFIG', 13, 14, 15, false],
    ],
  );
  assert.deepEqual(lc.sections[0].header, { start: { line: 1, character: 0 }, end: { line: 1, character: 17 } });
});

test('parseLocalConf reads the localrc assignments with quotes removed and ranges on name and value', () => {
  const lc = parseLocalConf(TEXT);
  assert.deepEqual(
    lc.localrc.map((a) => [a.name, a.value, a.raw, a.section]),
    [
      ['ADMIN_PASSWORD', 'secret', 'secret', 0],
      ['WSGI_MODE', 'mod_wsgi', '"mod_wsgi"', 0],
      ['NEUTRON_DEPLOY_MOD_WSGI', 'True', 'True', 0],
      ['LIBS_FROM_GIT', 'oslo.service oslo.log', "'oslo.service oslo.log'", 0],
      ['DEST', '${DEST:-/opt/stack}', '${DEST:-/opt/stack}', 0],
      ['EMPTY', '', '', 0],
    ],
  );
  assert.equal(
    parseLocalConf('[[local|localrc]]\nTOKEN=$(openstack token issue -f value -c id)\n').localrc[0].value,
    '$(openstack token issue -f value -c id)',
  );
  const mode = lc.localrc[1];
  assert.deepEqual(mode.nameSpan, { start: { line: 3, character: 0 }, end: { line: 3, character: 9 } });
  assert.deepEqual(mode.valueSpan, { start: { line: 3, character: 10 }, end: { line: 3, character: 20 } });
  assert.deepEqual(mode.span, { start: { line: 3, character: 0 }, end: { line: 3, character: 20 } });
  assert.deepEqual(lc.localrc[2].nameSpan.start, { line: 4, character: 9 }, 'after "export "');
});

test('parseLocalConf without meta-sections has no localrc', () => {
  assert.deepEqual(parseLocalConf('WSGI_MODE=mod_wsgi\n'), { sections: [], localrc: [] });
  assert.deepEqual(parseLocalConf(''), { sections: [], localrc: [] });
});
