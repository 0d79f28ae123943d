// `wsgi-goal check`: the engine without an editor, for goal champions and CI.
import * as fs from 'fs';
import * as path from 'path';
import { defaultSettings, Report } from './protocol';
import { DEFAULT_GOAL, GOALS } from './goal/evaluate';
import { Workspace } from './engine/workspace';
import { formatText } from './format/text';
import { formatMarkdown } from './format/markdown';
import { formatSarif } from './format/sarif';

const VERSION = '0.1.0';
const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export const USAGE = `usage: wsgi-goal check [--format text|json|sarif|markdown] [--devstack DIR] [--goal ID] [--strict] [PATH...]
  PATH        a repo, or a folder searched for repos (default: the current directory)
  --format    output format (default: text); json always holds every goal
  --devstack  a devstack checkout, for services devstack deploys itself (nova, glance, keystone, …)
  --goal      the goal text, markdown, sarif and --strict speak of: ${GOALS.map((g) => g.id).join(', ')} (default: ${DEFAULT_GOAL})
  --strict    exit 1 when a criterion of that goal is not met
exit: 0 ran, 1 --strict and a criterion not met, 2 usage error`;

export interface CliOptions {
  format: Format;
  devstack?: string;
  goal: string;
  strict: boolean;
  paths: string[];
}

export class UsageError extends Error {}

export function parseArgs(argv: string[]): CliOptions {
  const args = [...argv];
  if (args[0] === '--help' || args[0] === '-h') throw new UsageError('');
  if (args[0] !== 'check') throw new UsageError(args.length ? `unknown command "${args[0]}"` : 'missing command "check"');
  args.shift();
  const opts: CliOptions = { format: 'text', goal: DEFAULT_GOAL, strict: false, paths: [] };
  const value = (flag: string, inline?: string) => {
    const v = inline ?? args.shift();
    if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (args.length) {
    const a = args.shift()!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--format') {
      const f = value(flag, inline);
      if (!FORMATS.includes(f as Format)) throw new UsageError(`unknown format "${f}" (one of ${FORMATS.join(', ')})`);
      opts.format = f as Format;
    } else if (flag === '--devstack') opts.devstack = value(flag, inline);
    else if (flag === '--goal') {
      opts.goal = value(flag, inline);
      if (!GOALS.some((g) => g.id === opts.goal))
        throw new UsageError(`unknown goal "${opts.goal}" (one of ${GOALS.map((g) => g.id).join(', ')})`);
    } else if (flag === '--strict') opts.strict = true;
    else if (flag === '--') opts.paths.push(...args.splice(0));
    else if (flag.startsWith('-')) throw new UsageError(`unknown option "${flag}"`);
    else opts.paths.push(a);
  }
  if (!opts.paths.length) opts.paths.push('.');
  for (const p of opts.paths) if (!fs.existsSync(p) || !fs.statSync(p).isDirectory()) throw new UsageError(`"${p}" is not a folder`);
  if (opts.devstack && !fs.existsSync(path.join(opts.devstack, 'stack.sh')))
    throw new UsageError(`--devstack "${opts.devstack}" holds no stack.sh`);
  return opts;
}

export async function check(opts: CliOptions, log: (m: string) => void): Promise<{ report: Report; output: string; exitCode: number }> {
  const ws = new Workspace({ ...defaultSettings, devstackPath: opts.devstack ? path.resolve(opts.devstack) : '' }, log);
  await ws.addFolders(
    opts.paths.map((p) => fs.realpathSync(path.resolve(p))),
    true,
  );
  const report = ws.report();
  const output =
    opts.format === 'json'
      ? JSON.stringify(report, null, 2)
      : opts.format === 'markdown'
        ? formatMarkdown(report, opts.goal)
        : opts.format === 'sarif'
          ? formatSarif(report, VERSION)
          : formatText(report, opts.goal);
  const failed = report.repos.some((r) => Object.values(r.goals[opts.goal].criteria).some((c) => c.met === false));
  return { report, output, exitCode: opts.strict && failed ? 1 : 0 };
}

async function main(): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) process.stderr.write(`wsgi-goal: ${e.message}\n`);
    process.stderr.write(USAGE + '\n');
    return e.message ? 2 : 0;
  }
  const verbose = !!process.env.WSGI_GOAL_VERBOSE;
  const { output, exitCode } = await check(opts, (m) => {
    if (verbose || /skipped|failed|stopped/.test(m)) process.stderr.write(`wsgi-goal: ${m}\n`);
  });
  process.stdout.write(output.endsWith('\n') ? output : output + '\n');
  return exitCode;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`wsgi-goal: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 3;
    },
  );
}
