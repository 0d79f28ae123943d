// WSGI1xx (entry points, packaging) and WSGI5xx (the entry module's own code) beyond WSGI100/101.
import { Rule } from './rule';

export const ENTRY_AND_MODULE_RULES: readonly Rule[] = [];
