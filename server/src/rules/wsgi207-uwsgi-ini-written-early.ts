import { Finding, Rule, DEPLOY } from './rule';
import { before, effective, pluginOf, PluginCommand, showConf, uwsgiWrites, varRef, wordText } from './support/plugin';

const INI_WRITERS = new Set(['iniset', 'iniadd', 'iniset_multiline', 'inicomment', 'iniuncomment']);
const COPIERS = new Set(['cp', 'install', 'mv', 'ln']);

export const rule: Rule = {
  code: 'WSGI207',
  title: 'uwsgi ini written before write_uwsgi_config',
  goals: [DEPLOY],
  severity: 'warning',
  docs: `In one function, the plugin writes to the uwsgi ini (\`iniset $<X>_UWSGI_CONF uwsgi …\`, \`cp\`/\`install\`/\`tee\` or a
\`>\` redirection onto it) before it calls \`write_uwsgi_config "$<X>_UWSGI_CONF" …\`. \`write_uwsgi_config\` starts with
\`rm -rf <conf>\` and then writes its own key set, so the earlier settings are silently lost and the API runs under uwsgi
without them (a pattern seen in monasca plugins).

**Fix:** call \`write_uwsgi_config\` first and add the extra keys after it, as designate does for \`http-socket\`:
\`write_uwsgi_config "$DESIGNATE_UWSGI_CONF" …\` then \`iniset "$DESIGNATE_UWSGI_CONF" uwsgi http-socket …\`.`,
  check(ctx) {
    const p = pluginOf(ctx);
    const out: Finding[] = [];
    const reported = new Set<PluginCommand>();
    for (const w of uwsgiWrites(p)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(w.conf) && !w.conf.startsWith('/')) continue;
      for (const pc of p.commands) {
        if (reported.has(pc) || !before(pc, w.pc) || pc.cmd.inFunction !== w.pc.cmd.inFunction) continue;
        const how = writesTo(pc, w.conf, ctx.model.sources.text(pc.file));
        if (!how) continue;
        reported.add(pc);
        const where = w.pc.cmd.inFunction ? ` in ${w.pc.cmd.inFunction}` : '';
        out.push({
          at: { file: pc.file, span: pc.cmd.span },
          summary: `${how} ${showConf(w.conf)} before ${w.pc.cmd.name}, which deletes it: move it after`,
          message:
            `${how} ${showConf(w.conf)} before ${w.pc.cmd.name} (line ${w.pc.cmd.span.start.line + 1})${where}, ` +
            `which starts with rm -rf of that file: the setting is lost and the API runs under uwsgi without it; move it after ${w.pc.cmd.name}.`,
        });
      }
    }
    return out;
  },
};

/** How a command writes to the conf, in words, or undefined when it does not. */
function writesTo(pc: PluginCommand, conf: string, text: string | undefined): string | undefined {
  const { name, args } = effective(pc.cmd);
  const words = args.map(wordText);
  const is = (v: string | undefined) => v !== undefined && (varRef(v) ?? v) === conf;
  if (INI_WRITERS.has(name)) {
    const target = words[0] === '-sudo' ? words[1] : words[0];
    return is(target) ? `${name} writes to` : undefined;
  }
  if (COPIERS.has(name)) {
    const operands = words.filter((w) => !w.startsWith('-'));
    return operands.length >= 2 && is(operands[operands.length - 1]) ? `${name} writes` : undefined;
  }
  if (name === 'tee') return words.some(is) ? 'tee writes to' : undefined;
  // `cat > $CONF <<EOF`, `echo … >> $CONF`: the redirection is not an argument, so read the line.
  const line = text?.split(/\r?\n/)[pc.cmd.span.start.line] ?? '';
  const ref = /^[A-Za-z_][A-Za-z0-9_]*$/.test(conf) ? `\\$\\{?${conf}\\}?` : conf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(>>?)\\s*"?${ref}"?(\\s|$|;)`).exec(line);
  return m ? `${name} ${m[1] === '>>' ? 'appends' : 'writes'} to` : undefined;
}
