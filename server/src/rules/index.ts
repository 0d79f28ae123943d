// The rule registry: one file per rule; the two family lists keep code order within a family.
import { Rule } from './rule';
import { rule as wsgi100 } from './wsgi100-unreadable-packaging';
import { rule as wsgi101 } from './wsgi101-api-without-wsgi-entry';
import { ENTRY_AND_MODULE_RULES } from './entry-and-module-rules';
import { DEPLOYMENT_RULES } from './deployment-rules';

export const RULES: readonly Rule[] = [wsgi100, wsgi101, ...ENTRY_AND_MODULE_RULES, ...DEPLOYMENT_RULES]
  .slice()
  .sort((a, b) => a.code.localeCompare(b.code));
