// The repo model: pure data about one repo, built from parsed files, read by goals and rules.
import type { DeployMode, EntryPointKind } from '../protocol';
import type { Span } from '../util/range';
import type { RepoFiles, UwsgiIni } from './repo-files';
import type { DeclaredEntryPoint } from '../parse/entry-points';
import type { ShellCondition } from '../parse/bash';

/** A place in a file. `file` is relative to the repo root, or to the root of `repo` when set. */
export interface Located {
  file: string;
  span: Span;
  repo?: string;
}

export interface ApiServiceModel {
  name: string;
  /** The console-script line that declares it. */
  source: Located;
  module: string;
  attr: string;
  /** Other scripts with the same target (a renamed project keeps both names for a while). */
  aliases?: string[];
  /**
   * How it was recognised as an API: its name alone (`*-api`, `<project>-server`: a guess), the HTTP
   * server its code starts, the WSGI entry it ships, or the WSGI server devstack runs it under.
   */
  recognisedBy: RecognisedBy;
}

export type RecognisedBy =
  | { kind: 'name' }
  | { kind: 'serves-http'; call: string; at: Located }
  | { kind: 'wsgi-entry'; target: string }
  | { kind: 'devstack'; command: string; at: Located };

export interface EntryPointModel {
  kind: EntryPointKind;
  /** `pkg.wsgi.api:application`, `pkg.mod:factory` or the .wsgi file path. */
  target: string;
  /** Script name (wsgi_scripts) or module/file stem, used to match it to a service. */
  name: string;
  at: Located;
}

export interface FactoryModel {
  module: string;
  func: string;
  at: Located;
}

export interface PasteModel {
  file: string;
  appName: string;
  at: Located;
}

export type UwsgiConfigForm = 'module' | 'wsgi-file' | 'none';

export type DeployKind = Exclude<DeployMode, 'mixed' | 'none' | 'unknown'>;

export interface DeployFact {
  kind: DeployKind;
  /** The devstack service name the fact is about (run_process's first argument), when known. */
  devstackService?: string;
  /** Configuring the server (ini, Apache site) or running a process. */
  role: 'config' | 'run';
  /** What it serves, as named in the code: write_uwsgi_config's name, uwsgi's --procname-prefix, the API binary. */
  serves?: string;
  /** False when an `if` test around it is decided against it by the default variable values. */
  onDefaultPath: boolean;
  /**
   * The branch it sits in, in words for messages: why it is off the default path
   * (`[[ "$X_USE_UWSGI" == "True" ]] is false, but the defaults make it true`), or the test it depends on.
   */
  branch?: string;
  /** The `if` tests around it, outermost first (none for units and templates). */
  conditions: ShellCondition[];
  at: Located;
  text: string;
}

export type { RepoFiles } from './repo-files';
export type { DeclaredEntryPoint } from '../parse/entry-points';
export type { IniFile, IniEntry, IniSection } from '../parse/ini';
export type { PyCall, PyFacts, PyImport, PyString } from '../parse/python';
export type { Cond, ShellAssignment, ShellCommand, ShellCondition, ShellFacts, ShellWord } from '../parse/bash';
export type { ZuulFile, ZuulJob, ZuulProblem } from '../parse/zuul';
export type { LocalConf } from '../parse/local-conf';

export interface ParseProblem {
  at: Located;
  message: string;
}

export interface RepoModel {
  root: string;
  name: string;
  /** Top-level Python package, e.g. "designate". */
  pkg: string;
  files: string[];
  isDevstack: boolean;
  apiServices: ApiServiceModel[];
  entryPoints: EntryPointModel[];
  /** Zero-argument app factories found in wsgi-named modules or named by wsgi_scripts. */
  factories: FactoryModel[];
  paste?: PasteModel;
  /** Whether the repo's requirements mention oslo.log (the scaffold sets up logging only then). */
  usesOsloLog: boolean;
  deploy: {
    /** Where the deployment logic was read: the repo's own plugin, devstack's lib/<svc>, or nowhere. */
    source: 'plugin' | 'devstack' | 'none' | 'unknown';
    facts: DeployFact[];
    /** The plugin's commands the default path does not run (a branch the defaults decide against, a function nothing calls then). */
    offPath: Located[];
    /**
     * The catalog endpoints (`get_or_create_endpoint`) and health checks (`wait_for_service`) of the plugin that the
     * default path runs, each argument with the value it has there; `$<X>_SERVICE_PORT` names stay as written.
     */
    endpoints: { command: string; at: Located; args: { span: Span; value: string }[] }[];
    /** Set when evaluating the devstack code overran its step budget: the mode is then unknown. */
    tooComplex?: { at: Located; reason: string };
  };
  /**
   * Where the devstack the repo is judged against (itself, for a devstack checkout) stops stack.sh
   * for a WSGI_MODE other than uwsgi; undefined for a devstack that still deploys mod_wsgi.
   */
  onlyUwsgi?: Located;
  /** What that devstack's `write_uwsgi_config` takes: what a fix that deploys the API under uwsgi writes. */
  uwsgiConfigForm: UwsgiConfigForm;
  problems: ParseProblem[];
  /** Every entry point the packaging declares (setup.cfg, pyproject.toml, setup.py), any group. */
  declared: DeclaredEntryPoint[];
  /** The files this model was built from, read and parsed: all that rules may look at (NO_FILES once they have). */
  sources: RepoFiles;
  uwsgiInis: UwsgiIni[];
}
