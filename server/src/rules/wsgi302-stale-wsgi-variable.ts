import { Finding, Rule, DEPLOY } from './rule';
import { judge, localrcUses } from './support/localrc';
import { localrcFixes } from './support/localrc-fixes';

export const rule: Rule = {
  code: 'WSGI302',
  title: 'Stale no-op WSGI variable in a Zuul job or local.conf',
  goals: [DEPLOY],
  severity: 'information',
  docs: `A Zuul job's \`devstack_localrc\` (or a \`[[local|localrc]]\` section of local.conf) still sets a WSGI toggle devstack
removed when uwsgi became its only way to run APIs: \`NEUTRON_DEPLOY_MOD_WSGI\`, \`NOVA_USE_MOD_WSGI\`,
\`CINDER_USE_MOD_WSGI\` (all removed in 2024), \`KEYSTONE_USE_MOD_WSGI\` (ignored since 2017, its mod_wsgi path removed in
2024) and \`GLANCE_STANDALONE\` (removed in 2025), set to the value that meant uwsgi. The line does nothing on current devstack
and suggests to readers that the job picks a deployment mode, which it no longer can (neutron dropped these lines in 2026,
designate's \`zuul.d/jobs.yaml\` still carries one). A stable branch whose devstack still reads the variable is not affected:
the value is the uwsgi one. In a devstack checkout's own \`local.conf\`, judged against that checkout, a toggle none of its
files reads any more is a no-op whatever its value.

**Fix:** delete the line.`,
  check(ctx) {
    const out: Finding[] = [];
    for (const u of localrcUses(ctx).uses) {
      const v = judge(ctx, u.name, u.value);
      if (v?.rule !== 'WSGI302') continue;
      out.push({
        at: { file: u.file, span: u.span },
        summary: `${u.shown} is a no-op on current devstack: delete the line`,
        message: `${u.who} ${u.plural ? 'set' : 'sets'} ${u.shown}, which ${v.why}; delete the line.`,
        fixes: localrcFixes(ctx, u).slice(0, 1),
      });
    }
    return out;
  },
};
