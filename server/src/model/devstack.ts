// How devstack deploys a repo's API services: facts read from the repo's own devstack plugin,
// or from devstack's lib/<service> for the services devstack configures itself.
import * as path from 'path';
import { ScannedRepo } from '../discover/scan';
import { Cond, ShellAssignment, ShellCommand, ShellCondition, ShellFacts } from '../parse/bash';
import { DefaultEnv, Env, evaluate, expand, functionOutput, LayeredEnv } from './shell-eval';
import type { BuildContext } from './build';
import { ApiServiceModel, DeployFact, Located, RepoModel, UwsgiConfigForm } from './types';
import { projectKey, WORKER } from './names';
import { pluginFiles } from './repo-files';
import { splitLines } from '../util/range';
import { spend, stepsLeft } from '../util/budget';

export interface DevstackCheckout {
  root: string;
  files: string[];
}

/** Services whose devstack deployment lives in devstack itself (lib/<name>). */
export const CORE_SERVICES: Record<string, string[]> = {
  nova: ['lib/nova', 'lib/placement'],
  glance: ['lib/glance'],
  keystone: ['lib/keystone'],
  cinder: ['lib/cinder'],
  neutron: ['lib/neutron', 'lib/neutron-legacy'],
  placement: ['lib/placement'],
  swift: ['lib/swift'],
};

const MOD_WSGI_TEMPLATE = /^\s*(WSGIScriptAlias|WSGIDaemonProcess|WSGIProcessGroup)\b|SetHandler\s+wsgi-script/m;
/** Apache templates beside the code: a plugin's devstack/ and devstack/files/, devstack's own files/. */
const PLUGIN_TEMPLATE = /^devstack\/(files\/)?(.*\.template|apache[^/]*)$/;
const DEVSTACK_TEMPLATE = /^files\/apache-[^/]*\.template$/;

/** The shell files deploymentFacts reads for a repo (absolute paths): what to parse ahead of it. */
export function deploymentShellFiles(repo: ScannedRepo, project: string, pkg: string, ctx: BuildContext): string[] {
  const own = pluginFiles(repo.files).map((f) => path.join(repo.root, f));
  const dev = ctx.devstack;
  if (!dev) return own;
  const core = coreLibs(project, pkg)?.filter((f) => dev.files.includes(f)) ?? [];
  return [...['stackrc', ...core].filter((f) => dev.files.includes(f)).map((f) => path.join(dev.root, f)), ...own];
}

const coreLibs = (project: string, pkg: string): string[] | undefined =>
  CORE_SERVICES[project.replace(/^(openstack|python)-/, '')] ?? CORE_SERVICES[pkg];

export function deploymentFacts(
  repo: ScannedRepo,
  project: string,
  pkg: string,
  services: ApiServiceModel[],
  ctx: BuildContext,
): RepoModel['deploy'] {
  const own = pluginFiles(repo.files);
  const core = coreLibs(project, pkg);
  // A core service's API is deployed by devstack's lib/<svc>; its own devstack/ plugin (neutron's,
  // keystone's federation one) only adds to that. Without a devstack checkout the answer is unknown.
  if (core) {
    const dev = ctx.devstack;
    if (!dev) return { source: 'unknown', facts: [], offPath: [], endpoints: [] };
    const env = devstackEnv(ctx);
    const libs = core.filter((f) => dev.files.includes(f));
    const { facts } = factsFrom(
      dev.root,
      libs,
      'devstack',
      dev.files.filter((f) => DEVSTACK_TEMPLATE.test(f)),
      services,
      ctx,
      env,
      project,
    );
    if (!own.length) return { source: 'devstack', facts, offPath: [], endpoints: [] };
    const plugin = factsFrom(
      repo.root,
      own,
      undefined,
      repo.files.filter((f) => PLUGIN_TEMPLATE.test(f)),
      services,
      ctx,
      env,
      project,
    );
    return { source: 'devstack', facts: [...facts, ...plugin.facts], offPath: plugin.offPath, endpoints: plugin.endpoints };
  }
  if (!own.length) return { source: 'none', facts: [], offPath: [], endpoints: [] };
  const base = ctx.devstack ? devstackEnv(ctx) : new Map(Object.entries(DEVSTACK_DEFAULTS));
  const templates = repo.files.filter((f) => PLUGIN_TEMPLATE.test(f));
  const { facts, offPath, endpoints } = factsFrom(repo.root, own, undefined, templates, services, ctx, base, project);
  // A template matters when the code that installs it runs by default (or when no code says).
  const modWsgiCalls = facts.filter((f) => f.kind === 'mod_wsgi');
  const templatesUsed = !modWsgiCalls.length || modWsgiCalls.some((f) => f.onDefaultPath);
  const configFacts = (
    files: RegExp,
    line: RegExp,
    kind: DeployFact['kind'],
    onDefaultPath: boolean,
    accept = (_m: RegExpExecArray, _text: string) => true,
    serves = (_text: string): string | undefined => undefined,
  ) => {
    for (const f of repo.files.filter((x) => files.test(x))) {
      const text = ctx.source.read(path.join(repo.root, f)) ?? '';
      const m = line.exec(text);
      if (m && accept(m, text))
        facts.push({
          kind,
          role: 'config',
          onDefaultPath,
          conditions: [],
          at: { file: f, span: lineOf(text, m.index, m[0].trim().length) },
          text: m[0].trim(),
          serves: serves(text),
        });
    }
  };
  // The daemon process names what the site hosts: murano's apache-murano-api.template hosts
  // murano-api, not the murano-cfapi beside it.
  const daemon = (text: string) => /^\s*WSGIDaemonProcess\s+([\w.-]+)/m.exec(text)?.[1];
  configFacts(PLUGIN_TEMPLATE, MOD_WSGI_TEMPLATE, 'mod_wsgi', templatesUsed, undefined, daemon);
  // An Apache site of the plugin's own that proxies to a uwsgi socket: uwsgi behind Apache (freezer-api).
  configFacts(/^devstack\/(files\/)?[^/]+\.(conf|template)$/, /^\s*ProxyPass\s+\S+\s+"?(unix:[^|"\s]*\|)?uwsgi:\/\/\S*/m, 'uwsgi', true);
  // uwsgi inis devstack runs as they are (emperor vassals, devstack/files): HTTP served by uwsgi itself.
  configFacts(
    /(^|\/)vassals\/[^/]+\.ini$|^devstack\/files\/[^/]+\.ini$/,
    /^\s*(http|http-socket|protocol)\s*=\s*(\S+)/m,
    'uwsgi-no-apache',
    true,
    (m, text) => /^\s*\[uwsgi\]/m.test(text) && (m[1] !== 'protocol' || m[2] === 'http'),
  );
  // systemd units the plugin installs itself (`cp …/x.service /etc/systemd/system/devstack@x.service`,
  // `start_service x`): any unit in the repo whose name the plugin's code mentions.
  const code = own.map((f) => ctx.source.read(path.join(repo.root, f)) ?? '').join('\n');
  for (const f of repo.files.filter((x) => /\.service$/.test(x))) {
    const unit = path.posix.basename(f, '.service');
    const mentioned = new RegExp(`(^|[/\\s"'@])${unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.service\\b|\\s*($|\\|))`, 'm').test(code);
    if (!/^devstack\/files\/[^/]+\.service$/.test(f) && !mentioned) continue;
    const u = unitFact(f, ctx.source.read(path.join(repo.root, f)) ?? '', services, project);
    if (u) facts.push(u);
  }
  return { source: 'plugin', facts, offPath, endpoints };
}

/** A devstack checkout's stackrc, parsed (through the cache: once per version of it). */
function stackrcOf(ctx: BuildContext, dev: { root: string; files: string[] } | undefined): ShellFacts | undefined {
  if (!dev || !dev.files.includes('stackrc')) return undefined;
  const abs = path.join(dev.root, 'stackrc');
  const text = ctx.source.read(abs);
  return text === undefined ? undefined : ctx.cache.shell(abs, text);
}

/**
 * Where the devstack checkout a repo is judged against stops stack.sh for any WSGI_MODE but uwsgi
 * (stackrc's `die … is no longer a supported WSGI mode`, devstack 851d82cc, 2024-10): a `die` under a
 * test of WSGI_MODE. Undefined for older checkouts, where mod_wsgi still deploys.
 */
export function onlyUwsgiGuard(ctx: BuildContext, repo: { root: string; files: string[]; isDevstack: boolean }): Located | undefined {
  const dev = repo.isDevstack ? repo : ctx.devstack;
  const die = stackrcOf(ctx, dev)?.commands.find(
    (c) => c.name === 'die' && !c.inFunction && c.conditions.some((k) => k.whenTrue && /\bWSGI_MODE\b/.test(k.text)),
  );
  return die && { file: 'stackrc', span: die.span, ...(dev === repo ? {} : { repo: 'devstack' }) };
}

/**
 * The form of `write_uwsgi_config` the devstack checkout a repo is judged against takes: a module path
 * and a name (devstack b6613b1e, 2023-12), a WSGI script path whose basename names the socket (2017-04
 * to 2023), or none (older than 2017-04: no uwsgi deployment at all). Without a checkout, today's.
 */
export function uwsgiConfigForm(ctx: BuildContext, repo: { root: string; files: string[]; isDevstack: boolean }): UwsgiConfigForm {
  const dev = repo.isDevstack ? repo : ctx.devstack;
  if (!dev) return 'module';
  const text = dev.files.includes('lib/apache') ? ctx.source.read(path.join(dev.root, 'lib/apache')) : undefined;
  if (text === undefined || !/^\s*function\s+write_uwsgi_config\b/m.test(text)) return 'none';
  return /\buwsgi\s+module\s/.test(text) ? 'module' : 'wsgi-file';
}

/** Every name stackrc assigns, known value or not. */
function stackrcNames(ctx: BuildContext): string[] {
  return stackrcOf(ctx, ctx.devstack)?.assignments.map((a) => a.name) ?? [];
}

/** What devstack's stackrc sets when no checkout is known (true since 2017-04). */
const DEVSTACK_DEFAULTS: Record<string, string> = { WSGI_MODE: 'uwsgi', ENABLE_HTTPD_MOD_WSGI_SERVICES: 'True' };

/**
 * What stackrc sets, worked out once per version of it for all the repos that lean on the checkout;
 * each still pays the steps it took, so no verdict depends on which repo was analysed first.
 */
const stackrcEnvs = new WeakMap<ShellFacts, { env: Env; steps: number }>();

function devstackEnv(ctx: BuildContext): Env {
  const sh = stackrcOf(ctx, ctx.devstack);
  if (!sh) return new Map();
  const hit = stackrcEnvs.get(sh);
  if (hit) {
    spend(hit.steps);
    return hit.env;
  }
  const env: Env = new Map();
  const before = stepsLeft();
  applyAssignments(sh, env);
  stackrcEnvs.set(sh, { env, steps: before - stepsLeft() });
  return env;
}

/**
 * Top-level assignments in source order. `env` holds values known for sure (a value that cannot be
 * worked out makes the name unknown: it decides no `if`); `loose` keeps what could be expanded, for
 * naming things (`$NOVA_BIN_DIR/nova-metadata-wsgi` still names nova-metadata-wsgi).
 */
export function applyAssignments(
  sh: ShellFacts,
  env: Env,
  loose?: Env,
  verdict: (c: Cond) => boolean | undefined = (c) => evaluate(c, env, () => undefined),
): void {
  for (const a of sh.assignments) {
    if (a.inFunction) continue;
    // An assignment inside `if` counts when its test holds by default; undecided, the name is unknown.
    const verdicts = a.conditions.map((c) => {
      const v = verdict(c.test);
      return v === undefined ? undefined : v === c.whenTrue;
    });
    if (verdicts.includes(false)) continue;
    const v = verdicts.includes(undefined) ? undefined : expand(a.value, env);
    if (v === undefined) env.delete(a.name);
    else env.set(a.name, v);
    loose?.set(a.name, expand(a.value, loose, true) ?? a.value);
  }
}

function factsFrom(
  root: string,
  files: string[],
  repoName: string | undefined,
  templates: string[],
  services: ApiServiceModel[],
  ctx: BuildContext,
  base: Env,
  project: string,
): Pick<RepoModel['deploy'], 'facts' | 'offPath' | 'endpoints'> {
  const parsed: { rel: string; text: string; sh: ShellFacts }[] = [];
  for (const rel of files) {
    const abs = path.join(root, rel);
    const text = ctx.source.read(abs);
    if (text !== undefined) parsed.push({ rel, text, sh: ctx.cache.shell(abs, text) });
  }
  // "By default" means no local.conf: a name that neither these files nor devstack's stackrc
  // assign is empty. Without a devstack checkout only the plugin's own names can be known so.
  // Top-level assignments are replayed in order below; names only functions assign stay unknown.
  const assigned = new Set([
    ...base.keys(),
    ...stackrcNames(ctx),
    ...parsed.flatMap(({ sh }) => sh.assignments.filter((a) => a.inFunction).map((a) => a.name)),
  ]);
  const prefix = services[0]?.name
    .split('-')[0]
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '_');
  const unset = (name: string) => !assigned.has(name) && (!!ctx.devstack || (!!prefix && name.startsWith(prefix + '_')));
  const env = new DefaultEnv(base, unset);
  const loose: Env = new Map(base);
  // bash decides an `if` once, on entry: the first time a test is met decides it for the whole
  // block (an assignment inside cannot flip the test it sits under).
  const decided = new Map<Cond, boolean | undefined>();
  const verdict = (c: Cond) => {
    if (!decided.has(c)) decided.set(c, evaluate(c, env, enabled));
    return decided.get(c);
  };
  const enabledNames = new Set<string>();
  for (const { sh } of parsed)
    for (const c of sh.commands) if (c.name === 'enable_service') c.args.forEach((a) => enabledNames.add(a.value));
  // A plugin that enables its services itself (`enable_service murano-api` in settings) leaves the
  // others off by default: murano's optional murano-cfapi runs only when local.conf enables it.
  // A plugin that enables none leaves that to local.conf, so its API services count as enabled.
  const enablesItsOwn = services.some((s) => enabledNames.has(s.name));
  const enabled = (svc: string) => {
    if (enabledNames.has(svc)) return true;
    const api = services.find((s) => s.name === svc || aliases(s.name).includes(svc));
    if (api) return enablesItsOwn ? [api.name, ...aliases(api.name)].some((n) => enabledNames.has(n)) : true;
    return svc === 'tls-proxy' ? false : undefined;
  };
  const calling = new Set<string>();
  env.call = (name) => {
    if (calling.has(name) || !parsed.some(({ sh }) => sh.functions.has(name))) return undefined;
    calling.add(name);
    try {
      const commands = parsed.flatMap(({ sh }) => sh.commands.filter((c) => c.inFunction === name));
      const assignments = parsed.flatMap(({ sh }) => sh.assignments.filter((a) => a.inFunction === name));
      return functionOutput({ commands, assignments }, env, enabled);
    } finally {
      calling.delete(name);
    }
  };
  // devstack sources plugin.sh (and what it sources) again for every phase, in the same shell: the
  // phases that install, configure and start see what the first sourcing assigned, even where a
  // file reads a name before it sets it. Two passes give that state; the second decides the tests.
  for (const { sh } of parsed) applyAssignments(sh, env, loose, verdict);
  decided.clear();
  for (const { sh } of parsed) applyAssignments(sh, env, undefined, verdict);
  // A function's commands run by default only if a call of it does (or nothing here calls it:
  // devstack's stack.sh and the plugin phases do).
  const offDefault = (cmd: ShellCommand) =>
    cmd.conditions.some((c) => {
      const v = verdict(c.test);
      return v !== undefined && v !== c.whenTrue;
    });
  const callers = new Map<string, ShellCommand[]>();
  const defined = new Set(parsed.flatMap(({ sh }) => [...sh.functions.keys()]));
  for (const { sh } of parsed)
    for (const c of sh.commands) if (defined.has(c.name)) callers.set(c.name, [...(callers.get(c.name) ?? []), c]);
  const reach = new Map<string, boolean>();
  const reachable = (fn: string | undefined): boolean => {
    if (!fn || !callers.has(fn)) return true;
    if (reach.has(fn)) return reach.get(fn)!;
    reach.set(fn, true); // cycles: assume reachable while deciding
    const r = callers.get(fn)!.some((c) => !offDefault(c) && reachable(c.inFunction));
    reach.set(fn, r);
    return r;
  };

  // Why a command is off the default path (or which undecided test it hangs on), for messages.
  const branchOf = (cmd: ShellCommand): string | undefined => {
    const tested = cmd.conditions.map((c) => ({ c, v: verdict(c.test) }));
    const against = tested.find(({ c, v }) => v !== undefined && v !== c.whenTrue);
    if (against) return `${against.c.text.trim()} is ${against.c.whenTrue ? 'true' : 'false'}, but the defaults make it ${against.v}`;
    if (!reachable(cmd.inFunction)) return `in ${cmd.inFunction}, which the default path does not call`;
    const open = [...tested].reverse().find(({ v }) => v === undefined);
    return open ? `when ${open.c.text.trim()} is ${open.c.whenTrue ? 'true' : 'false'}` : undefined;
  };
  const factOf = (rel: string, lines: string[], cmd: ShellCommand, kind: Classified, at = cmd.span): DeployFact => {
    const branch = branchOf(cmd);
    return {
      kind: kind.kind,
      role: kind.role,
      devstackService: kind.service,
      serves: kind.serves,
      onDefaultPath: !offDefault(cmd) && reachable(cmd.inFunction),
      ...(branch ? { branch } : {}),
      conditions: cmd.conditions,
      at: { file: rel, span: at, ...(repoName ? { repo: repoName } : {}) },
      text: lines[at.start.line]?.trim() ?? cmd.name,
    };
  };

  const facts: DeployFact[] = [];
  const sites: DeployFact[] = [];
  const offPath: RepoModel['deploy']['offPath'] = [];
  const endpoints: RepoModel['deploy']['endpoints'] = [];
  // An assignment in a branch the defaults decide against does not happen, unless the command sits in that branch too.
  const decidedAgainst = (c: ShellCondition) => {
    const v = verdict(c.test);
    return v !== undefined && v !== c.whenTrue;
  };
  for (const { rel, text, sh } of parsed) {
    // Lines as the editor and the shell facts count them (a lone \r ends a line too), so a range
    // made from a line number and a column here lands on the line the facts mean.
    const lines = splitLines(text);
    const seen = new Set<string>();
    for (const cmd of sh.commands) {
      // bash.ts walks an if's test commands twice: one fact per command.
      const key = `${cmd.span.start.line}:${cmd.span.start.character}:${cmd.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const at = { file: rel, span: cmd.span, ...(repoName ? { repo: repoName } : {}) };
      const off = offDefault(cmd) || !reachable(cmd.inFunction);
      if (off) offPath.push(at);
      if (!READ_ARGS.has(cmd.name)) continue;
      const local = localEnv(sh, cmd, loose, decidedAgainst);
      if (ENDPOINT_COMMANDS.has(cmd.name)) {
        // Where the default path points clients and the health check: service ports stay as written.
        const ports = new PortsAsWritten(local);
        if (!off)
          endpoints.push({
            command: cmd.name,
            at,
            args: cmd.args.map((x) => ({ span: x.span, value: expand(x.value, ports, true) ?? x.value })),
          });
        continue;
      }
      const kind = cmd.name === 'enable_apache_site' ? siteOf(cmd, local) : classify(cmd, services, local, project);
      if (!kind) continue;
      (cmd.name === 'enable_apache_site' ? sites : facts).push(factOf(rel, lines, cmd, kind));
    }
    // Apache mod_wsgi directives the code writes itself (a heredoc, an echo into a site file): the
    // command that writes them decides whether they are on the default path.
    for (const hit of modWsgiLines(lines)) {
      const owner = [...sh.commands].reverse().find((c) => c.span.start.line <= hit.line);
      if (owner) facts.push(factOf(rel, lines, owner, { kind: 'mod_wsgi', role: 'config' }, hit.span));
    }
  }
  // Enabling an Apache site is how a mod_wsgi API "runs" — when a site it can enable holds
  // WSGIScriptAlias-style lines (ironic's iPXE site, served by Apache too, does not).
  // A site with a template of its own name (apache-<site>.template) is judged by that template alone.
  const hosts = templates.filter((f) => MOD_WSGI_TEMPLATE.test(ctx.source.read(path.join(root, f)) ?? ''));
  const anyHosts = hosts.length > 0 || parsed.some(({ text }) => MOD_WSGI_TEMPLATE.test(text));
  const ownTemplate = (site: string, among: string[]) =>
    among.some((f) => path.posix.basename(f).replace(/^apache-|\.template$/g, '') === site);
  facts.push(...sites.filter((f) => (f.serves && ownTemplate(f.serves, templates) ? ownTemplate(f.serves, hosts) : anyHosts)));
  return { facts, offPath, endpoints };
}

/** The first mod_wsgi directive of each heredoc, and each one written outside heredocs. */
function modWsgiLines(lines: string[]): { line: number; span: DeployFact['at']['span'] }[] {
  const out: { line: number; span: DeployFact['at']['span'] }[] = [];
  let heredocEnd: string | undefined;
  let heredocHit = false;
  lines.forEach((l, i) => {
    if (heredocEnd !== undefined && l.trim() === heredocEnd) {
      heredocEnd = undefined;
      return;
    }
    if (heredocEnd === undefined && /^\s*#/.test(l)) return;
    const m = MOD_WSGI_DIRECTIVE.exec(l);
    if (m && !(heredocEnd !== undefined && heredocHit)) {
      out.push({ line: i, span: { start: { line: i, character: m.index }, end: { line: i, character: m.index + m[0].length } } });
      heredocHit = heredocEnd !== undefined;
    }
    const h = heredocEnd === undefined ? /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(l.replace(/<<</g, '')) : null;
    if (h) {
      heredocEnd = h[2];
      heredocHit = false;
    }
  });
  return out;
}

/** A directive that makes Apache host the app itself (mod_wsgi), as opposed to proxying to it. */
export const MOD_WSGI_DIRECTIVE = /\b(WSGIDaemonProcess|WSGIScriptAlias|WSGIProcessGroup)\b|\bSetHandler\s+wsgi-script\b/;

function siteOf(cmd: ShellCommand, env: Env): Classified | undefined {
  const name = cmd.args[0] ? (expand(cmd.args[0].value, env, true) ?? cmd.args[0].value) : '';
  return name ? { kind: 'mod_wsgi', role: 'run', service: name, serves: name } : undefined;
}

/** Commands whose arguments the model reads: what deploys, enables or points clients at the API. */
const ENDPOINT_COMMANDS = new Set(['get_or_create_endpoint', 'wait_for_service']);
const READ_ARGS = new Set([
  ...ENDPOINT_COMMANDS,
  'write_uwsgi_config',
  'write_local_uwsgi_http_config',
  'install_apache_wsgi',
  'iniset',
  'run_process',
  'screen_it',
  'write_user_unit_file',
  'enable_apache_site',
]);
const SERVICE_PORT = /SERVICE_PORT(_INT)?$/;

/**
 * The function's own earlier assignments (`local cmd=...`) on top of the global defaults, skipping
 * those in a branch the defaults decide against (zun's `zun_api_url` for the standalone case) unless
 * the command sits in that very branch.
 */
function localEnv(sh: ShellFacts, cmd: ShellCommand, env: Env, against: (c: ShellCondition) => boolean): Env {
  if (!cmd.inFunction) return env;
  const local = new LayeredEnv(env);
  const shared = (c: ShellCondition) => cmd.conditions.some((x) => x.test === c.test && x.whenTrue === c.whenTrue);
  for (const a of assignmentsIn(sh).get(cmd.inFunction) ?? []) {
    if (a.span.start.line >= cmd.span.start.line) continue;
    if (a.conditions.some((c) => against(c) && !shared(c))) continue;
    local.set(a.name, expand(a.value, local, true) ?? a.value);
  }
  return local;
}

/** A file's assignments by the function they sit in, in source order. */
const byFunction = new WeakMap<ShellFacts, Map<string, ShellAssignment[]>>();
function assignmentsIn(sh: ShellFacts): Map<string, ShellAssignment[]> {
  let m = byFunction.get(sh);
  if (!m) {
    m = new Map();
    for (const a of sh.assignments) if (a.inFunction) m.set(a.inFunction, [...(m.get(a.inFunction) ?? []), a]);
    byFunction.set(sh, m);
  }
  return m;
}

/** An Env in which `$<X>_SERVICE_PORT` reads as itself. */
class PortsAsWritten extends LayeredEnv {
  override get(name: string): string | undefined {
    return SERVICE_PORT.test(name) ? `$${name}` : super.get(name);
  }
}

/** devstack's short service names for the core APIs (run_process n-api …). */
const ALIASES: Record<string, string[]> = {
  'nova-api': ['n-api'],
  'nova-api-os-compute': ['n-api'],
  'nova-api-metadata': ['n-api-meta'],
  'cinder-api': ['c-api'],
  'glance-api': ['g-api'],
  'neutron-server': ['q-svc', 'neutron-api'],
  'neutron-api': ['q-svc', 'neutron-api'],
  'keystone-all': ['key'],
  'placement-api': ['placement-api'],
  'swift-proxy-server': ['s-proxy'],
};

export function aliases(service: string): string[] {
  return ALIASES[service] ?? [];
}

type Classified = { kind: DeployFact['kind']; role: DeployFact['role']; service?: string; serves?: string };

function classify(cmd: ShellCommand, services: ApiServiceModel[], env: Env, project: string): Classified | undefined {
  const a = cmd.args.map((x) => expand(x.value, env, true) ?? x.value);
  const base = (p: string | undefined) => (p ? path.posix.basename(p.trim()) : undefined);
  switch (cmd.name) {
    case 'write_uwsgi_config': {
      const http = (a[3] ?? '').trim();
      const name = a[4] || base(a[1]);
      return { kind: http ? 'uwsgi-no-apache' : 'uwsgi', role: 'config', service: name, serves: name };
    }
    case 'write_local_uwsgi_http_config': {
      const name = a[3] || base(a[1]);
      return { kind: 'uwsgi', role: 'config', service: name, serves: name };
    }
    case 'install_apache_wsgi':
      return { kind: 'mod_wsgi', role: 'config' };
    case 'iniset':
      // `iniset $X_UWSGI_CONF uwsgi http host:port`: uwsgi's own HTTP server, no Apache in front.
      return a[1] === 'uwsgi' && /^(http|https)$/.test(a[2] ?? '') ? { kind: 'uwsgi-no-apache', role: 'config' } : undefined;
    case 'run_process':
    case 'screen_it':
    case 'write_user_unit_file':
      return classifyRun(a[0] ?? '', a[1] ?? '', services, project);
  }
  return undefined;
}

/** A process devstack starts: uwsgi (serving whatever its ini names) or an API binary run standalone. */
function classifyRun(svc: string, command: string, services: ApiServiceModel[], project: string): Classified | undefined {
  const unit = svc.replace(/^devstack@/, '').replace(/\.service$/, '');
  if (/\buwsgi\b/.test(command)) {
    const prefix = /--procname-prefix[= ]+["']?([\w-]+)/.exec(command)?.[1];
    return { kind: 'uwsgi', role: 'run', service: unit, serves: prefix };
  }
  // The program is the last `&&`/`;` segment's first word, past sudo/env/exec/interpreters. A
  // command substitution left unevaluated (cyborg's `$( cd "$(dirname …)" && cd .. && pwd )/bin`)
  // is one word: its own `&&` do not split the command.
  const segment = opaqueSubstitutions(command).split(/&&|;/).pop() ?? command;
  const words = segment
    .trim()
    .split(/\s+/)
    .filter((w) => !/^(sudo|exec|env|nohup|\w+=\S*|python[0-9.]*|\$\{?PYTHON\}?)$/.test(w) && !w.startsWith('-'));
  const binary = path.posix.basename(words[0] ?? '');
  // A command held in a variable nothing here resolves says nothing about what runs.
  if (binary.includes('$')) return undefined;
  const key = projectKey(project).toLowerCase();
  // A WSGI/ASGI server other than uwsgi running the repo's own app: the API, not behind uwsgi.
  const app = words.find((w) => /^[A-Za-z_][\w.]*:[A-Za-z_]\w*$/.test(w));
  if (/^(gunicorn|uvicorn|hypercorn|waitress-serve)$/.test(binary) && app && app.split('.')[0] === key.replace(/-/g, '_'))
    return { kind: 'standalone', role: 'run', service: unit, serves: app };
  const role = /--server[= ]+["']?([\w-]+)/.exec(command)?.[1];
  // Workers (engine, conductor, executor, a websocket or KMIP server, …) are never APIs, even when
  // their binary is a `*-server` (mistral-server --server engine).
  if ([unit, binary, role ?? ''].some((w) => WORKER.test(w)) || (role && role !== 'api' && role !== 'all')) return undefined;
  const named = services.some(
    (s) => s.name === unit || s.name === binary || (s.aliases ?? []).includes(binary) || aliases(s.name).includes(unit),
  );
  // Another project's server the plugin starts (a neutron plugin running neutron-server) is not this repo's API.
  const ours = (w: string) => w === key || w.startsWith(key + '-') || w.startsWith(key.replace(/-/g, '_') + '_');
  const isApi =
    named || ((ours(unit) || ours(binary)) && (/(^|-)api(-|$)/.test(unit) || /(^|-)api(-|$)|-server$/.test(binary) || binary === key));
  return isApi ? { kind: 'standalone', role: 'run', service: unit, serves: binary || undefined } : undefined;
}

/** The command with every `$( … )` (nested ones included) and backtick substitution written `$_`. */
function opaqueSubstitutions(command: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < command.length; i++) {
    if (command.startsWith('$(', i)) {
      if (depth++ === 0) out += '$_';
      i++;
    } else if (depth && command[i] === '(') depth++;
    else if (depth && command[i] === ')') depth--;
    else if (!depth) out += command[i];
  }
  return out.replace(/`[^`]*`/g, '$_');
}

/** systemd units shipped in devstack/files whose ExecStart runs an API binary. */
export function unitFact(rel: string, text: string, services: ApiServiceModel[], project: string): DeployFact | undefined {
  const lines = splitLines(text); // as the editor counts lines: a lone \r ends one too
  const i = lines.findIndex((l) => /^\s*ExecStart\s*=/.test(l));
  if (i < 0) return undefined;
  const command = lines[i].replace(/^\s*ExecStart\s*=\s*/, '');
  const c = classifyRun(path.posix.basename(rel), command, services, project);
  if (!c) return undefined;
  const col = lines[i].length - lines[i].trimStart().length;
  return {
    kind: c.kind,
    role: 'run',
    devstackService: c.service,
    serves: c.serves,
    onDefaultPath: true,
    conditions: [],
    at: { file: rel, span: { start: { line: i, character: col }, end: { line: i, character: lines[i].trimEnd().length } } },
    text: lines[i].trim(),
  };
}

/**
 * The range of a match's text. A `^\s*` match may start at an earlier line break: in a CRLF file `^`
 * matches between \r and \n, and `\s*` runs on over the newline. The range starts at the match's first
 * non-blank character, on the line the editor shows it (lines end at \r\n, \r or \n), and stays on it.
 */
function lineOf(text: string, index: number, length: number) {
  const at = index + (text.slice(index).length - text.slice(index).trimStart().length);
  const before = splitLines(text.slice(0, at));
  const line = before.length - 1;
  const col = before[line].length;
  const lineLength = splitLines(text)[line].length;
  return { start: { line, character: col }, end: { line, character: Math.min(col + length, lineLength) } };
}
