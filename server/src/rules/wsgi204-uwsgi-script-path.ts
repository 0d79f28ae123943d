import { Finding, Rule, MODULE_PATHS } from './rule';
import { assignedAt, expand, hasExpansion, MODULE_PATH, pluginOf, uwsgiWrites, varRef, wordText } from './support/plugin';
import { suggestedModule } from './support/names';

export const rule: Rule = {
  code: 'WSGI204',
  title: 'write_uwsgi_config is given a WSGI script path',
  goals: [MODULE_PATHS],
  severity: 'warning',
  docs: `The second argument of \`write_uwsgi_config\` (or \`write_local_uwsgi_http_config\`), or the plugin variable it names,
is a file path such as \`$ZUN_BIN_DIR/zun-api-wsgi\` rather than a Python module path \`pkg.module:application\`
(devstack tells them apart with \`^[a-zA-Z0-9_.]+:[a-zA-Z0-9_]+$\`). Devstack then writes \`wsgi-file = <path>\` and logs
"Configuring uWSGI with a WSGI file is deprecated, use module paths instead". The file is a pbr \`wsgi_scripts\` script, which
PEP 660 editable installs (what devstack's \`pip install -e\` does with a \`pyproject.toml\`) and setuptools 80 no longer
generate, so the API fails to start under uwsgi. The 2025.2 goal migrate-from-wsgi-scripts-to-module-paths asks for the
module path. Variables are followed through the plugin's own simple assignments (\`VAR=value\`, \`VAR=\${VAR:-value}\`).

**Fix:** set \`<SVC>_UWSGI=<pkg>.wsgi.api:application\` (the module the repo's WSGI entry point defines) and pass a name:
\`write_uwsgi_config "$<SVC>_UWSGI_CONF" "$<SVC>_UWSGI" "/<path>" "" "<svc>-api"\`.`,
  check(ctx) {
    const p = pluginOf(ctx);
    const out: Finding[] = [];
    for (const w of uwsgiWrites(p)) {
      if (!w.wsgi) continue;
      const text = wordText(w.wsgi);
      const ref = varRef(text);
      const bad = expand(p, text, w.pc.cmd.inFunction).find((v) =>
        hasExpansion(v) ? v.includes('/') && !varRef(v) : !MODULE_PATH.test(v),
      );
      if (bad === undefined || !bad) continue;
      const where = ref ? assignedAt(p, ref, bad) : undefined;
      const via = ref ? ` (${ref}${where ? `, ${where}` : ''})` : '';
      out.push({
        at: { file: w.pc.file, span: w.wsgi.span },
        summary: `${w.pc.cmd.name} is given the script path "${bad}": pass ${suggestedModule(ctx)}`,
        message:
          `${w.pc.cmd.name} is given the script path "${bad}"${via}, not a module path: devstack writes a deprecated wsgi-file = entry, ` +
          `and editable installs no longer generate pbr wsgi scripts, so the API may not start under uwsgi; ` +
          `pass a module path such as ${suggestedModule(ctx)}.`,
      });
    }
    return out;
  },
};
