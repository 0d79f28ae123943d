// The successor goal's fix for one wsgi_scripts entry: the `<pkg>.wsgi.<server>` module built from
// the script's factory, the entry removed from the packaging, and devstack switched from the
// installed script to the module path, as one reviewable change.
import type { DeclaredEntryPoint } from '../../model/types';
import { planWsgiEntry } from '../../scaffold/wsgi-entry';
import { splitLines, type Span } from '../../util/range';
import type { FileEdit, FixSpec, RuleContext } from '../rule';
import { expand, pluginOf, uwsgiWrites, valuesOf, varRef, wordText } from './plugin';

type Change = Extract<FixSpec, { kind: 'change' }>;

/**
 * Undefined where the change cannot be whole: no module can be built, or devstack's checkout still
 * takes a script path, or the plugin reaches the script through text the fix cannot rewrite.
 */
export function planModulePathMigration(
  ctx: RuleContext,
  entry: DeclaredEntryPoint,
  service: string,
  modulePath?: string,
): Change | undefined {
  const { model } = ctx;
  // An entry inside setup.py's Python literals is no line to delete.
  if (entry.file === 'setup.py') return undefined;
  const create: { rel: string; content: string }[] = [];
  let target = modulePath;
  if (!target) {
    // pbr's script called the target with no arguments: the module does the same.
    const plan = planWsgiEntry(model, service, entry.attr ? `${entry.module}:${entry.attr}` : undefined, model.sources.exists);
    if (!plan.ok) return undefined;
    create.push(...plan.files);
    target = `${model.pkg}.wsgi.${plan.module}:application`;
  }
  const edits: FileEdit[] = [...removeEntry(ctx, entry)];

  // devstack: every write_uwsgi_config that loads this script now loads the module, under a name.
  const p = pluginOf(ctx);
  const script = entry.name;
  const endsWithScript = (v: string) => v === script || v.endsWith('/' + script);
  for (const w of uwsgiWrites(p)) {
    if (!w.wsgi) continue;
    const fn = w.pc.cmd.inFunction;
    const raw = wordText(w.wsgi);
    if (!expand(p, raw, fn).some(endsWithScript)) continue;
    if (model.uwsgiConfigForm !== 'module') return undefined;
    const v = varRef(raw);
    if (v) {
      const at = p.assignments.filter(
        (x) => x.a.name === v && (valuesOf({ ...p, assignments: [x] }, v, x.a.inFunction) ?? []).some(endsWithScript),
      );
      if (!at.length) return undefined;
      for (const x of at) edits.push({ file: x.file, span: x.a.span, newText: `${v}=${target}` });
    } else edits.push({ file: w.pc.file, span: w.wsgi.span, newText: `"${target}"` });
    // The socket and the Apache site were named after the script; the module path names nothing.
    let name = wordText(w.name);
    if (!name) {
      name = service;
      const last = w.pc.cmd.args[w.pc.cmd.args.length - 1];
      const pad =
        w.pc.cmd.args.length <= 3
          ? ` "" "${name}"`
          : w.pc.cmd.args.length === 4 && w.pc.cmd.name === 'write_uwsgi_config'
            ? ` "${name}"`
            : undefined;
      if (!pad) return undefined;
      edits.push({ file: w.pc.file, span: { start: last.span.end, end: last.span.end }, newText: pad });
    }
    for (const r of p.commands) {
      if (r.cmd.name !== 'remove_uwsgi_config' || r.cmd.args.length < 2) continue;
      if (wordText(r.cmd.args[0]) !== wordText(w.pc.cmd.args[0])) continue;
      const second = wordText(r.cmd.args[1]);
      if (expand(p, second, r.cmd.inFunction).some(endsWithScript) || (v && varRef(second) === v))
        edits.push({ file: r.file, span: r.cmd.args[1].span, newText: `"${name}"` });
    }
  }
  const parts = [create.length ? 'module' : '', entry.file, edits.some((e) => e.file.startsWith('devstack/')) ? 'devstack' : ''].filter(
    Boolean,
  );
  return { kind: 'change', title: `Replace wsgi_scripts ${script} with ${target} (${parts.join(', ')})`, edits, create };
}

/** The entry's line, and the group's key (or TOML table) with it when it was the group's only entry. */
function removeEntry(ctx: RuleContext, entry: DeclaredEntryPoint): FileEdit[] {
  const siblings = ctx.model.declared.filter((d) => d.group === entry.group && d.file === entry.file);
  const text = ctx.model.sources.text(entry.file) ?? '';
  const lines = splitLines(text);
  const whole = (from: number, to: number): Span => ({ start: { line: from, character: 0 }, end: { line: to + 1, character: 0 } });
  if (siblings.length > 1) return [{ file: entry.file, span: whole(entry.span.start.line, entry.span.end.line), newText: '' }];
  let from = Math.min(entry.groupSpan.start.line, entry.span.start.line);
  const to = Math.max(entry.groupSpan.end.line, entry.span.end.line);
  // The blank line that set the group apart goes with it.
  if (from > 0 && (lines[from - 1] ?? '').trim() === '' && (lines[to + 1] ?? '').trim() === '') from--;
  return [{ file: entry.file, span: whole(from, to), newText: '' }];
}
