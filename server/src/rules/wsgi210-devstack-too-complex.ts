import { Rule, DEPLOY, MODULE_PATHS } from './rule';

export const rule: Rule = {
  code: 'WSGI210',
  title: 'devstack code too complex to evaluate',
  goals: [DEPLOY, MODULE_PATHS],
  severity: 'information',
  docs: `Working out how devstack deploys the API means expanding the plugin's variables and deciding its \`if\` tests. That
evaluation has a fixed budget of steps (expansions and tests, not time, so the answer does not depend on the machine), and
a value may grow to 64 KiB at most. This plugin needed more (a variable that doubles itself line after line, expansions
nested thousands deep), so the engine stopped: the deployment mode is reported as \`unknown\` and the devstack criterion as
neither met nor failed, rather than guessed.

**Fix:** nothing is wrong with the goal as such; simplify the shell code around the line named, or check the deployment by
hand in a devstack run.`,
  check: ({ model }) =>
    model.deploy.tooComplex
      ? [
          {
            at: model.deploy.tooComplex.at,
            message: `The devstack code is too complex to evaluate (${model.deploy.tooComplex.reason}): the deployment mode is unknown.`,
          },
        ]
      : [],
};
