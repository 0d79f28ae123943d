import { Finding, Rule, MODULE_PATHS } from './rule';
import { planWsgiEntry } from '../scaffold/wsgi-entry';
import { matchKey } from '../model/names';
import { serverModuleFor, serviceFor, wsgiScripts } from './wsgi5xx-shared';
import { planModulePathMigration } from './support/module-path-migration';

export const rule: Rule = {
  code: 'WSGI102',
  title: 'pbr wsgi_scripts still declared',
  goals: [MODULE_PATHS],
  severity: 'warning',
  docs: `A \`wsgi_scripts\` entry point is declared in setup.cfg (\`[entry_points] wsgi_scripts =\`) or pyproject.toml
(\`[project.entry-points.wsgi_scripts]\`). pbr turns each entry into a \`bin/<name>\` script only through setuptools'
easy_install script writer, which PEP 660 editable installs (what devstack's \`pip install -e\` does) and setuptools ≥ 80
no longer run: the script devstack or a deployer points uwsgi at (\`wsgi-file = /usr/local/bin/<name>\`) is simply not
there. The 2025.2 community goal *migrate-from-wsgi-scripts-to-module-paths* (Gerrit topic \`remove-wsgi_scripts\`) asks
every service to ship \`<pkg>.wsgi.<server>\` modules with a module-level \`application\` and to drop \`wsgi_scripts\`
(immediately, or after one cycle of deprecation).

The message names the module path to use instead when the repo already has one (\`module = <pkg>.wsgi.api:application\`
for uwsgi, \`<pkg>.wsgi.api:application\` for gunicorn), or says which module to create.

**Fix:** make sure the \`<pkg>.wsgi.<server>\` module exists (the quick fix "Scaffold WSGI entry point for <service>",
offered when it does not, builds it from the \`wsgi_scripts\` factory), switch devstack and sample uwsgi configs to the
module path, then delete the \`wsgi_scripts\` key and add a reno note: \`upgrade:\` when removing the scripts,
\`deprecations:\` when keeping them one more cycle, naming the module path that replaces each script. The quick fix
"Replace wsgi_scripts <script> with <module path>" does the first three as one change: it creates the module (calling the
script's target once, as pbr's script did) when there is none, removes the entry (and the key or table it leaves empty),
and in the plugin loads the module path where \`write_uwsgi_config\` loaded the script, naming the service so the socket,
the Apache site and \`remove_uwsgi_config\` agree; not offered against a devstack checkout that still takes a script path.`,
  check(ctx) {
    const { entries, emptyKeys } = wsgiScripts(ctx);
    const modules = ctx.model.entryPoints.filter((e) => e.kind === 'module');
    const goal =
      'the 2025.2 goal migrate-from-wsgi-scripts-to-module-paths (topic remove-wsgi_scripts) asks to drop pbr wsgi_scripts, ' +
      'which PEP 660 editable installs and setuptools ≥ 80 no longer turn into scripts';
    const out: Finding[] = emptyKeys.map((at) => ({
      at,
      summary: 'Empty wsgi_scripts key: delete it (the 2025.2 goal drops wsgi_scripts)',
      message: `Empty wsgi_scripts key: ${goal}; delete it.`,
    }));
    for (const e of entries) {
      const target = `${e.module}${e.attr ? ':' + e.attr : ''}`;
      const key = matchKey(e.name, ctx.model.name);
      const same = modules.filter((m) => matchKey(m.name, ctx.model.name) === key);
      const use = same.length ? same : modules;
      const head = `wsgi_scripts entry ${e.name} (${target}) is still declared: ${goal}.`;
      if (use.length) {
        const paths = use.map((m) => m.target).join(' or ');
        const which = same.length || use.length === 1 ? '' : ' (whichever serves this script)';
        const service = serviceFor(ctx, e.name);
        const migrate = !which && service ? planModulePathMigration(ctx, e, service, use[0].target) : undefined;
        out.push({
          at: { file: e.file, span: e.span },
          ...(migrate ? { fixes: [migrate] } : {}),
          summary: `wsgi_scripts ${e.name} is still declared: use ${paths}${which}, then delete it`,
          message: `${head} Point uwsgi (module = ${paths}) and gunicorn at ${paths}${which} instead, then delete this entry.`,
        });
        continue;
      }
      const service = serviceFor(ctx, e.name);
      const create = serverModuleFor(ctx, service ?? e.name);
      // Name the factory only when it is one (WSGI103 reports targets that are not).
      const factory = ctx.model.factories.find((f) => f.module === e.module && f.func === e.attr);
      const build = factory ? `by calling ${factory.func}() from ${factory.module} once` : `once by the project's app factory`;
      const message =
        `${head} Create ${create} with a module-level application built ${build}, ` +
        `use ${create}:application in uwsgi and gunicorn, then delete this entry.`;
      const plan = service ? planWsgiEntry(ctx.model, service, undefined, ctx.model.sources.exists) : undefined;
      const migrate = service ? planModulePathMigration(ctx, e, service) : undefined;
      const summary = `wsgi_scripts ${e.name} is still declared: create ${create}:application, then delete it`;
      out.push(
        (plan?.ok || migrate) && service
          ? {
              at: { file: e.file, span: e.span },
              summary,
              message,
              fixes: [
                ...(migrate ? [migrate] : []),
                ...(plan?.ok ? [{ kind: 'scaffoldWsgiEntry' as const, service, title: `Scaffold WSGI entry point for ${service}` }] : []),
              ],
            }
          : { at: { file: e.file, span: e.span }, summary, message },
      );
    }
    return out;
  },
};
