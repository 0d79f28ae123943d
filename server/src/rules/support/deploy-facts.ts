// How the devstack rules speak of the model's deployment facts: the severity a fact earns and the
// branch it sits in. One answer for every rule, taken from the same facts the verdict is made of.
import type { ServiceStatus } from '../../goal/services';
import type { DeployFact, RepoModel, ShellCommand } from '../../model/types';
import type { Severity } from '../../protocol';

/**
 * Undefined (the rule's own severity) where the fact is what devstack's default path does for an API
 * whose verdict is not uwsgi; information for a branch the defaults do not take, an unused template,
 * or a fallback beside a uwsgi deployment that an undecided test leaves open.
 */
export function severityOf(statuses: ServiceStatus[], fact: DeployFact): Severity | undefined {
  const decides = statuses.some((s) => s.deployFacts.includes(fact) && s.mode !== 'uwsgi' && s.mode !== 'uwsgi-no-apache');
  return fact.onDefaultPath && decides ? undefined : 'information';
}

/** ` (off devstack's default path: [[ … ]] is false, but the defaults make it true)`, or empty. */
export function branchNote(fact: DeployFact): string {
  if (!fact.branch) return fact.onDefaultPath ? '' : " (off devstack's default path)";
  return fact.onDefaultPath ? ` (${fact.branch})` : ` (off devstack's default path: ${fact.branch})`;
}

/** The uwsgi ini a plugin's write_uwsgi_config writes for a service, as the plugin names it (`$X_UWSGI_CONF`). */
export function iniFor(facts: DeployFact[], service: string): string {
  const writes = facts.filter((f) => f.kind !== 'standalone' && f.role === 'config' && /^write_\w*uwsgi\w*config\b/.test(f.text));
  const w = writes.find((f) => f.serves === service) ?? (writes.length === 1 ? writes[0] : undefined);
  const conf = w && /^write_\w+\s+"?(\$\{?\w+\}?|[^\s"]+)"?/.exec(w.text)?.[1];
  return conf ?? '<the ini written by write_uwsgi_config>';
}

/** Whether the model found that devstack's default path does not run this command of the plugin. */
export function offDefaultPath(model: RepoModel, file: string, cmd: ShellCommand): boolean {
  const s = cmd.span.start;
  return model.deploy.offPath.some((at) => at.file === file && at.span.start.line === s.line && at.span.start.character === s.character);
}
