// How devstack deploys a repo's API services: facts read from the repo's own devstack plugin,
// or from devstack's lib/<service> for the services devstack configures itself.
import * as path from 'path';
import { ScannedRepo } from '../discover/scan';
import { ShellCommand } from '../parse/bash';
import type { BuildContext } from './build';
import { ApiServiceModel, DeployFact, RepoModel } from './types';

export interface DevstackCheckout { root: string; files: string[] }

/** Services whose devstack deployment lives in devstack itself (lib/<name>). */
export const CORE_SERVICES: Record<string, string[]> = {
  nova: ['lib/nova'], glance: ['lib/glance'], keystone: ['lib/keystone'], cinder: ['lib/cinder'],
  neutron: ['lib/neutron', 'lib/neutron-legacy'], placement: ['lib/placement'], swift: ['lib/swift'],
};

const PLUGIN_FILE = /^devstack\/(plugin\.sh|settings|override-defaults|lib\/[^/]+)$/;
const MOD_WSGI_TEMPLATE = /^\s*(WSGIScriptAlias|WSGIDaemonProcess|WSGIProcessGroup)\b|SetHandler\s+wsgi-script/m;

export function deploymentFacts(repo: ScannedRepo, project: string, services: ApiServiceModel[], ctx: BuildContext): RepoModel['deploy'] {
  const own = repo.files.filter((f) => PLUGIN_FILE.test(f));
  if (own.length) {
    const facts = factsFrom(repo.root, own, undefined, services, ctx);
    for (const f of repo.files.filter((x) => /^devstack\/files\/(.*\.template|apache[^/]*)$/.test(x))) {
      const text = ctx.source.read(path.join(repo.root, f)) ?? '';
      const m = MOD_WSGI_TEMPLATE.exec(text);
      if (m) facts.push({ kind: 'mod_wsgi', at: { file: f, span: lineOf(text, m.index, m[0].trim().length) }, text: m[0].trim() });
    }
    return { source: 'plugin', facts };
  }
  const core = CORE_SERVICES[project];
  if (!core) return { source: 'none', facts: [] };
  if (!ctx.devstack) return { source: 'unknown', facts: [] };
  const libs = core.filter((f) => ctx.devstack!.files.includes(f));
  return { source: 'devstack', facts: factsFrom(ctx.devstack.root, libs, 'devstack', services, ctx) };
}

function factsFrom(root: string, files: string[], repoName: string | undefined, services: ApiServiceModel[], ctx: BuildContext): DeployFact[] {
  const facts: DeployFact[] = [];
  for (const rel of files) {
    const abs = path.join(root, rel);
    const text = ctx.source.read(abs);
    if (text === undefined) continue;
    const sh = ctx.cache.shell(abs, text);
    for (const cmd of sh.commands) {
      const kind = classify(cmd, services);
      if (!kind) continue;
      facts.push({
        kind: kind.kind, devstackService: kind.service,
        at: { file: rel, span: cmd.span, ...(repoName ? { repo: repoName } : {}) },
        text: text.split(/\r?\n/)[cmd.span.start.line]?.trim() ?? cmd.name,
      });
    }
  }
  return facts;
}

function classify(cmd: ShellCommand, services: ApiServiceModel[]): { kind: DeployFact['kind']; service?: string } | undefined {
  const a = cmd.args.map((x) => x.value);
  switch (cmd.name) {
    case 'write_uwsgi_config': {
      const http = (a[3] ?? '').trim();
      const name = a[4] || (a[1] ? path.posix.basename(a[1]) : undefined);
      return { kind: http ? 'uwsgi-no-apache' : 'uwsgi', service: name };
    }
    case 'write_local_uwsgi_http_config':
      return { kind: 'uwsgi', service: a[3] || (a[1] ? path.posix.basename(a[1]) : undefined) };
    case 'install_apache_wsgi':
      return { kind: 'mod_wsgi' };
    case 'run_process':
    case 'screen_it': {
      const svc = a[0] ?? '';
      const command = a[1] ?? '';
      if (/\buwsgi\b/.test(command)) return { kind: 'uwsgi', service: svc };
      const binary = path.posix.basename(command.trim().split(/\s+/)[0] ?? '');
      const isApi = /(^|-)api(-|$)/.test(svc) || services.some((s) => s.name === svc || s.name === binary) || /(^|-)api(-|$)|-server$/.test(binary);
      return isApi ? { kind: 'standalone', service: svc } : undefined;
    }
  }
  return undefined;
}

function lineOf(text: string, index: number, length: number) {
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  const col = index - (before.lastIndexOf('\n') + 1);
  const lead = text.slice(index).length - text.slice(index).trimStart().length;
  return { start: { line, character: col + lead }, end: { line, character: col + lead + length } };
}
