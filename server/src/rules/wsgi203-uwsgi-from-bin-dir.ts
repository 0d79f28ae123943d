import { Finding, Rule, DEPLOY } from './rule';
import { rewriteWord, UWSGI_WORD } from './support/text-fixes';
import { expand, iniOf, pluginOf, unquote, varRef, wordText } from './support/plugin';

const BIN_DIR_UWSGI = /\$\{?([A-Za-z_][A-Za-z0-9_]*_BIN_DIR)\}?\/uwsgi\b/;
const PROCNAME = /--procname(-prefix(-spaced)?)?\b/;

export const rule: Rule = {
  code: 'WSGI203',
  title: 'uwsgi taken from the project bin dir, or started without --procname-prefix',
  goals: [DEPLOY],
  severity: 'warning',
  docs: `A \`run_process\` starts uwsgi as \`$<X>_BIN_DIR/uwsgi\`. Devstack installs the distribution's uwsgi package with its
python3 plugin (\`install_apache_uwsgi\`, devstack 2d903568, 2018) and the project's bin dir (its virtualenv or
\`/usr/local/bin\`) usually has no uwsgi at all, so the API never comes up under uwsgi and the job does not meet the
goal's second criterion (zun fixed exactly this in 0bcfcd97).

The rule also reports, with the same code, a uwsgi \`run_process\` without \`--procname-prefix\`: every API then shows up as
plain \`uwsgi\` processes in \`ps\` and in the logs, which makes a devstack node with several uwsgi-hosted APIs hard to
debug. Devstack's own services all pass it.

**Fix:** \`run_process <svc>-api "$(which uwsgi) --procname-prefix <svc>-api --ini $<SVC>_UWSGI_CONF"\`.`,
  check(ctx) {
    const p = pluginOf(ctx);
    const out: Finding[] = [];
    for (const pc of p.commands) {
      const { cmd } = pc;
      if (cmd.name !== 'run_process' && cmd.name !== 'screen_it') continue;
      const service = wordText(cmd.args[0]);
      const raw = unquote(cmd.args[1]?.raw ?? '');
      const command = varRef(raw) ? expand(p, raw, cmd.inFunction)[0] : raw;
      if (!/\buwsgi\b/.test(command)) continue;
      const at = { file: pc.file, span: cmd.args[1]?.span ?? cmd.span };
      const bin = BIN_DIR_UWSGI.exec(command);
      if (bin) {
        const fix = cmd.args[1]
          ? rewriteWord(pc.file, cmd.args[1], 'Start uwsgi as $(which uwsgi)', (raw) =>
              raw.replace(new RegExp(`\\$\\{?${bin[1]}\\}?/uwsgi\\b`), '$(which uwsgi)'),
            )
          : undefined;
        out.push({
          at,
          ...(fix ? { fixes: [fix] } : {}),
          summary: `run_process ${service} takes uwsgi from $${bin[1]}: use $(which uwsgi)`,
          message:
            `run_process ${service} takes uwsgi from $${bin[1]}: devstack installs the distribution's uwsgi (with its python3 plugin), ` +
            `not one in the project's bin dir, so ${service} may never start under uwsgi as the deploy-api-in-wsgi goal requires; use $(which uwsgi).`,
        });
      }
      if (!PROCNAME.test(command) && !procnameInIni(p, iniOf(command))) {
        const fix =
          service && cmd.args[1]
            ? rewriteWord(pc.file, cmd.args[1], `Add --procname-prefix ${service}`, (raw) => {
                const m = UWSGI_WORD.exec(raw);
                return m
                  ? `${raw.slice(0, m.index + m[0].length)} --procname-prefix ${service}${raw.slice(m.index + m[0].length)}`
                  : undefined;
              })
            : undefined;
        out.push({
          at,
          ...(fix ? { fixes: [fix] } : {}),
          summary: `run_process ${service} starts uwsgi without --procname-prefix: add --procname-prefix ${service || '<service>'}`,
          message:
            `run_process ${service} starts uwsgi without --procname-prefix: its processes show up as plain "uwsgi" in ps and the logs, ` +
            `indistinguishable from the other uwsgi-hosted APIs; add --procname-prefix ${service || '<service>'} as devstack's own services do.`,
        });
      }
    }
    return out;
  },
};

/** `iniset $X_UWSGI_CONF uwsgi procname-prefix …` sets it in the ini instead. */
function procnameInIni(p: ReturnType<typeof pluginOf>, conf: string | undefined): boolean {
  if (!conf) return false;
  return p.commands.some(
    ({ cmd }) =>
      cmd.name === 'iniset' &&
      cmd.args
        .map(wordText)
        .filter((a) => a !== '-sudo')
        .some(
          (a, i, all) => i === 0 && (varRef(a) ?? a) === conf && all[1] === 'uwsgi' && /^procname(-prefix(-spaced)?)?$/.test(all[2] ?? ''),
        ),
  );
}
