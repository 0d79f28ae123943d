#!/usr/bin/env node
// The extension-host suite (out/test/e2e/suite) under @vscode/test-electron, in desktop
// VS Code 1.139.1: `npm run test:vscode`. Needs internet (VS Code is downloaded into
// .vscode-test/), so it cannot run on the offline CI machines, where scripts/e2e/run.sh
// runs the same suite in code-server instead.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const VSCODE_VERSION = '1.139.1';
const repoRoot = path.resolve(__dirname, '..', '..');
const suiteIndex = path.join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index');
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'repos');
const resultsFile = path.join(repoRoot, 'test-results', 'e2e', 'test-electron-results.json');

async function main() {
  for (const f of [path.join(repoRoot, 'dist', 'client.js'), suiteIndex + '.js']) {
    if (!fs.existsSync(f)) {
      throw new Error(`${path.relative(repoRoot, f)} is missing: run \`npm run build && npx tsc -p test/e2e\` first`);
    }
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wsgi-goal-vscode-'));
  try {
    // The same workspace as the code-server run: designate (not compliant) and watcher (compliant).
    const workspace = path.join(tmp, 'ws');
    fs.cpSync(path.join(fixtures, 'paste-console-script-standalone'), path.join(workspace, 'designate'), { recursive: true });
    fs.cpSync(path.join(fixtures, 'module-path-2025'), path.join(workspace, 'watcher'), { recursive: true });
    const userData = path.join(tmp, 'user-data');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.writeFileSync(
      path.join(userData, 'User', 'settings.json'),
      JSON.stringify(
        {
          'telemetry.telemetryLevel': 'off',
          'update.mode': 'none',
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
          'security.workspace.trust.enabled': false,
          'workbench.startupEditor': 'none',
          'git.enabled': false,
          'files.autoSave': 'off',
        },
        null,
        2,
      ),
    );
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.rmSync(resultsFile, { force: true });

    await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suiteIndex,
      extensionTestsEnv: {
        WSGI_GOAL_E2E_RESULTS: resultsFile,
        WSGI_GOAL_E2E_EXPECT_EXTENSION_PATH: repoRoot,
      },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        userData,
        '--extensions-dir',
        path.join(tmp, 'extensions'),
      ],
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => {
    const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    console.log(`${r.passed} passed, ${r.failed} failed`);
  },
  (err) => {
    let r;
    try {
      r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    } catch {
      r = undefined;
    }
    console.error(`test-electron run failed: ${err && err.message ? err.message : err}`);
    console.log(r ? `${r.passed} passed, ${Math.max(1, r.failed)} failed` : '0 passed, 1 failed');
    process.exit(1);
  },
);
