// The repo's uwsgi ini files (WSGI4xx), as the model lists them.
import type { IniEntry, IniSection } from '../../model/types';
import type { RuleContext } from '../rule';

export interface UwsgiIniText {
  file: string;
  section: IniSection;
  text: string;
}

/** The model's uwsgi inis, with their text (for positions of keys the rules add). */
export function uwsgiInis(ctx: RuleContext): UwsgiIniText[] {
  return ctx.model.uwsgiInis.map((u) => ({ ...u, text: ctx.model.sources.text(u.file) ?? '' }));
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
