// Paths compared as folders, not as strings: /opt/stack/nova-api is not inside /opt/stack/nova.
import * as path from 'path';

/** `p` is `dir` or lies beneath it (both absolute, normalised). */
export function isInside(dir: string, p: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}
