import { Finding, Rule, DEPLOY } from './rule';
import { branchNote, iniFor, severityOf } from './support/deploy-facts';
import { planDeployUnderUwsgi, planSwitchToUwsgi, standaloneStart } from './support/deploy-under-uwsgi';

export const rule: Rule = {
  code: 'WSGI201',
  title: 'devstack starts an API service standalone',
  goals: [DEPLOY],
  severity: 'error',
  docs: `The repo's devstack plugin starts an API service with \`run_process\` (or the pre-systemd \`screen_it\`) running the
project's own server, e.g. \`run_process zun-api "$ZUN_BIN_DIR/zun-api"\`, instead of uwsgi. That is the eventlet (or
wsgiref) server the deploy-api-in-wsgi goal replaces: its second criterion asks devstack jobs to run every control-plane API
under uwsgi with Apache as the front-end proxy. A process counts as an API when it is one of the repo's API services, or
when it is the project's own \`*-api\`/\`*-server\` binary; workers (engine, conductor, executor, scheduler, agent, a
websocket or KMIP server, \`mistral-server --server engine\`) and another project's server (a neutron plugin starting
\`neutron-server\`) never are. A systemd unit the plugin ships for the API (\`devstack/files/<svc>.service\` whose
\`ExecStart\` runs the API binary) counts the same way.

Severity follows devstack's default path: an **error** where the default path starts the API this way; **information**
for a fallback branch the defaults do not take (\`if [[ "$ZUN_USE_UWSGI" == "True" ]] … else run_process zun-api …\`),
with the branch named in the message. The goal removes the standalone mode, but a repo that runs uwsgi by default meets it.

**Fix:** in the configure phase call \`write_uwsgi_config "$<SVC>_UWSGI_CONF" "$<SVC>_UWSGI" "/<path>" "" "<svc>-api"\` with
\`<SVC>_UWSGI=<pkg>.wsgi.api:application\`, start the API with
\`run_process <svc>-api "$(which uwsgi) --procname-prefix <svc>-api --ini $<SVC>_UWSGI_CONF"\`, and point the catalog
endpoint and \`wait_for_service\` at \`$<SVC>_SERVICE_PROTOCOL://$<SVC>_SERVICE_HOST/<path>\`. Non-API processes
(conductor, scheduler, engine) keep their plain \`run_process\`. The quick fix "Deploy <service> under uwsgi behind Apache in
devstack" makes all of these changes in one edit (with the entry module when the repo has none yet), in the form the
devstack checkout in the workspace takes; it is not offered where a mode switch picks the standalone branch.`,
  check(ctx) {
    const { model, statuses } = ctx;
    const out: Finding[] = [];
    const has = new Set(model.files);
    for (const fact of model.deploy.facts) {
      if (fact.kind !== 'standalone' || fact.role !== 'run' || fact.at.repo) continue;
      const service = fact.devstackService ?? fact.serves ?? 'the API';
      const unit = fact.at.file.endsWith('.service');
      const how = unit ? 'ExecStart' : /^\s*screen_it\b/.test(fact.text) ? 'screen_it' : 'run_process';
      const severity = severityOf(statuses, fact);
      const status = statuses.find((s) => standaloneStart(s) === fact);
      const plan = status && planDeployUnderUwsgi(ctx, status, (rel) => has.has(rel));
      // Under a mode switch, the switch's default is what to change.
      const flip = status && !plan?.ok ? planSwitchToUwsgi(ctx, status, fact) : undefined;
      const fix = plan?.ok ? plan.fix : flip;
      out.push({
        at: fact.at,
        ...(fix ? { fixes: [fix] } : {}),
        ...(severity ? { severity } : {}),
        summary: `devstack starts ${service} standalone${branchNote(fact) ? ' (off the default path)' : ''}: run it under uwsgi`,
        message:
          `devstack starts the API service ${service} standalone${branchNote(fact)}: ${how} runs "${shorten(fact.serves ?? fact.text)}" instead of uwsgi; ` +
          `the deploy-api-in-wsgi goal runs every API under uwsgi behind Apache: ` +
          `start it with "$(which uwsgi) --procname-prefix ${service} --ini ${iniFor(model.deploy.facts, service)}".`,
      });
    }
    return out;
  },
};

function shorten(s: string): string {
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}
