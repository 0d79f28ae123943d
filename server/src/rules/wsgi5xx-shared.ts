// What the WSGI1xx entry-point rules (WSGI102–105) and the WSGI5xx module-code rules share:
// which files are WSGI modules, how a dotted module path maps to a file of the repo, what an
// import statement executes, and the pbr `wsgi_scripts` declarations. Not a rule itself.
import * as path from 'path';
import type { RuleContext } from './rule';
import type { Located } from '../model/types';
import type { PyCall, PyFacts, PyImport } from '../model/types';
import type { DeclaredEntryPoint } from '../model/types';
import { PLUGIN_FILE, TEST_DIR } from '../model/repo-files';
import { absoluteModule, moduleOfRel } from '../model/python-modules';
import { Span, span, splitLines } from '../util/range';
import { FACTORY_NAME, matchKey, wsgiModuleName } from '../model/names';

export { TEST_DIR };

export { moduleOfRel };

/** The file a dotted module path names in the repo (`a.b` → `a/b.py` or `a/b/__init__.py`), if it is there. */
export function relOfModule(ctx: RuleContext, dotted: string): string | undefined {
  if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(dotted)) return undefined;
  const base = dotted.replace(/\./g, '/');
  for (const rel of [`${base}.py`, `${base}/__init__.py`]) if (ctx.model.sources.exists(rel)) return rel;
  return undefined;
}

export const isInit = (rel: string): boolean => rel === '__init__.py' || rel.endsWith('/__init__.py');

/** The first line that is not blank or a comment (the module's docstring or first statement). */
export function firstLine(ctx: RuleContext, rel: string): Span {
  const lines = splitLines(ctx.model.sources.text(rel) ?? '');
  const i = Math.max(
    0,
    lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#')),
  );
  const text = lines[i] ?? '';
  // A module of blanks has no first statement: an empty range at its start, never an inverted one.
  if (!text.trim()) return span(i, 0, 0);
  return span(i, text.length - text.trimStart().length, text.trimEnd().length);
}

export const line1 = (s: Span): number => s.start.line + 1;

// --- imports ------------------------------------------------------------------------------

/** One module an import statement loads, with the repo files Python executes for it, packages first. */
export interface ImportedModule {
  module: string;
  files: string[];
}

/** The repo files that importing `dotted` executes: every package `__init__.py` on the way, then the module. */
export function importChain(ctx: RuleContext, dotted: string): string[] {
  const parts = dotted.split('.');
  const out: string[] = [];
  for (let i = 1; i <= parts.length; i++) {
    const rel = relOfModule(ctx, parts.slice(0, i).join('.'));
    if (rel) out.push(rel);
    else if (i < parts.length) return out;
  }
  return out;
}

/** The in-repo modules an import statement of `fromRel` loads (`from a import b` loads `a.b` when it is a module). */
export function importedModules(ctx: RuleContext, fromRel: string, imp: PyImport): ImportedModule[] {
  const mod = absoluteModule(fromRel, imp.module);
  if (!mod) return [];
  const targets = imp.names.length
    ? [...new Set(imp.names.map((n) => (n !== '*' && relOfModule(ctx, `${mod}.${n}`) ? `${mod}.${n}` : mod)))]
    : [mod];
  return targets.map((m) => ({ module: m, files: importChain(ctx, m) })).filter((m) => m.files.length);
}

/** Code that runs when the module is imported: not in a function, not under `if __name__ == "__main__":`. */
export const atImport = (x: { inFunction?: string; underMain: boolean }): boolean => x.inFunction === undefined && !x.underMain;

// --- WSGI modules -------------------------------------------------------------------------

export interface WsgiModule {
  rel: string;
  module: string;
  /** The name a WSGI server looks up: `application`, or what an ini / devstack names after `:`. */
  attr: string;
  /** Why it is a WSGI module: "a module of the designate/wsgi package", "named by httpd/x.ini:3". */
  via: string[];
  /** A `<pkg>/wsgi/` module that is support code rather than an entry (see wsgiModules). */
  helper: boolean;
}

/** Names an entry module binds its app to, rightly (`application`) or not. */
export const APP_NAMES = ['application', 'app', 'wsgi_app', 'api', '_application', 'APP'];

const TARGET = /^([A-Za-z_][\w.]*)(?::([A-Za-z_]\w*))?$/;

/** Targets a uwsgi ini (`module =`, `wsgi =`, with `callable =`) or devstack (`*_UWSGI=pkg.mod:attr`) names. */
export function namedWsgiTargets(ctx: RuleContext): { module: string; attr: string; at: Located; what: string }[] {
  const out: { module: string; attr: string; at: Located; what: string }[] = [];
  for (const { file: rel, section: uwsgi } of ctx.model.uwsgiInis) {
    const callable = uwsgi.entries.find((e) => e.key === 'callable')?.value.trim();
    for (const e of uwsgi.entries) {
      if (e.key !== 'module' && e.key !== 'wsgi') continue;
      const m = TARGET.exec(e.value.trim());
      if (m)
        out.push({
          module: m[1],
          attr: m[2] ?? callable ?? 'application',
          at: { file: rel, span: e.span },
          what: `${e.key} = ${e.value.trim()} in ${rel}:${line1(e.span)}`,
        });
    }
  }
  for (const rel of ctx.model.files.filter((f) => PLUGIN_FILE.test(f))) {
    for (const a of ctx.model.sources.shell(rel)?.assignments ?? []) {
      if (!/_UWSGI$/.test(a.name)) continue;
      // FOO_UWSGI=pkg.mod:application or FOO_UWSGI=${FOO_UWSGI:-pkg.mod:application}
      const v = /^\$\{\w+:?-(.*)\}$/.exec(a.value)?.[1] ?? a.value;
      const m = /^([A-Za-z_][\w.]*):([A-Za-z_]\w*)$/.exec(v.replace(/^["']|["']$/g, ''));
      if (m) out.push({ module: m[1], attr: m[2], at: { file: rel, span: a.span }, what: `${a.name}=${m[0]} in ${rel}:${line1(a.span)}` });
    }
  }
  return out;
}

/** The repo's WSGI modules: `<pkg>/wsgi/*.py` (not `__init__`), `*.wsgi` files, and in-repo modules a uwsgi ini or devstack names. */
export function wsgiModules(ctx: RuleContext): WsgiModule[] {
  // Four rules ask for the same analysis context; the answer is computed once per context.
  let hit = memo.get(ctx);
  if (!hit) memo.set(ctx, (hit = findWsgiModules(ctx)));
  return hit;
}

const memo = new WeakMap<RuleContext, WsgiModule[]>();

function findWsgiModules(ctx: RuleContext): WsgiModule[] {
  const byKey = new Map<string, WsgiModule>();
  const add = (rel: string, attr: string, via: string) => {
    const key = `${rel}:${attr}`;
    const m = byKey.get(key) ?? { rel, module: moduleOfRel(rel), attr, via: [], helper: false };
    if (!m.via.includes(via)) m.via.push(via);
    byKey.set(key, m);
  };
  for (const rel of ctx.model.files) {
    if (TEST_DIR.test(rel)) continue;
    if (rel.endsWith('.wsgi')) add(rel, 'application', 'a .wsgi file');
    else if (/(^|\/)wsgi\/[^/]+\.py$/.test(rel) && !isInit(rel))
      add(rel, 'application', `a module of the ${path.posix.dirname(rel)} package`);
  }
  const named = new Set<string>();
  for (const t of namedWsgiTargets(ctx)) {
    const rel = relOfModule(ctx, t.module);
    if (!rel || TEST_DIR.test(rel)) continue;
    add(rel, t.attr, `named by ${t.what}`);
    named.add(rel);
  }
  // Support code in a wsgi package: cinder/wsgi/wsgi.py holds the factory cinder/wsgi/api.py calls,
  // cinder/wsgi/common.py and eventlet_server.py hold classes. A module is an entry when config names
  // it, when it is named after an API service (api.py, metadata.py), or when it looks like one: it
  // binds an app-like name (also under __main__) or calls an app factory at import.
  const serviceModules = new Set(['api', ...ctx.model.apiServices.map((s) => wsgiModuleName(s.name, ctx.model.name))]);
  const all = [...byKey.values()];
  for (const m of all) {
    if (named.has(m.rel) || !/(^|\/)wsgi\/[^/]+\.py$/.test(m.rel)) continue;
    const facts = ctx.model.sources.python(m.rel);
    if (!facts) continue;
    const importedBySibling = all.some(
      (o) =>
        o.rel !== m.rel &&
        path.posix.dirname(o.rel) === path.posix.dirname(m.rel) &&
        ctx.model.sources.python(o.rel)?.assigned.has(o.attr) &&
        (ctx.model.sources.python(o.rel)?.imports ?? []).some((imp) =>
          importedModules(ctx, o.rel, imp).some((im) => im.files.includes(m.rel)),
        ),
    );
    const appLike = APP_NAMES.some((n) => (facts.assigned.has(n) && facts.bindings.get(n)?.kind !== 'import') || facts.mainAssigned.has(n));
    const buildsApp = facts.calls.some((c) => atImport(c) && FACTORY_NAME.test(c.name));
    const entryName = serviceModules.has(path.posix.basename(m.rel, '.py'));
    m.helper = importedBySibling || !(appLike || buildsApp || entryName);
  }
  return all.sort((a, b) => a.rel.localeCompare(b.rel) || a.attr.localeCompare(b.attr));
}

/** Files whose import-time code runs in a WSGI worker: the WSGI modules, their packages' `__init__.py` in `wsgi/`, and app factory modules. */
export function importTimeFiles(ctx: RuleContext, withFactories: boolean): string[] {
  const out = new Set(wsgiModules(ctx).map((m) => m.rel));
  for (const rel of ctx.model.files) if (!TEST_DIR.test(rel) && /(^|\/)wsgi\/__init__\.py$/.test(rel)) out.add(rel);
  if (withFactories) for (const f of ctx.model.factories) if (!TEST_DIR.test(f.at.file)) out.add(f.at.file);
  return [...out].sort();
}

// --- eventlet -----------------------------------------------------------------------------

/** `eventlet.monkey_patch()`, `eventlet.patcher.monkey_patch()`, a project's `utils.monkey_patch()` helper. */
export const isMonkeyPatch = (c: PyCall): boolean => c.name === 'monkey_patch';

/** Import-time monkey-patch calls of a file. */
export function patchCalls(facts: PyFacts): PyCall[] {
  return facts.calls.filter((c) => atImport(c) && isMonkeyPatch(c));
}

/** Imports that run before `call` and are not needed to make it (eventlet itself, the helper's module). */
export function importsBefore(facts: PyFacts, call: PyCall): PyImport[] {
  const root = call.callee.split('.')[0];
  const binding = facts.bindings.get(root);
  return facts.imports.filter(
    (imp) =>
      atImport(imp) &&
      imp.span.start.line < call.span.start.line &&
      !/^eventlet(\.|$)/.test(imp.module) &&
      !(binding?.kind === 'import' && binding.span.start.line >= imp.span.start.line && binding.span.start.line <= imp.span.end.line),
  );
}

// --- pbr wsgi_scripts ---------------------------------------------------------------------

export interface WsgiScripts {
  /** Every `name = module:attr` line under `wsgi_scripts` (setup.cfg) or `[project.entry-points.wsgi_scripts]`. */
  entries: DeclaredEntryPoint[];
  /** A `wsgi_scripts =` key with no usable line. */
  emptyKeys: Located[];
}

export function wsgiScripts(ctx: RuleContext): WsgiScripts {
  const entries = ctx.model.declared.filter((e) => e.group === 'wsgi_scripts');
  const emptyKeys: Located[] = [];
  const cfg = ctx.model.sources.ini('setup.cfg');
  const declaredInCfg = entries.some((e) => e.file === 'setup.cfg');
  for (const e of cfg?.sections.find((s) => s.name === 'entry_points')?.entries ?? []) {
    if (e.key === 'wsgi_scripts' && !declaredInCfg) emptyKeys.push({ file: 'setup.cfg', span: e.keySpan });
  }
  return { entries, emptyKeys };
}

/** The API service a wsgi_scripts entry (or any entry name) serves, by the same key the goal status uses. */
export function serviceFor(ctx: RuleContext, scriptName: string): string | undefined {
  const key = matchKey(scriptName, ctx.model.name);
  const exact = ctx.model.apiServices.find((s) => matchKey(s.name, ctx.model.name) === key);
  if (exact) return exact.name;
  return ctx.model.apiServices.length === 1 ? ctx.model.apiServices[0].name : undefined;
}

/** The `<pkg>.wsgi.<server>` module named after a service or script: nova-api-metadata → metadata, keystone-wsgi-public → public. */
export function serverModuleFor(ctx: RuleContext, name: string): string {
  const service = name
    .split('-')
    .filter((t) => t !== 'wsgi')
    .join('-');
  return `${ctx.model.pkg}.wsgi.${wsgiModuleName(service, ctx.model.name)}`;
}
