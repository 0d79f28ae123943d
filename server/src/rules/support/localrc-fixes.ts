// Quick fixes for localrc settings in Zuul jobs and local.conf: delete the line (uwsgi is
// devstack's default), or set the uwsgi value where the variable has one.
import type { FixSpec, RuleContext } from '../rule';
import type { LocalrcUse } from './localrc';

function uwsgiValue(name: string, value: string): string | undefined {
  if (/^([A-Z0-9_]+_)?WSGI_MODE$/.test(name)) return 'uwsgi';
  if (/_USE_UWSGI$/.test(name)) return /^[a-z]/.test(value) ? 'true' : 'True';
  return undefined;
}

export function localrcFixes(ctx: RuleContext, u: LocalrcUse): FixSpec[] {
  const lines = (ctx.model.sources.text(u.file) ?? '').split('\n');
  const { start, end } = u.span;
  const last = end.line + 1 < lines.length;
  const whole = {
    start: { line: start.line, character: 0 },
    end: last ? { line: end.line + 1, character: 0 } : { line: end.line, character: lines[end.line]?.length ?? end.character },
  };
  const fixes: FixSpec[] = [
    {
      kind: 'edit',
      title: `Remove ${u.name} (devstack deploys APIs under uwsgi by default)`,
      file: u.file,
      edits: [{ span: whole, newText: '' }],
    },
  ];
  const set = uwsgiValue(u.name, u.value);
  if (set && start.line === end.line) {
    const line = lines[start.line] ?? '';
    const indent = line.slice(0, line.length - line.trimStart().length);
    const newText = u.source === 'zuul' ? `${indent}${u.name}: ${set}` : `${indent}${u.name}=${set}`;
    fixes.push({
      kind: 'edit',
      title: `Set ${u.name} to ${set}`,
      file: u.file,
      edits: [
        {
          span: { start: { line: start.line, character: 0 }, end: { line: start.line, character: line.replace(/\r$/, '').length } },
          newText,
        },
      ],
    });
  }
  return fixes;
}
