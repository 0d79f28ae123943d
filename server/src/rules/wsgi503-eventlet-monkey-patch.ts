import { Finding, Rule, DEPLOY, MODULE_PATHS } from './rule';
import type { PyCall, PyFacts } from '../model/types';
import type { Span } from '../util/range';
import { atImport, importedModules, importsBefore, importTimeFiles, isInit, line1, moduleOfRel, patchCalls } from './wsgi5xx-shared';

export const rule: Rule = {
  code: 'WSGI503',
  title: 'Eventlet monkey-patching on the WSGI import path',
  goals: [DEPLOY, MODULE_PATHS],
  severity: 'warning',
  docs: `Eventlet's \`monkey_patch()\` runs while a WSGI server imports the application: a module-level
\`eventlet.monkey_patch()\` (or a project helper such as \`utils.monkey_patch()\`) in a WSGI module, a \`<pkg>/wsgi/__init__.py\`,
or an in-repo module the WSGI module imports (its app factory module); or the WSGI module imports \`<pkg>.cmd\` (or another
package) whose \`__init__.py\` monkey-patches for the eventlet console scripts.

Console scripts monkey-patched at process start because they ran eventlet's own HTTP server. Under the deploy-api-in-wsgi
goal the API runs in uwsgi, which needs no eventlet: designate simply removed the patching (designate 68d8d8f4),
neutron and nova moved their APIs to native threads, and the selected *remove-eventlet* goal (topic \`eventlet-removal\`)
takes eventlet out of API processes altogether; oslo.service's eventlet \`wsgi.Server\` is deprecated. Patching late is
worse than not patching: modules imported before the patch keep the original \`socket\`/\`threading\` objects, which caused
neutron's SSL recursion error (LP#2075147). The message says "patch not first" when other imports run before the call.

**Fix:** remove the patching from the WSGI import path (import the API code, not \`<pkg>.cmd\`). If the API truly needs
eventlet, make the patch the very first statement of the WSGI module and document why.`,
  check(ctx) {
    const out = new Map<string, Finding & { importers?: string[] }>();
    const files = importTimeFiles(ctx, false);
    const own = new Set(files);
    const patchMessage = (rel: string, facts: PyFacts, c: PyCall, why: string): string => {
      const before = importsBefore(facts, c);
      const notFirst = before.length
        ? ` Patch not first: ${before.length} import${before.length > 1 ? 's' : ''} run before it (from line ${line1(before[0].span)}), so modules loaded earlier keep unpatched socket and threading objects (neutron LP#2075147).`
        : '';
      return (
        `${rel} monkey-patches eventlet at import (${c.callee}(), line ${line1(c.span)})${why}: under uwsgi the API needs no eventlet ` +
        `(designate dropped it, 68d8d8f4) and the remove-eventlet goal takes it out of API processes; remove it.${notFirst}`
      );
    };
    const add = (file: string, span: Span, message: string) => {
      const key = `${file}:${span.start.line}:${span.start.character}`;
      if (!out.has(key)) out.set(key, { at: { file, span }, message });
    };

    for (const rel of files) {
      const facts = ctx.model.sources.python(rel);
      if (!facts) continue;
      for (const c of patchCalls(facts)) add(rel, c.span, patchMessage(rel, facts, c, ' on the WSGI import path'));

      // What the module imports: package __init__ files (e.g. <pkg>/cmd/__init__.py) and the modules themselves.
      const leafImporters = new Map<string, string[]>();
      for (const imp of facts.imports.filter(atImport)) {
        for (const im of importedModules(ctx, rel, imp)) {
          for (const file of im.files) {
            if (own.has(file) || file === rel) continue;
            // Only a module that spells monkey_patch can call it: the others are not parsed.
            const f2 = ctx.model.sources.mentions(file, 'monkey_patch') ? ctx.model.sources.python(file) : undefined;
            const calls = f2 ? patchCalls(f2) : [];
            if (!f2 || !calls.length) continue;
            const leaf = file === im.files[im.files.length - 1] && !isInit(file) && !/(^|\/)cmd\//.test(file);
            if (!leaf) {
              add(
                rel,
                imp.span,
                `${rel} imports ${im.module}, and ${file} monkey-patches eventlet when it is imported ` +
                  `(${calls[0].callee}(), line ${line1(calls[0].span)}): that patching is for the eventlet console scripts, and under uwsgi the API ` +
                  `needs no eventlet (designate dropped it, 68d8d8f4; remove-eventlet goal). ` +
                  (/^[^/]+\/__init__\.py$/.test(file)
                    ? `Every import of ${moduleOfRel(file)} runs it: move the patching into the console scripts' main().`
                    : `Do not import ${moduleOfRel(file)} from the WSGI module (import the API code it needs directly), or move the patching into the console scripts' main().`),
              );
              break;
            }
            leafImporters.set(file, [...(leafImporters.get(file) ?? []), rel]);
          }
        }
      }
      for (const [file, importers] of leafImporters) {
        const f2 = ctx.model.sources.python(file)!;
        for (const c of patchCalls(f2)) {
          const key = `${file}:${c.span.start.line}:${c.span.start.character}`;
          const prev = out.get(key);
          const all = [...new Set([...(prev?.importers ?? []), ...importers])];
          out.set(key, {
            at: { file, span: c.span },
            message: patchMessage(
              file,
              f2,
              c,
              all.length > 1
                ? `, and WSGI modules ${all.slice(0, -1).join(', ')} and ${all[all.length - 1]} import it`
                : `, and WSGI module ${all[0]} imports it`,
            ),
            importers: all,
          });
        }
      }
    }
    return [...out.values()].map(({ at, message }) => ({
      at,
      summary: `${at.file} monkey-patches eventlet on the WSGI import path: keep it out of what WSGI modules import`,
      message,
    }));
  },
};
