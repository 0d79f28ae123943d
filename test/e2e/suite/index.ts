// Entry point of the extension-host suite: the extension host loads this module
// (extensionTestsPath) and awaits run(). Used by both drivers: code-server through
// the workbench payload (test/e2e/ext-host.js) and @vscode/test-electron
// (test/e2e/run-test-electron.js).
//
// Results are written as JSON to $WSGI_GOAL_E2E_RESULTS after every test, so a
// driver that gives up on a hung run still finds the tests that did finish.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

interface TestRecord {
  title: string;
  state: 'passed' | 'failed';
  kind?: string;
  durationMs?: number;
  error?: string;
}

interface Results {
  suite: string;
  done: boolean;
  total: number;
  passed: number;
  failed: number;
  tests: TestRecord[];
}

export function run(): Promise<void> {
  const resultsFile = process.env.WSGI_GOAL_E2E_RESULTS;
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.WSGI_GOAL_E2E_TEST_TIMEOUT_MS || 90_000),
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) {
    mocha.addFile(path.join(__dirname, f));
  }

  const results: Results = { suite: 'extension-host', done: false, total: 0, passed: 0, failed: 0, tests: [] };
  const write = (): void => {
    if (!resultsFile) {
      return;
    }
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  };

  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        const failedTests = results.tests.filter((t) => t.state === 'failed' && t.kind === 'test').length;
        // Tests that never ran (e.g. after a failing suiteSetup) did not pass: count them as failed.
        const notRun = Math.max(0, results.total - results.passed - failedTests);
        results.failed = Math.max(failures, failedTests + notRun);
        if (notRun > 0) {
          results.tests.push({
            title: `${notRun} test(s) not run`,
            state: 'failed',
            kind: 'not-run',
            error: 'skipped after a hook failure',
          });
        }
        results.done = true;
        write();
        console.log(`extension-host suite: ${results.passed} passed, ${results.failed} failed`);
        if (results.failed > 0) {
          reject(new Error(`${results.failed} extension-host test(s) failed`));
        } else {
          resolve();
        }
      });
    } catch (err) {
      results.failed = 1;
      results.done = true;
      results.tests.push({ title: 'loading the suite', state: 'failed', error: String((err as Error)?.stack ?? err) });
      write();
      reject(err);
      return;
    }
    results.total = runner.total;
    write();
    runner.on('pass', (test: Mocha.Test) => {
      results.passed++;
      results.tests.push({ title: test.fullTitle(), state: 'passed', kind: 'test', durationMs: test.duration });
      write();
    });
    runner.on('fail', (test: Mocha.Runnable, err: unknown) => {
      results.tests.push({
        title: test.fullTitle(),
        state: 'failed',
        kind: test instanceof Mocha.Test ? 'test' : 'hook',
        durationMs: test.duration,
        error: String((err as Error)?.stack ?? err),
      });
      write();
    });
  });
}
