// The fix for an API devstack starts standalone: the plugin's own configure, start and cleanup
// steps rewritten to the uwsgi-behind-Apache form of the devstack checkout it is judged against,
// as one reviewable change (and the WSGI entry module when the repo has none yet).
import type { ServiceStatus } from '../../goal/services';
import type { Cond, DeployFact, RepoModel, ShellCommand } from '../../model/types';
import { projectKey, wsgiModuleName } from '../../model/names';
import { planWsgiEntry } from '../../scaffold/wsgi-entry';
import { PLUGIN_FILE } from '../../model/repo-files';
import { splitLines, type Span } from '../../util/range';
import type { FileEdit, FixSpec, RuleContext } from '../rule';
import { boolOf, branchTakenWhen, MODE_VARIABLE, pluginOf, Plugin, PluginCommand, unquote, valuesOf, varRef, wordText } from './plugin';

export type DeployPlan = { ok: true; fix: Extract<FixSpec, { kind: 'change' }> } | { ok: false; reason: string };

/** The standalone start on devstack's default path that the fix replaces, if there is one in the plugin. */
export function standaloneStart(status: ServiceStatus): DeployFact | undefined {
  return status.deployFacts.find(
    (f) =>
      f.kind === 'standalone' &&
      f.role === 'run' &&
      f.onDefaultPath &&
      !f.at.repo &&
      f.at.file.startsWith('devstack/') &&
      !f.at.file.endsWith('.service'),
  );
}

/**
 * Plans "Deploy <service> under uwsgi behind Apache". `exists` tells whether a repo file exists (the
 * entry module is planned only when the repo has no WSGI module for the service yet).
 */
export function planDeployUnderUwsgi(
  ctx: RuleContext,
  status: ServiceStatus,
  exists: (rel: string) => boolean,
  /** The standalone start in a mode switch's branch that the switch is being flipped to (see planModWsgiToUwsgi). */
  branchStart?: DeployFact,
): DeployPlan {
  const { model } = ctx;
  const name = status.service.name;
  const fail = (reason: string): DeployPlan => ({ ok: false, reason: `${name} is not moved to uwsgi: ${reason}` });
  if (model.uwsgiConfigForm === 'none')
    return fail(
      "the devstack checkout in the workspace predates write_uwsgi_config (2017-04); update it, or close it to get today's form.",
    );
  if (status.mode === 'uwsgi' || status.mode === 'uwsgi-no-apache') return fail('devstack already runs it under uwsgi.');
  const fact = branchStart ?? standaloneStart(status);
  if (!fact) return fail('devstack does not start it standalone on its default path in the plugin.');
  // A standalone branch beside a uwsgi one is the switch's business, not a rewrite's.
  const toggle = fact.conditions.find((c) => MODE_VARIABLE.test(c.text));
  if (toggle && !branchStart)
    return fail(`it is started under the mode switch ${toggle.text.trim()}: make its default select uwsgi instead.`);
  const p = pluginOf(ctx);
  const start = p.commands.find(
    (pc) => pc.file === fact.at.file && contains(pc.cmd.span, fact.at.span) && /^(run_process|screen_it)$/.test(pc.cmd.name),
  );
  if (!start || !['run_process', 'screen_it'].includes(start.cmd.name) || start.cmd.args.length < 2)
    return fail(`"${fact.text.split('\n')[0]}" is not a run_process the fix can rewrite.`);
  const svc = wordText(start.cmd.args[0]);
  if (!/^[\w.-]+$/.test(svc)) return fail(`the devstack service name ${svc} is not a plain word.`);
  // The process name devstack shows: the API's, or devstack's own where the script is a generic server (mistral-server --server api).
  const procName = !/-api$/.test(name) && /-api$/.test(svc) ? svc : name;

  const prefix = prefixOf(start, model);
  const module = wsgiModuleName(name, model.name);
  const base = module === 'api' ? prefix : `${prefix}_${module.toUpperCase()}`;
  const wsgiVar = `${base}_UWSGI`;
  const confVar = `${base}_UWSGI_CONF`;

  // What uwsgi loads: a module path for today's devstack, a file for the 2017-2023 one; the entry
  // module is created only when that is what it loads.
  const pkgDir = model.pkg.replace(/\./g, '/');
  const existing = status.entryPoints.find((e) => e.kind === 'module')?.target;
  const planned = existing ? undefined : planWsgiEntry(model, name, undefined, exists);
  const entry = existing
    ? { module: existing, file: `${existing.split(':')[0].replace(/\./g, '/')}.py`, create: [] }
    : planned?.ok
      ? { module: `${model.pkg}.wsgi.${planned.module}:application`, file: `${pkgDir}/wsgi/${planned.module}.py`, create: planned.files }
      : undefined;
  const script = status.entryPoints.find((e) => e.kind === 'pbr-wsgi_scripts')?.name;
  const binDir = assigned(p, `${prefix}_BIN_DIR`) ? `$${prefix}_BIN_DIR` : '$(get_python_exec_prefix)';
  const srcDir = assigned(p, `${prefix}_DIR`) ? `$${prefix}_DIR` : `$DEST/${model.name}`;
  const fromScript = script ? { value: `${binDir}/${script}`, create: [] } : undefined;
  const loads =
    model.uwsgiConfigForm === 'module'
      ? ((entry && { value: entry.module, create: entry.create }) ?? fromScript)
      : (fromScript ?? (entry && { value: `${srcDir}/${entry.file}`, create: entry.create }));
  if (!loads)
    return fail(
      `it has no WSGI entry point to run, and none can be scaffolded (no app factory or paste pipeline was found): ` +
        `run "WSGI Goal: Scaffold WSGI Entry Point…" first.`,
    );
  const wsgiValue = loads.value;
  const create = loads.create;

  const confDir = assigned(p, `${prefix}_CONF_DIR`) ? `$${prefix}_CONF_DIR` : `/etc/${model.name}`;
  const urlPath = `/${serviceType(p) ?? model.name}`;
  const edits: FileEdit[] = [];

  // Settings: the two variables the other steps name.
  const lines: string[] = [];
  if (!assigned(p, wsgiVar)) lines.push(`${wsgiVar}=${quoteIfNeeded(wsgiValue)}`);
  if (!assigned(p, confVar)) lines.push(`${confVar}=${confDir}/${procName}-uwsgi.ini`);
  if (lines.length) edits.push(settingsInsert(ctx, p, prefix, lines));

  // Configure: write the ini and the Apache proxy site where the plugin configures the service.
  // The 2017-2023 form names the socket and site after the script's basename.
  const write =
    model.uwsgiConfigForm === 'module'
      ? `write_uwsgi_config "$${confVar}" "$${wsgiVar}" "${urlPath}" "" "${procName}"`
      : `write_uwsgi_config "$${confVar}" "$${wsgiVar}" "${urlPath}"`;
  // In a switch's branch the ini is written beside the start, so the other mode never writes it.
  const configure = branchStart ? undefined : phaseFunction(ctx, p, 'configure', start);
  edits.push(configure ? appendToFunction(ctx, configure, write) : insertBefore(ctx, start, write));

  // Start: the same devstack service, now uwsgi with the ini.
  const command = `"$(which uwsgi) --procname-prefix ${procName} --ini $${confVar}"`;
  if (start.cmd.name === 'run_process') edits.push({ file: start.file, span: start.cmd.args[1].span, newText: command });
  else edits.push({ file: start.file, span: start.cmd.span, newText: `run_process ${svc} ${command}` });

  // Cleanup: the same name write_uwsgi_config was given, or the site is never disabled.
  const cleanup = phaseFunction(ctx, p, 'cleanup', start);
  const remove = `remove_uwsgi_config "$${confVar}" "${model.uwsgiConfigForm === 'module' ? procName : `$${wsgiVar}`}"`;
  if (cleanup) edits.push(appendToFunction(ctx, cleanup, remove));

  // The catalog and the health check: the URL path on Apache's port instead of the service port,
  // also where a local variable carries it (`service_port=$MAGNUM_SERVICE_PORT`).
  const servicePort = `${prefix}_SERVICE_PORT`;
  const isServicePort = (v: string, fn: string | undefined) =>
    v === servicePort ||
    (/port/i.test(v) && (valuesOf(p, v, fn, (n) => n.startsWith(servicePort)) ?? []).some((x) => x.includes(servicePort)));
  for (const pc of p.commands) {
    if (pc.cmd.name !== 'get_or_create_endpoint' && pc.cmd.name !== 'wait_for_service') continue;
    const rewritten = pc.cmd.args.map((w) =>
      w.raw.replace(/:\$\{?([A-Za-z_]\w*)\}?/g, (m, v: string) => (isServicePort(v, pc.cmd.inFunction) ? urlPath : m)),
    );
    if (rewritten.every((r, i) => r === pc.cmd.args[i].raw)) continue;
    pc.cmd.args.forEach((w, i) => {
      // On a line the fix rewrites, unquoted expansions get quoted, so shellcheck has nothing to say about it.
      const next = /["'\\]/.test(rewritten[i]) || !rewritten[i].includes('$') ? rewritten[i] : `"${rewritten[i]}"`;
      if (next !== w.raw && w.span.start.line === w.span.end.line) edits.push({ file: pc.file, span: w.span, newText: next });
    });
  }

  return {
    ok: true,
    fix: { kind: 'change', title: `Deploy ${name} under uwsgi behind Apache in devstack`, edits: merge(edits), create },
  };
}

function contains(outer: Span, inner: Span): boolean {
  const le = (a: Span['start'], b: Span['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

function samePlace(a: Span, b: Span): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}

/** The plugin's variable prefix: `$DESIGNATE_BIN_DIR/designate-api` → DESIGNATE, else the project's. */
function prefixOf(start: PluginCommand, model: RepoModel): string {
  const m = /\$\{?([A-Z][A-Z0-9_]*?)_BIN_DIR\b/.exec(start.cmd.args.map((a) => a.raw).join(' '));
  if (m) return m[1];
  const own = projectKey(model.name)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '_');
  return own;
}

function assigned(p: Plugin, name: string): boolean {
  return p.assignments.some((a) => a.a.name === name) || valuesOf(p, name) !== undefined;
}

/** `get_or_create_service "designate" "dns" …` → dns: the path OpenStack serves the API under. */
function serviceType(p: Plugin): string | undefined {
  const c = p.commands.find((pc) => pc.cmd.name === 'get_or_create_service' && pc.cmd.args.length >= 2);
  const t = c && wordText(c.cmd.args[1]);
  return t && /^[a-z][\w-]*$/.test(t) ? t : undefined;
}

function quoteIfNeeded(v: string): string {
  return /^[\w./:$-]+$/.test(v) && !v.includes('$(') ? v : `"${v}"`;
}

/**
 * The plugin function for a phase (`configure_designate`, `cleanup_designate`): named after the phase,
 * in the file that starts the service, the project's name in it preferred.
 */
function phaseFunction(ctx: RuleContext, p: Plugin, phase: string, start: PluginCommand): { file: string; span: Span } | undefined {
  const key = projectKey(ctx.model.name).replace(/-/g, '_');
  const found: { file: string; name: string; span: Span }[] = [];
  for (const file of p.files) {
    for (const [name, span] of ctx.model.sources.shell(file)?.functions ?? []) {
      if (new RegExp(`^_?${phase}_`).test(name) && p.commands.some((pc) => pc.cmd.name === name)) found.push({ file, name, span });
    }
  }
  const rank = (f: { file: string; name: string }) => (f.file === start.file ? 0 : 2) + (f.name === `${phase}_${key}` ? 0 : 1);
  return found.sort((a, b) => rank(a) - rank(b))[0];
}

function linesOf(ctx: RuleContext, file: string): string[] {
  return splitLines(ctx.model.sources.text(file) ?? '');
}

function eol(ctx: RuleContext, file: string): string {
  return (ctx.model.sources.text(file) ?? '').includes('\r\n') ? '\r\n' : '\n';
}

/** A line at the end of a function body, indented as the body is. */
function appendToFunction(ctx: RuleContext, fn: { file: string; span: Span }, text: string): FileEdit {
  const closing = fn.span.end.line;
  const lines = linesOf(ctx, fn.file);
  // The body's own indentation: the least of its commands' (those inside an if are deeper).
  const body = ctx.model.sources.shell(fn.file)?.commands.filter((c) => within(c, fn.span)) ?? [];
  const indents = body.map((c) => /^[ \t]*/.exec(lines[c.span.start.line] ?? '')![0]).filter((i) => i.length);
  const indent = indents.sort((a, b) => a.length - b.length)[0] ?? '    ';
  const at = { line: closing, character: 0 };
  if (/^\s*\}/.test(lines[closing] ?? ''))
    return { file: fn.file, span: { start: at, end: at }, newText: `${indent}${text}${eol(ctx, fn.file)}` };
  // `function f { …; }` on one line: before the brace.
  const end = { line: closing, character: Math.max(0, fn.span.end.character - 1) };
  return { file: fn.file, span: { start: end, end }, newText: `${text}; ` };
}

function within(c: ShellCommand, s: Span): boolean {
  return c.span.start.line > s.start.line && c.span.end.line < s.end.line;
}

/** A line before a command, indented as it is. */
function insertBefore(ctx: RuleContext, pc: PluginCommand, text: string): FileEdit {
  const line = pc.cmd.span.start.line;
  const indent = /^[ \t]*/.exec(linesOf(ctx, pc.file)[line] ?? '')![0];
  const at = { line, character: 0 };
  return { file: pc.file, span: { start: at, end: at }, newText: `${indent}${text}${eol(ctx, pc.file)}` };
}

/**
 * The settings lines, in devstack/settings after the prefix's last assignment (else before the
 * first enable_service), or at the top of the plugin's first file.
 */
function settingsInsert(ctx: RuleContext, p: Plugin, prefix: string, lines: string[]): FileEdit {
  const file = p.files.find((f) => f.endsWith('/settings')) ?? p.files.find((f) => f.endsWith('/plugin.sh')) ?? p.files[0];
  const nl = eol(ctx, file);
  const top = p.assignments.filter((x) => x.file === file && !x.a.inFunction && !x.a.conditions.length);
  const own = top.filter((x) => x.a.name.startsWith(prefix + '_'));
  const after = (own.length ? own : top).slice(-1)[0];
  const text = lines.map((l) => l + nl).join('');
  if (after) {
    const all = linesOf(ctx, file);
    const line = after.a.span.end.line;
    // The last line of a file without a final newline: the new lines go after a newline of their own.
    if (line === all.length - 1) {
      const at = { line, character: all[line].length };
      return { file, span: { start: at, end: at }, newText: nl + lines.join(nl) };
    }
    const at = { line: line + 1, character: 0 };
    return { file, span: { start: at, end: at }, newText: text };
  }
  const all = linesOf(ctx, file);
  if (!file.endsWith('/settings')) {
    // plugin.sh runs its phases as it is read: the variables go above its first function or command.
    const first = p.commands.filter((pc) => pc.file === file && !pc.cmd.inFunction)[0];
    const fnStart = Math.min(...[...(ctx.model.sources.shell(file)?.functions.values() ?? [])].map((s) => s.start.line));
    const line = Math.min(first?.cmd.span.start.line ?? Infinity, fnStart);
    const at = { line: Number.isFinite(line) ? line : all.length, character: 0 };
    return { file, span: { start: at, end: at }, newText: text + nl };
  }
  // No assignment to follow in settings: at the end, where no comment is parted from the line it explains.
  const last = all.length - 1;
  if (all[last] === '') {
    const at = { line: last, character: 0 };
    return { file, span: { start: at, end: at }, newText: text };
  }
  const at = { line: last, character: all[last].length };
  return { file, span: { start: at, end: at }, newText: nl + lines.join(nl) + nl };
}

/** Two inserts at one place (configure and cleanup in one function) become one, in order. */
function merge(edits: FileEdit[]): FileEdit[] {
  const insert = (e: FileEdit) => samePlace(e.span, { start: e.span.end, end: e.span.end });
  const out: FileEdit[] = [];
  for (const e of edits) {
    const same = insert(e) ? out.find((o) => o.file === e.file && insert(o) && samePlace(o.span, e.span)) : undefined;
    if (same) same.newText += e.newText;
    else out.push(e);
  }
  return out;
}

/**
 * For an API the plugin deploys another way only because a mode switch defaults to it: the switch's
 * default flipped to the value whose branch runs the plugin's own uwsgi deployment of that API.
 * Undefined where no such branch exists or the default is not a plain value the fix can rewrite.
 */
export function planSwitchToUwsgi(
  ctx: RuleContext,
  status: ServiceStatus,
  fact: DeployFact,
): Extract<FixSpec, { kind: 'change' }> | undefined {
  if (!fact.onDefaultPath || fact.at.repo) return undefined;
  // The switch is the one around the plugin's uwsgi start (the other mode may sit in a function its
  // branch calls); its value must take that branch and, where the test can be read, not this one.
  const same = sameService(status);
  const runs = ctx.model.deploy.facts.filter((f) => f.kind === 'uwsgi' && f.role === 'run' && !f.at.repo && same(f));
  // Every shell step of the mode being replaced must be left out by the new value, or the flip would
  // run both modes: a step under the switch, or in a function only such steps call.
  const p = pluginOf(ctx);
  const others = ctx.model.deploy.facts.filter(
    (f) =>
      f.kind === fact.kind && f.onDefaultPath && !f.at.repo && PLUGIN_FILE.test(f.at.file) && (f === fact || same(f) || !f.devstackService),
  );
  const fnOf = functionAt(ctx);
  let found: { name: string; value: string } | undefined;
  for (const u of runs) if ((found = switchCandidates(p, fnOf, u, others).next().value)) break;
  const edit = found && switchEdit(p, found.name, found.value);
  if (!found || !edit) return undefined;
  return {
    kind: 'change',
    title: `Make uwsgi devstack's default for ${status.service.name}: ${found.name} defaults to ${found.value}`,
    edits: [edit],
    create: [],
  };
}

/** Whether a step is left out when the switch has this value: its own test, or every call of its function, says no. */
function notTaken(
  p: Plugin,
  fnOf: (at: DeployFact['at']) => string | undefined,
  f: { at: DeployFact['at']; conditions: DeployFact['conditions'] },
  name: string,
  value: string,
  depth = 0,
): boolean {
  const own = branchTakenWhen(f, name, value);
  if (own !== undefined) return !own;
  const fn = fnOf(f.at);
  if (!fn || depth > 3) return false;
  const calls = p.commands.filter((pc) => pc.cmd.name === fn);
  // A function nothing calls runs under no value.
  return calls.every((c) =>
    notTaken(p, fnOf, { at: { file: c.file, span: c.cmd.span }, conditions: c.cmd.conditions }, name, value, depth + 1),
  );
}

function replaceDefault(raw: string, re: RegExp, value: string): string | undefined {
  const quoted = /^"(.*)"$/.exec(raw);
  const body = quoted ? quoted[1] : raw;
  const m = re.exec(body);
  if (!m) return undefined;
  const out = `${m[1]}${value}${m[3]}`;
  return quoted ? `"${out}"` : out;
}

/**
 * For an API a mode switch deploys under mod_wsgi by default, beside a standalone branch: the switch
 * flipped to that branch and its start moved under uwsgi, as one change; mod_wsgi stays behind its switch.
 */
export function planModWsgiToUwsgi(ctx: RuleContext, status: ServiceStatus, exists: (rel: string) => boolean): DeployPlan | undefined {
  if (status.mode !== 'mod_wsgi') return undefined;
  const p = pluginOf(ctx);
  const fnOf = functionAt(ctx);
  const modWsgi = ctx.model.deploy.facts.filter(
    (f) => f.kind === 'mod_wsgi' && f.onDefaultPath && !f.at.repo && PLUGIN_FILE.test(f.at.file),
  );
  const starts = ctx.model.deploy.facts.filter(
    (f) =>
      f.kind === 'standalone' &&
      f.role === 'run' &&
      !f.onDefaultPath &&
      !f.at.repo &&
      f.devstackService !== undefined &&
      status.service.name === (f.serves ?? f.devstackService),
  );
  for (const start of starts) {
    for (const { name, value } of switchCandidates(p, fnOf, start, modWsgi)) {
      const flip = switchEdit(p, name, value);
      if (!flip) continue;
      const plan = planDeployUnderUwsgi(ctx, status, exists, start);
      if (!plan.ok) return plan;
      return {
        ok: true,
        fix: {
          ...plan.fix,
          title: `Deploy ${status.service.name} under uwsgi behind Apache in devstack (${name} defaults to ${value})`,
          edits: [...plan.fix.edits, flip],
        },
      };
    }
  }
  return undefined;
}

/**
 * The mode switches around a branch (variables its tests name that look like one) with a value that
 * takes the branch and leaves out every step in `leftOut`; only values the plugin itself tests the
 * switch against, no made-up mode names.
 */
function* switchCandidates(
  p: Plugin,
  fnOf: (at: DeployFact['at']) => string | undefined,
  branch: DeployFact,
  leftOut: DeployFact[],
): Generator<{ name: string; value: string }> {
  for (const c of branch.conditions) {
    for (const m of c.text.matchAll(/\$\{?([A-Za-z_]\w*)\}?/g)) {
      if (!MODE_VARIABLE.test(m[1])) continue;
      const value = testedValues(p, m[1]).find(
        (v) => branchTakenWhen(branch, m[1], v) === true && leftOut.every((o) => notTaken(p, fnOf, o, m[1], v)),
      );
      if (value) yield { name: m[1], value };
    }
  }
}

/** The facts about one API: by the devstack service names its default-path facts carry, or by what they serve. */
function sameService(status: ServiceStatus): (f: DeployFact) => boolean {
  const names = new Set(status.deployFacts.map((f) => f.devstackService).filter((n): n is string => !!n));
  return (f) => (f.devstackService !== undefined && names.has(f.devstackService)) || f.serves === status.service.name;
}

/** The literals the plugin compares a switch with (`[[ "$X" == "simple" ]]`), True and False for a boolean one. */
function testedValues(p: Plugin, name: string): string[] {
  const out = new Set<string>();
  const walk = (c: Cond): void => {
    if (c.k === 'cmp') {
      const side = [c.left, c.right].map((x) => unquote(x));
      if (varRef(side[0]) === name && !side[1].includes('$')) out.add(side[1]);
      if (varRef(side[1]) === name && !side[0].includes('$')) out.add(side[0]);
    } else if (c.k === 'and' || c.k === 'or') {
      walk(c.a);
      walk(c.b);
    } else if (c.k === 'not') walk(c.c);
  };
  for (const pc of p.commands) for (const c of pc.cmd.conditions) walk(c.test);
  const values = [...out];
  return values.some((v) => boolOf(v) !== undefined) ? ['True', 'False', ...values.filter((v) => boolOf(v) === undefined)] : values;
}

/** The edit that gives a switch a new default, or undefined when its default is not a plain value. */
function switchEdit(p: Plugin, name: string, value: string): FileEdit | undefined {
  const defs = p.assignments.filter((x) => x.a.name === name && !x.a.inFunction && !x.a.conditions.length);
  if (defs.length !== 1) return undefined;
  const { file, a } = defs[0];
  const next =
    replaceDefault(a.value, new RegExp(`^(\\$\\{${name}:?-["']?)([^}$"']*)(["']?\\})$`), value) ??
    replaceDefault(a.value, new RegExp(`^(\\$\\(trueorfalse\\s+)(\\S+)(\\s+\\$?\\{?${name}\\}?\\s*\\))$`), value) ??
    // `X=${X}` (aodh): the variable gets the default it lacked.
    (new RegExp(`^"?\\$\\{?${name}\\}?"?$`).test(a.value) ? `\${${name}:-${value}}` : undefined) ??
    (/^["']?[\w.-]*["']?$/.test(a.value) ? value : undefined);
  if (next === undefined || next === a.value) return undefined;
  return { file, span: a.span, newText: `${name}=${next}` };
}

/** The function a plugin step sits in, heredoc bodies included (no command spans those). */
function functionAt(ctx: RuleContext): (at: DeployFact['at']) => string | undefined {
  return (at) => [...(ctx.model.sources.shell(at.file)?.functions ?? [])].find(([, span]) => contains(span, at.span))?.[0];
}
