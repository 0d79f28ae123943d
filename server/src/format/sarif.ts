// SARIF 2.1.0 for code scanning (GitHub's rule set of Microsoft's SARIF validator passes it):
// URIs relative to a base id (%SRCROOT% for one repo; one id per repo, itself relative to
// %SRCROOT%, for many), rules with their docs as help, fingerprints that survive a move of the
// checkout or lines added above the finding, and the invocation's exit code.
import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Report, RepoReport } from '../protocol';
import { RULES } from '../rules';
import { diagnosticsFor } from './repo-status';
import { isInside } from '../util/paths';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  goal: string;
  version: string;
  exitCode: number;
  /** The folder the command ran in: %SRCROOT% when every repo lies beneath it. */
  cwd: string;
}

export function formatSarif(report: Report, opts: SarifOptions): string {
  const rules = RULES.filter((r) => r.goals.includes(opts.goal));
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const roots = report.repos.map((r) => r.root);
  // One repo: its root (a CI job checks its own repo). Many: the folder the command ran in when it
  // holds them all (/opt/stack), else the folder they share.
  const srcRoot =
    roots.length === 1 ? roots[0] : roots.every((r) => isInside(opts.cwd, r)) ? opts.cwd : (commonRoot(roots) ?? path.parse(opts.cwd).root);
  const baseIds = new Map<string, string>();
  const bases: Record<string, { uri: string; uriBaseId?: string; description?: { text: string } }> = {
    [SRCROOT]: { uri: dirUri(srcRoot), description: { text: 'The folder the repos were checked in' } },
  };
  for (const repo of report.repos) {
    if (repo.root === srcRoot) {
      baseIds.set(repo.root, SRCROOT);
      continue;
    }
    const id = uniqueId(
      path
        .basename(repo.root)
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '') + '_ROOT',
      bases,
    );
    baseIds.set(repo.root, id);
    bases[id] = { uri: relDir(srcRoot, repo.root), uriBaseId: SRCROOT, description: { text: `The ${repo.name} repository` } };
  }
  if (report.devstack && !baseIds.has(report.devstack.root)) {
    const inside = isInside(srcRoot, report.devstack.root);
    bases[uniqueId('DEVSTACK_ROOT', bases)] = inside
      ? { uri: relDir(srcRoot, report.devstack.root), uriBaseId: SRCROOT, description: { text: 'The devstack checkout read' } }
      : { uri: dirUri(report.devstack.root), description: { text: 'The devstack checkout read' } };
  }

  const results = report.repos.flatMap((repo) => {
    const seen = new Map<string, number>();
    const inSource = new Set(diagnosticsFor(repo.suppressed, opts.goal));
    return [...diagnosticsFor(repo.diagnostics, opts.goal), ...inSource]
      .filter((d) => ruleIndex.has(d.code))
      .map((d) => {
        const key = fingerprintKey(repo, d.code, d.file, d.message);
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        return {
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.code)!,
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodePath(d.file), uriBaseId: baseIds.get(repo.root)! },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
            },
          ],
          partialFingerprints: { 'wsgiGoalFinding/v1': createHash('sha256').update(`${key}\n${n}`).digest('hex') },
          ...(inSource.has(d) ? { suppressions: [{ kind: 'inSource', status: 'accepted' }] } : {}),
        };
      });
  });

  return (
    JSON.stringify(
      {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: 'wsgi-goal',
                version: opts.version,
                rules: rules.map((r) => ({
                  id: r.code,
                  name: pascal(r.title),
                  shortDescription: { text: r.title },
                  fullDescription: { text: firstParagraph(r.docs) },
                  help: { text: r.docs.trim(), markdown: r.docs.trim() },
                  defaultConfiguration: { level: LEVEL[r.severity] },
                  properties: { goals: r.goals },
                })),
              },
            },
            invocations: [{ executionSuccessful: true, exitCode: opts.exitCode }],
            originalUriBaseIds: bases,
            columnKind: 'utf16CodeUnits',
            results,
          },
        ],
      },
      null,
      2,
    ) + '\n'
  );
}

/**
 * What identifies a finding across runs: the rule, the repo's name, the file and the message — not
 * the line, which moves when lines are added above, nor the checkout's path.
 */
const fingerprintKey = (repo: RepoReport, code: string, file: string, message: string) => `${code}\n${repo.name}\n${file}\n${message}`;

function commonRoot(paths: string[]): string | undefined {
  if (!paths.length) return undefined;
  let root = paths[0];
  while (!paths.every((p) => isInside(root, p))) {
    const up = path.dirname(root);
    if (up === root) return undefined;
    root = up;
  }
  return root;
}

const dirUri = (dir: string) => pathToFileURL(dir).href.replace(/\/?$/, '/');
const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');
const relDir = (from: string, to: string) => encodePath(path.relative(from, to).split(path.sep).join('/')) + '/';

function uniqueId(base: string, taken: Record<string, unknown>): string {
  let id = base;
  for (let i = 2; id in taken; i++) id = `${base}_${i}`;
  return id;
}

/** SARIF wants `name` as an identifier-like string ("ApiServiceWithoutAWsgiEntryPoint"). */
const pascal = (s: string) =>
  s
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

const firstParagraph = (md: string) =>
  md
    .trim()
    .split(/\n\s*\n/)[0]
    .replace(/\s*\n\s*/g, ' ');
