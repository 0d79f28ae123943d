// The devstack localrc variables a repo's Zuul jobs and local.conf files set (WSGI3xx), and what each
// setting means for the deploy-api-in-wsgi goal.
import type { ZuulJob, ZuulProblem } from '../../model/types';
import { isLocalrc, LOCAL_CONF, ZUUL_FILE } from '../../model/repo-files';
import type { Span } from '../../util/range';
import type { RuleContext } from '../rule';
import { boolOf, branchTakenWhen } from './plugin';

export interface LocalrcUse {
  file: string;
  name: string;
  value: string;
  /** Key to value. */
  span: Span;
  /** Who sets it, for messages: `Zuul job zun-tempest-base (devstack_localrc)`, `devstack/local.conf.sample [[local|localrc]]`. */
  who: string;
  /** `NAME: value` (YAML) or `NAME=value` (shell), as the file spells it. */
  shown: string;
  /** Several jobs share the setting (a YAML anchor). */
  plural: boolean;
  source: 'zuul' | 'local.conf';
}

interface Collected {
  uses: LocalrcUse[];
  problems: ZuulProblem[];
}

const cache = new WeakMap<RuleContext, Collected>();

export function localrcUses(ctx: RuleContext): Collected {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const out: Collected = { uses: [], problems: [] };
  for (const file of ctx.model.files.filter((f) => ZUUL_FILE.test(f))) {
    const z = ctx.model.sources.zuul(file);
    if (!z) continue;
    out.problems.push(...z.problems);
    // One use per place in the file: an anchor shared by several jobs is reported once, naming them all.
    const byPlace = new Map<string, { use: LocalrcUse; jobs: ZuulJob[]; scopes: Set<string> }>();
    for (const job of z.jobs) {
      for (const s of job.localrc) {
        const key = `${s.span.start.line}:${s.span.start.character}:${s.name}`;
        const seen = byPlace.get(key);
        if (seen) {
          if (!seen.jobs.includes(job)) seen.jobs.push(job);
          seen.scopes.add(s.scope);
          continue;
        }
        byPlace.set(key, {
          use: { file, name: s.name, value: s.value, span: s.span, who: '', shown: `${s.name}: ${s.value}`, plural: false, source: 'zuul' },
          jobs: [job],
          scopes: new Set([s.scope]),
        });
      }
    }
    for (const { use, jobs, scopes } of byPlace.values()) {
      const names = jobs.map((j) => (j.variantIn ? `${j.name} in ${j.variantIn}` : j.name));
      use.who = `Zuul job${names.length > 1 ? 's' : ''} ${names.join(', ')} (${[...scopes].join(', ')})`;
      use.plural = names.length > 1;
      out.uses.push(use);
    }
  }
  for (const file of ctx.model.files.filter((f) => LOCAL_CONF.test(f))) {
    const lc = ctx.model.sources.localConf(file);
    for (const a of lc?.localrc ?? []) {
      if (!isLocalrc(lc!.sections[a.section])) continue;
      out.uses.push({
        file,
        name: a.name,
        value: a.value,
        span: a.span,
        who: `${file} [[local|localrc]]`,
        shown: `${a.name}=${a.raw}`,
        plural: false,
        source: 'local.conf',
      });
    }
  }
  cache.set(ctx, out);
  return out;
}

export interface Verdict {
  rule: 'WSGI301' | 'WSGI302';
  why: string;
}

const LEGACY_TOGGLES: Record<string, { api: string; removed: string; uwsgiWhen: boolean }> = {
  NOVA_USE_MOD_WSGI: { api: 'nova-api', removed: 'in 2024, devstack dda40363', uwsgiWhen: true },
  CINDER_USE_MOD_WSGI: { api: 'cinder-api', removed: 'in 2024, devstack 7e8d5efd', uwsgiWhen: true },
  NEUTRON_DEPLOY_MOD_WSGI: { api: 'neutron-server', removed: 'in 2024, devstack d040e159', uwsgiWhen: true },
  GLANCE_STANDALONE: { api: 'glance-api', removed: 'in 2025, devstack 1aa22aa6', uwsgiWhen: false },
};

/** What a localrc setting does to the goal: WSGI301 (selects mod_wsgi or standalone), WSGI302 (stale no-op), or nothing. */
export function judge(ctx: RuleContext, name: string, value: string): Verdict | undefined {
  const v = value.trim();
  const bool = boolOf(v);
  if (/^([A-Z0-9_]+_)?WSGI_MODE$/.test(name)) {
    if (/^mod_wsgi$/i.test(v)) {
      return {
        rule: 'WSGI301',
        why:
          name === 'WSGI_MODE'
            ? 'selects Apache mod_wsgi for every devstack API instead of uwsgi behind Apache (devstack has refused any WSGI_MODE but uwsgi since 2024, so stack.sh dies)'
            : `selects Apache mod_wsgi for ${owner(name, 'WSGI_MODE')}'s API instead of uwsgi behind Apache`,
      };
    }
    if (name === 'WSGI_MODE' && v && !/^uwsgi$/i.test(v) && !v.includes('$')) {
      return {
        rule: 'WSGI301',
        why: `is not uwsgi: devstack has accepted only WSGI_MODE=uwsgi since 2024 and stops stack.sh, so the job never runs the APIs under uwsgi`,
      };
    }
    return undefined;
  }
  const legacy = LEGACY_TOGGLES[name];
  if (legacy) {
    if (bool === undefined) return undefined;
    // A devstack checkout's own local.conf is read by that devstack only: if no file of it reads
    // the toggle any more, setting it does nothing, whatever the value.
    if (ctx.model.isDevstack && !devstackReads(ctx, name)) {
      return {
        rule: 'WSGI302',
        why: `is a no-op: this devstack no longer reads ${name} (removed ${legacy.removed}) and runs ${legacy.api} under uwsgi`,
      };
    }
    if (bool === legacy.uwsgiWhen) {
      return {
        rule: 'WSGI302',
        why: `is a no-op: devstack removed ${name} (${legacy.removed}) and always runs ${legacy.api.replace(/-(api|server)$/, '')}'s API under uwsgi`,
      };
    }
    return {
      rule: 'WSGI301',
      why: `runs ${legacy.api} standalone (eventlet) instead of under uwsgi on devstack branches that still read it (removed ${legacy.removed})`,
    };
  }
  if (name === 'KEYSTONE_USE_MOD_WSGI') {
    return {
      rule: 'WSGI302',
      why: "is a no-op: devstack derives keystone's deployment from WSGI_MODE since 2017 and removed the mod_wsgi path in 2024; keystone always runs under uwsgi",
    };
  }
  if (/^[A-Z0-9_]+_USE_UWSGI$/.test(name) && bool === false) {
    return { rule: 'WSGI301', why: `runs ${owner(name, 'USE_UWSGI')}'s API without uwsgi (its plugin's standalone mode)` };
  }
  const modWsgi = /^([A-Z0-9_]+)_USE_MOD_WSGI$/.exec(name);
  if (modWsgi && bool === false) {
    const where = pluginStandaloneWhen(ctx, name, v);
    if (where)
      return {
        rule: 'WSGI301',
        why: `makes the repo's devstack plugin start ${where.service} standalone (${where.at}) instead of under uwsgi`,
      };
  }
  return undefined;
}

function owner(name: string, suffix: string): string {
  return name
    .slice(0, -suffix.length - 1)
    .replace(/_USE$/, '')
    .toLowerCase()
    .replace(/_/g, '-');
}

/** The standalone API run_process the repo's plugin reaches when `name` has `value`. */
function pluginStandaloneWhen(ctx: RuleContext, name: string, value: string): { service: string; at: string } | undefined {
  // The model's own facts: the API processes it found, whatever branch they sit in.
  const f = ctx.model.deploy.facts.find(
    (x) => x.kind === 'standalone' && x.role === 'run' && !x.at.repo && branchTakenWhen(x, name, value) === true,
  );
  return f ? { service: f.devstackService ?? f.serves ?? 'the API', at: `${f.at.file} line ${f.at.span.start.line + 1}` } : undefined;
}

/** Whether any of the devstack checkout's own shell files (stackrc, functions, lib/*) mentions the name. */
function devstackReads(ctx: RuleContext, name: string): boolean {
  return ctx.model.files.some((f) => /^(stackrc|functions[^/]*|lib\/[^/]+)$/.test(f) && (ctx.model.sources.text(f) ?? '').includes(name));
}
