// Deterministic OpenStack-shaped trees for `npm run bench`: synthetic text (no project's code), sized
// and laid out like the real checkouts on the statistics that drive the engine's cost.
//
// REAL holds those statistics, measured on the 23 HEAD trees pinned in scripts/bench/real-trees.txt
// with `node scripts/bench/stats.js TREE…` (2026-12-05): files per repo, directories, Python files,
// their total size and median size, Python files with "wsgi" in their path, Zuul YAML and devstack
// plugin bytes, and the share of files under test folders and docs (doc/, api-ref/, releasenotes/).
// The bench prints the same statistics for what it generated beside them.
const fs = require('fs');
const path = require('path');

// prettier-ignore
const REAL = [
  // name        files dirs   py   pyKB pyMedian wsgi zuulKB pluginKB tests docs  how devstack deploys it
  ['nova',        4796, 579, 1515, 24951, 4601, 17, 44,   3, 0.33, 0.52, 'core'],
  ['neutron',     3386, 589, 2079, 17870, 2481, 34, 85,  38, 0.26, 0.33, 'core'],
  ['cinder',      3771, 322, 1334, 28250, 6549,  7, 16,   0, 0.21, 0.58, 'core'],
  ['keystone',    1483, 231,  569,  6496, 4037,  4,  5,  27, 0.16, 0.56, 'core'],
  ['glance',       931, 123,  376,  4219, 4900,  6, 14,   0, 0.20, 0.48, 'core'],
  ['placement',    440,  73,  158,  1161, 3000,  3,  4,   0, 0.33, 0.40, 'core'],
  ['swift',        928, 113,  419, 16448,15391,  2, 25,   0, 0.28, 0.38, 'core'],
  ['heat',        1334, 208,  817,  8657, 4956,  7,  5,  28, 0.29, 0.33, 'uwsgi'],
  ['ironic',      2969, 166,  763, 11645, 4833,  5, 59, 222, 0.11, 0.69, 'uwsgi'],
  ['manila',      2400, 247,  931, 15509, 4707, 11,  6,  92, 0.18, 0.58, 'uwsgi'],
  ['octavia',     1562, 285,  613,  5751, 2371,  2, 16,  66, 0.15, 0.47, 'uwsgi'],
  ['designate',    980, 172,  499,  2709, 2530,  6,  5, 116, 0.23, 0.36, 'toggle'],
  ['barbican',     504,  89,  273,  2329, 5100,  2,  4,  36, 0.20, 0.35, 'uwsgi'],
  ['aodh',         299,  85,  122,   654, 2840,  2,  3,  10, 0.15, 0.45, 'uwsgi'],
  ['zaqar',        537, 112,  266,  1524, 2707, 50,  3,  18, 0.18, 0.37, 'uwsgi'],
  ['trove',       1085, 254,  449,  2871, 2918,  4, 27,  40, 0.14, 0.38, 'uwsgi'],
  ['magnum',       805, 101,  391,  1642, 1908,  1,  3,  16, 0.20, 0.45, 'uwsgi'],
  ['masakari',     402,  76,  208,  1274, 3423,  7,  3,  16, 0.21, 0.40, 'toggle'],
  ['watcher',     1054, 140,  537,  3561, 2834,  3, 14,  25, 0.28, 0.39, 'uwsgi'],
  ['cyborg',       553, 142,  332,  1264, 2324,  5,  4,  47, 0.24, 0.27, 'toggle'],
  ['zun',          703, 131,  501,  2853, 1984,  2,  5,  15, 0.22, 0.18, 'toggle'],
  ['mistral',      777, 112,  441,  2675, 2940,  2,  2,   9, 0.27, 0.32, 'uwsgi'],
].map(([name, files, dirs, py, pyKB, pyMedian, wsgiNamed, zuulKB, pluginKB, tests, docs, deploy]) => ({
  name, files, dirs, py, pyKB, pyMedian, wsgiNamed, zuulKB, pluginKB, tests, docs, deploy,
}));
/** devstack itself (same date): stackrc, stack.sh, functions-common and the core services' lib/ files, bytes. */
const DEVSTACK = {
  files: 301,
  zuulKB: 34,
  sizes: { stackrc: 37473, 'stack.sh': 46954, 'functions-common': 78180, functions: 32737 },
  lib: {
    nova: 52560,
    neutron: 41846,
    swift: 39032,
    cinder: 30250,
    glance: 28116,
    keystone: 25044,
    placement: 5000,
    apache: 15868,
    tls: 19021,
  },
};

/** Eight more repos for a 30-repo workspace: the smaller shapes again, under other names. */
const EXTRA = ['kestrel', 'quail', 'heron', 'ibis', 'lark', 'wren', 'plover', 'tern'];

// --- a seeded generator ---------------------------------------------------------------------------
function rngOf(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  /** A size with this median and mean, spread as real source files are (log-normal), at most 900 kB. */
  const size = (median, mean = median * 1.4) =>
    Math.min(900_000, Math.max(120, Math.round(median * Math.exp(normal() * Math.sqrt(2 * Math.log(Math.max(1.01, mean / median)))))));
  return { next, int, pick, size };
}
const seedOf = (s) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);

const WORDS = 'server volume share image port network flavor quota policy request response context driver manager api rpc'.split(' ');
const ident = (r) => `${r.pick(WORDS)}_${r.pick(WORDS)}`;
const Cls = (r) => r.pick(WORDS).replace(/^./, (c) => c.toUpperCase()) + r.pick(['Manager', 'Controller', 'Driver', 'API', 'Service']);

// --- Python ---------------------------------------------------------------------------------------
const LICENSE =
  '# Licensed under the Apache License, Version 2.0 (the "License"); you may\n# not use this file except in compliance with the License.\n\n';
function pyBlock(r, pkg) {
  switch (r.int(0, 5)) {
    case 0:
      return `\n\nclass ${Cls(r)}(object):\n    """Handles ${r.pick(WORDS)} ${r.pick(WORDS)}s for the API."""\n\n    def __init__(self, ${ident(r)}=None):\n        self.${ident(r)} = ${ident(r)}\n        self._cache = {}\n\n    def ${ident(r)}(self, context, ${ident(r)}, **kwargs):\n        if not ${ident(r)}:\n            raise exception.NotFound(id=${ident(r)})\n        for item in self._cache.get(context.project_id, []):\n            if item.get('${r.pick(WORDS)}') == kwargs.get('${r.pick(WORDS)}'):\n                return item\n        return None\n`;
    case 1:
      return `\n\ndef ${ident(r)}(context, ${ident(r)}, ${ident(r)}=False):\n    """Returns the ${r.pick(WORDS)} for a ${r.pick(WORDS)}."""\n    try:\n        result = db.${ident(r)}_get(context, ${ident(r)})\n    except exception.${Cls(r)}NotFound:\n        LOG.warning("No ${r.pick(WORDS)} %s", ${ident(r)})\n        return None\n    return {'id': result['id'], '${r.pick(WORDS)}': result.get('${r.pick(WORDS)}')}\n`;
    case 2:
      return `\n\n${ident(r).toUpperCase()}_OPTS = [\n    cfg.StrOpt('${r.pick(WORDS)}_${r.pick(WORDS)}', default='${r.pick(WORDS)}', help='The ${r.pick(WORDS)} to use.'),\n    cfg.IntOpt('${r.pick(WORDS)}_workers', default=${r.int(1, 16)}, help='Number of workers.'),\n    cfg.BoolOpt('enable_${r.pick(WORDS)}', default=${r.pick(['True', 'False'])}),\n]\n`;
    case 3:
      return `\n\n@decorators.${r.pick(['expected_errors', 'validation', 'authorize'])}((${r.int(400, 404)}, ${r.int(405, 409)}))\ndef ${ident(r)}(self, req, id, body):\n    context = req.environ['${pkg}.context']\n    context.can(${r.pick(WORDS)}_policies.POLICY_ROOT % '${r.pick(WORDS)}')\n    with lockutils.lock('${r.pick(WORDS)}-%s' % id):\n        obj = objects.${Cls(r)}.get_by_id(context, id)\n        obj.update(body['${r.pick(WORDS)}'])\n        obj.save()\n    return self._view_builder.show(req, obj)\n`;
    case 4:
      return `\n\nclass Test${Cls(r)}(test.TestCase):\n\n    def setUp(self):\n        super(Test${Cls(r)}, self).setUp()\n        self.${ident(r)} = mock.Mock()\n\n    def test_${ident(r)}(self):\n        ret = self.${ident(r)}.${ident(r)}(self.context, '${r.pick(WORDS)}')\n        self.assertEqual(${r.int(0, 9)}, len(ret))\n        self.${ident(r)}.assert_called_once_with(mock.ANY)\n`;
    default:
      return `\n\n# ${r.pick(WORDS)}: the ${r.pick(WORDS)} ${r.pick(WORDS)}s, keyed by ${r.pick(WORDS)}.\n${ident(r).toUpperCase()} = {\n${Array.from({ length: r.int(3, 12) }, () => `    '${r.pick(WORDS)}_${r.int(0, 99)}': ('${r.pick(WORDS)}', ${r.int(0, 999)}),\n`).join('')}}\n`;
  }
}
function pyModule(r, pkg, bytes) {
  let t = `${LICENSE}from oslo_config import cfg\nfrom oslo_log import log as logging\n\nfrom ${pkg} import exception\nfrom ${pkg} import objects\n\nLOG = logging.getLogger(__name__)\nCONF = cfg.CONF\n`;
  while (t.length < bytes) t += pyBlock(r, pkg);
  return t;
}

// --- shell ----------------------------------------------------------------------------------------
function shBlock(r, P, fn) {
  switch (r.int(0, 4)) {
    case 0:
      return `\nfunction ${fn}_${r.pick(WORDS)}_${r.int(0, 999)} {\n    local ${r.pick(WORDS)}_dir=$${P}_STATE_PATH/${r.pick(WORDS)}\n    sudo install -d -o $STACK_USER $${P}_CONF_DIR\n${Array.from({ length: r.int(4, 14) }, () => `    iniset $${P}_CONF ${r.pick(['DEFAULT', 'api', 'database', 'keystone_authtoken'])} ${r.pick(WORDS)}_${r.pick(WORDS)} "$${P}_${r.pick(WORDS).toUpperCase()}"\n`).join('')}}\n`;
    case 1:
      return `\nif is_service_enabled ${fn}-${r.pick(WORDS)}; then\n    ${P}_${r.pick(WORDS).toUpperCase()}=\${${P}_${r.pick(WORDS).toUpperCase()}:-${r.pick(WORDS)}}\nelif [[ "$${P}_${r.pick(WORDS).toUpperCase()}" == "True" ]]; then\n    ${P}_${r.pick(WORDS).toUpperCase()}=$(trueorfalse False ${P}_${r.pick(WORDS).toUpperCase()})\nfi\n`;
    case 2:
      return `\n# ${r.pick(WORDS)} ${r.pick(WORDS)} for the ${r.pick(WORDS)} service\nfunction ${fn}_${r.pick(WORDS)}_${r.int(0, 999)} {\n    for ${r.pick(WORDS)} in $(seq 1 $${P}_${r.pick(WORDS).toUpperCase()}_COUNT); do\n        openstack --os-cloud devstack-admin ${r.pick(WORDS)} create "$${P}_${r.pick(WORDS).toUpperCase()}-$${r.pick(WORDS)}" || true\n    done\n    echo_summary "${r.pick(WORDS)} done"\n}\n`;
    case 3:
      return `\n${P}_${r.pick(WORDS).toUpperCase()}_${r.int(0, 99)}=\${${P}_${r.pick(WORDS).toUpperCase()}_${r.int(0, 99)}:-$${P}_CONF_DIR/${r.pick(WORDS)}.conf}\n`;
    default:
      return `\nfunction ${fn}_${r.pick(WORDS)}_${r.int(0, 999)} {\n    cat <<EOF > $${P}_CONF_DIR/${r.pick(WORDS)}.json\n{"${r.pick(WORDS)}": "$${P}_${r.pick(WORDS).toUpperCase()}", "count": ${r.int(1, 9)}}\nEOF\n    sudo chown $STACK_USER $${P}_CONF_DIR/${r.pick(WORDS)}.json\n}\n`;
  }
}
const shFill = (r, P, fn, text, bytes) => {
  while (text.length < bytes) text += shBlock(r, P, fn);
  return text;
};

/** devstack/settings, plugin.sh and lib/<name> deploying the API as `deploy` says. */
function plugin(r, name, deploy, bytes) {
  const P = name.toUpperCase();
  const usesUwsgi = deploy === 'uwsgi' || deploy === 'toggle';
  const settings = shFill(
    r,
    P,
    name,
    `# Devstack settings for ${name}\n${P}_DIR=$DEST/${name}\n${P}_CONF_DIR=\${${P}_CONF_DIR:-/etc/${name}}\n${P}_CONF=$${P}_CONF_DIR/${name}.conf\n${P}_BIN_DIR=$(get_python_exec_prefix)\n` +
      `${P}_SERVICE_HOST=\${${P}_SERVICE_HOST:-$SERVICE_HOST}\n${P}_SERVICE_PORT=\${${P}_SERVICE_PORT:-${r.int(8000, 9999)}}\n${P}_SERVICE_PROTOCOL=\${${P}_SERVICE_PROTOCOL:-$SERVICE_PROTOCOL}\n` +
      `${P}_USE_UWSGI=\${${P}_USE_UWSGI:-${deploy === 'standalone' ? 'False' : 'True'}}\n${P}_UWSGI=${name}.wsgi.api:application\n${P}_UWSGI_CONF=$${P}_CONF_DIR/${name}-api-uwsgi.ini\n\nenable_service ${name}-api ${name}-engine\n`,
    bytes * 0.2,
  );
  const start = usesUwsgi
    ? deploy === 'toggle'
      ? `    if [[ "$${P}_USE_UWSGI" == "True" ]]; then\n        run_process ${name}-api "$(which uwsgi) --procname-prefix ${name}-api --ini $${P}_UWSGI_CONF"\n    else\n        run_process ${name}-api "$${P}_BIN_DIR/${name}-api --config-file $${P}_CONF"\n    fi\n`
      : `    run_process ${name}-api "$(which uwsgi) --procname-prefix ${name}-api --ini $${P}_UWSGI_CONF"\n`
    : `    run_process ${name}-api "$${P}_BIN_DIR/${name}-api --config-file $${P}_CONF"\n`;
  const lib = shFill(
    r,
    P,
    name,
    `#!/bin/bash\n# lib/${name}: install and start ${name} in devstack\n\nfunction configure_${name} {\n    sudo install -d -o $STACK_USER $${P}_CONF_DIR\n` +
      (usesUwsgi ? `    write_uwsgi_config "$${P}_UWSGI_CONF" "$${P}_UWSGI" "/${name}" "" "${name}-api"\n` : '') +
      `}\n\nfunction create_${name}_accounts {\n    create_service_user "${name}" "admin"\n    get_or_create_service "${name}" "${name}" "${name} service"\n    get_or_create_endpoint "${name}" "$REGION_NAME" "$${P}_SERVICE_PROTOCOL://$${P}_SERVICE_HOST/${name}"\n}\n\n` +
      `function start_${name} {\n${start}    run_process ${name}-engine "$${P}_BIN_DIR/${name}-engine --config-file $${P}_CONF"\n}\n\nfunction stop_${name} {\n    stop_process ${name}-api\n    stop_process ${name}-engine\n}\n\n` +
      `function cleanup_${name} {\n    remove_uwsgi_config "$${P}_UWSGI_CONF" "${name}-api"\n}\n`,
    bytes * 0.65,
  );
  const pluginSh = shFill(
    r,
    P,
    name,
    `#!/bin/bash\nsource $DEST/${name}/devstack/lib/${name}\n\nif is_service_enabled ${name}-api; then\n    if [[ "$1" == "stack" && "$2" == "post-config" ]]; then\n        configure_${name}\n        create_${name}_accounts\n    elif [[ "$1" == "stack" && "$2" == "extra" ]]; then\n        start_${name}\n    fi\n    if [[ "$1" == "unstack" ]]; then\n        stop_${name}\n    fi\n    if [[ "$1" == "clean" ]]; then\n        cleanup_${name}\n    fi\nfi\n`,
    bytes * 0.15,
  );
  return { 'devstack/settings': settings, [`devstack/lib/${name}`]: lib, 'devstack/plugin.sh': pluginSh };
}

// --- Zuul -----------------------------------------------------------------------------------------
function zuul(r, name, bytes) {
  let t = `- job:\n    name: ${name}-base\n    parent: devstack-tempest\n    irrelevant-files: &irrelevant\n      - ^.*\\.rst$\n      - ^doc/.*$\n      - ^releasenotes/.*$\n    vars:\n      devstack_localrc: &localrc\n        ${name.toUpperCase()}_USE_UWSGI: True\n        CIRROS_VERSION: 0.6.2\n`;
  const jobs = [];
  for (let i = 0; t.length < bytes * 0.93; i++) {
    const job = `${name}-tempest-${r.pick(WORDS)}-${i}`;
    jobs.push(job);
    t += `\n- job:\n    name: ${job}\n    parent: ${name}-base\n    description: |\n      Runs the ${r.pick(WORDS)} tests against a ${r.pick(WORDS)} deployment.\n    irrelevant-files: *irrelevant\n    vars:\n      tempest_test_regex: ^${name}_tempest_plugin\\.api\\.${r.pick(WORDS)}\n`;
    if (r.next() < 0.6)
      t += `      devstack_localrc:\n        <<: *localrc\n${Array.from({ length: r.int(2, 8) }, () => `        ${r.pick(WORDS).toUpperCase()}_${r.pick(WORDS).toUpperCase()}: ${r.pick(['True', 'False', r.int(1, 64), r.pick(WORDS)])}\n`).join('')}`;
    t += `      devstack_services:\n${Array.from({ length: r.int(1, 6) }, () => `        ${r.pick(WORDS)}-${r.pick(WORDS)}: ${r.pick(['true', 'false'])}\n`).join('')}`;
  }
  t += `\n- project:\n    templates:\n      - check-requirements\n      - openstack-python3-jobs\n    check:\n      jobs:\n${jobs.map((j) => `        - ${j}\n`).join('')}    gate:\n      jobs:\n${jobs
    .slice(0, 5)
    .map((j) => `        - ${j}\n`)
    .join('')}`;
  return t;
}

// --- a repo ---------------------------------------------------------------------------------------
function repo(root, p, name = p.name) {
  const r = rngOf(seedOf(name));
  const files = {};
  const pkg = name.replace(/-/g, '_');
  const subdirs = Array.from(
    { length: Math.max(4, Math.round(p.dirs * 0.2)) },
    (_, i) => `${pkg}/${r.pick(['api', 'db', 'common', 'objects', 'conductor', 'compute'])}${i % 7 ? `/${r.pick(WORDS)}${i}` : ''}`,
  );
  const testDirs = Array.from(
    { length: Math.max(3, Math.round(p.dirs * 0.15)) },
    (_, i) => `${pkg}/tests/${i % 3 ? 'unit' : 'functional'}/${r.pick(WORDS)}${i}`,
  );
  const scripts = ['api', 'engine', 'manage', 'status', 'scheduler', 'conductor'].slice(0, r.int(3, 6));
  // packaging, the commands and the WSGI entry: as the modern trees have them
  files['setup.cfg'] = `[metadata]\nname = ${name}\n`;
  files['pyproject.toml'] =
    `[build-system]\nrequires = ["pbr>=6.1.1"]\nbuild-backend = "pbr.build"\n\n[project]\nname = "${name}"\nrequires-python = ">=3.10"\n\n[project.scripts]\n` +
    scripts.map((s) => `${name}-${s} = "${pkg}.cmd.${s}:main"\n`).join('');
  files['requirements.txt'] = 'pbr>=6.1.1\noslo.config>=9.0.0\noslo.log>=5.0.0\n';
  files['setup.py'] = 'import setuptools\n\nsetuptools.setup(pbr=True)\n';
  files[`${pkg}/__init__.py`] = '';
  files[`${pkg}/cmd/__init__.py`] = '';
  for (const s of scripts)
    files[`${pkg}/cmd/${s}.py`] = pyModule(r, pkg, r.size(1800)) + `\n\ndef main():\n    service.launch(CONF, ${s}).wait()\n`;
  files[`${pkg}/wsgi/__init__.py`] = '';
  files[`${pkg}/wsgi/api.py`] =
    `${LICENSE}"""WSGI application entry point for the ${name} API."""\n\nfrom ${pkg}.api import app\n\napplication = app.init_application()\n`;
  files[`${pkg}/api/app.py`] =
    pyModule(r, pkg, 3000) +
    `\n\ndef init_application():\n    return deploy.loadapp('config:/etc/${name}/api-paste.ini', name='${name}')\n`;
  let wsgi = 2;
  for (let i = 0; wsgi < p.wsgiNamed; i++, wsgi++)
    files[`${pkg}/api/${i ? `v${i}/` : ''}wsgi.py`] = pyModule(r, pkg, r.size(p.pyMedian * 3));
  for (const d of new Set([...subdirs, ...testDirs].flatMap((d) => d.split('/').map((_, i, a) => a.slice(0, i + 1).join('/'))))) {
    if (d.includes('/') && !files[`${d}/__init__.py`]) files[`${d}/__init__.py`] = '';
  }
  // the rest of the Python: package code and tests, with the real median and mean size
  const pyLeft = Math.max(0, p.py - Object.keys(files).filter((f) => f.endsWith('.py')).length);
  const testPy = Math.round(Math.min(pyLeft * 0.7, p.files * p.tests));
  const used = Object.entries(files).reduce((n, [f, t]) => n + (f.endsWith('.py') ? t.length : 0), 0);
  const mean = (p.pyKB * 1024 - used) / Math.max(1, pyLeft);
  for (let i = 0; i < pyLeft; i++) {
    const test = i < testPy;
    const dir = test ? testDirs[i % testDirs.length] : subdirs[i % subdirs.length];
    files[`${dir}/${test ? 'test_' : ''}${r.pick(WORDS)}_${i}.py`] = pyModule(r, pkg, r.size(p.pyMedian, mean));
  }
  // docs, release notes, etc/ and samples: the files a walk meets and the engine must not read
  const docs = Math.round(p.files * p.docs);
  for (let i = 0; i < docs; i++) {
    if (i % 3 === 0)
      files[`releasenotes/notes/${r.pick(WORDS)}-${r.pick(WORDS)}-${(seedOf(name + i) >>> 0).toString(16)}.yaml`] =
        `---\nfixes:\n  - |\n    Fixed the ${r.pick(WORDS)} ${r.pick(WORDS)} when ${r.pick(WORDS)} is set.\n`;
    else
      files[`doc/source/${r.pick(['admin', 'user', 'contributor', 'reference'])}/${r.pick(WORDS)}-${i}.rst`] =
        `${r.pick(WORDS)}\n${'='.repeat(8)}\n\n${`The ${r.pick(WORDS)} ${r.pick(WORDS)} of the ${r.pick(WORDS)}. `.repeat(r.int(10, 80))}\n`;
  }
  if (p.deploy !== 'core' || p.pluginKB > 0)
    Object.assign(files, plugin(r, name, p.deploy === 'core' ? 'uwsgi' : p.deploy, Math.max(4, p.pluginKB) * 1024));
  if (p.zuulKB > 8) {
    files['zuul.d/jobs.yaml'] = zuul(r, name, p.zuulKB * 1024);
    files['zuul.d/project.yaml'] =
      `- project:\n    templates:\n      - publish-openstack-docs-pti\n    check:\n      jobs:\n        - ${name}-base\n`;
  } else files['.zuul.yaml'] = zuul(r, name, p.zuulKB * 1024);
  files[`etc/${name}/api-paste.ini`] =
    `[composite:${name}]\nuse = egg:Paste#urlmap\n/: apiversions\n\n[app:apiversions]\npaste.app_factory = ${pkg}.api.versions:Versions.factory\n`;
  // the rest: test fixtures, then tools and config samples, spread over as many folders as the real tree has
  const fill = p.files - Object.keys(files).length;
  const fixtures = Math.max(0, Math.round(p.files * p.tests) - testPy);
  for (let i = 0; i < fill; i++) {
    const folder = `${i < fixtures ? `${pkg}/tests/fixtures` : r.pick(['tools', 'etc/samples', 'playbooks', 'rally-jobs'])}/${r.pick(WORDS)}${i % Math.max(1, Math.round(p.dirs * 0.2))}`;
    files[`${folder}/${r.pick(WORDS)}-${i}.json`] = `{"${r.pick(WORDS)}": {"id": ${i}, "name": "${r.pick(WORDS)}"}}\n`;
  }
  write(path.join(root, name), files);
  fs.mkdirSync(path.join(root, name, '.git'), { recursive: true });
  fs.writeFileSync(path.join(root, name, '.git', 'HEAD'), 'ref: refs/heads/master\n');
}

/** A devstack checkout: stack.sh, stackrc with WSGI_MODE, functions, and lib/<svc> for the core services. */
function devstack(root) {
  const r = rngOf(seedOf('devstack'));
  const files = {};
  files['stack.sh'] = shFill(
    r,
    'STACK',
    'stack',
    '#!/usr/bin/env bash\n# Install and start OpenStack\nsource $TOP_DIR/stackrc\n',
    DEVSTACK.sizes['stack.sh'],
  );
  files['stackrc'] = shFill(
    r,
    'STACK',
    'stackrc',
    '# stackrc\nWSGI_MODE=${WSGI_MODE:-"uwsgi"}\nENABLED_SERVICES=${ENABLED_SERVICES:-key,n-api,n-cpu,g-api,c-api,q-svc,placement-api}\n',
    DEVSTACK.sizes.stackrc,
  );
  files['functions-common'] = shFill(r, 'FC', 'common', '#!/bin/bash\n', DEVSTACK.sizes['functions-common']);
  files['functions'] = shFill(r, 'FN', 'fn', '#!/bin/bash\n', DEVSTACK.sizes.functions);
  for (const [svc, bytes] of Object.entries(DEVSTACK.lib)) {
    const P = svc.toUpperCase();
    const deploy =
      svc === 'swift'
        ? `    run_process s-proxy "$SWIFT_BIN_DIR/swift-proxy-server $SWIFT_CONF_DIR/proxy-server.conf -v"\n`
        : `    write_uwsgi_config "$${P}_UWSGI_CONF" "${svc}.wsgi.api:application" "/${svc}" "" "${svc}-api"\n    run_process ${svc}-api "$(which uwsgi) --procname-prefix ${svc}-api --ini $${P}_UWSGI_CONF"\n`;
    files[`lib/${svc}`] = shFill(
      r,
      P,
      svc,
      `#!/bin/bash\n# lib/${svc}\n${P}_UWSGI_CONF=$${P}_CONF_DIR/${svc}-api-uwsgi.ini\n\nfunction start_${svc} {\n${deploy}}\n`,
      bytes,
    );
  }
  files['.zuul.yaml'] = zuul(r, 'devstack', DEVSTACK.zuulKB * 1024);
  // the rest as devstack has it: more lib/ files, tools, package lists, a few docs
  for (let i = Object.keys(files).length; i < DEVSTACK.files; i++) {
    const kind = i % 4;
    if (kind === 0) files[`lib/${r.pick(WORDS)}_${i}`] = shFill(r, 'LIB', `lib${i}`, '#!/bin/bash\n', r.size(4000));
    else if (kind === 1) files[`tools/${r.pick(WORDS)}-${i}.sh`] = shFill(r, 'TOOL', `tool${i}`, '#!/bin/bash\n', r.size(2500));
    else if (kind === 2) files[`files/debs/${r.pick(WORDS)}-${i}`] = `${r.pick(WORDS)}-${r.pick(WORDS)}\n`.repeat(r.int(2, 20));
    else files[`doc/source/guides/${r.pick(WORDS)}-${i}.rst`] = `${r.pick(WORDS)}\n=====\n\nText.\n`;
  }
  write(path.join(root, 'devstack'), files);
}

function write(dir, files) {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
}

/**
 * Writes under `root`: `nova/` (the nova-sized repo alone) and `workspace/` with devstack and 30
 * repos (the 22 real shapes, then 8 of the smaller ones again under other names). Returns the paths.
 */
function generate(root) {
  const nova = path.join(root, 'single');
  repo(nova, REAL[0]);
  const ws = path.join(root, 'workspace');
  devstack(ws);
  for (const p of REAL) repo(ws, p);
  const small = REAL.filter((p) => p.files < 1100);
  EXTRA.forEach((name, i) => repo(ws, small[i % small.length], name));
  return { single: path.join(nova, 'nova'), workspace: ws, repos: fs.readdirSync(ws).map((d) => path.join(ws, d)) };
}

module.exports = { generate, REAL };
