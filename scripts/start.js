// `npm start [-- ARGS]`: runs `wsgi-goal check` with ARGS; PATHs are resolved from the folder npm
// was called in (INIT_CWD), and the bundled sample repo is checked when ARGS name no PATH.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const cwd = process.env.INIT_CWD || process.cwd();
const args = process.argv.slice(2);
if (args[0] !== 'check' && !args.includes('--help') && !args.includes('-h')) args.unshift('check');

const TAKES_VALUE = new Set(['--format', '--devstack', '--goal', '--governance']);
const FOLDER_VALUE = new Set(['--devstack', '--governance']);
let sawPath = false;
for (let i = 1; i < args.length; i++) {
  const a = args[i];
  const eq = a.indexOf('=');
  if (TAKES_VALUE.has(a)) {
    if (FOLDER_VALUE.has(a) && i + 1 < args.length) args[i + 1] = path.resolve(cwd, args[i + 1]);
    i++;
  } else if (a.startsWith('--') && eq > 0 && FOLDER_VALUE.has(a.slice(0, eq))) {
    args[i] = a.slice(0, eq + 1) + path.resolve(cwd, a.slice(eq + 1));
  } else if (!a.startsWith('-')) {
    args[i] = path.resolve(cwd, a);
    sawPath = true;
  }
}
if (args[0] === 'check' && !sawPath) args.push(path.join(root, 'samples', 'quokka'));

const res = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), ...args], { stdio: 'inherit' });
process.exit(res.status ?? 3);
