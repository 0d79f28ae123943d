// Names the WSGI2xx messages suggest: the repo's module path, the service a uwsgi ini belongs to.
import type { RuleContext } from '../rule';
import { iniOf, Plugin, unquote, wordText } from './plugin';

/** The module path to suggest: the repo's own WSGI module when it has one, else the conventional one. */
export function suggestedModule(ctx: RuleContext): string {
  const own = ctx.model.entryPoints.find((e) => e.kind === 'module');
  return own ? own.target : `${ctx.model.pkg}.wsgi.api:application`;
}

/** The devstack service that runs a uwsgi conf (`run_process <svc> "… --ini $CONF"`), else `<project>-api`. */
export function serviceForConf(ctx: RuleContext, p: Plugin, conf: string): string {
  for (const { cmd } of p.commands) {
    if (cmd.name !== 'run_process') continue;
    if (iniOf(unquote(cmd.args[1]?.raw ?? '')) === conf) return wordText(cmd.args[0]);
  }
  return `${ctx.model.name}-api`;
}
