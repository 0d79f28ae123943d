// WSGI1xx (entry points, packaging) and WSGI5xx (the entry module's own code) beyond WSGI100/101.
import { Rule } from './rule';
import { rule as wsgi102 } from './wsgi102-wsgi-scripts-declared';
import { rule as wsgi103 } from './wsgi103-wsgi-scripts-bad-target';
import { rule as wsgi104 } from './wsgi104-wsgi-package-layout';
import { rule as wsgi105 } from './wsgi105-legacy-wsgi-file';
import { rule as wsgi501 } from './wsgi501-no-module-level-application';
import { rule as wsgi502 } from './wsgi502-server-at-import';
import { rule as wsgi503 } from './wsgi503-eventlet-monkey-patch';
import { rule as wsgi504 } from './wsgi504-useless-lock';
import { rule as wsgi505 } from './wsgi505-hardcoded-config-path';

export const ENTRY_AND_MODULE_RULES: readonly Rule[] = [wsgi102, wsgi103, wsgi104, wsgi105, wsgi501, wsgi502, wsgi503, wsgi504, wsgi505];
