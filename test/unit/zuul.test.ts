import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { zuulJobs } from '../../server/src/parse/zuul';

const TEXT = [
  '- job:', // 0
  '    name: base-functional', // 1
  '    parent: devstack-tempest', // 2
  '    vars: &base', // 3
  '      devstack_localrc: &localrc', // 4
  '        WSGI_MODE: mod_wsgi', // 5
  "        GLANCE_STANDALONE: 'True'", // 6
  '        NEUTRON_DEPLOY_MOD_WSGI: yes', // 7
  '        EMPTY:', // 8
  '        LIST: [a, b]', // 9
  '', // 10
  '- job:', // 11
  '    name: multinode', // 12
  '    parent: base-functional', // 13
  '    vars:', // 14
  '      <<: *base', // 15
  '      grenade_devstack_localrc:', // 16
  '        shared:', // 17
  '          ZUN_USE_UWSGI: false', // 18
  '    group-vars:', // 19
  '      subnode:', // 20
  '        devstack_localrc: *localrc', // 21
  '', // 22
  '- project:', // 23
  '    check:', // 24
  '      jobs:', // 25
  '        - base-functional', // 26
  '        - multinode:', // 27
  '            vars:', // 28
  '              devstack_localrc:', // 29
  '                NOVA_USE_MOD_WSGI: False', // 30
  '',
].join('\n');

test('zuulJobs lists jobs and project variants with the localrc variables they set, scope and ranges', () => {
  const { jobs, problems } = zuulJobs(TEXT, '.zuul.yaml');
  assert.deepEqual(problems, []);
  assert.deepEqual(
    jobs.map((j) => [j.name, j.parent, j.variantIn, j.file]),
    [
      ['base-functional', 'devstack-tempest', undefined, '.zuul.yaml'],
      ['multinode', 'base-functional', undefined, '.zuul.yaml'],
      ['multinode', undefined, 'project.check', '.zuul.yaml'],
    ],
  );
  const [base, multi, variant] = jobs;
  assert.deepEqual(base.span.start, { line: 0, character: 2 });
  assert.equal(base.span.end.line, 10);
  assert.deepEqual(base.nameSpan, { start: { line: 1, character: 10 }, end: { line: 1, character: 25 } });
  assert.deepEqual(
    base.localrc.map((s) => [s.name, s.value, s.scope]),
    [
      ['WSGI_MODE', 'mod_wsgi', 'devstack_localrc'],
      ['GLANCE_STANDALONE', 'True', 'devstack_localrc'],
      ['NEUTRON_DEPLOY_MOD_WSGI', 'yes', 'devstack_localrc'],
      ['EMPTY', '', 'devstack_localrc'],
    ],
  );
  const w = base.localrc[0];
  assert.deepEqual(w.keySpan, { start: { line: 5, character: 8 }, end: { line: 5, character: 17 } });
  assert.deepEqual(w.valueSpan, { start: { line: 5, character: 19 }, end: { line: 5, character: 27 } });
  assert.deepEqual(w.span, { start: { line: 5, character: 8 }, end: { line: 5, character: 27 } });
  assert.deepEqual(
    base.localrc[1].valueSpan,
    { start: { line: 6, character: 27 }, end: { line: 6, character: 33 } },
    'quotes included in the range',
  );

  // Merge keys and aliases are followed; the ranges point at the anchored text.
  assert.deepEqual(
    multi.localrc.map((s) => [s.name, s.scope, s.span.start.line]),
    [
      ['WSGI_MODE', 'devstack_localrc', 5],
      ['GLANCE_STANDALONE', 'devstack_localrc', 6],
      ['NEUTRON_DEPLOY_MOD_WSGI', 'devstack_localrc', 7],
      ['EMPTY', 'devstack_localrc', 8],
      ['ZUN_USE_UWSGI', 'grenade_devstack_localrc.shared', 18],
      ['WSGI_MODE', 'group-vars.subnode.devstack_localrc', 5],
      ['GLANCE_STANDALONE', 'group-vars.subnode.devstack_localrc', 6],
      ['NEUTRON_DEPLOY_MOD_WSGI', 'group-vars.subnode.devstack_localrc', 7],
      ['EMPTY', 'group-vars.subnode.devstack_localrc', 8],
    ],
  );
  assert.deepEqual(
    variant.localrc.map((s) => [s.name, s.value, s.keySpan.start]),
    [['NOVA_USE_MOD_WSGI', 'False', { line: 30, character: 16 }]],
  );
});

test('zuulJobs reads several documents, explicit keys over merged ones, CRLF files and custom tags', () => {
  const text = [
    '- job:',
    '    name: a',
    '    vars:',
    '      devstack_localrc: {X_WSGI_MODE: uwsgi}',
    '---',
    '- job:',
    '    name: b',
    '    vars: &v',
    '      devstack_localrc:',
    '        WSGI_MODE: uwsgi',
    '- job:',
    '    name: c',
    '    vars:',
    '      <<: *v',
    '      devstack_localrc:',
    '        WSGI_MODE: mod_wsgi',
    '- secret:',
    '    name: s',
    '    data:',
    '      token: !encrypted/pkcs1-oaep',
    '        - abc',
  ].join('\r\n');
  const { jobs, problems } = zuulJobs(text, 'zuul.d/jobs.yaml');
  assert.deepEqual(problems, []);
  assert.deepEqual(
    jobs.map((j) => [j.name, j.localrc.map((s) => `${s.name}=${s.value}@${s.span.start.line}:${s.span.start.character}`)]),
    [
      ['a', ['X_WSGI_MODE=uwsgi@3:25']],
      ['b', ['WSGI_MODE=uwsgi@9:8']],
      ['c', ['WSGI_MODE=mod_wsgi@15:8']],
    ],
  );
});

test('zuulJobs reports malformed YAML and a non-list top level instead of throwing', () => {
  const bad = zuulJobs('- job:\n    name: x\n    vars: {devstack_localrc: [\n- job:\n  name: y\n', '.zuul.yaml');
  assert.equal(bad.jobs.length, 0);
  assert.equal(bad.problems.length, 1);
  assert.match(bad.problems[0].message, /^\.zuul\.yaml cannot be read as YAML: .+ \(line \d+\)$/);
  assert.equal(bad.problems[0].file, '.zuul.yaml');

  const map = zuulJobs('job:\n  name: x\n', 'zuul.yaml');
  assert.deepEqual(
    map.problems.map((p) => [p.span.start.line, /top level is not a list/.test(p.message)]),
    [[0, true]],
  );
  assert.deepEqual(zuulJobs('', 'zuul.yaml'), { jobs: [], problems: [] });
  assert.deepEqual(zuulJobs('# only a comment\n', 'zuul.yaml'), { jobs: [], problems: [] });
  assert.deepEqual(zuulJobs('- job:\n    parent: x\n- job: just-a-string\n', 'zuul.yaml').jobs, [], 'jobs without a name are skipped');
});
