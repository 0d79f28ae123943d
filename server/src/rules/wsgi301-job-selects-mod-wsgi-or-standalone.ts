import { Finding, Rule, DEPLOY } from './rule';
import { judge, localrcUses } from './support/localrc';
import { localrcFixes } from './support/localrc-fixes';

export const rule: Rule = {
  code: 'WSGI301',
  title: 'Zuul job or local.conf selects mod_wsgi or a standalone API',
  goals: [DEPLOY],
  severity: 'warning',
  docs: `A Zuul job's \`vars.devstack_localrc\` (also \`group-vars.<group>.devstack_localrc\`, \`grenade_devstack_localrc.shared|old|new\`
and job variants in project pipelines), or the \`[[local|localrc]]\` section of a \`devstack/local.conf*\` file, sets a
variable that moves an API off uwsgi:

- \`WSGI_MODE: mod_wsgi\` (or any value but \`uwsgi\`): devstack has refused it since 2024, stack.sh dies;
- \`<X>_WSGI_MODE: mod_wsgi\` / \`<X>_USE_WSGI_MODE: mod_wsgi\`: a plugin's Apache mod_wsgi mode;
- \`NOVA_USE_MOD_WSGI\`, \`CINDER_USE_MOD_WSGI\`, \`NEUTRON_DEPLOY_MOD_WSGI\` false, \`GLANCE_STANDALONE\` true: the eventlet
  server on devstack branches that still read these (the names are legacy: true meant uwsgi);
- \`<X>_USE_UWSGI\` false: a plugin's standalone mode (\`ZUN_USE_UWSGI\`, \`CYBORG_USE_UWSGI\`);
- \`<X>_USE_MOD_WSGI: False\` when the repo's own devstack plugin starts the API standalone in that case (watcher 2018).

Such a job does not exercise what the goal's second criterion asks for: the API under uwsgi with Apache as front-end proxy.
It is a **warning** naming the job: the repo's default devstack path decides the verdict, a job that overrides it
does not test what the goal asks. One case is an **error**: \`WSGI_MODE\` set to anything but uwsgi in a local.conf
(a devstack checkout's own \`local.conf\` too) judged against a devstack that refuses it — since 2024-10 stackrc stops
stack.sh with "… is no longer a supported WSGI mode". Against an older devstack it is the goal's anti-pattern, a warning.

**Fix:** delete the line (uwsgi is devstack's default and only mode), or set the plugin's uwsgi value
(\`ZUN_USE_UWSGI: true\`).`,
  check(ctx) {
    const out: Finding[] = [];
    for (const u of localrcUses(ctx).uses) {
      const v = judge(ctx, u.name, u.value);
      if (v?.rule !== 'WSGI301') continue;
      const guard = ctx.model.onlyUwsgi;
      if (u.source === 'local.conf' && u.name === 'WSGI_MODE' && guard) {
        // The default path itself fails: the devstack this local.conf belongs to stops stack.sh.
        const where = `${guard.repo ? 'devstack ' : ''}${guard.file}:${guard.span.start.line + 1}`;
        out.push({
          at: { file: u.file, span: u.span },
          severity: 'error',
          summary: `${u.shown} stops stack.sh: this devstack accepts only WSGI_MODE=uwsgi; delete the line`,
          message: `${u.shown} stops stack.sh: this devstack accepts only WSGI_MODE=uwsgi (${where}, "is no longer a supported WSGI mode"); delete the line.`,
          fixes: localrcFixes(ctx, u),
        });
        continue;
      }
      out.push({
        at: { file: u.file, span: u.span },
        summary: `${u.shown} keeps the API off uwsgi behind Apache: delete the line or set the uwsgi value`,
        message: `${u.who} ${u.plural ? 'set' : 'sets'} ${u.shown}, which ${v.why}: ${u.source === 'zuul' ? 'the job does not deploy' : 'a devstack built from it does not deploy'} the API the way the deploy-api-in-wsgi goal asks (uwsgi behind Apache); delete the line or set the uwsgi value.`,
        fixes: localrcFixes(ctx, u),
      });
    }
    return out;
  },
};
