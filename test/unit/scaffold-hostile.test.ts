// Names the repo controls reach the generated module only as literals that read back as
// themselves: Python's own parser lists the module's statements, and nothing else is there.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { copyOf } from '../helpers/fixtures';
import { repoReport } from '../helpers/engine';
import { planWsgiEntry } from '../../server/src/scaffold/wsgi-entry';
import { pyStr } from '../../server/src/scaffold/python-literal';

const HOSTILE = [
  "osapi_dns'; import os; os.system('touch /tmp/pwned') #",
  'a"""b\\\'c',
  'line\nbreak\r\tand \\x00 \u0000 nul',
  'ünïcødé \u2028 \ud83d\ude00',
];

// Top-level statements as (kind, target) pairs, and every call anywhere, from Python's ast.
const AST_SUMMARY = `
import ast, json, sys
tree = ast.parse(sys.stdin.read())
top = [type(n).__name__ + ':' + ','.join(getattr(t, 'id', '?') for t in getattr(n, 'targets', [])) for n in tree.body]
calls = sorted({ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)})
values = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
          if isinstance(t, ast.Name) and isinstance(n.value, ast.Constant)}
print(json.dumps({'top': top, 'calls': calls, 'values': values}))
`;
const summary = (py: string) =>
  JSON.parse(execFileSync('python3', ['-c', AST_SUMMARY], { input: py, encoding: 'utf8' })) as {
    top: string[];
    calls: string[];
    values: Record<string, string>;
  };

test('pyStr reads back in Python as the same string', () => {
  for (const s of HOSTILE) {
    const back = execFileSync('python3', ['-c', `import sys, json; sys.stdout.write(json.dumps(${pyStr(s)}))`], { encoding: 'utf8' });
    assert.equal(JSON.parse(back), s);
  }
});

test('a hostile paste section name becomes PASTE_APP, a string, and adds no statement or call', async () => {
  const clean = summary(await entryFor('osapi_dns'));
  for (const name of HOSTILE.filter((n) => !/[\n\r\]]/.test(n))) {
    const got = summary(await entryFor(name));
    assert.deepEqual(got.top, clean.top, name);
    assert.deepEqual(got.calls, clean.calls, name);
    assert.equal(got.values.PASTE_APP, name);
  }
});

test('a project or package name that is not a name stops the scaffold instead of reaching the code', async () => {
  const root = copyOf('paste-console-script-standalone');
  const cfg = path.join(root, 'setup.cfg');
  fs.writeFileSync(cfg, fs.readFileSync(cfg, 'utf8').replace('name = designate', "name = designate'); import os #"));
  const { analysis } = await repoReport(root);
  const plan = planWsgiEntry(analysis.model, 'designate-api', undefined, (r) => fs.existsSync(path.join(root, r)));
  assert.ok(!plan.ok);
  assert.match(plan.reason, /is not a distribution name/);
  const bad = planWsgiEntry(analysis.model, 'designate-api', 'os:system; import x', () => false);
  assert.ok(!bad.ok);
});

async function entryFor(section: string): Promise<string> {
  const root = copyOf('paste-console-script-standalone');
  const ini = path.join(root, 'etc', 'designate', 'api-paste.ini');
  fs.writeFileSync(
    ini,
    fs
      .readFileSync(ini, 'utf8')
      .replace(/osapi_dns\]/, `${section}]`)
      .replace(/^\/: osapi_dns_versions/m, '/: osapi_dns_versions'),
  );
  const { analysis } = await repoReport(root);
  assert.equal(analysis.model.paste?.appName, section.trim());
  const plan = planWsgiEntry(analysis.model, 'designate-api', undefined, (r) => fs.existsSync(path.join(root, r)));
  assert.ok(plan.ok, !plan.ok ? plan.reason : '');
  return plan.files[plan.files.length - 1].content;
}
