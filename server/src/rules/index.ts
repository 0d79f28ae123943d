// The rule registry: one file per rule, listed here in code order.
import { Rule } from './rule';
import { rule as wsgi100 } from './wsgi100-unreadable-packaging';
import { rule as wsgi101 } from './wsgi101-api-without-wsgi-entry';

export const RULES: readonly Rule[] = [wsgi100, wsgi101];
