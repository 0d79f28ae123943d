import { span, splitLines } from '../util/range';
import { Finding, Rule } from './rule';
import { branchNote, pluginOf } from './support/plugin';

const DIRECTIVE = /\b(WSGIDaemonProcess|WSGIScriptAlias|WSGIProcessGroup)\b|\bSetHandler\s+wsgi-script\b/g;
const TEMPLATE = /^devstack\/files\/([^/]+\.template|apache[^/]*)$/;
const WHY =
  'the deploy-api-in-wsgi goal runs APIs under uwsgi with Apache only as a proxy (it rejected mod_wsgi in 2017, and devstack removed its mod_wsgi support in 2024)';

export const rule: Rule = {
  code: 'WSGI202',
  title: 'devstack deploys an API with Apache mod_wsgi',
  severity: 'error',
  docs: `The repo's devstack plugin installs Apache mod_wsgi (\`install_apache_wsgi\`) or ships an Apache site that hosts the
API inside Apache: a \`devstack/files/*.template\` or a heredoc with \`WSGIDaemonProcess\`, \`WSGIScriptAlias\`,
\`WSGIProcessGroup\` or \`SetHandler wsgi-script\`. The goal changed its target from mod_wsgi to uwsgi in 2017
(governance 5bf04684): with mod_wsgi the API logs elsewhere, is started and stopped differently from the other services,
and every Apache restart restarts all APIs. Devstack made \`WSGI_MODE=mod_wsgi\` fatal in 2024, so this code path is dead
or breaks the job. Branches selected by a mode variable (\`if [[ "$DESIGNATE_WSGI_MODE" == "mod_wsgi" ]]\`) are reported
too, naming the branch.

**Fix:** delete the template and the mod_wsgi branch; configure the API with
\`write_uwsgi_config "$<SVC>_UWSGI_CONF" "<pkg>.wsgi.api:application" "/<path>" "" "<svc>-api"\` (uwsgi behind Apache's
mod_proxy_uwsgi through a unix socket) and start it with \`run_process <svc>-api "$(which uwsgi) --procname-prefix <svc>-api --ini $<SVC>_UWSGI_CONF"\`.`,
  check(ctx) {
    const p = pluginOf(ctx);
    const out: Finding[] = [];
    for (const pc of p.commands) {
      if (pc.cmd.name !== 'install_apache_wsgi') continue;
      const where = pc.cmd.inFunction ? ` in ${pc.cmd.inFunction}` : '';
      out.push({
        at: { file: pc.file, span: pc.cmd.span },
        message: `install_apache_wsgi${where} installs Apache mod_wsgi to host the API${branchNote(pc.cmd)}: ${WHY}; use write_uwsgi_config instead.`,
      });
    }
    for (const file of ctx.model.files.filter((f) => TEMPLATE.test(f))) {
      const text = ctx.text(file);
      if (text === undefined) continue;
      const lines = splitLines(text);
      const hits = directives(lines, 0, lines.length);
      if (hits.length) {
        out.push({
          at: { file, span: hits[0].span },
          message: `${file} configures Apache mod_wsgi (${names(hits)}) to host the API: ${WHY}; remove the template and call write_uwsgi_config.`,
        });
      }
    }
    for (const file of p.files) {
      const text = ctx.text(file);
      if (text === undefined) continue;
      const lines = splitLines(text);
      for (const block of blocks(lines)) {
        const hits = directives(lines, block.from, block.to);
        if (!hits.length) continue;
        if (block.heredoc) {
          out.push({
            at: { file, span: hits[0].span },
            message: `a heredoc in ${file} writes an Apache mod_wsgi site (${names(hits)}) for the API: ${WHY}; call write_uwsgi_config instead.`,
          });
        } else {
          for (const h of hits)
            out.push({
              at: { file, span: h.span },
              message: `${file} writes the Apache mod_wsgi directive ${h.name} for the API: ${WHY}; call write_uwsgi_config instead.`,
            });
        }
      }
    }
    return out;
  },
};

interface Hit {
  name: string;
  span: ReturnType<typeof span>;
}

function directives(lines: string[], from: number, to: number): Hit[] {
  const hits: Hit[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (/^\s*#/.test(line)) continue;
    for (const m of line.matchAll(DIRECTIVE)) {
      hits.push({ name: m[1] ?? 'SetHandler wsgi-script', span: span(i, m.index!, m.index! + m[0].length) });
    }
  }
  return hits;
}

function names(hits: Hit[]): string {
  return [...new Set(hits.map((h) => h.name))].join(', ');
}

/** Splits a shell file into heredoc bodies and the code between them (line ranges, end exclusive). */
function blocks(lines: string[]): { from: number; to: number; heredoc: boolean }[] {
  const out: { from: number; to: number; heredoc: boolean }[] = [];
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(lines[i].replace(/<<</g, ''));
    if (!m || /^\s*#/.test(lines[i])) continue;
    out.push({ from: start, to: i + 1, heredoc: false });
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== m[2]) end++;
    out.push({ from: i + 1, to: end, heredoc: true });
    start = end + 1;
    i = end;
  }
  out.push({ from: start, to: lines.length, heredoc: false });
  return out;
}
