// Builds the repo model from the repo's files (read through a TextSource, so open buffers count).
import * as path from 'path';
import { ScannedRepo } from '../discover/scan';
import type { TextSource } from './text-source';
import { entryPointsFromSetupCfg, entryPointsFromSetupPy, parsePyProject, DeclaredEntryPoint } from '../parse/entry-points';
import { parseIni, section, entry } from '../parse/ini';
import { ParseCache } from '../parse/cache';
import { ApiServiceModel, EntryPointModel, FactoryModel, PasteModel, ParseProblem, RepoModel } from './types';
import { FACTORY_DEF, FACTORY_NAME, isApiScript, matchKey, MAY_BIND_APPLICATION, projectKey, WORKER } from './names';
import { httpServingCall, mayServeHttp } from './serves-http';
import { pluginFiles, readRepoFiles, TEST_DIR, uwsgiInisOf, ZUUL_FILE } from './repo-files';
import { deploymentFacts, deploymentShellFiles, DevstackCheckout, onlyUwsgiGuard, uwsgiConfigForm } from './devstack';
import { yieldNow } from '../util/yield';
import { budgeted, EVAL_STEPS } from '../util/budget';
import { parsers } from '../parse/tree-sitter';
import type { PyFacts } from '../parse/python';
import type { Span } from '../util/range';

export interface BuildContext {
  source: TextSource;
  cache: ParseCache;
  /** A devstack checkout, for services whose deployment lives in devstack itself. */
  devstack?: DevstackCheckout;
  /**
   * Parse on the parse workers first (a scan of many repos). An edit re-analyses one repo whose files
   * are mostly parsed already: its own thread parses the edited file sooner than an idle worker starts.
   */
  parseAhead?: boolean;
}

export async function buildRepoModel(repo: ScannedRepo, ctx: BuildContext): Promise<RepoModel> {
  await parsers();
  const read = (rel: string) => ctx.source.read(path.join(repo.root, rel));
  const problems: ParseProblem[] = [];
  const has = new Set(repo.files);
  /** The file a dotted module names (`a.b` → `a/b.py` or `a/b/__init__.py`), scanned or not. */
  const moduleFile = (dotted: string) =>
    [`${dotted.replace(/\./g, '/')}.py`, `${dotted.replace(/\./g, '/')}/__init__.py`].find(
      (f) => has.has(f) || ctx.source.exists(path.join(repo.root, f)),
    );

  // --- packaging: setup.cfg and pyproject.toml --------------------------------------------
  const declared: DeclaredEntryPoint[] = [];
  let name: string | undefined;
  let packages: string[] = [];
  const cfgText = has.has('setup.cfg') ? read('setup.cfg') : undefined;
  if (cfgText !== undefined) {
    const ini = ctx.cache.ini(path.join(repo.root, 'setup.cfg'), cfgText);
    for (const p of ini.problems) problems.push({ at: { file: 'setup.cfg', span: p.span }, message: `setup.cfg: ${p.message}` });
    declared.push(...entryPointsFromSetupCfg(ini));
    name = entry(section(ini, 'metadata'), 'name')?.value || undefined;
    packages = entry(section(ini, 'files'), 'packages')?.lines.map((l) => l.text) ?? [];
  }
  const tomlText = has.has('pyproject.toml') ? read('pyproject.toml') : undefined;
  if (tomlText !== undefined) {
    const py = parsePyProject(tomlText);
    if (py.error) problems.push({ at: { file: 'pyproject.toml', span: py.error.span }, message: py.error.message });
    declared.push(...py.entryPoints);
    name ??= py.name;
  }
  // Old projects (and some new ones) declare their commands in setup.py only.
  if (!declared.some((d) => d.group === 'console_scripts') && has.has('setup.py')) {
    const text = read('setup.py');
    if (text !== undefined) declared.push(...entryPointsFromSetupPy(ctx.cache.python(path.join(repo.root, 'setup.py'), text).strings));
  }
  name ??= path.basename(repo.root);

  const apiServices: ApiServiceModel[] = [];
  for (const d of declared.filter((x) => x.group === 'console_scripts' && isApiScript(x.name, x.module, name!))) {
    // Two scripts with one target are one service under two names (blazar's climate-api, 2017).
    const same = apiServices.find((a) => a.module === d.module && a.attr === d.attr);
    if (same) same.aliases = [...(same.aliases ?? []), d.name];
    else
      apiServices.push({
        name: d.name,
        source: { file: d.file, span: d.span },
        module: d.module,
        attr: d.attr,
        recognisedBy: { kind: 'name' },
      });
  }
  // A script whose code starts an HTTP server is an API whatever its name (ironic-inspector,
  // kuryr-server, glance-registry); workers and tools are not, even when they embed one.
  const serving: { d: DeclaredEntryPoint; rel: string; text: string }[] = [];
  for (const d of declared.filter((x) => x.group === 'console_scripts' && !apiServices.some((a) => a.name === x.name))) {
    const key = projectKey(name);
    const bare = d.name.startsWith(key) ? d.name.slice(key.length) : d.name;
    if (WORKER.test(bare) || /-(manage|status|dbsync|rootwrap|migrate\w*|db-\w+|upgrade\w*|cfg\w*|config\w*)$/.test(d.name)) continue;
    const rel = moduleFile(d.module);
    const text = rel ? read(rel) : undefined;
    if (rel && text !== undefined && mayServeHttp(text)) serving.push({ d, rel, text });
  }
  const wsgiNamed = wsgiNamedModules(repo.files, read);
  /** The top-level package: the first API's, else the packaged one, else the project's name. */
  const pkgOf = () => apiServices[0]?.module.split('.')[0] ?? packages[0] ?? name!.replace(/-/g, '_');
  // What the build parses, handed to the parse workers together (each core takes files); the loops
  // below then find it parsed. The devstack code and Zuul files are parsed here for the same reason.
  if (ctx.parseAhead)
    await Promise.all([
      ...[...serving, ...wsgiNamed].map((x) => ctx.cache.warm('python', path.join(repo.root, x.rel), x.text)),
      ...deploymentShellFiles(repo, name, pkgOf(), ctx).map((abs) => {
        const text = ctx.source.read(abs);
        return text === undefined ? undefined : ctx.cache.warm('shell', abs, text);
      }),
      ...repo.files
        .filter((f) => ZUUL_FILE.test(f))
        .map((rel) => {
          const text = read(rel);
          return text === undefined ? undefined : ctx.cache.warm('zuul', path.join(repo.root, rel), text, rel);
        }),
    ]);
  for (const { d, rel, text } of serving) {
    const facts = ctx.cache.python(path.join(repo.root, rel), text);
    await yieldNow();
    const call = httpServingCall(facts);
    if (!call || apiServices.some((a) => a.module === d.module && a.attr === d.attr)) continue;
    const at = facts.calls.find((c) => c.callee === call)!.span;
    apiServices.push({
      name: d.name,
      source: { file: d.file, span: d.span },
      module: d.module,
      attr: d.attr,
      recognisedBy: { kind: 'serves-http', call, at: { file: rel, span: at } },
    });
  }
  // pbr `[files] scripts = bin/swift-proxy-server`: the pre-entry-point way to ship a command.
  const cfgScripts =
    cfgText !== undefined
      ? (entry(section(ctx.cache.ini(path.join(repo.root, 'setup.cfg'), cfgText), 'files'), 'scripts')?.lines ?? [])
      : [];
  for (const l of cfgScripts) {
    const name = l.text.split('/').pop()!;
    if (isApiScript(name, 'cmd') && /-(api|proxy-server)$/.test(name))
      apiServices.push({ name, source: { file: 'setup.cfg', span: l.span }, module: '', attr: '', recognisedBy: { kind: 'name' } });
  }
  const pkg = pkgOf();

  // --- entry points ------------------------------------------------------------------------
  const entryPoints: EntryPointModel[] = [];
  const factories: FactoryModel[] = [];
  for (const d of declared.filter((x) => x.group === 'wsgi_scripts')) {
    entryPoints.push({ kind: 'pbr-wsgi_scripts', target: `${d.module}:${d.attr}`, name: d.name, at: { file: d.file, span: d.span } });
  }
  const py = ctx.cache;
  for (const { rel, text, isWsgiFile, isWsgiModule } of wsgiNamed) {
    const facts = py.python(path.join(repo.root, rel), text);
    await yieldNow();
    const module = rel
      .replace(/\.py$/, '')
      .replace(/\//g, '.')
      .replace(/\.__init__$/, '');
    const app = applicationOf(facts);
    if (app && isWsgiFile) {
      entryPoints.push({
        kind: 'wsgi-file',
        target: rel,
        name: path.basename(path.dirname(rel)) + '-' + path.basename(rel).replace(WSGI_SCRIPT, ''),
        at: { file: rel, span: app },
      });
    } else if (app && isWsgiModule) {
      // A file name no import can spell (nova/wsgi/nova-api.py) is a script, not a module path.
      const importable = /^[A-Za-z_][\w.]*$/.test(module);
      const stem = rel.endsWith('/__init__.py') || rel.endsWith('wsgi.py') ? 'api' : path.basename(rel, '.py');
      entryPoints.push({
        kind: importable ? 'module' : 'wsgi-file',
        target: importable ? `${module}:application` : rel,
        name: stem,
        at: { file: rel, span: app },
      });
    }
    if (!isWsgiFile) {
      for (const f of facts.functions.values()) {
        if (FACTORY_NAME.test(f.name) && f.requiredParams === 0) factories.push({ module, func: f.name, at: { file: rel, span: f.span } });
      }
    }
  }
  // An API script's own module that binds `application` at import (valence's cmd/api.py imports
  // its Flask app under that name) is importable by any WSGI server.
  for (const svc of apiServices.filter((a) => a.module)) {
    const rel = moduleFile(svc.module);
    const text = rel ? read(rel) : undefined;
    if (!rel || text === undefined || !MAY_BIND_APPLICATION.test(text) || entryPoints.some((e) => e.target === `${svc.module}:application`))
      continue;
    const facts = py.python(path.join(repo.root, rel), text);
    const app = applicationOf(facts);
    if (app) entryPoints.push({ kind: 'module', target: `${svc.module}:application`, name: svc.name, at: { file: rel, span: app } });
  }
  // A uwsgi ini shipped in the repo may name the callable (`module = pkg.wsgi.api` + `callable = app`,
  // or `module = pkg.wsgi.api:app`): that module is an entry point even without an `application`.
  const sources = readRepoFiles(
    repo.root,
    repo.files,
    ctx.source,
    ctx.cache,
    // Other entry-point groups (neutron's hundreds of plugins) are not read.
    [...new Set(declared.filter((d) => d.group === 'wsgi_scripts').map((d) => d.module))],
    [...entryPoints.filter((e) => e.kind !== 'pbr-wsgi_scripts').map((e) => e.at.file), ...factories.map((f) => f.at.file)],
  );
  const uwsgiInis = uwsgiInisOf(repo.files, sources);
  for (const { section: uwsgi } of uwsgiInis) {
    const spec = entry(uwsgi, 'module')?.value ?? entry(uwsgi, 'wsgi')?.value;
    const m = spec ? /^([A-Za-z_][\w.]*)(?::(\w+))?$/.exec(spec.trim()) : null;
    if (!m) continue;
    const callable = m[2] ?? entry(uwsgi, 'callable')?.value ?? 'application';
    if (entryPoints.some((e) => e.target === `${m[1]}:${callable}`)) continue;
    const modRel = moduleFile(m[1]);
    const src = modRel ? read(modRel) : undefined;
    const bound = src !== undefined ? py.python(path.join(repo.root, modRel!), src).assigned.get(callable) : undefined;
    if (bound)
      entryPoints.push({ kind: 'module', target: `${m[1]}:${callable}`, name: m[1].split('.').pop()!, at: { file: modRel!, span: bound } });
  }
  // A wsgi_scripts target is a factory by definition, when its module is in the tree.
  for (const ep of entryPoints.filter((e) => e.kind === 'pbr-wsgi_scripts')) {
    const [module, func] = ep.target.split(':');
    if (func && !func.includes('.') && !factories.some((f) => f.module === module && f.func === func)) {
      const rel = module.replace(/\./g, '/') + '.py';
      const text = has.has(rel) ? read(rel) : undefined;
      const fn = text !== undefined ? py.python(path.join(repo.root, rel), text).functions.get(func) : undefined;
      if (fn && fn.requiredParams === 0) factories.push({ module, func, at: { file: rel, span: fn.span } });
    }
  }
  // An API that ships only a WSGI entry (keystone's wsgi_scripts, heat's <pkg>/wsgi/*.py, nova's
  // modules once its eventlet scripts were gone) is an API service all the same.
  // Modules count only where no script names the APIs: nova's osapi_compute module serves nova-api.
  const keys = new Set(apiServices.map((a) => matchKey(a.name, name!)));
  const scripted = apiServices.length > 0;
  // A .wsgi file names an API only where nothing else does (barbican's app.wsgi, 2017): it comes last.
  const rank = (kind: EntryPointModel['kind']) => (kind === 'wsgi-file' ? 1 : 0);
  for (const ep of [...entryPoints].sort((a, b) => rank(a.kind) - rank(b.kind))) {
    const key = matchKey(ep.name, name);
    if (keys.has(key) || (ep.kind !== 'pbr-wsgi_scripts' && scripted)) continue;
    if (ep.kind === 'wsgi-file' && apiServices.length) continue;
    const service =
      ep.kind === 'pbr-wsgi_scripts'
        ? ep.name
        : ep.kind === 'wsgi-file'
          ? `${projectKey(name)}-api`
          : `${projectKey(name)}-${ep.name.replace(/_/g, '-')}`;
    // Two entries that name one service (cloudkitty/wsgi/api.py and cloudkitty/api/app.wsgi) are one API.
    if (apiServices.some((a) => a.name === service)) continue;
    keys.add(key);
    const [module, attr] = ep.kind === 'wsgi-file' ? ['', ''] : ep.target.split(':');
    apiServices.push({ name: service, source: ep.at, module, attr: attr ?? '', recognisedBy: { kind: 'wsgi-entry', target: ep.target } });
  }
  // Files open in the editor but not yet on disk are part of the tree too; order by path for stable output.
  factories.sort((a, b) => factoryRank(a) - factoryRank(b) || a.at.file.localeCompare(b.at.file));

  // Within a step budget: code too tangled to evaluate leaves the mode unknown, never a crash.
  const deployOf = (services: ApiServiceModel[]): RepoModel['deploy'] => {
    const res = budgeted(EVAL_STEPS, () => deploymentFacts(repo, name!, pkg, services, ctx));
    if (res.ok) return res.value;
    const file = pluginFiles(repo.files)[0] ?? repo.files[0] ?? '.';
    return {
      source: 'unknown',
      facts: [],
      offPath: [],
      endpoints: [],
      tooComplex: { at: { file, span: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, reason: res.reason },
    };
  };
  let deploy = deployOf(apiServices);
  // Serving HTTP makes a script an API candidate; where devstack deploys the repo, it must also be
  // what devstack runs (octavia's prometheus-proxy serves HTTP inside the amphora, not the cloud).
  if (deploy.source !== 'none' && deploy.source !== 'unknown') {
    const unused = apiServices.filter(
      (a) => a.recognisedBy.kind === 'serves-http' && !deploy.facts.some((f) => f.serves === a.name || f.devstackService === a.name),
    );
    if (unused.length) {
      apiServices.splice(0, apiServices.length, ...apiServices.filter((a) => !unused.includes(a)));
      deploy = deployOf(apiServices);
    }
  }
  // No script names the API, but devstack runs the repo's own app under a WSGI server (skyline's
  // gunicorn skyline_apiserver.main:app): that process is the API.
  if (!apiServices.length) {
    for (const f of deploy.facts.filter((x) => x.kind === 'standalone' && /^[\w.]+:[\w.]+$/.test(x.serves ?? '') && !x.at.repo)) {
      if (apiServices.some((a) => a.name === f.devstackService)) continue;
      const [module, attr] = f.serves!.split(':');
      apiServices.push({
        name: f.devstackService ?? projectKey(name),
        source: f.at,
        module,
        attr,
        recognisedBy: { kind: 'devstack', command: f.text, at: f.at },
      });
    }
  }

  return {
    root: repo.root,
    name,
    pkg,
    files: repo.files,
    isDevstack: repo.isDevstack,
    apiServices,
    entryPoints,
    factories,
    paste: findPaste(repo, ctx, name, apiServices),
    usesOsloLog: /^oslo[._]log\b/im.test(has.has('requirements.txt') ? (read('requirements.txt') ?? '') : ''),
    deploy,
    onlyUwsgi: onlyUwsgiGuard(ctx, repo),
    uwsgiConfigForm: uwsgiConfigForm(ctx, repo),
    problems,
    declared,
    sources,
    uwsgiInis,
  };
}

const WSGI_SCRIPT = /\.wsgi(\.template)?$/;

/**
 * The repo's WSGI scripts and wsgi-named modules that can bind an application or define an app
 * factory: each is parsed (nova's 34 kB api/openstack/wsgi.py does neither, and is not).
 */
function wsgiNamedModules(files: string[], read: (rel: string) => string | undefined) {
  const out: { rel: string; text: string; isWsgiFile: boolean; isWsgiModule: boolean }[] = [];
  for (const rel of files) {
    if (TEST_DIR.test(rel)) continue;
    // A mod_wsgi script, or the template of one a repo ships for operators to fill in (swift's
    // examples/wsgi/proxy-server.wsgi.template names only its config file as a placeholder).
    const isWsgiFile = WSGI_SCRIPT.test(rel);
    // <pkg>/wsgi/<server>.py, <pkg>/wsgi/__init__.py and <pkg>/wsgi.py (mistral, freezer-api) — a
    // module counts only when it binds a module-level application (eventlet wsgi.py helpers do not).
    const isWsgiModule = /(^|\/)wsgi\/[^/]+\.py$/.test(rel) || /(^|\/)wsgi\.py$/.test(rel);
    if (!isWsgiFile && !(/\.py$/.test(rel) && /wsgi/.test(rel))) continue;
    const text = read(rel);
    if (text === undefined) continue;
    const mayBind = (isWsgiFile || isWsgiModule) && MAY_BIND_APPLICATION.test(text);
    if (mayBind || (!isWsgiFile && FACTORY_DEF.test(text))) out.push({ rel, text, isWsgiFile, isWsgiModule });
  }
  return out;
}

// Factories under an `api` package come first: they are what an API entry module calls.
function factoryRank(f: FactoryModel): number {
  return (/(^|\.)api(\.|$)/.test(f.module) ? 0 : 1) + (f.module.endsWith('.wsgi') || f.module.includes('.wsgi.') ? 0 : 1);
}

function findPaste(repo: ScannedRepo, ctx: BuildContext, project: string, services: ApiServiceModel[]): PasteModel | undefined {
  const candidates = repo.files
    .filter((f) => /(^|\/)etc\/.*paste[^/]*\.ini$/.test(f) || /(^|\/)api-paste\.ini$/.test(f))
    .filter((f) => !TEST_DIR.test(f))
    .sort((a, b) => Number(!a.startsWith(`etc/${project}/`)) - Number(!b.startsWith(`etc/${project}/`)) || a.localeCompare(b));
  for (const file of candidates) {
    const text = ctx.source.read(path.join(repo.root, file));
    if (text === undefined) continue;
    const ini = parseIni(text);
    const apps = ini.sections.filter((s) => /^(composite|pipeline|app):/.test(s.name));
    if (!apps.length) continue;
    const keys = new Set(services.map((s) => matchKey(s.name, project)));
    const named = (kind: string) => apps.filter((s) => s.name.startsWith(kind + ':'));
    const pick =
      named('composite').find((s) => keys.has(matchKey(s.name.split(':')[1], project)) && matchKey(s.name.split(':')[1], project) !== '') ??
      apps.find((s) => s.name.split(':')[1] === 'main') ??
      named('composite')[0] ??
      named('pipeline')[0] ??
      apps[0];
    return { file, appName: pick.name.split(':')[1].trim(), at: { file, span: pick.span } };
  }
  return undefined;
}

/**
 * Where a module binds `application` at import; undefined for `application = None` with the real app
 * built only under `if __name__ == '__main__':`, which serves no WSGI server.
 */
function applicationOf(facts: PyFacts): Span | undefined {
  const b = facts.bindings.get('application');
  return b && !(b.kind === 'assignment' && b.value === 'None') ? facts.assigned.get('application') : undefined;
}
