import { Finding, Rule, MODULE_PATHS } from './rule';
import { insertAt } from './support/text-fixes';
import { expand, MODULE_PATH, pluginOf, showConf, uwsgiWrites, wordText } from './support/plugin';
import { serviceForConf } from './support/names';

export const rule: Rule = {
  code: 'WSGI205',
  title: 'write_uwsgi_config with a module path but no name',
  goals: [MODULE_PATHS],
  severity: 'warning',
  docs: `\`write_uwsgi_config <conf> <wsgi> <url> <http> <name>\` (devstack b6613b1e, 2023) is called with a module path but
without the \`<name>\` argument (\`<name>\` is the 4th argument of \`write_local_uwsgi_http_config\`). Devstack then falls back
to \`basename <wsgi>\`, so the uwsgi socket becomes \`/var/run/uwsgi/pkg.wsgi.api:application.socket\` and the Apache site
is named after the module path; \`remove_uwsgi_config\` has to repeat that odd name to disable the site, and the proxy
configuration of the API (the goal's "Apache as front-end proxy") no longer carries the service's name.

**Fix:** append the http argument (empty for the Apache proxy) and the service name:
\`write_uwsgi_config "$<SVC>_UWSGI_CONF" "$<SVC>_UWSGI" "/<path>" "" "<svc>-api"\`, and pass the same name to
\`remove_uwsgi_config\`.`,
  check(ctx) {
    const p = pluginOf(ctx);
    const out: Finding[] = [];
    for (const w of uwsgiWrites(p)) {
      if (w.name && wordText(w.name)) continue;
      const values = expand(p, wordText(w.wsgi), w.pc.cmd.inFunction);
      if (!values.length || !values.every((v) => MODULE_PATH.test(v))) continue;
      const name = serviceForConf(ctx, p, w.conf);
      const missing = w.nameIndex === 4 ? (w.http ? ` "${name}"` : ` "" "${name}"`) : ` "${name}"`;
      // Appended only when the arguments before the name are all there: `""` for <http> counts.
      const args = w.pc.cmd.args.length;
      const append =
        w.nameIndex === 4 ? (args === 4 ? ` "${name}"` : args === 3 ? ` "" "${name}"` : undefined) : args === 4 ? ` "${name}"` : undefined;
      out.push({
        at: { file: w.pc.file, span: w.pc.cmd.span },
        ...(append ? { fixes: [insertAt(w.pc.file, w.pc.cmd.span.end, append, `Name it "${name}"`)] } : {}),
        summary: `${w.pc.cmd.name} passes a module path but no name: append${missing}`,
        message:
          `${w.pc.cmd.name} for ${showConf(w.conf)} passes the module path ${values[0]} but no name: ` +
          `devstack then names the uwsgi socket and the Apache proxy site "${values[0]}" (basename of the module path), ` +
          `which remove_uwsgi_config must repeat to clean up; append${missing}.`,
      });
    }
    return out;
  },
};
