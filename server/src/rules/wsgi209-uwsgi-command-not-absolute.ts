import { Finding, Rule, DEPLOY } from './rule';
import { rewriteWord } from './support/text-fixes';
import { expand, firstToken, hasExpansion, pluginOf, unquote, varRef, wordText } from './support/plugin';

export const rule: Rule = {
  code: 'WSGI209',
  title: 'uwsgi run_process command is not an absolute path, or uses sudo',
  goals: [DEPLOY],
  severity: 'warning',
  docs: `Devstack runs every \`run_process\` as a systemd unit, and for a command containing uwsgi it writes a uwsgi-specific
unit (\`Type=notify\`, \`KillMode=process\`, reload by HUP). Its guard \`_common_systemd_pitfalls\` dies when the command does
not start with an absolute path (\`run_process x-api "uwsgi --ini …"\`) or contains \`sudo\`, so stack.sh stops before the
API ever runs under uwsgi.

**Fix:** start with \`$(which uwsgi)\`; to run as another user use \`run_process\`'s user argument
(\`run_process <svc> "<command>" "" <user>\`) instead of sudo.`,
  check(ctx) {
    const p = pluginOf(ctx);
    const out: Finding[] = [];
    for (const pc of p.commands) {
      const { cmd } = pc;
      if (cmd.name !== 'run_process' || !cmd.args[1]) continue;
      const service = wordText(cmd.args[0]);
      const raw = unquote(cmd.args[1].raw).trim();
      const command = varRef(raw) ? (expand(p, raw, cmd.inFunction).find((c) => !varRef(c)) ?? raw) : raw;
      // devstack tests the expanded command for "uwsgi": `$UWSGI_BIN --ini …` counts.
      if (!/\buwsgi\b/.test(command) && !expand(p, command, cmd.inFunction).some((c) => /\buwsgi\b/.test(c))) continue;
      const at = { file: pc.file, span: cmd.args[1].span };
      const first = firstToken(command);
      // The first word after the plugin's own assignments: `$UWSGI_BIN` → `uwsgi` is just as relative.
      const resolved = varRef(first) ? expand(p, first, cmd.inFunction).find((v) => !hasExpansion(v)) : first;
      if (resolved !== undefined && !hasExpansion(resolved) && !resolved.startsWith('/')) {
        // Only where the command is written in place and starts with the bare word.
        const fix =
          first === 'uwsgi' && !varRef(raw)
            ? rewriteWord(pc.file, cmd.args[1], 'Start uwsgi as $(which uwsgi)', (r) => r.replace(/^(["]?)uwsgi\b/, '$1$(which uwsgi)'))
            : undefined;
        out.push({
          at,
          ...(fix ? { fixes: [fix] } : {}),
          summary: `run_process ${service} starts "${resolved}", not an absolute path, so stack.sh dies: use $(which uwsgi)`,
          message:
            `run_process ${service} starts "${resolved}", not an absolute path: devstack's systemd pitfall check dies on such a command, ` +
            `so stack.sh stops before the API runs under uwsgi; start it with $(which uwsgi).`,
        });
      }
      if (/(^|[\s;&|(])sudo\b/.test(command)) {
        out.push({
          at,
          summary: `run_process ${service} runs uwsgi through sudo, so stack.sh dies: pass the user as 4th argument`,
          message:
            `run_process ${service} runs uwsgi through sudo: devstack's systemd pitfall check dies on sudo in a run_process command, ` +
            `so stack.sh stops before the API runs under uwsgi; pass the user as run_process's 4th argument instead.`,
        });
      }
    }
    return out;
  },
};
