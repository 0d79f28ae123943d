import { Finding, Rule, DEPLOY } from './rule';
import { pluginOf, wordText } from './support/plugin';
import { entries, uwsgiInis } from './support/uwsgi-ini';

const APACHE_FILE = /^(httpd\/[^/]+|devstack\/files\/([^/]+\.template|apache[^/]*))$/;
const PROXY_TARGET = /^[ \t]*(?:ProxyPass|ProxyPassMatch|ProxyPassReverse)\s+\S+\s+"?http:\/\/([^/"\s]+)/gim;
const SOCKET_KEYS = ['socket', 'uwsgi-socket', 'http-socket', 'shared-socket', 'fastcgi-socket'];

export const rule: Rule = {
  code: 'WSGI403',
  title: 'uwsgi http router behind Apache, or socket under /tmp',
  goals: [DEPLOY],
  severity: 'information',
  docs: `Two listener choices in a \`[uwsgi]\` ini that fight the goal's "uwsgi with Apache as front-end proxy" setup:

- \`http = <host:port>\` in an ini that Apache also proxies to (a \`ProxyPass … http://<host:port>\` in the repo's \`httpd/\` or
  \`devstack/files/\` Apache configs, or \`write_local_proxy_http_config\` in the devstack plugin): \`http\` starts uwsgi's own
  HTTP router as an extra process in front of the workers. Behind a real proxy uwsgi recommends \`http-socket\`, which the
  workers speak directly (devstack 1560efe9).
- a \`socket\` (or \`http-socket\`, \`uwsgi-socket\`) under \`/tmp\`: Apache runs with a private \`/tmp\` on some distributions
  and cannot reach the socket (LP#1684360); devstack keeps its sockets in \`/var/run/uwsgi\`.

**Fix:** \`http-socket = <host:port>\` behind mod_proxy_http, or \`socket = /var/run/uwsgi/<name>.socket\` with
\`chmod-socket = 666\` behind mod_proxy_uwsgi.`,
  check(ctx) {
    const inis = uwsgiInis(ctx);
    if (!inis.length) return [];
    const targets = proxyTargets(ctx);
    const out: Finding[] = [];
    for (const { file, section } of inis) {
      for (const e of entries(section, 'http')) {
        const addr = e.value.trim();
        const port = /:(\d+)$/.exec(addr)?.[1];
        const via = targets.find((t) => t.addr === addr || (port && t.port === port));
        if (!via) continue;
        out.push({
          at: { file, span: e.span },
          summary: `http = ${addr} starts a router Apache does not need: use http-socket = ${addr}`,
          message:
            `http = ${addr} in ${file} starts uwsgi's own HTTP router process, yet Apache already proxies to it (${via.where}): ` +
            `behind the goal's Apache front-end use http-socket = ${addr}, which the workers serve directly.`,
        });
      }
      for (const e of entries(section, ...SOCKET_KEYS)) {
        if (!e.value.trim().startsWith('/tmp/')) continue;
        out.push({
          at: { file, span: e.span },
          summary: `${e.key} = ${e.value} is under /tmp, which Apache may not see: use /var/run/uwsgi/`,
          message: `${e.key} = ${e.value} in ${file} puts the socket under /tmp: Apache runs with a private /tmp on some distributions and cannot reach it (LP#1684360); use /var/run/uwsgi/<name>.socket with chmod-socket = 666.`,
        });
      }
    }
    return out;
  },
};

/** host:port targets Apache proxies to with mod_proxy_http, from Apache configs and the devstack plugin. */
function proxyTargets(ctx: Parameters<Rule['check']>[0]): { addr: string; port?: string; where: string }[] {
  const out: { addr: string; port?: string; where: string }[] = [];
  const add = (addr: string, where: string) => out.push({ addr, port: /:(\d+)$/.exec(addr)?.[1], where });
  for (const file of ctx.model.files.filter((f) => APACHE_FILE.test(f) && !/\.ini$/.test(f))) {
    const text = ctx.model.sources.text(file);
    if (text === undefined) continue;
    for (const m of text.matchAll(PROXY_TARGET)) add(m[1], `${file} line ${text.slice(0, m.index).split('\n').length}`);
  }
  const p = pluginOf(ctx);
  for (const { file, cmd } of p.commands) {
    if (cmd.name !== 'write_local_proxy_http_config') continue;
    const m = /^http:\/\/([^/\s]+)/.exec(wordText(cmd.args[1]));
    if (m) add(m[1], `write_local_proxy_http_config, ${file} line ${cmd.span.start.line + 1}`);
  }
  for (const file of p.files) {
    const text = ctx.model.sources.text(file) ?? '';
    for (const m of text.matchAll(PROXY_TARGET)) add(m[1], `${file} line ${text.slice(0, m.index).split('\n').length}`);
  }
  return out;
}
