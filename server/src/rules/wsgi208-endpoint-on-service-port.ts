import { Finding, Rule, DEPLOY } from './rule';
import { expand, pluginOf, prefixOf, uwsgiWrites, wordText } from './support/plugin';
import { offDefaultPath } from './support/deploy-facts';

const PORT = /:\$\{?([A-Z0-9_]*SERVICE_PORT(?:_INT)?)\}?/;

export const rule: Rule = {
  code: 'WSGI208',
  title: 'Endpoint or health check still on the service port',
  goals: [DEPLOY],
  severity: 'warning',
  docs: `The plugin puts the API behind Apache with \`write_uwsgi_config … "/<path>"\` (a URL path, no \`<http>\` bind), yet it still
registers the catalog endpoint (\`get_or_create_endpoint … $PROTO://$HOST:$<X>_SERVICE_PORT\`) or waits for the service
(\`wait_for_service $SERVICE_TIMEOUT …:$<X>_SERVICE_PORT\`) on the port the standalone server used to bind. Under uwsgi
behind the proxy nothing listens on that port: clients following the catalog and the health check both fail, and the job
cannot show the API working the way the goal deploys it. URLs built in a variable first (\`local url=…:$X_SERVICE_PORT\`)
are followed through the plugin's assignments. Only ports of the services the plugin proxies are reported
(\`ZUN_SERVICE_PORT\` for \`$ZUN_UWSGI_CONF\`), and only as devstack's default path runs them: a command in a branch the
defaults do not take (\`if [ "$MASAKARI_USE_MOD_WSGI" == "False" ]\`) is for the standalone API, where the port is right, and a
URL is read with the value the defaults give it (set again later, or set per branch).

**Fix:** use the path Apache proxies: \`$<X>_SERVICE_PROTOCOL://$<X>_SERVICE_HOST/<path>\` in both places.`,
  check(ctx) {
    const p = pluginOf(ctx);
    const proxied = uwsgiWrites(p)
      .filter((w) => !wordText(w.http) && !offDefaultPath(ctx.model, w.pc.file, w.pc.cmd))
      .map((w) => ({
        w,
        prefix: prefixOf(w.conf),
        path: expand(p, wordText(w.url), w.pc.cmd.inFunction).find((u) => u.startsWith('/')),
      }))
      .filter((x) => x.path !== undefined);
    if (!proxied.length) return [];
    const out: Finding[] = [];
    // The model's values on the default path: a URL the defaults build without the port (manila's
    // MANILA_ENDPOINT_BASE set again, zun's zun_api_url in the uwsgi branch) is not reported.
    for (const e of ctx.model.deploy.endpoints) {
      if (e.at.repo) continue;
      for (const arg of e.args) {
        const port = PORT.exec(arg.value);
        if (!port) continue;
        const portPrefix = port[1].replace(/_?SERVICE_PORT(_INT)?$/, '');
        const match = proxied.find(
          (x) =>
            !x.prefix ||
            !portPrefix ||
            x.prefix === portPrefix ||
            x.prefix.startsWith(portPrefix + '_') ||
            // ZUN_API_SERVICE_PORT for $ZUN_UWSGI_CONF, but not MURANO_CFAPI_SERVICE_PORT for
            // $MURANO_UWSGI_CONF: murano-cfapi is another service, still on its own port.
            portPrefix === x.prefix + '_API',
        );
        if (!match) continue;
        const what = e.command === 'get_or_create_endpoint' ? 'registers the catalog endpoint' : 'waits for the API';
        const x = portPrefix || 'SERVICE';
        const target = `$${x}_SERVICE_PROTOCOL://$${x}_SERVICE_HOST${match.path}`;
        out.push({
          at: { file: e.at.file, span: arg.span },
          summary: `${e.command} uses :$${port[1]}, where nothing listens under uwsgi: use the URL path ${match.path}`,
          message:
            `${e.command} ${what} on :$${port[1]}, but ${match.w.pc.cmd.name} (${match.w.pc.file} line ${match.w.pc.cmd.span.start.line + 1}) ` +
            `puts the API behind Apache at ${match.path}: under uwsgi nothing listens on that port; use ${target}.`,
        });
        break;
      }
    }
    return out;
  },
};
