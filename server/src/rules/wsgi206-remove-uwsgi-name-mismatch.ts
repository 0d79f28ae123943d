import { Finding, Rule, DEPLOY } from './rule';
import {
  confKey,
  expand,
  hasExpansion,
  MODULE_PATH,
  pluginOf,
  showConf,
  uwsgiWrites,
  varRef,
  wordText,
  writeNames,
} from './support/plugin';
import { serviceForConf } from './support/names';

export const rule: Rule = {
  code: 'WSGI206',
  title: 'remove_uwsgi_config name does not match write_uwsgi_config',
  goals: [DEPLOY],
  severity: 'warning',
  docs: `\`remove_uwsgi_config <conf> <name>\` deletes the uwsgi ini and disables the Apache proxy site \`<name>\`; the name must be
the one \`write_uwsgi_config\` used for the same conf (its 5th argument, or \`basename\` of its 2nd when absent), otherwise
the site stays enabled after \`clean.sh\` and Apache keeps proxying to a socket nobody serves. The rule reports a
\`remove_uwsgi_config\` whose name differs from the write's, is missing, is a module path (watcher and zun pass
\`$WATCHER_UWSGI\`/\`$ZUN_UWSGI\` while writing with \`watcher-api\`/\`zun-api\`), or is an absolute path (deprecated since
devstack d5182ce3, 2024: "Passing a wsgi script to remove_uwsgi_config is deprecated, pass an application name instead").
Variables are followed through the plugin's own simple assignments.

**Fix:** pass the same literal name to both: \`write_uwsgi_config … "" "<svc>-api"\` and
\`remove_uwsgi_config "$<SVC>_UWSGI_CONF" "<svc>-api"\`.`,
  check(ctx) {
    const p = pluginOf(ctx);
    const writes = uwsgiWrites(p);
    const out: Finding[] = [];
    for (const pc of p.commands) {
      const { cmd } = pc;
      if (cmd.name !== 'remove_uwsgi_config') continue;
      const conf = confKey(cmd.args[0]);
      const mine = writes.filter((w) => w.conf === conf);
      const written = [...new Set(mine.flatMap((w) => writeNames(p, w)).filter((n) => n && !hasExpansion(n)))];
      const named = mine.length > 0 && mine.every((w) => wordText(w.name));
      const quoted = `"${written.join('" or "')}"`;
      // What to pass: the write's own name, or (when the write falls back to basename) a real name for both.
      const shortFix = named && written.length ? `pass ${quoted}` : `pass the same name to both, e.g. "${serviceForConf(ctx, p, conf)}"`;
      const advice =
        named && written.length
          ? `pass ${quoted}, the name write_uwsgi_config uses`
          : `give write_uwsgi_config an application name (its ${mine[0]?.nameIndex === 3 ? '4th' : '5th'} argument) and pass the same one here, e.g. "${serviceForConf(ctx, p, conf)}"`;
      const site = written.length
        ? `the Apache site ${quoted} written by write_uwsgi_config`
        : 'the Apache proxy site written by write_uwsgi_config';
      const arg = cmd.args[1];
      const at = { file: pc.file, span: arg?.span ?? cmd.span };
      const text = wordText(arg);
      if (!text) {
        out.push({
          at,
          summary: `remove_uwsgi_config passes no name, so the Apache site stays enabled: ${shortFix}`,
          message: `remove_uwsgi_config ${showConf(conf)} passes no name: ${site} stays enabled after clean.sh, so Apache keeps proxying the API to a socket nobody serves; ${advice}.`,
        });
        continue;
      }
      const values = expand(p, text, cmd.inFunction);
      const shown = (v: string) => (varRef(text) && v !== text ? `${text} (= ${v})` : v);
      const module = values.find((v) => MODULE_PATH.test(v));
      const file = values.find((v) => v.startsWith('/') || (v.includes('/') && !varRef(v)));
      if (module !== undefined) {
        const why = written.includes(module)
          ? 'it matches the site only because write_uwsgi_config has no name either and both fall back to the module path'
          : `${site} stays enabled after clean.sh`;
        out.push({
          at,
          summary: `remove_uwsgi_config passes a module path, not the application name: ${shortFix}`,
          message: `remove_uwsgi_config ${showConf(conf)} passes the module path ${shown(module)} instead of an application name: ${why}; ${advice}.`,
        });
      } else if (file !== undefined) {
        out.push({
          at,
          summary: `remove_uwsgi_config passes a script path, not the application name: ${shortFix}`,
          message: `remove_uwsgi_config ${showConf(conf)} passes the script path ${shown(file)}: devstack deprecated paths here in 2024 and wants the application name (the wsgi script goes away with the module-path migration); ${advice}.`,
        });
      } else if (written.length && values.every((v) => !hasExpansion(v)) && !values.some((v) => written.includes(v))) {
        out.push({
          at,
          summary: `remove_uwsgi_config disables "${values.join('" or "')}", not the site write_uwsgi_config named: pass ${quoted}`,
          message: `remove_uwsgi_config ${showConf(conf)} disables the site "${values.join('" or "')}", but write_uwsgi_config named it ${quoted}: that Apache site stays enabled after clean.sh, so Apache keeps proxying the API to a socket nobody serves; pass ${quoted}.`,
        });
      }
    }
    return out;
  },
};
