import * as path from 'path';
import { Finding, Rule, MODULE_PATHS } from './rule';
import { planWsgiEntry } from '../scaffold/wsgi-entry';
import { firstLine, serverModuleFor, TEST_DIR } from './wsgi5xx-shared';

export const rule: Rule = {
  code: 'WSGI105',
  title: 'Legacy .wsgi file inside the package',
  goals: [MODULE_PATHS],
  severity: 'information',
  docs: `A hand-written \`.wsgi\` file (a Python file with a \`.wsgi\` suffix that sets \`application\` at import) sits inside the
Python package, e.g. watcher's \`watcher/api/app.wsgi\` or zun's former \`zun/api/app.wsgi\`. These were written for
Apache mod_wsgi (\`WSGIScriptAlias\`) and uwsgi's \`wsgi-file =\`. A \`.wsgi\` file cannot be imported by module path, so
uwsgi's \`module =\` (what devstack writes for \`pkg.mod:application\`) and gunicorn cannot use it, and the 2025.2 goal
*migrate-from-wsgi-scripts-to-module-paths* asks for importable \`<pkg>.wsgi.<server>\` modules instead.

**Fix:** move the file's code to \`<pkg>/wsgi/<server>.py\` (zun renamed \`zun/api/app.wsgi\` to \`zun/wsgi/api.py\`), keeping the
module-level \`application\`; point devstack and sample configs at \`<pkg>.wsgi.<server>:application\`; deprecate the
\`.wsgi\` file with a reno note and delete it a cycle later. When the service has no \`<pkg>.wsgi\` module yet, the quick
fix "Scaffold WSGI entry point for <service>" creates one.`,
  check(ctx) {
    const out: Finding[] = [];
    const modules = ctx.model.entryPoints.filter((e) => e.kind === 'module');
    for (const rel of ctx.model.files) {
      if (!rel.endsWith('.wsgi') || TEST_DIR.test(rel)) continue;
      // Only files inside the Python package: httpd/ or etc/ samples are deployment files, not package code.
      const dir = path.posix.dirname(rel);
      if (dir === '.' || !(ctx.model.sources.exists(`${dir}/__init__.py`) || rel.startsWith(ctx.model.pkg.replace(/\./g, '/') + '/')))
        continue;
      const app = ctx.model.sources.python(rel)?.assigned.get('application');
      const at = { file: rel, span: app ?? firstLine(ctx, rel) };
      // The service the file serves: the goal status that counts it, else the repo's only API service.
      const status =
        ctx.statuses.find((s) => s.entryPoints.some((e) => e.at.file === rel)) ?? (ctx.statuses.length === 1 ? ctx.statuses[0] : undefined);
      const service = status?.service.name;
      const replacement = (status?.entryPoints ?? modules).filter((e) => e.kind === 'module').map((e) => e.target);
      const head =
        `${rel} is a legacy mod_wsgi-style .wsgi file: uwsgi's module = and gunicorn import modules by path and cannot load it, ` +
        'and the 2025.2 goal migrate-from-wsgi-scripts-to-module-paths asks for <pkg>.wsgi.<server> modules.';
      if (replacement.length) {
        out.push({
          at,
          summary: `${rel} is a legacy .wsgi file that ${replacement.join(' and ')} replaces: deprecate and delete it`,
          message: `${head} ${replacement.join(' and ')} already serves${service ? ' ' + service : ''}: deprecate ${rel} with a reno note, then delete it.`,
        });
        continue;
      }
      const create = serverModuleFor(ctx, service ?? path.posix.basename(rel, '.wsgi'));
      const message =
        `${head} Move its code to ${create.replace(/\./g, '/')}.py (zun renamed zun/api/app.wsgi to zun/wsgi/api.py), ` +
        `use ${create}:application in devstack and uwsgi configs, and deprecate ${rel}.`;
      const plan = service ? planWsgiEntry(ctx.model, service, undefined, ctx.model.sources.exists) : undefined;
      const summary = `${rel} is a legacy .wsgi file: move its code to ${create}:application`;
      out.push(
        plan?.ok && service
          ? { at, summary, message, fixes: [{ kind: 'scaffoldWsgiEntry', service, title: `Scaffold WSGI entry point for ${service}` }] }
          : { at, summary, message },
      );
    }
    return out;
  },
};
