import { insertAt, replaceSpan } from './support/text-fixes';
import { Finding, Rule, DEPLOY } from './rule';
import { entries, flag, uwsgiInis } from './support/uwsgi-ini';

export const rule: Rule = {
  code: 'WSGI401',
  title: 'uwsgi ini lacks keys an OpenStack API needs',
  goals: [DEPLOY],
  severity: 'warning',
  docs: `A \`[uwsgi]\` ini shipped in the repo (\`httpd/*.ini\`, \`etc/**/*uwsgi*.ini\`, \`devstack/files/*.ini\`, any \`*uwsgi*.ini\`)
misses a key devstack's \`write_uwsgi_config\` always sets, so deployers who copy the sample run the API under uwsgi in a way
that breaks:

- \`master = true\`: the supervising master respawns workers and handles signals and graceful reloads;
- \`lazy-apps = true\`: without it the app (config, DB engines, memcached/AMQP sockets, threads) is built once in the master
  and its file descriptors are shared by every worker after fork (keystone LP#1600394);
- \`enable-threads = true\` (or \`threads\`): uwsgi's python plugin does not initialise the GIL otherwise, so threads the API
  starts (oslo.messaging heartbeats, nova's scatter-gather) never run;
- \`plugins = python3\` when the ini loads an app (\`module\`/\`wsgi-file\`): distribution uwsgi needs the python plugin;
- \`die-on-term = true\`: SIGTERM (\`systemctl stop\`) stops uwsgi instead of reloading it.

It also reports \`exit-on-reload = true\` (uwsgi then exits on SIGHUP instead of reloading, so the API cannot reload its
configuration) and a \`buffer-size\` below 65535 (OpenStack requests carry large headers, Keystone tokens and service
catalogs, and uwsgi rejects bigger ones). A missing key is reported on the \`[uwsgi]\` header, a wrong one on its line.

**Fix:** add devstack's key set: \`master = true\`, \`lazy-apps = true\`, \`enable-threads = true\`, \`plugins = python3\`,
\`die-on-term = true\`, \`exit-on-reload = false\`, \`buffer-size = 65535\` (plus \`thunder-lock = true\`,
\`hook-master-start = unix_signal:15 gracefully_kill_them_all\`, \`worker-reload-mercy = 80\`).`,
  check(ctx) {
    const out: Finding[] = [];
    for (const { file, section } of uwsgiInis(ctx)) {
      const header = { file, span: section.span };
      const need = (keys: string[], text: string, why: string) => {
        const found = entries(section, ...keys);
        if (!found.length) {
          // Right under the header: the section's own keys follow it, whatever comes after.
          const under = { line: section.span.start.line + 1, character: 0 };
          out.push({
            at: header,
            message: `[uwsgi] in ${file} has no ${text}: ${why}; add ${text}.`,
            fixes: [insertAt(file, under, `${text}\n`, `Add ${text}`)],
          });
          return;
        }
        const vals = found.map(flag);
        if (vals.some((v) => v !== false)) return;
        const e = found[found.length - 1];
        out.push({
          at: { file, span: e.span },
          message: `${e.key} = ${e.value} in ${file} turns it off: ${why}; set ${text}.`,
          fixes: [replaceSpan(file, e.span, text, `Set ${text}`)],
        });
      };
      need(
        ['master'],
        'master = true',
        'without the master process uwsgi does not respawn workers or handle signals and graceful reloads for the API',
      );
      need(
        ['lazy-apps', 'lazy'],
        'lazy-apps = true',
        'the API app is then built once in the master and its DB, memcached and AMQP connections are shared by every worker after fork',
      );
      if (!entries(section, 'threads').length) {
        need(
          ['enable-threads'],
          'enable-threads = true',
          "uwsgi's python plugin does not initialise the GIL otherwise, so threads the API starts (oslo.messaging heartbeats) never run",
        );
      }
      const app = entries(section, 'module', 'wsgi-file', 'wsgi', 'file', 'mount');
      if (app.length) {
        const plugins = entries(section, 'plugins', 'plugin', 'need-plugin', 'need-plugins');
        if (!plugins.some((e) => /python/i.test(e.value) || e.value.includes('%('))) {
          out.push({
            at: plugins.length ? { file, span: plugins[0].span } : header,
            summary: `[uwsgi] loads no python plugin: add plugins = python3`,
            message:
              `[uwsgi] in ${file} loads ${app[0].key} = ${app[0].value} but ${plugins.length ? `plugins = ${plugins[0].value} names no` : 'loads no'} python plugin: ` +
              'the distribution uwsgi devstack installs cannot load a Python WSGI app without it; add plugins = python3.',
          });
        }
      }
      need(['die-on-term'], 'die-on-term = true', 'SIGTERM (systemctl stop of the API unit) then reloads uwsgi instead of stopping it');
      for (const e of entries(section, 'exit-on-reload')) {
        if (flag(e) === true)
          out.push({
            at: { file, span: e.span },
            summary: `${e.key} = ${e.value} makes uwsgi exit on reload: set exit-on-reload = false`,
            message: `${e.key} = ${e.value} in ${file} makes uwsgi exit on SIGHUP instead of reloading, so the API cannot reload its configuration; set exit-on-reload = false.`,
          });
      }
      const buffers = entries(section, 'buffer-size');
      for (const e of buffers) {
        const n = /^\d+$/.test(e.value.trim()) ? Number(e.value.trim()) : NaN;
        if (n < 65535)
          out.push({
            at: { file, span: e.span },
            summary: `${e.key} = ${e.value} rejects large OpenStack headers: set buffer-size = 65535`,
            message: `${e.key} = ${e.value} in ${file} is below 65535: uwsgi rejects OpenStack requests with larger headers (Keystone tokens, service catalogs); set buffer-size = 65535.`,
          });
      }
    }
    return out;
  },
};
