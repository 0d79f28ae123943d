// The repo's uwsgi ini files (WSGI4xx): every `.ini` of model.files whose first section is [uwsgi].
import type { IniEntry, IniSection } from '../../parse/ini';
import type { RuleContext } from '../rule';

export interface UwsgiIni {
  file: string;
  section: IniSection;
  text: string;
}

const cache = new WeakMap<RuleContext, UwsgiIni[]>();

export function uwsgiInis(ctx: RuleContext): UwsgiIni[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const out: UwsgiIni[] = [];
  for (const file of ctx.model.files) {
    if (!/\.ini$/i.test(file) || file === 'setup.cfg') continue;
    const ini = ctx.ini(file);
    const first = ini?.sections[0];
    if (!first || first.name.trim() !== 'uwsgi') continue;
    out.push({ file, section: first, text: ctx.text(file) ?? '' });
  }
  cache.set(ctx, out);
  return out;
}

/** uwsgi accepts `lazy_apps` for `lazy-apps`: keys compared with underscores as dashes. */
export function norm(key: string): string {
  return key.replace(/_/g, '-');
}

export function entries(sec: IniSection, ...keys: string[]): IniEntry[] {
  return sec.entries.filter((e) => keys.includes(norm(e.key)));
}

/** uwsgi's boolean spelling: true, false, or undefined (a placeholder, or anything else; an empty value sets a flag). */
export function flag(e: IniEntry): boolean | undefined {
  const v = e.value.trim();
  if (v === '' || /^(true|1|yes|on|y|t|enable|enabled)$/i.test(v)) return true;
  if (/^(false|0|no|off|n|f|disable|disabled)$/i.test(v)) return false;
  return undefined;
}
