// A reno release note for the goal's change: `releasenotes/notes/<slug>-<16 hex>.yaml`, as
// `reno new <slug>` names it, with `features` (the module paths any WSGI server can load) and
// `upgrade` where the deployment changes (devstack runs the APIs under uwsgi; wsgi_scripts go).
import { DEFAULT_GOAL, type RepoReport } from '../protocol';
import type { PlannedFile } from './wsgi-entry';

export function planReleaseNote(
  repo: RepoReport,
  goal: string,
  hex: string,
): { ok: true; files: PlannedFile[] } | { ok: false; message: string } {
  if (!/^[0-9a-f]{16}$/.test(hex)) throw new Error(`release note id must be 16 hex digits, not ${hex}`);
  const services = [...new Set(repo.apiServices.map((s) => s.name))];
  if (!services.length)
    return { ok: false, message: `${repo.name} has no API service: the goal does not apply to it, so there is nothing to note` };
  const modules = [...new Set(repo.apiServices.flatMap((s) => s.entryPoints.filter((e) => e.kind === 'module').map((e) => e.target)))];
  if (!modules.length)
    return { ok: false, message: `${repo.name} has no WSGI module yet: run "Scaffold WSGI Entry Point…" first, then add the note` };
  const paths = modules.map((m) => `\`\`${m}\`\``).join(', ');
  const names = services.join(', ');
  const sections: string[] = [];
  if (goal === DEFAULT_GOAL) {
    sections.push(
      block(
        'features',
        `The API service${services.length > 1 ? 's' : ''} (${names}) can be hosted by any WSGI server from ${paths}, for example uwsgi with \`\`module = ${modules[0]}\`\` or gunicorn.`,
      ),
    );
    if (repo.criteria.devstackUwsgi.met === true)
      sections.push(
        block(
          'upgrade',
          `DevStack now runs ${names} under uwsgi with Apache as the front-end proxy, instead of a standalone server or mod_wsgi.`,
        ),
      );
  } else {
    const scripts = [
      ...new Set(repo.apiServices.flatMap((s) => s.entryPoints.filter((e) => e.kind === 'pbr-wsgi_scripts').map((e) => e.target))),
    ];
    sections.push(block('features', `WSGI servers load ${names} from ${paths}.`));
    sections.push(
      block(
        'upgrade',
        scripts.length
          ? `The pbr \`\`wsgi_scripts\`\` (${scripts.join(', ')}) are no longer installed: point WSGI servers at ${paths} instead.`
          : `Deployments should load the application from ${paths} rather than from an installed WSGI script.`,
      ),
    );
  }
  const slug = goal === DEFAULT_GOAL ? 'deploy-api-in-wsgi' : 'remove-wsgi-scripts';
  return { ok: true, files: [{ rel: `releasenotes/notes/${slug}-${hex}.yaml`, content: `---\n${sections.join('')}` }] };
}

/** A reno section with one item, as a literal block wrapped at 72 columns. */
function block(section: string, text: string): string {
  const lines: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    if (cur && cur.length + 1 + w.length > 72) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  lines.push(cur);
  return `${section}:\n  - |\n${lines.map((l) => `    ${l}`).join('\n')}\n`;
}
