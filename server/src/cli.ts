// `wsgi-goal`: the engine without an editor, for goal champions and CI. The process contract
// (exit codes, streams, colour) lives here; the words in cli/args.ts, the outputs in format/.
import * as fs from 'fs';
import * as path from 'path';
import { defaultSettings, Report } from './protocol';
import { Workspace } from './engine/workspace';
import { CHECK_USAGE, CheckOptions, parseCommandLine, UsageError } from './cli/args';
import { formatText } from './format/text';
import { formatMarkdown } from './format/markdown';
import { formatRst } from './format/rst';
import { formatSarif } from './format/sarif';
import { loadTeams, TeamMap } from './goal/teams';
import { isInside } from './util/paths';

/** package.json's version, written in by the bundler (scripts/bundle.js). */
declare const WSGI_GOAL_VERSION: string | undefined;
const version = typeof WSGI_GOAL_VERSION === 'string' ? WSGI_GOAL_VERSION : 'development build';

export const EXIT = { ok: 0, unmet: 1, usage: 2, internal: 3 } as const;

/** What a check prints and how it ends; `problem` goes to stderr. */
export interface CheckResult {
  report: Report;
  output: string;
  exitCode: number;
  problem?: string;
}

export async function check(opts: CheckOptions, log: (m: string) => void, cwd = process.cwd()): Promise<CheckResult> {
  const paths = opts.paths.length ? opts.paths : [cwd];
  for (const p of paths) if (!isDir(path.resolve(cwd, p))) throw new UsageError(`"${p}" is not a folder`, CHECK_USAGE);
  if (opts.devstack && !fs.existsSync(path.join(opts.devstack, 'stack.sh')))
    throw new UsageError(`--devstack "${opts.devstack}" holds no stack.sh`, CHECK_USAGE);
  let teams: TeamMap | undefined;
  try {
    teams = loadTeams(opts.governance);
  } catch (e) {
    throw new UsageError(`--governance: ${(e as Error).message}`, CHECK_USAGE);
  }
  const roots = paths.map((p) => fs.realpathSync(path.resolve(cwd, p)));
  const devstackPath = opts.devstack ? path.resolve(cwd, opts.devstack) : '';
  const ws = new Workspace({ ...defaultSettings, devstackPath, exclude: opts.exclude }, log);
  await ws.addFolders(roots, true);
  const report = ws.report();

  const failures = ws.failures();
  if (failures.length) {
    const problem = failures.map((f) => `internal error: the analysis of ${f.root} failed: ${f.message}`).join('\n');
    return { report, output: '', exitCode: EXIT.internal, problem };
  }
  const empty = roots.filter((r) => !report.repos.some((x) => isInside(r, x.root)));
  if (empty.length) {
    const what = 'a repository holds setup.cfg, pyproject.toml, devstack/plugin.sh or .git';
    const problem = opts.paths.length
      ? empty.map((r) => `"${r}" holds no repository (${what})`).join('\n')
      : `no repository found in the current directory (${cwd}) or beneath it (${what}); give a PATH`;
    return { report, output: '', exitCode: EXIT.usage, problem };
  }

  const unmet = report.repos.some((r) => Object.values(r.goals[opts.goal].criteria).some((c) => c.met === false));
  const exitCode = opts.strict && unmet ? EXIT.unmet : EXIT.ok;
  const output =
    opts.format === 'json'
      ? JSON.stringify(report, null, 2) + '\n'
      : opts.format === 'markdown'
        ? formatMarkdown(report, opts.goal, teams)
        : opts.format === 'rst'
          ? formatRst(report, opts.goal, teams)
          : opts.format === 'sarif'
            ? formatSarif(report, { goal: opts.goal, version, exitCode, cwd })
            : formatText(report, { goal: opts.goal, verbose: opts.verbose, color: opts.color });
  return { report, output, exitCode };
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
    if (command.kind === 'help') return write(process.stdout, command.text + '\n', EXIT.ok);
    if (command.kind === 'version') return write(process.stdout, `wsgi-goal ${version}\n`, EXIT.ok);
    const opts = command.options;
    opts.color &&= !!process.stdout.isTTY && !process.env.NO_COLOR;
    const verbose = !!process.env.WSGI_GOAL_VERBOSE;
    const res = await check(opts, (m) => {
      if (verbose || /skipped|stopped/.test(m)) process.stderr.write(`wsgi-goal: ${m}\n`);
    });
    if (res.problem) process.stderr.write(`wsgi-goal: ${res.problem.replace(/\n/g, '\nwsgi-goal: ')}\n`);
    return write(process.stdout, res.output, res.exitCode);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return write(process.stderr, `wsgi-goal: ${e.message}\n\n${e.usage}\n`, EXIT.usage);
  }
}

/**
 * Writes and resolves with `code` once the text is flushed. A reader that went away (`| head`)
 * ends the write quietly: what it did read is all it wanted.
 */
function write(stream: NodeJS.WriteStream, text: string, code: number): Promise<number> {
  return new Promise((resolve) => {
    if (!text) return resolve(code);
    stream.write(text, () => resolve(code));
  });
}

if (require.main === module) {
  for (const s of [process.stdout, process.stderr])
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(process.exitCode ?? EXIT.ok);
      throw e;
    });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`wsgi-goal: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = EXIT.internal;
    },
  );
}
