import { Rule, DEPLOY, MODULE_PATHS } from './rule';
import { localrcUses } from './support/localrc';

export const rule: Rule = {
  code: 'WSGI300',
  title: 'Zuul configuration cannot be read',
  goals: [DEPLOY, MODULE_PATHS],
  severity: 'warning',
  docs: `A Zuul configuration file of the repo (\`.zuul.yaml\`, \`zuul.yaml\`, \`zuul.d/*.yaml\`) is not valid YAML, or its top
level is not the list of \`- job:\` / \`- project:\` items Zuul expects. Its jobs' \`devstack_localrc\` settings cannot be
checked, so a job that selects mod_wsgi or a standalone API (WSGI301) would go unnoticed; Zuul itself rejects the file too,
so the repo's jobs may not run at all. Only the first problem of each YAML document is reported; the other documents of the
file are still read.

**Fix:** correct the YAML at the line named in the message (indentation, an unclosed quote or bracket, a tab used for
indentation), e.g. with \`python3 -c 'import sys, yaml; list(yaml.safe_load_all(open(sys.argv[1])))' .zuul.yaml\`.`,
  check: (ctx) =>
    localrcUses(ctx).problems.map((p) => ({
      at: { file: p.file, span: p.span },
      message: `${p.message}: the devstack_localrc settings of its jobs are not checked.`,
    })),
};
