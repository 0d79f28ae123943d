import { Finding, Rule, DEPLOY, MODULE_PATHS } from './rule';
import { FACTORY_NAME } from '../model/names';
import { APP_NAMES, firstLine, line1, wsgiModules } from './wsgi5xx-shared';

export const rule: Rule = {
  code: 'WSGI501',
  title: 'WSGI module without a module-level application',
  goals: [DEPLOY, MODULE_PATHS],
  severity: 'error',
  docs: `A WSGI module — a module of a \`<pkg>/wsgi/\` package, a \`.wsgi\` file, or a module that a uwsgi ini (\`module =\`) or
devstack (\`<SVC>_UWSGI=pkg.mod:attr\`) names — does not bind the application at module level. WSGI servers import the
module and look the name up: uwsgi's \`module = pkg.wsgi.api:application\` (devstack only writes \`module =\` for a
\`pkg.mod:callable\` value), gunicorn's \`pkg.wsgi.api:application\`, mod_wsgi's default \`application\`. The 2025.2 goal
*migrate-from-wsgi-scripts-to-module-paths* asks every \`<pkg>.wsgi.<server>\` module to expose a module-level
\`application\`. Common near misses, named in the message: the name is bound only under
\`if __name__ == "__main__":\` (which never runs on import), or the module binds \`app\` / \`wsgi_app\` instead.

A module of a \`wsgi/\` package is checked when it is named after an API service (\`api.py\`, \`metadata.py\`), binds
an app-like name (\`app\`, \`wsgi_app\`, also under \`__main__\`) or calls an app factory at import; other modules there, and
modules the package's entry modules import, are support code (cinder's \`cinder/wsgi/wsgi.py\` factory,
\`cinder/wsgi/common.py\`). A module that a uwsgi ini or devstack names must bind the name given after \`:\`.

**Fix:** add \`application = <factory>()\` at module level (built once: the import lock serialises a module's first import), or
\`application = app\` as an alias.`,
  check(ctx) {
    const out: Finding[] = [];
    for (const m of wsgiModules(ctx)) {
      if (m.helper) continue;
      const facts = ctx.model.sources.python(m.rel);
      if (!facts || facts.hasSyntaxError || facts.assigned.has(m.attr)) continue;
      const main = facts.mainAssigned.get(m.attr);
      // An imported name (`from pkg.api import app`) is usually a module, not an app: only bindings made here count.
      const alt = APP_NAMES.find((n) => n !== m.attr && facts.assigned.has(n) && facts.bindings.get(n)?.kind !== 'import');
      const altMain = APP_NAMES.find((n) => n !== m.attr && facts.mainAssigned.has(n));
      let what: string;
      let at = firstLine(ctx, m.rel);
      if (main) {
        what = `binds ${m.attr} only under if __name__ == "__main__": (line ${line1(main)}), which does not run when a WSGI server imports it`;
        at = main;
      } else if (alt) {
        what = `binds ${alt} (line ${line1(facts.assigned.get(alt)!)}) but no module-level ${m.attr}`;
        at = facts.assigned.get(alt)!;
      } else if (altMain) {
        what = `binds ${altMain} only under if __name__ == "__main__": (line ${line1(facts.mainAssigned.get(altMain)!)}) and has no module-level ${m.attr}`;
        at = facts.mainAssigned.get(altMain)!;
      } else {
        what = `has no module-level ${m.attr}`;
      }
      const named = m.via.filter((v) => v.startsWith('named by ')).map((v) => v.slice('named by '.length));
      const lookup = named.length
        ? `${named.join(' and ')} makes the server look up ${m.attr}`
        : `uwsgi (module = ${m.module}:${m.attr}), gunicorn and mod_wsgi import it and look up ${m.attr}`;
      const factory =
        [...facts.functions.values()].find((f) => FACTORY_NAME.test(f.name) && f.requiredParams === 0)?.name ??
        [...facts.bindings].find(([n, b]) => b.kind === 'import' && FACTORY_NAME.test(n))?.[0];
      const fix = main
        ? `move the assignment out of the if __name__ == "__main__": block`
        : alt
          ? `add ${m.attr} = ${alt}`
          : factory
            ? `add ${m.attr} = ${factory}() at module level`
            : `build the app at module level and assign it to ${m.attr}`;
      out.push({
        at: { file: m.rel, span: at },
        summary: `${m.rel} has no module-level ${m.attr}: ${fix.replace(/ block$/, '')}`,
        message:
          `WSGI module ${m.rel} ${what}: ${lookup}` +
          `${m.attr === 'application' && /(^|\/)wsgi\/[^/]+\.py$/.test(m.rel) ? ', and the 2025.2 goal needs a module-level application in every <pkg>.wsgi.<server> module' : ''}. ` +
          `${fix[0].toUpperCase()}${fix.slice(1)}.`,
      });
    }
    return out;
  },
};
