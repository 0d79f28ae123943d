import { Rule, DEPLOY, MODULE_PATHS } from './rule';
import { planWsgiEntry } from '../scaffold/wsgi-entry';

export const rule: Rule = {
  code: 'WSGI101',
  title: 'API service without a WSGI entry point',
  goals: [DEPLOY, MODULE_PATHS],
  severity: 'error',
  docs: `An API console script (\`*-api\`, \`*-api-*\`, or a \`*-server\` in a \`cmd\` module) is declared in setup.cfg or
pyproject.toml, but no WSGI entry point serves it: no \`<pkg>/wsgi/<server>.py\` module with a module-level \`application\`,
no pbr \`wsgi_scripts\` entry and no \`.wsgi\` file. The deploy-api-in-wsgi goal's first criterion asks for a WSGI application
that any WSGI server (uwsgi, gunicorn, mod_wsgi) can host, so that devstack can run the API under uwsgi behind Apache
instead of the eventlet server the console script starts.

**Fix:** the quick fix "Scaffold WSGI entry point for <service>" creates \`<pkg>/wsgi/__init__.py\` (when missing) and
\`<pkg>/wsgi/<server>.py\` (named after the service: \`designate-api\` → \`api.py\`, \`nova-api-metadata\` → \`metadata.py\`),
whose module-level \`application\` is built once from what the repo has: its app factory (a zero-argument
\`init_application()\`-style function in a wsgi module, or the \`wsgi_scripts\` target) or else its paste pipeline
(\`etc/<project>/api-paste.ini\`), reading config files from \`OS_<PROJECT>_CONFIG_DIR\` / \`OS_<PROJECT>_CONFIG_FILES\`.
When the repo has neither, no quick fix is offered; run **WSGI Goal: Scaffold WSGI Entry Point…** and name the factory as
\`module:function\`.`,
  check(ctx) {
    return ctx.statuses
      .filter((s) => !s.entryPoints.length)
      .map((s) => {
        const name = s.service.name;
        const plan = planWsgiEntry(ctx.model, name, undefined, ctx.model.sources.exists);
        const why =
          `${name} has no WSGI entry point: the deploy-api-in-wsgi goal needs a module-level WSGI application ` +
          `(e.g. ${ctx.model.pkg}.wsgi.${plan.module}:application) that uwsgi or any WSGI server can host, instead of the eventlet server ${name} starts.`;
        const summary = `${name} has no WSGI entry point: add ${ctx.model.pkg}.wsgi.${plan.module}:application for uwsgi`;
        if (!plan.ok) return { at: s.service.source, summary, message: `${why} ${plan.reason}` };
        return {
          at: s.service.source,
          summary,
          message: why,
          fixes: [{ kind: 'scaffoldWsgiEntry', service: name, title: `Scaffold WSGI entry point for ${name}` }],
        };
      });
  },
};
