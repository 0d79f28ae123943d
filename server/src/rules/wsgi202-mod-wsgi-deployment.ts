import * as path from 'path';
import { Finding, FixSpec, Rule, DEPLOY } from './rule';
import type { ServiceStatus } from '../goal/services';
import { branchNote, severityOf } from './support/deploy-facts';
import { planModWsgiToUwsgi, planSwitchToUwsgi } from './support/deploy-under-uwsgi';
import { MOD_WSGI_DIRECTIVE } from '../model/devstack';
import { PLUGIN_FILE } from '../model/repo-files';

const WHY = 'the goal runs APIs under uwsgi with Apache only as a proxy (mod_wsgi was rejected in 2017; devstack removed it in 2024)';

export const rule: Rule = {
  code: 'WSGI202',
  title: 'devstack deploys an API with Apache mod_wsgi',
  goals: [DEPLOY],
  severity: 'error',
  docs: `The repo's devstack plugin installs Apache mod_wsgi (\`install_apache_wsgi\`) or ships an Apache site that hosts the
API inside Apache: a \`devstack/files/*.template\` or a heredoc with \`WSGIDaemonProcess\`, \`WSGIScriptAlias\`,
\`WSGIProcessGroup\` or \`SetHandler wsgi-script\`. The goal changed its target from mod_wsgi to uwsgi in 2017
(governance 5bf04684): with mod_wsgi the API logs elsewhere, is started and stopped differently from the other services,
and every Apache restart restarts all APIs. Devstack made \`WSGI_MODE=mod_wsgi\` fatal in 2024, so this code path is dead
or breaks the job.

Severity follows devstack's default path: an **error** where the default path deploys the API under mod_wsgi;
**information** for a branch the defaults do not take (\`if [[ "$DESIGNATE_WSGI_MODE" == "mod_wsgi" ]]\`) and for a
template only such a branch installs, with the branch named in the message.

**Fix:** delete the template and the mod_wsgi branch; configure the API with
\`write_uwsgi_config "$<SVC>_UWSGI_CONF" "<pkg>.wsgi.api:application" "/<path>" "" "<svc>-api"\` (uwsgi behind Apache's
mod_proxy_uwsgi through a unix socket) and start it with \`run_process <svc>-api "$(which uwsgi) --procname-prefix <svc>-api --ini $<SVC>_UWSGI_CONF"\`. Where a mode switch
defaults to mod_wsgi and the plugin already has its uwsgi branch, the quick fix flips the switch's default to that branch.`,
  check(ctx) {
    const { model, statuses } = ctx;
    const has = new Set(model.files);
    const rewrites = new Map<ServiceStatus, FixSpec | undefined>();
    const rewrite = (st: ServiceStatus) => {
      if (!rewrites.has(st)) {
        const plan = planModWsgiToUwsgi(ctx, st, (rel) => has.has(rel));
        rewrites.set(st, plan?.ok ? plan.fix : undefined);
      }
      return rewrites.get(st);
    };
    const out: Finding[] = [];
    // Without a site that hosts an app in Apache, mod_wsgi is installed for nothing (ironic serves boot images from Apache).
    const hosts = model.deploy.facts.some((f) => f.kind === 'mod_wsgi' && MOD_WSGI_DIRECTIVE.test(f.text));
    for (const fact of model.deploy.facts) {
      // Enabling the site is evidence of the mode; the template or the install call is what to change.
      if (fact.kind !== 'mod_wsgi' || fact.role !== 'config' || fact.at.repo) continue;
      const severity = severityOf(statuses, fact);
      const directive = MOD_WSGI_DIRECTIVE.exec(fact.text)?.[0];
      const where = fact.at.file;
      const message = !directive
        ? hosts
          ? `install_apache_wsgi installs Apache mod_wsgi to host the API${branchNote(fact)}: ${WHY}; use write_uwsgi_config instead.`
          : `install_apache_wsgi installs Apache mod_wsgi, which no Apache site of the plugin uses${branchNote(fact)}: ${WHY}; remove the call (stack.sh installs the uwsgi proxy module itself).`
        : PLUGIN_FILE.test(where)
          ? `${where} writes an Apache mod_wsgi site (${directive}) for the API${branchNote(fact)}: ${WHY}; call write_uwsgi_config instead.`
          : `${where} configures Apache mod_wsgi (${directive}) to host the API${branchNote(fact)}: ${WHY}; remove the template and call write_uwsgi_config.`;
      const off = branchNote(fact) ? ' (off the default path)' : '';
      const summary = !directive
        ? hosts
          ? `install_apache_wsgi installs Apache mod_wsgi for the API${off}: use write_uwsgi_config instead`
          : `install_apache_wsgi installs a mod_wsgi no site uses${off}: remove the call`
        : `${path.posix.basename(where)} hosts the API in Apache mod_wsgi${off}: use write_uwsgi_config`;
      const status = statuses.find((s) => s.deployFacts.includes(fact));
      // The switch's own uwsgi branch first; else its standalone branch, moved under uwsgi.
      const flip = status && (planSwitchToUwsgi(ctx, status, fact) ?? rewrite(status));
      out.push({ at: fact.at, ...(severity ? { severity } : {}), summary, message, ...(flip ? { fixes: [flip] } : {}) });
    }
    return out;
  },
};
