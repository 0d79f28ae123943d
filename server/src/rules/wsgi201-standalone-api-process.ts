import { Finding, Rule } from './rule';
import { span, splitLines } from '../util/range';
import { basename, branchNote, isApiProcess, pluginOf, showConf, standaloneApi, uwsgiWrites, wordText } from './support/plugin';

export const rule: Rule = {
  code: 'WSGI201',
  title: 'devstack starts an API service standalone',
  severity: 'error',
  docs: `The repo's devstack plugin starts an API service with \`run_process\` (or the pre-systemd \`screen_it\`) running the
project's own server, e.g. \`run_process zun-api "$ZUN_BIN_DIR/zun-api"\`, instead of uwsgi. That is the eventlet (or
wsgiref) server the deploy-api-in-wsgi goal replaces: its second criterion asks devstack jobs to run every control-plane API
under uwsgi with Apache as the front-end proxy. A \`run_process\` counts as an API when its service is one of the repo's API
console scripts or has \`api\` in its name, or when the binary it runs is \`*-api\` or \`*-server\`. Fallback branches
(\`if [[ "$ZUN_USE_UWSGI" == "True" ]] … else run_process zun-api …\`) are reported too: the goal removes the standalone
mode, and the message names the branch. A systemd unit the plugin ships for the API (\`devstack/files/<svc>.service\`
whose \`ExecStart\` runs the API binary) is reported the same way.

**Fix:** in the configure phase call \`write_uwsgi_config "$<SVC>_UWSGI_CONF" "$<SVC>_UWSGI" "/<path>" "" "<svc>-api"\` with
\`<SVC>_UWSGI=<pkg>.wsgi.api:application\`, start the API with
\`run_process <svc>-api "$(which uwsgi) --procname-prefix <svc>-api --ini $<SVC>_UWSGI_CONF"\`, and point the catalog
endpoint and \`wait_for_service\` at \`$<SVC>_SERVICE_PROTOCOL://$<SVC>_SERVICE_HOST/<path>\`. Non-API processes
(conductor, scheduler, engine) keep their plain \`run_process\`.`,
  check(ctx) {
    const p = pluginOf(ctx);
    const out: Finding[] = [];
    for (const pc of p.commands) {
      const { cmd } = pc;
      const found = standaloneApi(ctx, p, cmd);
      if (!found) continue;
      const { service, command: shown } = found;
      const how = cmd.name === 'screen_it' ? 'screen_it' : 'run_process';
      out.push({
        at: { file: pc.file, span: cmd.span },
        message:
          `devstack starts the API service ${service} standalone${branchNote(cmd)}: ${how} runs "${shorten(shown)}" instead of uwsgi, ` +
          `but criterion 2 of the deploy-api-in-wsgi goal asks devstack to run every API under uwsgi with Apache as the front-end proxy; ` +
          `start it with "$(which uwsgi) --procname-prefix ${service} --ini ${iniFor(p, service)}".`,
      });
    }
    // A hand-written systemd unit shipped for devstack (devstack/files/<svc>.service) is the same thing.
    for (const file of ctx.model.files.filter((f) => SERVICE_UNIT.test(f))) {
      const text = ctx.text(file);
      if (text === undefined) continue;
      splitLines(text).forEach((line, i) => {
        const m = /^\s*ExecStart\s*=\s*[-@:+!]*(.*)$/.exec(line);
        if (!m || /\buwsgi\b/.test(m[1])) return;
        const command = m[1].trim();
        const unit = basename(file)
          .replace(/\.service$/, '')
          .replace(/^devstack@/, '');
        if (!isApiProcess(ctx, unit, command)) return;
        const start = line.indexOf('ExecStart');
        out.push({
          at: { file, span: span(i, start, line.trimEnd().length) },
          message:
            `${file} starts the API service ${unit} standalone: ExecStart runs "${shorten(command)}" instead of uwsgi, ` +
            `but criterion 2 of the deploy-api-in-wsgi goal asks devstack to run every API under uwsgi with Apache as the front-end proxy; ` +
            `drop the unit and let run_process start "$(which uwsgi) --procname-prefix ${unit} --ini ${iniFor(pluginOf(ctx), unit)}".`,
        });
      });
    }
    return out;
  },
};

/** The ini the plugin's write_uwsgi_config writes for a service, as the plugin names it. */
function iniFor(p: ReturnType<typeof pluginOf>, service: string): string {
  const writes = uwsgiWrites(p);
  const w = writes.find((x) => wordText(x.name) === service) ?? (writes.length === 1 ? writes[0] : undefined);
  return w ? showConf(w.conf) : '<the ini written by write_uwsgi_config>';
}

const SERVICE_UNIT = /^devstack\/files\/[^/]+\.service$/;

function shorten(s: string): string {
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}
