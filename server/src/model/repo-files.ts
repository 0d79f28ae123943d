// The repo's files as one model version read them: texts and parse results, fixed when the model is
// built. Rules read this view and nothing else, so they cannot parse a file nor see a different
// version of it than the verdict was made from; a file the build did not read is simply absent.
import * as path from 'path';
import type { ParseCache } from '../parse/cache';
import type { IniFile, IniSection } from '../parse/ini';
import type { PyFacts, PyImport } from '../parse/python';
import type { ShellFacts } from '../parse/bash';
import type { ZuulFile } from '../parse/zuul';
import type { LocalConf } from '../parse/local-conf';

export { isLocalrc } from '../parse/local-conf';
import type { TextSource } from './text-source';
import { absoluteModule } from './python-modules';

export interface RepoFiles {
  /** Whether the file exists as the user sees it (disk or an open buffer), for every path the build looked at. */
  exists(rel: string): boolean;
  text(rel: string): string | undefined;
  /** Whether the file's text holds `word`: a cheap test before asking for facts that only a file holding it can have. */
  mentions(rel: string, word: string): boolean;
  ini(rel: string): IniFile | undefined;
  python(rel: string): PyFacts | undefined;
  shell(rel: string): ShellFacts | undefined;
  zuul(rel: string): ZuulFile | undefined;
  localConf(rel: string): LocalConf | undefined;
}

/** The view of a model whose analysis is done: the engine keeps models without their files' texts. */
export const NO_FILES: RepoFiles = {
  exists: () => false,
  text: () => undefined,
  mentions: () => false,
  ini: () => undefined,
  python: () => undefined,
  shell: () => undefined,
  zuul: () => undefined,
  localConf: () => undefined,
};

/** Zuul configuration files: one definition for the model, the rules and the report. */
export const ZUUL_FILE = /^(\.zuul\.yaml|zuul\.yaml|\.?zuul\.d\/[^/]+\.ya?ml)$/;
/** devstack local.conf files: those a repo ships (samples, job configs), and a checkout's own `local.conf`. */
export const LOCAL_CONF = /^(devstack\/local\.conf[^/]*|(?:.*\/)?([^/]+\.)?local\.conf)$/;
/** The devstack plugin's code, in the files devstack sources. */
export const PLUGIN_FILE = /^devstack\/(plugin\.sh|settings|override-defaults|lib\/[^/]+)$/;

/** The plugin's files in the order devstack sources them: override-defaults, settings, lib/* (sourced by plugin.sh), plugin.sh. */
export function pluginFiles(files: readonly string[]): string[] {
  const order = (rel: string) => (rel.endsWith('override-defaults') ? 0 : rel.endsWith('/settings') ? 1 : rel.includes('/lib/') ? 2 : 3);
  return files.filter((f) => PLUGIN_FILE.test(f)).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

/** Test trees are not shipped code: no entry point, ini or module there counts. */
export const TEST_DIR = /(^|\/)(tests?|functional|unit)\//;

/** A uwsgi ini: a shipped `.ini` whose first section is `[uwsgi]` (whatever its name). */
export interface UwsgiIni {
  file: string;
  section: IniSection;
}

export function uwsgiInisOf(files: readonly string[], sources: RepoFiles): UwsgiIni[] {
  const out: UwsgiIni[] = [];
  for (const file of files) {
    if (!/\.ini$/i.test(file) || TEST_DIR.test(file)) continue;
    const first = sources.ini(file)?.sections[0];
    if (first && first.name.trim() === 'uwsgi') out.push({ file, section: first });
  }
  return out;
}

/**
 * Reads, once, every file the rules may ask about: the scanned files, the modules the WSGI modules
 * import (what a WSGI server executes when it loads them), and the `__init__.py` of every package on
 * the way. Console scripts (cmd/) are read only when a WSGI module imports them: their own imports
 * are what the eventlet servers load, not the WSGI path.
 */
export function readRepoFiles(
  root: string,
  scanned: string[],
  source: TextSource,
  cache: ParseCache,
  /** The modules pbr's wsgi_scripts name: a WSGI server imports them, so their imports are followed too. */
  wsgiTargets: string[],
  /** The WSGI entry modules and app factories found: what a WSGI server executes, imports followed. */
  wsgiFiles: string[],
): RepoFiles {
  const present = new Map<string, boolean>();
  const texts = new Map<string, string | undefined>();
  const abs = (rel: string) => path.join(root, ...rel.split('/'));
  const exists = (rel: string): boolean => {
    if (!present.has(rel)) present.set(rel, source.exists(abs(rel)));
    return present.get(rel)!;
  };
  const text = (rel: string): string | undefined => {
    if (!texts.has(rel)) texts.set(rel, source.read(abs(rel)));
    return texts.get(rel);
  };
  // Texts are read now, once; each is parsed when first asked for (most of what a WSGI module imports
  // is never looked at), always from the text read here.
  const parsed = <T>(accept: (rel: string) => boolean, make: (abs: string, rel: string, text: string) => T) => {
    const done = new Map<string, T>();
    return (rel: string): T | undefined => {
      if (done.has(rel)) return done.get(rel);
      const t = texts.get(rel);
      if (t === undefined || !accept(rel)) return undefined;
      const v = make(abs(rel), rel, t);
      done.set(rel, v);
      return v;
    };
  };
  const scannedSet = new Set(scanned);
  /** Python the build or a rule may look at: scanned modules (console scripts in cmd/ only when imported) and whatever an import loads. */
  const pythonFiles = new Set<string>();
  const python = parsed(
    (rel) => pythonFiles.has(rel),
    (a, _rel, t) => cache.python(a, t),
  );
  const ini = parsed(
    (rel) => scannedSet.has(rel) && /\.ini$|(^|\/)setup\.cfg$/.test(rel),
    (a, _rel, t) => cache.ini(a, t),
  );
  const shell = parsed(
    (rel) => scannedSet.has(rel) && PLUGIN_FILE.test(rel),
    (a, _rel, t) => cache.shell(a, t),
  );
  const zuul = parsed(
    (rel) => scannedSet.has(rel) && ZUUL_FILE.test(rel),
    (a, rel, t) => cache.zuul(a, rel, t),
  );
  const localConf = parsed(
    (rel) => scannedSet.has(rel) && LOCAL_CONF.test(rel),
    (a, _rel, t) => cache.localConf(a, t),
  );

  for (const rel of scanned) {
    present.set(rel, true);
    if (text(rel) !== undefined && /\.(py|wsgi)$/.test(rel) && !/(^|\/)cmd\//.test(rel)) pythonFiles.add(rel);
  }

  // Python executes every package's __init__.py on the way to a module: probe them all.
  const probePackages = (rel: string) => {
    for (let dir = path.posix.dirname(rel); dir !== '.'; dir = path.posix.dirname(dir)) exists(`${dir}/__init__.py`);
  };
  const fileOf = (dotted: string): string | undefined => {
    const base = dotted.replace(/\./g, '/');
    return [`${base}.py`, `${base}/__init__.py`].find(exists);
  };
  /** Reads what importing `dotted` executes (each package on the way, then the module); the module's file. */
  const load = (dotted: string): string | undefined => {
    const parts = dotted.split('.');
    let found: string | undefined;
    for (let i = 1; i <= parts.length; i++) {
      found = fileOf(parts.slice(0, i).join('.'));
      if (found && text(found) !== undefined) pythonFiles.add(found);
    }
    return found; // the last part's file, or undefined when the module itself is not there
  };
  for (const rel of wsgiFiles) if (text(rel) !== undefined) pythonFiles.add(rel);
  const follow = new Set([...wsgiFiles, ...scanned.filter((f) => /(^|\/)wsgi\/__init__\.py$/.test(f))].filter((rel) => python(rel)));
  for (const m of wsgiTargets) {
    const found = load(m);
    if (found && python(found)) follow.add(found);
  }
  for (const rel of follow) {
    probePackages(rel);
    for (const imp of python(rel)?.imports ?? []) for (const dotted of importTargets(rel, imp)) load(dotted);
  }

  return {
    exists: (rel) => present.get(rel) ?? false,
    text: (rel) => texts.get(rel),
    mentions: (rel, word) => texts.get(rel)?.includes(word) ?? false,
    ini,
    python,
    shell,
    zuul,
    localConf,
  };
}

/** The modules an import may load: the module, and `module.name` for each imported name. */
function importTargets(fromRel: string, imp: PyImport): string[] {
  const mod = absoluteModule(fromRel, imp.module);
  if (!mod || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(mod)) return [];
  return [mod, ...imp.names.filter((n) => n !== '*' && /^[A-Za-z_]\w*$/.test(n)).map((n) => `${mod}.${n}`)];
}
