// Per API service: which entry points serve it and how devstack deploys it.
import type { DeployMode } from '../protocol';
import { matchKey } from '../model/names';
import { ApiServiceModel, DeployFact, EntryPointModel, RepoModel } from '../model/types';
import { aliases } from '../model/devstack';

export interface ServiceStatus {
  service: ApiServiceModel;
  entryPoints: EntryPointModel[];
  mode: DeployMode;
  deployFacts: DeployFact[];
}

export function serviceStatuses(model: RepoModel): ServiceStatus[] {
  const keyOf = (name: string) => matchKey(name, model.name);
  const serviceKeys = new Set(model.apiServices.map((s) => keyOf(s.name)));
  const orphans = model.entryPoints.filter((e) => !serviceKeys.has(keyOf(e.name)));
  return model.apiServices.map((service) => {
    const key = keyOf(service.name);
    let eps = model.entryPoints.filter((e) => keyOf(e.name) === key);
    // One API service: whatever WSGI entry the repo ships serves it. Several: entries whose
    // names fit no service are shared by the services left without one.
    // The project's main API entry (key "") serves variants of the API nothing else claims
    // (nova-api-os-compute), not another server found by what it does (glance-registry).
    const variant = service.recognisedBy.kind === 'name' && /(^|-)api(-|$)/.test(service.name);
    if (!eps.length)
      eps =
        model.apiServices.length === 1
          ? model.entryPoints
          : orphans.length
            ? orphans
            : variant
              ? model.entryPoints.filter((e) => keyOf(e.name) === '')
              : [];
    const facts = factsFor(model, service);
    return { service, entryPoints: eps, mode: modeOf(model, facts), deployFacts: facts };
  });
}

/** The facts on devstack's default path that concern this service. */
function factsFor(model: RepoModel, service: ApiServiceModel): DeployFact[] {
  const all = model.deploy.facts.filter((f) => f.onDefaultPath);
  if (model.apiServices.length === 1) return all;
  const key = (n: string) => matchKey(n, model.name);
  const names = (s: ApiServiceModel) => [s.name, ...(s.aliases ?? [])];
  const owns = (s: ApiServiceModel, f: DeployFact) =>
    names(s).some(
      (n) =>
        (!!f.serves && (f.serves === n || key(f.serves) === key(n))) ||
        (!!f.devstackService && (f.devstackService === n || aliases(n).includes(f.devstackService) || key(f.devstackService) === key(n))),
    );
  const mine = all.filter((f) => owns(service, f));
  if (mine.length) return mine;
  const claimed = new Set(model.apiServices.flatMap((s) => all.filter((f) => owns(s, f))));
  return all.filter((f) => !claimed.has(f));
}

/**
 * What runs decides standalone vs uwsgi; how uwsgi is configured decides Apache or not. Where a
 * branch could not be decided both sides remain, and the goal-like one is taken.
 */
function modeOf(model: RepoModel, facts: DeployFact[]): DeployMode {
  if (model.deploy.source === 'unknown') return 'unknown';
  const run = new Set(facts.filter((f) => f.role === 'run').map((f) => f.kind));
  const config = new Set(facts.filter((f) => f.role === 'config').map((f) => f.kind));
  if (run.has('uwsgi') || (!run.size && (config.has('uwsgi') || config.has('uwsgi-no-apache')))) {
    return config.has('uwsgi') || !config.has('uwsgi-no-apache') ? 'uwsgi' : 'uwsgi-no-apache';
  }
  if (run.has('mod_wsgi')) return 'mod_wsgi';
  if (run.has('standalone')) return 'standalone';
  if (config.has('mod_wsgi')) return 'mod_wsgi';
  return 'none';
}

/** The repo's mode: the services' common mode, or "mixed". */
export function repoMode(statuses: ServiceStatus[], model: RepoModel): DeployMode {
  if (!statuses.length) return model.deploy.source === 'unknown' ? 'unknown' : 'none';
  // A service devstack does not run by default (murano's optional murano-cfapi, which local.conf
  // must enable) beside ones it does run: the default deployment is that of the ones it runs.
  const deployed = statuses.filter((s) => s.mode !== 'none');
  const modes = new Set((deployed.length ? deployed : statuses).map((s) => s.mode));
  // devstack serves a metadata-style API on its own port through uwsgi's HTTP router by design
  // (nova-api-metadata); beside APIs behind Apache that is still the goal's deployment.
  if (modes.has('uwsgi') && [...modes].every((m) => m === 'uwsgi' || m === 'uwsgi-no-apache')) return 'uwsgi';
  return modes.size === 1 ? [...modes][0] : 'mixed';
}
