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
    if (!eps.length) eps = model.apiServices.length === 1 ? model.entryPoints : orphans;
    const facts = factsFor(model, service);
    return { service, entryPoints: eps, mode: modeOf(model, facts), deployFacts: facts };
  });
}

/** The facts on devstack's default path that concern this service. */
function factsFor(model: RepoModel, service: ApiServiceModel): DeployFact[] {
  const all = model.deploy.facts.filter((f) => f.onDefaultPath);
  if (model.apiServices.length === 1) return all;
  const owns = (s: ApiServiceModel, f: DeployFact) => !!f.devstackService &&
    (f.devstackService === s.name || aliases(s.name).includes(f.devstackService) || matchKey(f.devstackService, model.name) === matchKey(s.name, model.name));
  const mine = all.filter((f) => owns(service, f));
  if (mine.length) return mine;
  const claimed = new Set(model.apiServices.flatMap((s) => all.filter((f) => owns(s, f))));
  return all.filter((f) => !claimed.has(f));
}

// Until default branches are resolved, the most goal-like deployment the plugin can do wins.
const PRECEDENCE: DeployMode[] = ['uwsgi', 'uwsgi-no-apache', 'mod_wsgi', 'standalone'];

function modeOf(model: RepoModel, facts: DeployFact[]): DeployMode {
  if (model.deploy.source === 'unknown') return 'unknown';
  const kinds = new Set(facts.map((f) => f.kind));
  return PRECEDENCE.find((m) => kinds.has(m as DeployFact['kind'])) ?? 'none';
}

/** The repo's mode: the services' common mode, or "mixed". */
export function repoMode(statuses: ServiceStatus[], model: RepoModel): DeployMode {
  if (!statuses.length) return model.deploy.source === 'unknown' ? 'unknown' : 'none';
  const modes = new Set(statuses.map((s) => s.mode));
  return modes.size === 1 ? statuses[0].mode : 'mixed';
}
