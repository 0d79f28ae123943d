// The arguments of every server command, checked before anything runs: any client (or a
// workspace's own tasks) can send anything, and a wrong type gets a sentence, not a stack trace.
import * as path from 'path';
import type { DeployArgs, ReleaseNoteArgs, ScaffoldArgs } from '../protocol';
import { ServerCommand } from '../protocol';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

export function scaffoldArgs(args: unknown[] | undefined): Parsed<ScaffoldArgs> {
  const cmd = ServerCommand.scaffold;
  const a = args?.[0];
  if (!a || typeof a !== 'object' || Array.isArray(a))
    return { ok: false, message: `${cmd} takes one argument { root, service, factory? }; got ${describe(a)}` };
  const o = a as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!['root', 'service', 'factory'].includes(key))
      return { ok: false, message: `${cmd}: unknown argument "${key}" (expected root, service, factory)` };
  }
  if (typeof o.root !== 'string' || !path.isAbsolute(o.root) || o.root.includes('\0'))
    return { ok: false, message: `${cmd}: root must be the repo's absolute path; got ${describe(o.root)}` };
  if (typeof o.service !== 'string' || !o.service)
    return { ok: false, message: `${cmd}: service must be the API service's name; got ${describe(o.service)}` };
  if (o.factory !== undefined && (typeof o.factory !== 'string' || o.factory.length > 500))
    return { ok: false, message: `${cmd}: factory must be a string, module:function; got ${describe(o.factory)}` };
  return {
    ok: true,
    value: { root: path.normalize(o.root), service: o.service, ...(o.factory !== undefined ? { factory: o.factory } : {}) },
  };
}

export function exportReportArgs(args: unknown[] | undefined, goals: string[]): Parsed<{ goal?: string }> {
  const g = args?.[0];
  if (g === undefined) return { ok: true, value: {} };
  if (typeof g !== 'string' || !goals.includes(g))
    return {
      ok: false,
      message: `${ServerCommand.exportReport}: the goal must be one of ${goals.join(', ')}; got ${JSON.stringify(g) ?? describe(g)}`,
    };
  return { ok: true, value: { goal: g } };
}

export function explainArgs(args: unknown[] | undefined): Parsed<{ code: string }> {
  const c = args?.[0];
  if (typeof c !== 'string' || !/^WSGI\d{3}$/i.test(c))
    return { ok: false, message: `${ServerCommand.explain}: the argument must be a rule code such as WSGI101; got ${describe(c)}` };
  return { ok: true, value: { code: c.toUpperCase() } };
}

export function releaseNoteArgs(args: unknown[] | undefined, goals: string[]): Parsed<ReleaseNoteArgs> {
  const cmd = ServerCommand.addReleaseNote;
  const a = args?.[0];
  if (!a || typeof a !== 'object' || Array.isArray(a))
    return { ok: false, message: `${cmd} takes one argument { root, goal? }; got ${describe(a)}` };
  const o = a as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (!['root', 'goal'].includes(key)) return { ok: false, message: `${cmd}: unknown argument "${key}" (expected root, goal)` };
  if (typeof o.root !== 'string' || !path.isAbsolute(o.root) || o.root.includes('\0'))
    return { ok: false, message: `${cmd}: root must be the repo's absolute path; got ${describe(o.root)}` };
  if (o.goal !== undefined && (typeof o.goal !== 'string' || !goals.includes(o.goal)))
    return { ok: false, message: `${cmd}: goal must be one of ${goals.join(', ')}; got ${describe(o.goal)}` };
  return { ok: true, value: { root: path.normalize(o.root), ...(o.goal !== undefined ? { goal: o.goal } : {}) } };
}

export function deployArgs(args: unknown[] | undefined): Parsed<DeployArgs> {
  const cmd = ServerCommand.deployUnderUwsgi;
  const a = args?.[0];
  if (!a || typeof a !== 'object' || Array.isArray(a))
    return { ok: false, message: `${cmd} takes one argument { root, service, dryRun? }; got ${describe(a)}` };
  const o = a as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (!['root', 'service', 'dryRun'].includes(key))
      return { ok: false, message: `${cmd}: unknown argument "${key}" (expected root, service, dryRun)` };
  if (typeof o.root !== 'string' || !path.isAbsolute(o.root) || o.root.includes('\0'))
    return { ok: false, message: `${cmd}: root must be the repo's absolute path; got ${describe(o.root)}` };
  if (typeof o.service !== 'string' || !o.service)
    return { ok: false, message: `${cmd}: service must be the API service's name; got ${describe(o.service)}` };
  if (o.dryRun !== undefined && typeof o.dryRun !== 'boolean')
    return { ok: false, message: `${cmd}: dryRun must be true or false; got ${describe(o.dryRun)}` };
  return { ok: true, value: { root: path.normalize(o.root), service: o.service, ...(o.dryRun ? { dryRun: true } : {}) } };
}
