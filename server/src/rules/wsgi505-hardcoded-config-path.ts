import { Finding, Rule, DEPLOY, MODULE_PATHS } from './rule';
import type { PyString } from '../model/types';
import { envPrefix } from '../model/names';
import { atImport, line1, TEST_DIR, wsgiModules } from './wsgi5xx-shared';

const ENV_LOOKUP = /^OS_[A-Z0-9_]+_CONFIG_(DIR|FILES)$/;

export const rule: Rule = {
  code: 'WSGI505',
  title: 'WSGI factory hard-codes /etc config paths',
  goals: [DEPLOY, MODULE_PATHS],
  severity: 'information',
  docs: `A WSGI app factory (an \`init_application()\`-style function in a wsgi module, or a \`wsgi_scripts\` target) or a WSGI entry
module builds its configuration from a hard-coded \`/etc/<project>/…\` path, and the module never reads an
\`OS_<PROJECT>_CONFIG_DIR\` / \`OS_<PROJECT>_CONFIG_FILES\` environment variable. Under a WSGI server there is no command line
for the app (uwsgi's \`--pyargv\` aside), so the environment is the deployer's only way to point the API at another config
directory or file set — the pattern nova, keystone, neutron, glance, designate and placement follow, and the one the
scaffolded entry module uses.

**Fix:** read the directory from \`os.environ.get('OS_<PROJECT>_CONFIG_DIR', '/etc/<project>')\` and the files from
\`OS_<PROJECT>_CONFIG_FILES\` (split on \`;\`, default e.g. \`<project>.conf\`), and join them onto the directory.`,
  check(ctx) {
    const out: Finding[] = [];
    const projects = [...new Set([ctx.model.name, ctx.model.pkg.split('.')[0]])].map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const etc = new RegExp(`^/etc/(${projects.join('|')})(/|$)`);
    const env = envPrefix(ctx.model.name);
    // Each factory's own body and module-level constants; entry modules' import-time code.
    const scopes = new Map<string, { funcs: Set<string>; what: string[] }>();
    const scope = (rel: string) => scopes.get(rel) ?? scopes.set(rel, { funcs: new Set(), what: [] }).get(rel)!;
    for (const f of ctx.model.factories) {
      if (TEST_DIR.test(f.at.file)) continue;
      const s = scope(f.at.file);
      s.funcs.add(f.func);
      s.what.push(`factory ${f.func}()`);
    }
    for (const m of wsgiModules(ctx)) if (!m.helper) scope(m.rel).what.push(`WSGI module`);
    for (const [rel, s] of [...scopes].sort(([a], [b]) => a.localeCompare(b))) {
      const facts = ctx.model.sources.python(rel);
      if (!facts || facts.strings.some((x) => ENV_LOOKUP.test(x.value))) continue;
      const hits = facts.strings.filter(
        (x: PyString) => etc.test(x.value) && (atImport(x) || (x.inFunction !== undefined && s.funcs.has(x.inFunction))),
      );
      if (!hits.length) continue;
      const first = hits[0];
      const more =
        hits.length > 1
          ? ` (also line${hits.length > 2 ? 's' : ''} ${hits
              .slice(1)
              .map((h) => line1(h.span))
              .join(', ')})`
          : '';
      out.push({
        at: { file: rel, span: first.span },
        summary: `${rel} hard-codes ${first.value}: read ${env}_CONFIG_DIR and ${env}_CONFIG_FILES`,
        message:
          `The ${[...new Set(s.what)].join(' and ')} in ${rel} hard-codes ${first.value}${more} and reads neither ${env}_CONFIG_DIR nor ` +
          `${env}_CONFIG_FILES: under a WSGI server the app gets no command line, so deployers cannot point it at other config. ` +
          `Read the directory and files from those environment variables, defaulting to /etc/${ctx.model.name}.`,
      });
    }
    return out;
  },
};
