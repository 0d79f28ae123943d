// The one place where the client, the server and the CLI agree on names and shapes.
// It imports nothing but protocol types, so the VS Code client can bundle it without the engine.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** Deployment mode of an API service in devstack (the CLI contract's mode names). */
export type DeployMode = 'uwsgi' | 'uwsgi-no-apache' | 'mod_wsgi' | 'standalone' | 'mixed' | 'none' | 'unknown';

export type EntryPointKind = 'module' | 'pbr-wsgi_scripts' | 'wsgi-file';

/** The goal the CLI, the report's `criteria` and the sidebar speak of unless told otherwise. */
export const DEFAULT_GOAL = 'deploy-api-in-wsgi';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A place in a file; lines and columns are 1-based, columns in UTF-16 units. */
export interface Evidence {
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  text: string;
  /** Set when the file lies in another repo (e.g. "devstack"); `file` is then relative to that repo's root. */
  repo?: string;
}

export interface EntryPoint {
  kind: EntryPointKind;
  target: string;
  file: string;
  line: number;
}

export interface ApiService {
  name: string;
  source: { file: string; line: number };
  entryPoints: EntryPoint[];
  devstackMode: DeployMode;
  wsgiScripts: boolean;
  devstackUwsgi: boolean | null;
  /**
   * Why it counts as an API: `name` (its name alone, a guess), `serves-http` (its code starts an HTTP
   * server), `wsgi-entry` (it ships only a WSGI entry), `devstack` (devstack runs it under a WSGI server).
   */
  recognisedBy: 'name' | 'serves-http' | 'wsgi-entry' | 'devstack';
  evidence: Evidence[];
}

export interface Criterion {
  met: boolean | null;
  /** Present on criteria about devstack deployment. */
  mode?: DeployMode;
  evidence: Evidence[];
}

export interface GoalResult {
  met: boolean | null;
  criteria: Record<string, Criterion>;
}

export interface ReportDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  /** The first sentence, under ~120 characters where the names allow, with the service and the fix. */
  summary: string;
  message: string;
}

/** A Zuul job that sets devstack localrc variables (devstack_localrc, grenade_devstack_localrc, group-vars). */
export interface ZuulJobReport {
  name: string;
  file: string;
  line: number;
  parent?: string;
  /** `deploys`: the variable decides how an API is deployed (WSGI_MODE, NOVA_USE_MOD_WSGI, GLANCE_STANDALONE, …). */
  overrides: {
    name: string;
    value: string;
    scope: string;
    deploys: boolean;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
  }[];
}

export interface RepoReport {
  root: string;
  name: string;
  apiServices: ApiService[];
  /** The deploy-api-in-wsgi goal's criteria, always present. */
  criteria: { wsgiScripts: Criterion; devstackUwsgi: Criterion };
  goals: Record<string, GoalResult>;
  /** Jobs overriding devstack's localrc, as a job runs them (the criteria above judge devstack's defaults). */
  zuulJobs: ZuulJobReport[];
  diagnostics: ReportDiagnostic[];
  /**
   * Findings the repo's files disable (`# wsgi-goal: disable=CODE`, `disable-file=`): not shown or
   * counted; SARIF lists them with a suppression. Findings in excluded files are not reported at all.
   */
  suppressed: ReportDiagnostic[];
}

export interface Report {
  version: 1;
  /** Where devstack's own code was read from, when known; evidence with `repo: "devstack"` is relative to it. */
  devstack?: { root: string };
  repos: RepoReport[];
}

/** Where a repo stands on a goal, in one word (the CLI's glyph, the sidebar's icon). */
export type RepoStatus = 'met' | 'partly' | 'not-started' | 'unknown' | 'no-api';

/** `partly`: some criteria met, some not; `not-started`: none met and one known unmet. */
export function repoStatus(repo: RepoReport, goalId: string): RepoStatus {
  if (!repo.apiServices.length) return 'no-api';
  const mets = Object.values(repo.goals[goalId]?.criteria ?? {}).map((c) => c.met);
  if (mets.every((m) => m === true)) return 'met';
  if (mets.includes(false)) return mets.includes(true) ? 'partly' : 'not-started';
  return 'unknown';
}

/** The goals the engine knows, as shown to users (ids are stable). */
export interface GoalInfo {
  id: string;
  title: string;
  topic: string;
  /** `short`: a column heading (the CLI's table). */
  criteria: { id: string; title: string; short: string }[];
}

// ---- custom LSP messages -------------------------------------------------------------------

/** The same object `wsgi-goal check --format json` prints, for the workspace the server sees. */
export const StatusRequest = new RequestType<StatusParams, StatusResult, void>('wsgiGoal/status');
export interface StatusParams {
  /** Only repos inside this folder (a file URI); all when absent. */
  folderUri?: string;
}
export interface StatusResult {
  report: Report;
  goals: GoalInfo[];
  /** True while a scan is running; a statusChanged notification follows when it ends. */
  scanning: boolean;
  /** Rules that threw on a repo: the rest of that repo's findings are still reported. */
  ruleFailures: { root: string; code: string; message: string }[];
  /** Repo root → its project team's record in the goal document, where the team is known. */
  teams: Record<string, TeamInfo>;
}

/** A project team's section of the deploy-api-in-wsgi goal document. */
export interface TeamInfo {
  team: string;
  /** The document's review of 12 January 2017. */
  january2017: 'not-supported' | 'supported' | 'not-listed';
  planning: string[];
  completion: string[];
}

/** Sent by the server whenever any repo's status may have changed. */
export const StatusChangedNotification = new NotificationType<StatusChangedParams>('wsgiGoal/statusChanged');
export interface StatusChangedParams {
  /** Roots (file paths) of the repos that changed. */
  roots: string[];
}

// ---- commands the server executes (workspace/executeCommand) --------------------------------
// A namespace of their own: vscode-languageclient registers every server command as a VS Code
// command, so these must never collide with the client's palette commands (`wsgiGoal.*`).
export const ServerCommand = {
  scaffold: 'wsgi-goal.server.scaffold',
  exportReport: 'wsgi-goal.server.exportReport',
  explain: 'wsgi-goal.server.explain',
  addReleaseNote: 'wsgi-goal.server.addReleaseNote',
  deployUnderUwsgi: 'wsgi-goal.server.deployUnderUwsgi',
} as const;

export interface DeployArgs {
  /** Repo root, an absolute file path. */
  root: string;
  /** API service name, e.g. "designate-api". */
  service: string;
  /** Plan only: say which files would be created and edited, change nothing. */
  dryRun?: boolean;
}

export type DeployResult = ScaffoldResult | { status: 'planned'; title: string; files: { path: string; action: 'create' | 'edit' }[] };

export interface ReleaseNoteArgs {
  /** Repo root, an absolute file path. */
  root: string;
  /** The goal the note is for (default deploy-api-in-wsgi). */
  goal?: string;
}

export interface ScaffoldArgs {
  /** Repo root, an absolute file path. */
  root: string;
  /** API service name, e.g. "designate-api". */
  service: string;
  /** `module:function` of an app factory, when the repo has none the server can find. */
  factory?: string;
}

export type ScaffoldResult =
  { status: 'applied'; files: string[] } | { status: 'needsFactory'; message: string } | { status: 'failed'; message: string };

// ---- settings ----------------------------------------------------------------------------------
export type SeverityOverride = Severity | 'off';

export interface Settings {
  devstackPath: string;
  maxFiles: number;
  /** Rule code → severity, or "off" to silence the rule. */
  severity: Record<string, SeverityOverride>;
  /** Globs of repo-relative paths whose findings are not reported (`contrib/**`). */
  exclude: string[];
  /** Honour `# wsgi-goal: disable=CODE` comments in the repo's files. */
  suppressionComments: boolean;
}

export const defaultSettings: Settings = { devstackPath: '', maxFiles: 20000, severity: {}, exclude: [], suppressionComments: true };

// ---- client command ids (palette and UI) --------------------------------------------------------
export const ClientCommand = {
  scaffold: 'wsgiGoal.scaffoldWsgiEntry',
  refresh: 'wsgiGoal.refreshStatus',
  exportReport: 'wsgiGoal.exportReport',
  restart: 'wsgiGoal.restartServer',
  showOutput: 'wsgiGoal.showOutput',
  openEvidence: 'wsgiGoal.openEvidence',
  addReleaseNote: 'wsgiGoal.addReleaseNote',
  showUnmetOnly: 'wsgiGoal.showUnmetOnly',
  showAll: 'wsgiGoal.showAll',
  deployUnderUwsgi: 'wsgiGoal.deployUnderUwsgi',
  copyReviewCommand: 'wsgiGoal.copyReviewCommand',
} as const;

export const ViewId = { container: 'wsgiGoal', status: 'wsgiGoal.status' } as const;
