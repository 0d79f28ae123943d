// Input generators for the property-based fuzz suite (test/unit/fuzz.test.ts): small real-shaped
// files of each kind the engine reads, cut and mutated at random points, plus random bytes and
// unicode, deep nesting, very long lines, heredocs and unbalanced quotes, self-referencing shell
// variables, YAML anchor chains. Every generated text is at most MAX_INPUT characters.
import fc from 'fast-check';
import type { Cond } from '../../server/src/parse/bash';

/** The largest input any generator yields. */
export const MAX_INPUT = 4096;

/** WSGI_GOAL_FUZZ_RUNS multiplies every property's run count (default 1). */
export const RUN_FACTOR = (() => {
  const f = Number(process.env.WSGI_GOAL_FUZZ_RUNS ?? '1');
  return Number.isFinite(f) && f > 0 ? f : 1;
})();

export const runs = (n: number): number => Math.max(1, Math.round(n * RUN_FACTOR));

/**
 * The seed every property starts from. Fixed by default so that `npm test` fails or passes the same
 * way on every machine (a random seed once failed CI on an input no run had met before);
 * WSGI_GOAL_FUZZ_SEED=random explores (`npm run fuzz`), and a number replays a failure's seed.
 */
export const SEED: number | undefined = (() => {
  const s = process.env.WSGI_GOAL_FUZZ_SEED ?? '20261205';
  if (s === 'random') return undefined;
  const n = Number(s);
  if (!Number.isInteger(n)) throw new Error(`WSGI_GOAL_FUZZ_SEED must be an integer or "random", not ${s}`);
  return n;
})();

// --- real-shaped snippets ---------------------------------------------------------------------

export const SETUP_CFG = [
  '[metadata]',
  'name = designate',
  'summary = DNS as a Service',
  'description_file =',
  '    README.rst',
  'python_requires = >=3.10',
  '',
  '[files]',
  'packages =',
  '    designate',
  '',
  '[entry_points]',
  'console_scripts =',
  '    designate-api = designate.cmd.api:main',
  '    designate-central = designate.cmd.central:main',
  '    # a comment inside',
  '',
  '    designate-manage = designate.cmd.manage:main',
  'wsgi_scripts =',
  '    designate-api-wsgi = designate.api.wsgi:init_application',
  'oslo.config.opts =',
  '    designate = designate.opts:list_opts [extra]',
  '',
].join('\n');

export const PYPROJECT = [
  '[build-system]',
  'requires = ["pbr>=6.1.1"]',
  'build-backend = "pbr.build"',
  '',
  '[project]',
  'name = "zun"',
  'dynamic = ["version"]',
  '',
  '[project.scripts]',
  'zun-api = "zun.cmd.api:main"',
  "'zun-compute' = 'zun.cmd.compute:main'",
  '',
  '[project.entry-points.wsgi_scripts]',
  '"zun-api-wsgi" = "zun.api.wsgi:init_application"',
  '',
  '[project.entry-points."oslo.config.opts"]',
  'zun = "zun.opts:list_opts"',
  '',
].join('\n');

export const UWSGI_INI = [
  '[uwsgi]',
  'module = masakari.wsgi.api:application',
  'master = true',
  'processes = 4',
  'enable-threads = true',
  'plugins = http,python3',
  'buffer-size = 65535',
  'add-header = Connection: close',
  'hook-master-start = unix_signal:15 gracefully_kill_them_all',
  'http-socket = 127.0.0.1:15868',
  '',
].join('\n');

export const PASTE_INI = [
  '[composite:osapi_dns]',
  'use = egg:Paste#urlmap',
  '/: osapi_dns_versions',
  '/v2: osapi_dns_v2',
  '',
  '[pipeline:osapi_dns_v2]',
  'pipeline = http_proxy_to_wsgi cors request_id faultwrapper osapi_dns_app_v2',
  '',
  '[app:osapi_dns_app_v2]',
  'paste.app_factory = designate.api.v2:factory',
  '',
].join('\n');

export const PLUGIN_SH = [
  '#!/bin/bash',
  '# Install and start **Designate** service in devstack',
  'DESIGNATE_WSGI_MODE=${DESIGNATE_WSGI_MODE:-${WSGI_MODE:-uwsgi}}',
  'DESIGNATE_USE_UWSGI=$(trueorfalse True DESIGNATE_USE_UWSGI)',
  'DESIGNATE_UWSGI_CONF=$DESIGNATE_CONF_DIR/designate-api-uwsgi.ini',
  '',
  'function configure_designate {',
  '    sudo install -d -o $STACK_USER $DESIGNATE_CONF_DIR',
  '    if [[ "$WSGI_MODE" == "uwsgi" ]]; then',
  '        write_uwsgi_config "$DESIGNATE_UWSGI_CONF" "$DESIGNATE_UWSGI" "/dns" "" "designate-api"',
  '    elif [[ "$DESIGNATE_WSGI_MODE" == "mod_wsgi" ]]; then',
  '        install_apache_wsgi',
  '        sudo cp $FILES/apache-designate.template $(apache_site_config_for designate-api)',
  '    else',
  '        iniset $DESIGNATE_CONF service:api listen $DESIGNATE_SERVICE_HOST:$DESIGNATE_SERVICE_PORT',
  '    fi',
  '}',
  '',
  'function start_designate {',
  '    if [[ "$WSGI_MODE" == "uwsgi" ]]; then',
  '        run_process designate-api "$(which uwsgi) --procname-prefix designate-api --ini $DESIGNATE_UWSGI_CONF"',
  '    else',
  '        run_process designate-api "$DESIGNATE_BIN_DIR/designate-api --config-file $DESIGNATE_CONF"',
  '    fi',
  '    cat > $DESIGNATE_CONF_DIR/site.conf <<EOF',
  'WSGIScriptAlias /dns $DESIGNATE_BIN_DIR/designate-api-wsgi',
  'EOF',
  '}',
  '',
  'if is_service_enabled designate; then',
  '    if [[ "$1" == "stack" && "$2" == "post-config" ]]; then',
  '        configure_designate',
  '    elif [[ "$1" == "stack" && "$2" == "extra" ]]; then',
  '        start_designate',
  '    fi',
  '    if [[ "$1" == "clean" ]]; then',
  '        remove_uwsgi_config "$DESIGNATE_UWSGI_CONF" "designate-api"',
  '    fi',
  'fi',
  '',
].join('\n');

export const SETTINGS_SH = [
  'DESIGNATE_BIN_DIR=$(get_python_exec_prefix)',
  'DESIGNATE_CONF_DIR=${DESIGNATE_CONF_DIR:-/etc/designate}',
  'DESIGNATE_CONF=$DESIGNATE_CONF_DIR/designate.conf',
  'DESIGNATE_UWSGI=designate.wsgi.api:application',
  'DESIGNATE_SERVICE_PORT=${DESIGNATE_SERVICE_PORT:-9001}',
  'function determine_mode {',
  '    if [ -n "$X" ]; then echo uwsgi; else echo mod_wsgi; fi',
  '}',
  'DESIGNATE_DEPLOY=`determine_mode`',
  'enable_service designate-api',
  '',
].join('\n');

export const WSGI_PY = [
  '"""WSGI application entry-point for Designate API."""',
  'import threading',
  '',
  'from designate.api import service',
  'from designate import conf as designate_conf',
  '',
  'CONFIG_FILE = "/etc/designate/designate.conf"',
  '',
  '',
  'def init_application():',
  '    conf_files = [CONFIG_FILE]',
  '    with threading.Lock():',
  "        return service.make_app(conf_files, f'{CONFIG_FILE}:x')",
  '',
  '',
  'class Api(object):',
  '    @classmethod',
  '    def factory(cls, global_config, **local):',
  '        return cls()',
  '',
  '',
  'application = None',
  'application = init_application()',
  '',
  "if __name__ == '__main__':",
  '    from wsgiref import simple_server',
  "    simple_server.make_server('', 8080, application).serve_forever()",
  '',
].join('\n');

export const CMD_PY = [
  'import sys',
  'import eventlet',
  'eventlet.monkey_patch()',
  'from oslo_config import cfg',
  'from designate import service',
  '',
  'def main():',
  '    server = service.WSGIService("api")',
  '    service.serve(server, workers=1)',
  '    service.wait()',
  '',
].join('\n');

export const SETUP_PY = [
  'import setuptools',
  'setuptools.setup(',
  "    entry_points={'console_scripts': ['designate-api = designate.cmd.api:main'],",
  "                  'wsgi_scripts': ['designate-api-wsgi = designate.api.wsgi:init_application']},",
  '    entry_points_str="""[console_scripts]',
  'x-api = x.cmd.api:main',
  '""")',
  '',
].join('\n');

export const ZUUL_YAML = [
  '- job:',
  '    name: designate-base',
  '    parent: devstack-tempest',
  '    vars: &base',
  '      devstack_localrc: &localrc',
  '        WSGI_MODE: mod_wsgi',
  "        DESIGNATE_USE_UWSGI: 'True'",
  '        NEUTRON_DEPLOY_MOD_WSGI: yes',
  '        EMPTY:',
  '      devstack_services:',
  '        designate-api: true',
  '',
  '- job:',
  '    name: designate-multinode',
  '    parent: designate-base',
  '    vars:',
  '      <<: *base',
  '      grenade_devstack_localrc:',
  '        shared:',
  '          DESIGNATE_USE_MOD_WSGI: false',
  '    group-vars:',
  '      subnode:',
  '        devstack_localrc: *localrc',
  '',
  '- project:',
  '    check:',
  '      jobs:',
  '        - designate-base',
  '        - designate-multinode:',
  '            vars:',
  '              devstack_localrc:',
  '                NOVA_USE_MOD_WSGI: False',
  '',
].join('\n');

export const LOCAL_CONF = [
  '# sample',
  '[[local|localrc]]',
  'ADMIN_PASSWORD=secret',
  'DATABASE_PASSWORD=$ADMIN_PASSWORD',
  'WSGI_MODE="mod_wsgi"   # comment',
  '  export NEUTRON_DEPLOY_MOD_WSGI=True',
  "LIBS_FROM_GIT='oslo.service oslo.log'",
  'DEST=${DEST:-/opt/stack}',
  'TOKEN=$(openstack token issue -f value -c id)',
  'EMPTY=',
  'enable_plugin designate https://opendev.org/openstack/designate',
  '',
  '[[post-config|$DESIGNATE_CONF]]',
  '[DEFAULT]',
  'debug = True',
  '[[ test-config | $TEMPEST_CONFIG ]]',
  '[dns]',
  '',
].join('\n');

export const APACHE_TEMPLATE = [
  'Listen %PUBLICPORT%',
  '<VirtualHost *:%PUBLICPORT%>',
  '    WSGIDaemonProcess designate-api processes=2 threads=1 user=%USER%',
  '    WSGIProcessGroup designate-api',
  '    WSGIScriptAlias / %DESIGNATE_BIN%/designate-api-wsgi',
  '    ProxyPass "/dns" "unix:/var/run/uwsgi/designate-api.socket|uwsgi://uwsgi-uds-designate-api" retry=0',
  '</VirtualHost>',
  '',
].join('\n');

export const SYSTEMD_UNIT = [
  '[Unit]',
  'Description = Designate API',
  '[Service]',
  'ExecStart = /usr/local/bin/designate-api --config-file /etc/designate/designate.conf',
  '[Install]',
  'WantedBy = multi-user.target',
  '',
].join('\n');

// --- fragments spliced into the snippets --------------------------------------------------------

/** Characters that upset line splitting, decoding and columns. */
const AWKWARD = [
  '\r\n',
  '\r',
  '\n',
  '\t',
  '\uFEFF',
  '\u0000',
  '\u2028',
  '\u00a0',
  'é',
  '𝄞',
  '\uD800',
  '\uDC00',
  '\uFFFD',
  '\\',
  '\\\n',
  ' ',
  '',
];

const COMMON = ['"', "'", '`', '#', ';', '=', ':', '[', ']', '{', '}', '(', ')', '<<EOF\n', '$', '${', '$(', '*', '&', '|', '-', '.'];

export const FRAGMENTS = {
  ini: [
    '[entry_points]\n',
    '[uwsgi]\n',
    '[metadata]\n',
    '[',
    ']',
    '\n    ',
    'console_scripts =\n',
    'wsgi_scripts =\n',
    '    x-api = x.wsgi.api:init_application\n',
    '    x-api = ',
    ' = ',
    ': ',
    'module = a.b:app\n',
    '; comment\n',
    '[files]\npackages =\n    x\n',
  ],
  toml: [
    '[project.scripts]\n',
    '[project]\nname = "x"\n',
    '[project.entry-points.wsgi_scripts]\n',
    '[project.gui-scripts]\n',
    '[[project.scripts]]\n',
    'x-api = "x.cmd.api:main"\n',
    '"a.b" = "c:d"\n',
    '"""',
    "'''",
    '= {',
    '[1, 2',
    '\\u00e9',
    '\\',
    'inf',
    '1979-05-27T07:32:00Z',
    '0x1F',
    'project.scripts.y = "y:z"\n',
  ],
  python: [
    'application = ',
    'init_application()\n',
    'def f(a, b=1, *args, **kw):\n    ',
    'class A:\n    def m(self):\n        ',
    'if __name__ == "__main__":\n    ',
    'else:\n    ',
    'with threading.Lock():\n    ',
    'import a.b as c\n',
    'from . import x\n',
    'from __future__ import annotations\n',
    '"""',
    "'''",
    'f"{x}"',
    'rb"\\x00"',
    '@decorator\n',
    'lambda: ',
    '    ',
    ':\n',
    'eventlet.monkey_patch()\n',
    // What the text pre-checks look for, spelled the ways a binding or call can be.
    'from m import (a,\n    application,\n)\n',
    'application, conf = ',
    'import x as application\n',
    'for application in ',
    'application: T = ',
    '(application := ',
    'def init_wsgi_app():\n    ',
    'async def app_factory(',
    'wsgi.Server(',
    'wsgi .Service(',
    'app.run()\n',
    'from gunicorn.app import base\n',
    'make_server(',
    'with threading.RLock():\n    ',
    'Semaphore',
    '\r',
  ],
  bash: [
    'if [[ "$WSGI_MODE" == "uwsgi" ]]; then\n',
    'elif [ -n "$X" ]; then\n',
    'else\n',
    'fi\n',
    'function f {\n',
    'f() {\n',
    '}\n',
    'run_process x-api "$X_BIN_DIR/x-api"\n',
    'write_uwsgi_config "$A" "$B" "/x" "" "x-api"\n',
    'A=${B:-${C:-',
    '}}',
    'A=$A$A\n',
    '<<EOF\n',
    "<<-'EOF'\n",
    '<<<',
    'EOF\n',
    '$(',
    '$((',
    '))',
    '$(trueorfalse True X)',
    '$(which uwsgi)',
    '`f`',
    '&&',
    '||',
    ' ! ',
    'case $x in\n a) ;;\nesac\n',
    'local x=1\n',
    'export Y\n',
    '[[ ',
    ' ]]',
  ],
  yaml: [
    '- job:\n    name: j\n',
    '  vars:\n    devstack_localrc:\n      A: b\n',
    '&a ',
    '*a',
    '<<: *a\n',
    '<<: [*a, *a]\n',
    '---\n',
    '...\n',
    '? ',
    '- ',
    ': ',
    '{',
    '}',
    '[',
    ']',
    '|\n  ',
    '>-\n  ',
    '!!str ',
    '!tag ',
    '%YAML 1.2\n',
    '"\\u00e9',
    "'",
    '- project:\n    check:\n      jobs:\n        - j:\n            vars: {}\n',
  ],
  localConf: [
    '[[local|localrc]]\n',
    '[[post-config|$NOVA_CONF]]\n',
    '[[',
    ']]',
    '|',
    'export ',
    'A=',
    'A+=x\n',
    '"${X:-y}"',
    '$(a $(b))',
    "'q",
    '# c\n',
    '[DEFAULT]\n',
  ],
};

export type Kind = keyof typeof FRAGMENTS;

const fragment = (kind: Kind) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS[kind]) },
    { weight: 2, arbitrary: fc.constantFrom(...COMMON) },
    { weight: 2, arbitrary: fc.constantFrom(...AWKWARD) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: 'binary' }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );

type Mutation = (s: string) => string;

/** One edit at a random place: cut, insert, delete, duplicate or replace. */
const mutation = (kind: Kind): fc.Arbitrary<Mutation> =>
  fc.oneof(
    // cut: rarer than the others, or most files would end up short
    {
      weight: 1,
      arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map(
        (at): Mutation =>
          (s) =>
            s.slice(0, Math.floor(at * s.length)),
      ),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fragment(kind)).map(
        ([at, f]): Mutation =>
          (s) =>
            s.slice(0, Math.floor(at * s.length)) + f + s.slice(Math.floor(at * s.length)),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 64 })).map(([at, n]): Mutation => (s) => {
        const i = Math.floor(at * s.length);
        return s.slice(0, i) + s.slice(i + n);
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 200 })).map(([at, n]): Mutation => (s) => {
        const i = Math.floor(at * s.length);
        return s.slice(0, i + n) + s.slice(i, i + n) + s.slice(i + n);
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fragment(kind)).map(([at, f]): Mutation => (s) => {
        const i = Math.floor(at * s.length);
        return s.slice(0, i) + f + s.slice(i + 1);
      }),
    },
  );

/** A real-shaped file cut and spliced at random points (often left whole or only cut). */
export const mutated = (kind: Kind, ...bases: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...bases), fc.array(mutation(kind), { maxLength: 6 }))
    .map(([base, edits]) => edits.reduce((s, e) => e(s), base))
    .map(cap);

/** At most MAX_INPUT characters (a cut may leave half a surrogate pair: fine, it is fuzz input). */
export function cap(s: string): string {
  return s.length <= MAX_INPUT ? s : s.slice(0, MAX_INPUT);
}

/** Random bytes read as Latin-1 or as (possibly invalid) UTF-8, and random unicode. */
export const noise: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString('utf8')),
  fc.string({ maxLength: 300, unit: 'binary' }),
  fc.string({ maxLength: 300, unit: 'grapheme' }),
  fc.array(fc.constantFrom(...AWKWARD, ...COMMON), { maxLength: 200 }).map((a) => a.join('')),
);

/** Token soup in a language's own vocabulary. */
export const soup = (kind: Kind): fc.Arbitrary<string> => fc.array(fragment(kind), { maxLength: 120 }).map((a) => cap(a.join('')));

/** n within what fits into MAX_INPUT for a unit of `unit` characters. */
const depth = (unit: number) => fc.integer({ min: 1, max: Math.max(1, Math.floor(MAX_INPUT / unit)) });

/** Deeply nested constructs of each language, balanced or cut short. */
export const deep = (kind: Kind): fc.Arbitrary<string> => {
  const unbalanced = fc.integer({ min: -3, max: 0 });
  switch (kind) {
    case 'bash':
      return fc
        .oneof(
          fc.tuple(depth(6), unbalanced).map(([n, d]) => 'B=' + '${A:-'.repeat(n) + 'x' + '}'.repeat(Math.max(0, n + d)) + '\n'),
          fc
            .tuple(depth(16), unbalanced)
            .map(([n, d]) => 'if true; then\n'.repeat(n) + 'run_process a-api b\n' + 'fi\n'.repeat(Math.max(0, n + d))),
          fc.tuple(depth(4), unbalanced).map(([n, d]) => 'X=' + '$('.repeat(n) + 'echo' + ')'.repeat(Math.max(0, n + d)) + '\n'),
          fc.tuple(depth(3), unbalanced).map(([n, d]) => 'f() { '.repeat(n) + 'echo x' + ' }'.repeat(Math.max(0, n + d))),
          fc.tuple(depth(4), unbalanced).map(([n, d]) => '[[ ' + '( '.repeat(n) + '$A' + ' )'.repeat(Math.max(0, n + d)) + ' ]]'),
          fc.tuple(depth(2), unbalanced).map(([n, d]) => '"'.repeat(n) + "'".repeat(Math.max(0, n + d))),
        )
        .map(cap);
    case 'python':
      return fc
        .oneof(
          fc
            .tuple(depth(2), fc.constantFrom('()', '[]', '{}'), unbalanced)
            .map(([n, [o, c], d]) => 'x = ' + o.repeat(n) + '1' + c.repeat(Math.max(0, n + d)) + '\n'),
          fc.tuple(depth(2)).map(([n]) => 'application = ' + 'x+'.repeat(n) + 'x\n'),
          fc.tuple(depth(2)).map(([n]) => 'application = ' + 'f('.repeat(n) + ')'.repeat(n) + '\n'),
          fc
            .tuple(fc.integer({ min: 1, max: 60 }))
            .map(([n]) => Array.from({ length: n }, (_, i) => ' '.repeat(i) + (i % 2 ? 'if x:' : 'def f():')).join('\n') + '\n'),
          fc.tuple(depth(4)).map(([n]) => 'application = ' + 'lambda: '.repeat(n) + '1\n'),
          fc.tuple(depth(6)).map(([n]) => 'x = ' + 'f"{'.repeat(n) + '1' + '}"'.repeat(n) + '\n'),
        )
        .map(cap);
    case 'yaml':
      return fc
        .oneof(
          fc.tuple(depth(2), unbalanced).map(([n, d]) => '- ' + '['.repeat(n) + ']'.repeat(Math.max(0, n + d)) + '\n'),
          fc.tuple(depth(5), unbalanced).map(([n, d]) => '- ' + '{a: '.repeat(n) + '1' + '}'.repeat(Math.max(0, n + d)) + '\n'),
          fc
            .tuple(fc.integer({ min: 1, max: 80 }))
            .map(
              ([n]) =>
                '- job:\n' +
                Array.from({ length: n }, (_, i) => '  '.repeat(i + 2) + (i ? `k${i}:` : 'name: j\n    vars:')).join('\n') +
                '\n',
            ),
          fc.tuple(depth(2)).map(([n]) => '- job:\n    name: ' + '- '.repeat(n) + '\n'),
          aliasChain,
        )
        .map(cap);
    case 'ini':
    case 'toml':
      return fc
        .oneof(
          fc.tuple(depth(2)).map(([n]) => '[entry_points]\nconsole_scripts =\n' + '    x\n'.repeat(Math.floor(n / 4))),
          fc.tuple(depth(2), unbalanced).map(([n, d]) => 'a = ' + '['.repeat(n) + ']'.repeat(Math.max(0, n + d)) + '\n'),
          fc
            .tuple(depth(2))
            .map(([n]) => '[project]\nx = ' + '{a = '.repeat(Math.floor(n / 3)) + '1' + '}'.repeat(Math.floor(n / 3)) + '\n'),
          fc.tuple(depth(1)).map(([n]) => '['.repeat(n) + ']'.repeat(n)),
          fc.integer({ min: 1, max: 200 }).map((n) => Array.from({ length: n }, (_, i) => ' '.repeat(i % 40) + `k${i} = v`).join('\n')),
        )
        .map(cap);
    case 'localConf':
      return fc
        .oneof(
          fc.tuple(depth(2)).map(([n]) => '[['.repeat(n) + 'local|localrc' + ']]'.repeat(n) + '\nA=1\n'),
          fc.tuple(depth(4)).map(([n]) => '[[local|localrc]]\nA=' + '$('.repeat(n) + ')'.repeat(n) + '\n'),
          fc.tuple(depth(4)).map(([n]) => '[[local|localrc]]\nA=' + '${'.repeat(n) + '}'.repeat(n) + '\n'),
        )
        .map(cap);
  }
};

/** `<<` merge keys whose sources are merges of merges: what an alias bomb looks like to Zuul. */
export const aliasChain: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 9 }), fc.boolean())
  .map(([levels, fan, self]) => {
    let t = '- x: &l0 {A: 1, B: two}\n';
    for (let i = 1; i <= levels; i++)
      t += `- x: &l${i} {<<: [${Array(fan)
        .fill(`*l${i - 1}`)
        .join(', ')}], K${i}: v}\n`;
    if (self) t += `- x: &s {<<: [*s, *s, *s]}\n`;
    return t + `- job:\n    name: j\n    vars:\n      <<: *l${levels}\n      devstack_localrc:\n        <<: *l${levels}\n`;
  })
  .map(cap);

/** One line of up to MAX_INPUT characters made of one token repeated. */
export const longLine = (tokens: readonly string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...tokens), fc.integer({ min: 100, max: MAX_INPUT }), fc.constantFrom('', 'x = ', 'A=', '[', '- '))
    .map(([tok, n, lead]) => cap(lead + tok.repeat(Math.ceil(n / tok.length)).slice(0, n)));

export const LONG_TOKENS = {
  ini: ['x', ' ', '=', 'a = b', '\t', ':', '#'],
  toml: ['x', ' ', '"', 'a', '[', '\\', '='],
  python: ['x+', '(', ' ', 'a.', '"', '\\', ', ', 'f(x)'],
  bash: ['$A', '${A}', ' ', 'a;', '"', "'", '\\', '$(', '&& ', 'x'],
  yaml: ['a', ' ', '- ', '[', '{', ':', '*a ', '"'],
  localConf: ['A', ' ', '=', '$', '${', '\\', '"'],
} satisfies Record<Kind, string[]>;

/** Shell variable chains that reference themselves or each other, and functions that echo each other. */
export const shellChains: fc.Arbitrary<string> = fc
  .oneof(
    fc.constant('A=${B}\nB=${A}\nif [[ "$A" == "$B" ]]; then run_process a-api x; fi\n'),
    fc.integer({ min: 1, max: 40 }).map((n) => 'A=x\n' + 'A=$A$A\n'.repeat(n) + 'if [ -n "$A" ]; then run_process a-api "$A"; fi\n'),
    fc.integer({ min: 1, max: 20 }).map((n) => 'A="$A$A$A$A$A$A$A$A"\n'.repeat(n)),
    fc
      .tuple(fc.integer({ min: 2, max: 60 }), fc.boolean())
      .map(
        ([n, cycle]) =>
          Array.from({ length: n }, (_, i) => `V${i}=\${V${i + 1}:-\${V${(i + 2) % (cycle ? n : n + 2)}:-$V${i}}}`).join('\n') + '\n',
      ),
    fc
      .integer({ min: 1, max: 30 })
      .map(
        (n) =>
          Array.from({ length: n }, (_, i) => `f${i}() {\n    echo "$(f${i + 1})$(f${i + 1})\`f${(i + 1) % n}\`"\n}\n`).join('') +
          'MODE=$(f0)\nif [[ "$MODE" == "uwsgi" ]]; then write_uwsgi_config a b c "" d; fi\n',
      ),
    fc.integer({ min: 1, max: 30 }).map((n) => 'X=$(trueorfalse True X)\n'.repeat(n) + 'if $X; then run_process x-api x; fi\n'),
    fc.integer({ min: 1, max: 200 }).map((n) => 'A=${A:-${A:=${A:+$A}}}\n'.repeat(n)),
  )
  .map(cap);

/** Heredocs and quotes left open. */
export const openQuotes: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      'cat > f <<EOF\nWSGIScriptAlias / x\n',
      "cat <<-'END'\n\tWSGIDaemonProcess x\n",
      'cat <<EOF\nA\nEOF2\n',
      'A="unterminated\nrun_process a-api b\n',
      "A='unterminated\n",
      'echo `unterminated\n',
      'A=$(unterminated\n',
      'A=${unterminated\n',
      'cat <<EOF <<EOG\n',
      'x = """unterminated\n',
      "x = '''\n",
      "x = 'a\n",
      '"key: unterminated\n',
      "- 'x\n",
      'A="$(echo "${B:-"c\n',
    ),
    fc.constantFrom('', PLUGIN_SH.slice(0, 400), WSGI_PY.slice(0, 300), ZUUL_YAML.slice(0, 300)),
  )
  .map(([a, b]) => cap(a + b));

/** Any of the shapes, for a parser of `kind` whose real-shaped files are `bases`. */
export const inputFor = (kind: Kind, bases: string[], extra: fc.Arbitrary<string>[] = []): fc.Arbitrary<string> =>
  lineEndings(
    fc.oneof(
      { weight: 8, arbitrary: mutated(kind, ...bases) },
      { weight: 2, arbitrary: noise },
      { weight: 2, arbitrary: soup(kind) },
      { weight: 2, arbitrary: deep(kind) },
      { weight: 1, arbitrary: longLine(LONG_TOKENS[kind]) },
      { weight: 1, arbitrary: openQuotes },
      ...extra.map((arbitrary) => ({ weight: 2, arbitrary })),
    ),
  );

const ENDINGS: ((t: string) => string)[] = [
  (t) => t,
  (t) => t.replace(/\r?\n/g, '\r\n'),
  (t) => '\uFEFF' + t,
  (t) => '\uFEFF' + t.replace(/\r?\n/g, '\r\n'),
  (t) => t.replace(/\n/g, '\r'),
];

/** The text with its line endings as written (most often), as CRLF, with a BOM, or with lone CRs. */
export const lineEndings = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(
      text,
      fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: ENDINGS.length - 1 }) }),
    )
    .map(([t, i]) => cap(ENDINGS[i](t)));

// --- a whole synthetic repo ------------------------------------------------------------------------

const maybe = (p: number, arb: fc.Arbitrary<string>): fc.Arbitrary<string | undefined> =>
  fc.oneof({ weight: Math.round(p * 100), arbitrary: arb }, { weight: Math.round((1 - p) * 100), arbitrary: fc.constant(undefined) });

/**
 * A repo as relative path → text, every file real-shaped and mutated (or noise), named after one of
 * a plugin project or a core service (whose deployment is read from a devstack checkout beside it).
 */
export const repoFiles: fc.Arbitrary<Record<string, string>> = fc
  .record({
    project: fc.constantFrom('designate', 'nova', 'zun-ui'),
    checkout: fc.boolean(),
    endings: fc.constantFrom<'keep' | 'lf' | 'crlf'>('keep', 'keep', 'lf', 'crlf'),
    files: fc.record({
      'setup.cfg': maybe(0.9, inputFor('ini', [SETUP_CFG])),
      'pyproject.toml': maybe(0.3, inputFor('toml', [PYPROJECT])),
      'setup.py': maybe(0.2, inputFor('python', [SETUP_PY])),
      'requirements.txt': maybe(0.3, fc.constantFrom('oslo.log>=5.0\npbr\n', 'oslo_log\r\n', '')),
      'designate/__init__.py': maybe(0.5, fc.constant('')),
      'designate/wsgi/__init__.py': maybe(0.3, inputFor('python', [WSGI_PY])),
      'designate/wsgi/api.py': maybe(0.6, inputFor('python', [WSGI_PY])),
      'designate/api/wsgi.py': maybe(0.4, inputFor('python', [WSGI_PY])),
      'designate/cmd/api.py': maybe(0.6, inputFor('python', [CMD_PY])),
      'designate/app.wsgi': maybe(0.2, inputFor('python', [WSGI_PY])),
      'devstack/plugin.sh': maybe(0.8, inputFor('bash', [PLUGIN_SH], [shellChains])),
      'devstack/settings': maybe(0.6, inputFor('bash', [SETTINGS_SH], [shellChains])),
      'devstack/lib/designate': maybe(0.2, inputFor('bash', [PLUGIN_SH, SETTINGS_SH], [shellChains])),
      'devstack/local.conf.sample': maybe(0.4, inputFor('localConf', [LOCAL_CONF])),
      'devstack/files/apache-designate.template': maybe(0.3, inputFor('ini', [APACHE_TEMPLATE])),
      'devstack/files/designate-api.service': maybe(0.2, inputFor('ini', [SYSTEMD_UNIT])),
      'devstack/files/designate-uwsgi.ini': maybe(0.2, inputFor('ini', [UWSGI_INI])),
      'etc/designate/api-paste.ini': maybe(0.4, inputFor('ini', [PASTE_INI])),
      'etc/designate/designate-api-uwsgi.ini': maybe(0.4, inputFor('ini', [UWSGI_INI])),
      '.zuul.yaml': maybe(0.5, inputFor('yaml', [ZUUL_YAML])),
      'zuul.d/jobs.yaml': maybe(0.2, inputFor('yaml', [ZUUL_YAML])),
    }),
    devstack: fc.record({
      stackrc: inputFor('bash', [SETTINGS_SH], [shellChains]),
      lib: inputFor('bash', [PLUGIN_SH], [shellChains]),
    }),
  })
  .map(({ project, checkout, endings, files, devstack }) => {
    const out: Record<string, string> = {};
    const fix = (t: string) => (endings === 'keep' ? t : endings === 'lf' ? t.replace(/\r\n?/g, '\n') : t.replace(/\r?\n/g, '\r\n'));
    const repo = checkout ? 'repo/' : '';
    for (const [rel, text] of Object.entries(files)) {
      if (text !== undefined) out[repo + rel.replace(/designate/g, project)] = cap(fix(text.replace(/designate/g, project)));
    }
    if (checkout) {
      out['devstack/stack.sh'] = '#!/bin/bash\n';
      out['devstack/stackrc'] = cap(fix(devstack.stackrc));
      out[`devstack/lib/${project}`] = cap(fix(devstack.lib.replace(/designate/g, project)));
    }
    return out;
  });

// --- shell words, environments and `if` tests for the evaluator -------------------------------------

export const SHELL_NAMES = ['A', 'B', 'WSGI_MODE', 'X_USE_UWSGI', 'EMPTY', 'UNSET', '1', '@', '#'];

export const { word } = fc.letrec<{ word: string; part: string }>((tie) => ({
  word: fc.array(tie('part'), { maxLength: 6 }).map((a) => a.join('')),
  part: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'uwsgi', 'True', 'no', '/', ' ', '"', "'", '\\', '$', '`', '*', '{', '}', '(', ')', ':-', '\n'),
    fc.constantFrom(...SHELL_NAMES).map((n) => '$' + n),
    fc
      .tuple(fc.constantFrom(...SHELL_NAMES), fc.constantFrom('', ':-', '-', ':=', '=', ':+', '+', '#', '%', '/'), tie('word'))
      .map(([n, op, w]) => `\${${n}${op}${w}}`),
    tie('word').map((w) => `$(${w})`),
    tie('word').map((w) => `"${w}"`),
    fc
      .tuple(fc.constantFrom('True', 'False', 'x', '$A', '${B:-True}'), fc.constantFrom(...SHELL_NAMES))
      .map(([d, n]) => `$(trueorfalse ${d} ${n})`),
    fc.constantFrom('$(which uwsgi)', '`f`', '$(f)', '$(g)', '`g`', '${A:-${B:-${A:-${B:-${A:-${B:-${A:-${B:-${A:-x}}}}}}}}}'),
  ),
}));

/** `$A` and friends repeated up to 4 kB: values that double and overrun MAX_VALUE_CHARS. */
const longWord = fc
  .tuple(fc.constantFrom('$A', '${A}', '$A$B', '${A:-$A}', '$(f)', '"$A"', '\\$'), fc.integer({ min: 1, max: 1300 }))
  .map(([t, n]) => t.repeat(n).slice(0, 4096));
/** `${A:-${A:-…x}}` hundreds deep. */
const nestedWord = fc.integer({ min: 1, max: 680 }).map((n) => '${A:-'.repeat(n) + 'x' + '}'.repeat(n));
export const anyWord = fc.oneof({ weight: 6, arbitrary: word }, { weight: 1, arbitrary: longWord }, { weight: 1, arbitrary: nestedWord });

export const envOf = fc.tuple(
  fc.dictionary(fc.constantFrom(...SHELL_NAMES), fc.oneof(word, fc.string({ maxLength: 4096 }), fc.constant('')), { maxKeys: 6 }),
  fc.boolean(),
);

export const { cond } = fc.letrec<{ cond: Cond }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      k: fc.constant('cmp' as const),
      op: fc.constantFrom('==', '=', '!=', '-eq', '-ne', '<', '=~'),
      left: anyWord,
      right: anyWord,
    }),
    fc.record({ k: fc.constant('unary' as const), op: fc.constantFrom('-n', '-z', '-f', '-d', '-x', '-v'), arg: anyWord }),
    fc.record({ k: fc.constant('word' as const), value: anyWord }),
    fc.record({ k: fc.constantFrom('and' as const, 'or' as const), a: tie('cond'), b: tie('cond') }),
    fc.record({ k: fc.constant('not' as const), c: tie('cond') }),
    fc.record({
      k: fc.constant('cmd' as const),
      name: fc.oneof(anyWord, fc.constantFrom('is_service_enabled', 'true', 'false')),
      args: fc.array(anyWord, { maxLength: 4 }),
    }),
    fc.record({ k: fc.constant('raw' as const), text: fc.string() }),
  ),
}));
