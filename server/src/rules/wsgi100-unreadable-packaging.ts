import { Rule, DEPLOY, MODULE_PATHS } from './rule';

export const rule: Rule = {
  code: 'WSGI100',
  title: 'Packaging file cannot be read',
  goals: [DEPLOY, MODULE_PATHS],
  severity: 'error',
  docs: `setup.cfg must follow Python's configparser rules (pbr reads it with configparser) and pyproject.toml must be valid TOML.
When either cannot be read, the entry points it declares (console scripts, \`wsgi_scripts\`) are unknown, so the goal status of
the repo may be wrong. Fix the line named in the message: a key outside any \`[section]\`, a line that is neither \`key = value\`
nor an indented continuation, a duplicate section or key, or a TOML syntax error.`,
  check: ({ model }) => model.problems.map((p) => ({ at: p.at, message: p.message })),
};
