import * as path from 'path';
import { Finding, Rule, MODULE_PATHS } from './rule';
import { firstLine, moduleOfRel, TEST_DIR } from './wsgi5xx-shared';

export const rule: Rule = {
  code: 'WSGI104',
  title: 'wsgi package without __init__.py, or colliding with a wsgi.py module',
  goals: [MODULE_PATHS],
  severity: 'warning',
  docs: `The 2025.2 goal's entry modules live in a \`<pkg>/wsgi/\` package (\`<pkg>.wsgi.api:application\`). Two layouts break it:

- **\`<pkg>/wsgi/\` without \`__init__.py\`.** Python still imports it as a namespace package from a source tree, but package
  discovery (setuptools \`find_packages\`, which pbr uses, and distribution packaging) skips it, so the installed
  project has no \`<pkg>.wsgi\` and uwsgi or gunicorn fail to import the module. Glance shipped \`glance/wsgi/\` this way and
  broke Debian packaging (LP#2136411, fixed by glance d55c065a3); zun's tree still lacks it.
- **\`<pkg>/wsgi.py\` next to \`<pkg>/wsgi/\`.** Both claim the name \`<pkg>.wsgi\`: with \`__init__.py\` the package wins and
  the old module's code is unreachable (anything importing \`<pkg>.wsgi\` for it breaks); without it the module wins and
  \`<pkg>.wsgi.api\` cannot be imported at all. Nova removed its old eventlet helper \`nova/wsgi.py\` first
  (nova 4e182a664e); placement moved \`placement/wsgi.py\` to \`placement/wsgi/__init__.py\` (placement 5a17e405).
  Modules such as \`<pkg>/common/wsgi.py\` or \`<pkg>/api/wsgi.py\` do not collide.

**Fix:** add an empty \`<pkg>/wsgi/__init__.py\`; move the old \`<pkg>/wsgi.py\` code elsewhere (e.g. \`<pkg>/common/wsgi.py\`
or into \`<pkg>/wsgi/__init__.py\`) and update its importers.`,
  check(ctx) {
    const out: Finding[] = [];
    const dirs = new Map<string, string[]>();
    for (const rel of ctx.model.files) {
      if (TEST_DIR.test(rel) || !/(^|\/)wsgi\/[^/]+\.py$/.test(rel)) continue;
      const dir = path.posix.dirname(rel);
      dirs.set(dir, [...(dirs.get(dir) ?? []), rel]);
    }
    for (const [dir, files] of [...dirs].sort(([a], [b]) => a.localeCompare(b))) {
      const parent = path.posix.dirname(dir);
      // A wsgi/ folder that is not inside a package is not `<pkg>.wsgi` (e.g. a top-level scripts folder).
      if (parent === '.' || !ctx.model.sources.exists(`${parent}/__init__.py`)) continue;
      const pkg = moduleOfRel(`${dir}/__init__.py`);
      const hasInit = ctx.model.sources.exists(`${dir}/__init__.py`);
      const modules = files.filter((f) => !f.endsWith('/__init__.py')).sort();
      if (!hasInit && modules.length) {
        const first = modules[0];
        out.push({
          at: { file: first, span: firstLine(ctx, first) },
          summary: `${dir}/ has no __init__.py, so ${pkg} is not installed: add an empty ${dir}/__init__.py`,
          fixes: [{ kind: 'createFiles', title: `Create ${dir}/__init__.py`, files: [{ rel: `${dir}/__init__.py`, content: '' }] }],
          message:
            `${dir}/ has no __init__.py, so ${pkg} is only a namespace package: setuptools' find_packages (used by pbr) and ` +
            `distribution packaging leave it out, and ${moduleOfRel(first)}:application cannot be imported from an installed ` +
            `${parent.split('/').pop()} (glance LP#2136411). Add an empty ${dir}/__init__.py.`,
        });
      }
      const old = `${parent}/wsgi.py`;
      if (ctx.model.sources.exists(old)) {
        out.push({
          at: { file: old, span: firstLine(ctx, old) },
          summary: `${old} and the ${dir}/ package are both ${pkg}: move ${old} elsewhere`,
          message: hasInit
            ? `${old} collides with the ${dir}/ package: both are ${pkg}, the package wins, and the code in ${old} can no longer be imported. ` +
              `Move it elsewhere (nova removed nova/wsgi.py; placement moved it into placement/wsgi/__init__.py) and update its importers.`
            : `${old} collides with ${dir}/: both are ${pkg}, and without ${dir}/__init__.py the module wins, so ${modules.map(moduleOfRel).join(', ') || pkg + '.*'} ` +
              `cannot be imported. Move ${old} elsewhere and add ${dir}/__init__.py.`,
        });
      }
    }
    return out;
  },
};
