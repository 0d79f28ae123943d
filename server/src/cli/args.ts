// The command line's words: usage texts and the parsing of `wsgi-goal [check] …` into options.
import { DEFAULT_GOAL } from '../protocol';
import { GOALS } from '../goal/evaluate';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'rst'] as const;
export type Format = (typeof FORMATS)[number];
const GOAL_IDS = GOALS.map((g) => g.id);

export const USAGE = `usage: wsgi-goal <command> [options]

Checks OpenStack repos against the community goal deploy-api-in-wsgi and its 2025.2
successor, migrate-from-wsgi-scripts-to-module-paths.

commands:
  check [PATH...]   check repos and print where each stands (wsgi-goal check --help)

options:
  -h, --help        show this help
  --version         print the version`;

export const CHECK_USAGE = `usage: wsgi-goal check [options] [PATH...]

  PATH              a repo, or a folder searched for repos at any depth, e.g. /opt/stack
                    (default: the current directory)
  --format FORMAT   text (default), json, sarif, markdown or rst
  --goal ID         ${GOAL_IDS.join('\n                    or ')}:
                    the criteria, rules and diagnostics that text, markdown, rst and sarif
                    show and --strict judges (default ${DEFAULT_GOAL}); json holds every goal
  --devstack DIR    a devstack checkout, for the APIs devstack deploys itself (nova, glance, …)
  --governance DIR  an openstack/governance checkout: markdown and rst group repos by the
                    teams of its reference/projects.yaml
  --exclude GLOB    report no finding in repo files the glob matches (contrib/**); repeatable
  -v, --verbose     text: each repo's evidence, services, WSGI settings of its Zuul jobs and
                    diagnostics
  --strict          exit 1 when a criterion of the goal is not met
  --no-color        no colour (none either when NO_COLOR is set or stdout is not a terminal)
  -h, --help        show this help

exit status:
  0  the check ran, whatever it found
  1  --strict, and a criterion of the goal is not met in some repo
  2  usage error, or no repository found
  3  internal error (the analysis of a repo failed)`;

export interface CheckOptions {
  format: Format;
  goal: string;
  devstack?: string;
  governance?: string;
  exclude: string[];
  verbose: boolean;
  strict: boolean;
  color: boolean;
  /** Empty: the current directory. */
  paths: string[];
}

export type Command = { kind: 'help'; text: string } | { kind: 'version' } | { kind: 'check'; options: CheckOptions };

/** A mistake in the command line: exit 2 with the message and the usage it is about. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

export function parseCommandLine(argv: string[]): Command {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) throw new UsageError('no command given', USAGE);
  if (cmd === '-h' || cmd === '--help' || cmd === 'help') return { kind: 'help', text: rest[0] === 'check' ? CHECK_USAGE : USAGE };
  if (cmd === '--version' || cmd === '-V') return { kind: 'version' };
  if (cmd !== 'check') throw new UsageError(`unknown command "${cmd}"`, USAGE);
  if (rest.includes('-h') || rest.includes('--help')) return { kind: 'help', text: CHECK_USAGE };
  return { kind: 'check', options: parseCheck(rest) };
}

function parseCheck(argv: string[]): CheckOptions {
  const args = [...argv];
  const opts: CheckOptions = { format: 'text', goal: DEFAULT_GOAL, exclude: [], verbose: false, strict: false, color: true, paths: [] };
  const value = (flag: string, inline?: string) => {
    const v = inline ?? args.shift();
    if (v === undefined || (inline === undefined && v.startsWith('-'))) throw new UsageError(`${flag} needs a value`, CHECK_USAGE);
    return v;
  };
  const oneOf = (flag: string, v: string, allowed: readonly string[]) => {
    if (!allowed.includes(v)) throw new UsageError(`unknown ${flag.slice(2)} "${v}" (one of ${allowed.join(', ')})`, CHECK_USAGE);
    return v;
  };
  while (args.length) {
    const a = args.shift()!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const [flag, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (flag === '--format') opts.format = oneOf(flag, value(flag, inline), FORMATS) as Format;
    else if (flag === '--goal') opts.goal = oneOf(flag, value(flag, inline), GOAL_IDS);
    else if (flag === '--devstack') opts.devstack = value(flag, inline);
    else if (flag === '--governance') opts.governance = value(flag, inline);
    else if (flag === '--exclude') opts.exclude.push(value(flag, inline));
    else if (flag === '--verbose' || flag === '-v') opts.verbose = true;
    else if (flag === '--strict') opts.strict = true;
    else if (flag === '--no-color') opts.color = false;
    else if (flag === '--') opts.paths.push(...args.splice(0));
    else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option "${flag}"`, CHECK_USAGE);
    else opts.paths.push(a);
  }
  return opts;
}
