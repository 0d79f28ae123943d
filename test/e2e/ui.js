#!/usr/bin/env node
// UI walk-through of the installed wsgi-goal .vsix in code-server, driven through
// Debian's Chromium with playwright-core. Every step is a test: a step whose
// prerequisite failed is not attempted and counts as failed.
//
// Environment:
//   WSGI_GOAL_E2E_URL        http://127.0.0.1:PORT of the running code-server (required)
//   WSGI_GOAL_E2E_WORKSPACE  folder to open: a fresh copy holding designate/ and watcher/ (required)
//   WSGI_GOAL_E2E_RESULTS    JSON results file written by this script (required)
//   WSGI_GOAL_E2E_SHOTS      screenshot folder (default test-results)
//   WSGI_GOAL_E2E_STEP_TIMEOUT_MS  deadline of each wait (default 45000)
'use strict';
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const repoRoot = path.resolve(__dirname, '..', '..');
const need = (k) => {
  const v = process.env[k];
  if (!v) {
    console.error(`ui.js: ${k} is not set`);
    process.exit(2);
  }
  return v;
};
const base = need('WSGI_GOAL_E2E_URL');
const workspace = need('WSGI_GOAL_E2E_WORKSPACE');
const resultsFile = need('WSGI_GOAL_E2E_RESULTS');
const shots = process.env.WSGI_GOAL_E2E_SHOTS || path.join(repoRoot, 'test-results');
const T = Number(process.env.WSGI_GOAL_E2E_STEP_TIMEOUT_MS || 45000);
const chromiumPath = process.env.WSGI_GOAL_E2E_CHROMIUM || '/usr/bin/chromium';

const FIX_TITLE = 'Scaffold WSGI entry point for designate-api';
const CRITERIA = ['WSGI application script(s)', 'Devstack runs the API under uwsgi behind Apache'];
const PALETTE_ENTRY = 'WSGI Goal: Scaffold WSGI Entry Point…';
const designateCfg = path.join(workspace, 'designate', 'setup.cfg');
const apiPy = path.join(workspace, 'designate', 'designate', 'wsgi', 'api.py');

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Polls a synchronous condition until it holds or the deadline passes. */
async function until(cond, what, ms = T) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  const results = { suite: 'ui', done: false, total: 0, passed: 0, failed: 0, tests: [] };
  const external = [];
  const pageErrors = [];
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wsgi-goal-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
      return route.continue();
    }
    external.push(u.href);
    return route.abort();
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));

  const shot = async (name) => {
    const p = path.join(shots, name);
    await page.screenshot({ path: p });
    console.log(`    screenshot ${path.relative(repoRoot, p)}`);
  };
  const sidebar = page.locator('#workbench\\.parts\\.sidebar');
  const panel = page.locator('#workbench\\.parts\\.panel');
  const editor = page.locator('#workbench\\.parts\\.editor');
  // The view's tree (role=tree, labelled with the view name); the explorer's rows look alike.
  const goalTree = sidebar.locator('[role="tree"][aria-label="Goal Status"]');
  // Rows are matched on their label (the aria-label is the tooltip, the description is separate).
  const goalRow = (label) =>
    goalTree.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(label)}$`) }) }).first();
  const problemRow = () => panel.locator('.markers-panel .monaco-list-row', { hasText: 'WSGI101' }).first();
  const quickInput = page.locator('.quick-input-widget');
  const activityItem = page.locator('.activitybar [aria-label^="WSGI Goal"]').first();
  // Shows the WSGI Goal container; clicking its activity item when it is already shown would hide it.
  const showGoalView = async () => {
    if (await goalRow('designate').isVisible()) {
      return;
    }
    await activityItem.waitFor({ timeout: T });
    await activityItem.click();
    await goalRow('designate').waitFor({ timeout: T });
  };
  // Drags the sash right of the side bar so the screenshots show whole tree labels.
  const widenSidebar = async (width) => {
    const box = await sidebar.boundingBox();
    if (!box || box.width >= width) {
      return;
    }
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width + 1, y);
    await page.mouse.down();
    await page.mouse.move(box.x + width, y, { steps: 8 });
    await page.mouse.up();
    const after = await sidebar.boundingBox();
    console.log(`    side bar width ${Math.round(box.width)} -> ${Math.round(after ? after.width : 0)} px`);
  };
  const openQuickInput = async (key, text) => {
    await page.keyboard.press(key);
    await quickInput.locator('input').first().waitFor({ state: 'visible', timeout: T });
    if (text !== undefined) {
      await page.keyboard.type(text);
    }
  };

  const passed = new Set();
  const steps = [];
  const step = (name, needs, fn) => steps.push({ name, needs, fn });

  step('workbench loads the workspace', [], async () => {
    const url = `${base}/?folder=${encodeURIComponent(workspace)}`;
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: T });
    await sidebar
      .getByRole('treeitem', { name: /^designate/ })
      .first()
      .waitFor({ timeout: T });
  });

  step(
    'activity bar "WSGI Goal" shows designate and watcher; designate expands to both criteria',
    ['workbench loads the workspace'],
    async () => {
      await showGoalView();
      await widenSidebar(620);
      await sidebar
        .locator('.composite.title', { hasText: /WSGI Goal: Goal Status/i })
        .first()
        .waitFor({ timeout: T });
      const designate = goalRow('designate');
      await goalRow('watcher').waitFor({ timeout: T });
      if ((await designate.getAttribute('aria-expanded')) !== 'true') {
        await designate.click();
      }
      for (const c of CRITERIA) {
        await goalRow(c).waitFor({ timeout: T });
      }
      const desc = (await goalRow(CRITERIA[0]).locator('.label-description').first().textContent({ timeout: T }))?.trim();
      if (desc !== 'not met') {
        throw new Error(`designate / "${CRITERIA[0]}" shows "${desc}", expected "not met"`);
      }
    },
  );

  step(
    'Problems panel lists WSGI101 with its count (screenshot 01)',
    ['activity bar "WSGI Goal" shows designate and watcher; designate expands to both criteria'],
    async () => {
      await page.keyboard.press('Control+Shift+M');
      await panel.locator('.markers-panel').waitFor({ timeout: T });
      const row = problemRow();
      await row.waitFor({ timeout: T });
      const text = (await row.textContent()) || '';
      if (!/designate-api/.test(text)) {
        throw new Error(`the WSGI101 problem does not name designate-api: ${text}`);
      }
      // The file row (setup.cfg, in designate) carries the number of problems in it.
      const fileRow = panel.locator('.markers-panel .monaco-list-row', { hasText: 'setup.cfg' }).first();
      const count = (await fileRow.locator('.monaco-count-badge').first().textContent({ timeout: T }))?.trim();
      if (!/^[1-9]\d*$/.test(count || '')) {
        throw new Error(`no problem count on the setup.cfg row (got "${count}")`);
      }
      const tab = panel.locator('.composite-bar .action-item', { hasText: 'Problems' }).locator('.badge-content').first();
      const total = (await tab.textContent({ timeout: T }))?.trim();
      if (!/^[1-9]\d*$/.test(total || '')) {
        throw new Error(`no problem count on the Problems tab (got "${total}")`);
      }
      console.log(`    problems: ${total} in the workspace, ${count} in designate/setup.cfg`);
      await shot('01-tree-and-problems.png');
    },
  );

  const titleAction = (label) => sidebar.locator(`.title-actions [aria-label="${label}"]`).first();
  step(
    'the sidebar: status icons, summaries, the no-API group; an evidence click opens the file at the line (screenshot 10)',
    ['Problems panel lists WSGI101 with its count (screenshot 01)'],
    async () => {
      await showGoalView();
      await goalRow('designate').locator('.codicon-error').first().waitFor({ timeout: T });
      await goalRow('watcher').locator('.codicon-pass-filled').first().waitFor({ timeout: T });
      await goalRow('designate')
        .locator('.label-description', { hasText: /^0 of 2 · designate-api$/ })
        .waitFor({ timeout: T });
      await goalRow('No API service (1)').waitFor({ timeout: T });
      // Evidence rows carry no Problems decoration (colour, count).
      const evidence = goalRow('setup.cfg:16');
      await evidence.waitFor({ timeout: T });
      assert.strictEqual(await evidence.locator('.monaco-decoration-itemColor, .monaco-count-badge').count(), 0, 'no decoration');
      await shot('10-sidebar-light.png');
      await evidence.click();
      await editor.locator('.tab.active', { hasText: 'setup.cfg' }).waitFor({ timeout: T });
      await page
        .locator('.statusbar-item', { hasText: /Ln 16, Col/ })
        .first()
        .waitFor({ timeout: T });
    },
  );

  step(
    'the funnel in the title bar shows only repos with an unmet criterion, and back (screenshot 11)',
    ['the sidebar: status icons, summaries, the no-API group; an evidence click opens the file at the line (screenshot 10)'],
    async () => {
      await showGoalView();
      await sidebar.hover();
      await titleAction('Show Only Repos With Unmet Criteria').click();
      await goalRow('watcher').waitFor({ state: 'detached', timeout: T });
      await goalRow('designate').waitFor({ timeout: T });
      await shot('11-sidebar-unmet-only.png');
      await sidebar.hover();
      await titleAction('Show All Repos').click();
      await goalRow('watcher').waitFor({ timeout: T });
    },
  );

  step('Export Goal Report opens the status by team as Markdown', ['workbench loads the workspace'], async () => {
    await page.keyboard.press('Escape');
    await openQuickInput('F1', 'WSGI Goal: Export Goal Report');
    await quickInput.locator('.monaco-list-row', { hasText: 'Export Goal Report' }).first().waitFor({ timeout: T });
    await page.keyboard.press('Enter');
    await editor.locator('.tab.active', { hasText: 'Untitled' }).waitFor({ timeout: T });
    await editor.locator('.view-lines', { hasText: '## designate' }).first().waitFor({ timeout: T });
  });

  step('open designate/setup.cfg (Ctrl+P) with the cursor on the designate-api line', ['workbench loads the workspace'], async () => {
    const lines = fs.readFileSync(designateCfg, 'utf8').split(/\r?\n/);
    const line = lines.findIndex((l) => /^\s*designate-api\s*=/.test(l));
    if (line < 0) {
      throw new Error('no designate-api line in the fixture');
    }
    const column = lines[line].indexOf('designate-api') + 3;
    await openQuickInput('Control+P', 'designate/setup.cfg');
    await quickInput.locator('.monaco-list-row.focused', { hasText: 'setup.cfg' }).first().waitFor({ timeout: T });
    await page.keyboard.press('Enter');
    await editor.locator('.tab.active', { hasText: 'setup.cfg' }).waitFor({ timeout: T });
    await editor.locator('.view-lines').first().waitFor({ timeout: T });
    await editor.locator('.view-lines').first().click();
    await openQuickInput('Control+G', `${line + 1}:${column + 1}`);
    await page.keyboard.press('Enter');
    await page
      .locator('.statusbar-item', { hasText: `Ln ${line + 1}, Col ${column + 1}` })
      .first()
      .waitFor({ timeout: T });
    await editor.locator('.squiggly-warning, .squiggly-error, .squiggly-info').first().waitFor({ timeout: T });
    await shot('02-setup-cfg-designate-api-line.png');
  });

  step(
    'Ctrl+. offers and applies "Scaffold WSGI entry point for designate-api"',
    ['open designate/setup.cfg (Ctrl+P) with the cursor on the designate-api line'],
    async () => {
      const action = page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first();
      // On a loaded machine a Ctrl+. can land before the editor has focus, or before the server has
      // the analysis, and then shows nothing: focus the editor through its tab (the cursor stays) and
      // ask again.
      const deadline = Date.now() + T;
      for (let attempt = 0; ; attempt++) {
        if (attempt) await editor.locator('.tab.active').click();
        await page.keyboard.press('Control+.');
        try {
          await action.waitFor({ timeout: 5000 });
          break;
        } catch (e) {
          if (Date.now() > deadline) throw e;
          await page.keyboard.press('Escape');
        }
      }
      await shot('03-quick-fix-menu.png');
      await action.click();
      await until(() => fs.existsSync(apiPy), `${path.relative(workspace, apiPy)} on disk`);
      console.log(`    created ${path.relative(workspace, apiPy)}`);
    },
  );

  step(
    'after the fix the WSGI101 problem is gone and the criterion is met',
    ['Ctrl+. offers and applies "Scaffold WSGI entry point for designate-api"'],
    async () => {
      // Ctrl+Shift+M toggles: pressed while the panel shows, it would hide the row this step waits to see go.
      if (!(await panel.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
      await panel.locator('.markers-panel').waitFor({ state: 'visible', timeout: T });
      await problemRow().waitFor({ state: 'detached', timeout: T });
      // Only devstack's WSGI201 is left: the tab's count says 1 while the panel stays open.
      await panel
        .locator('.composite-bar .action-item', { hasText: 'Problems' })
        .locator('.badge-content', { hasText: /^1$/ })
        .waitFor({ timeout: T });
      assert(await panel.locator('.markers-panel').isVisible(), 'the Problems panel is still open');
      await showGoalView();
      await goalRow(CRITERIA[0]).locator('.label-description', { hasText: /^met$/ }).waitFor({ timeout: T });
      await shot('04-after-quick-fix.png');
    },
  );

  step(`the command palette (F1) lists "${PALETTE_ENTRY}"`, ['workbench loads the workspace'], async () => {
    await page.keyboard.press('Escape');
    await openQuickInput('F1', 'WSGI Goal: Scaffold');
    await quickInput.locator('.monaco-list-row', { hasText: PALETTE_ENTRY }).first().waitFor({ timeout: T });
    await shot('05-command-palette.png');
    await page.keyboard.press('Escape');
  });

  step(
    'the language status item on setup.cfg says the server runs and how many repos it read (screenshot 09)',
    ['workbench loads the workspace'],
    async () => {
      await page.keyboard.press('Escape');
      await openQuickInput('Control+P', 'designate/setup.cfg');
      await quickInput.locator('.monaco-list-row.focused', { hasText: 'setup.cfg' }).first().waitFor({ timeout: T });
      await page.keyboard.press('Enter');
      await editor.locator('.tab.active', { hasText: 'setup.cfg' }).waitFor({ timeout: T });
      const item = page.locator('[id="status.languageStatus"]').first();
      await item.waitFor({ timeout: T });
      await item.hover();
      await page
        .locator('.monaco-hover', { hasText: /3 repos analysed/ })
        .first()
        .waitFor({ timeout: T });
      await shot('09-language-status.png');
      await page.keyboard.press('Escape');
    },
  );

  // Grammars: each file opens in its language and is coloured by more than one token kind.
  const highlighted = async (file, language, png) => {
    await page.keyboard.press('Escape');
    await openQuickInput('Control+P', file);
    await quickInput.locator('.monaco-list-row.focused', { hasText: file }).first().waitFor({ timeout: T });
    await page.keyboard.press('Enter');
    await editor.locator('.tab.active', { hasText: file }).waitFor({ timeout: T });
    await page.locator('.statusbar-item', { hasText: language }).first().waitFor({ timeout: T });
    // Tokenization is asynchronous: poll the rendered token classes with a deadline.
    const deadline = Date.now() + T;
    let classes;
    while (
      (classes = await editor.locator('.view-lines .view-line span span').evaluateAll((els) => [...new Set(els.map((e) => e.className))]))
        .length < 4
    ) {
      if (Date.now() > deadline) throw new Error(`${file}: only ${classes.length} token kinds rendered (${classes.join(' ')})`);
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`    ${file}: ${classes.length} token kinds`);
    await shot(png);
  };
  step('local.conf opens as devstack local.conf, highlighted (screenshot 06)', ['workbench loads the workspace'], () =>
    highlighted('local.conf', 'devstack local.conf', '06-local-conf-highlighted.png'),
  );
  step('a *uwsgi*.ini opens as uWSGI INI, highlighted (screenshot 07)', ['workbench loads the workspace'], () =>
    highlighted('designate-api-uwsgi.ini', 'uWSGI INI', '07-uwsgi-ini-highlighted.png'),
  );
  step('an .ini starting with [uwsgi] is switched to uWSGI INI', ['workbench loads the workspace'], () =>
    highlighted('api-server.ini', 'uWSGI INI', '08-ini-switched-to-uwsgi.png'),
  );

  // The tree's rows in list order (the list keeps its rows in the DOM in no particular order).
  const treeRows = () =>
    goalTree.locator('.monaco-list-row').evaluateAll((els) =>
      els
        .map((el) => ({
          index: Number(el.getAttribute('data-index')),
          level: Number(el.getAttribute('aria-level')),
          label: (el.querySelector('.label-name')?.textContent || '').trim(),
          description: (el.querySelector('.label-description')?.textContent || '').trim(),
          icons: [...el.querySelectorAll('.codicon')].flatMap((i) => [...i.classList].filter((c) => c.startsWith('codicon-'))),
        }))
        .sort((a, b) => a.index - b.index),
    );
  /** The row labelled `label` among the descendants of the top-level row `repo`, if shown. */
  const rowUnder = (rows, repo, label) => {
    const at = rows.findIndex((r) => r.level === 1 && r.label === repo);
    if (at < 0) return undefined;
    for (let i = at + 1; i < rows.length && rows[i].level > rows[at].level; i++) {
      if (rows[i].label === label) return rows[i];
    }
    return undefined;
  };
  // Runs a palette command by its full title (typed, then Enter on the focused match).
  const runPaletteCommand = async (title) => {
    await page.keyboard.press('Escape');
    await openQuickInput('F1', title);
    await quickInput
      .locator('.monaco-list-row.focused', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(title)}$`) }) })
      .first()
      .waitFor({ timeout: T });
    await page.keyboard.press('Enter');
  };
  // "File: Save All Files" saves every dirty file but, unlike "Save All", asks nothing about the
  // untitled report the export step left open. Workspace edits leave their files dirty (autoSave off).
  const saveAllFiles = async () => {
    const unsaved = (await editor.locator('.tab.dirty').allTextContents()).map((t) => t.trim());
    console.log(`    unsaved tabs before "Save All Files": ${unsaved.join(', ') || 'none'}`);
    await runPaletteCommand('File: Save All Files');
    const deadline = Date.now() + T;
    let dirty;
    while ((dirty = (await editor.locator('.tab.dirty').allTextContents()).filter((t) => !/Untitled/.test(t))).length) {
      if (Date.now() > deadline) throw new Error(`still unsaved after "Save All Files": ${dirty.join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  /** Waits until the quick input shows a placeholder (or title) matching one of `expected`; returns its index. */
  const quickInputShows = async (expected) => {
    const deadline = Date.now() + T;
    for (;;) {
      const texts = await quickInput
        .evaluate((el) =>
          el.offsetParent === null
            ? []
            : [
                el.querySelector('.quick-input-title')?.textContent || '',
                el.querySelector('input')?.getAttribute('placeholder') || '',
                el.querySelector('input')?.getAttribute('aria-label') || '',
              ],
        )
        .catch(() => []);
      const i = expected.findIndex((re) => texts.some((t) => re.test(t)));
      if (i >= 0) return i;
      if (Date.now() > deadline) throw new Error(`the quick input never showed ${expected.join(' or ')} (shows ${JSON.stringify(texts)})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  // Before the deploy steps, while the sidebar still shows every state (met, not started, no API);
  // the screenshots after it (13-15) are taken in the dark theme too.
  step(
    'the sidebar in the dark theme (screenshot 12)',
    ['the sidebar: status icons, summaries, the no-API group; an evidence click opens the file at the line (screenshot 10)'],
    async () => {
      await page.keyboard.press('Escape');
      // Ctrl+K Ctrl+T: the theme picker itself (the palette's first match for "Color Theme" varies).
      await editor.locator('.tab.active').click();
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+T');
      await quickInput.locator('input[placeholder*="Color Theme" i], input[aria-label*="Color Theme" i]').first().waitFor({ timeout: T });
      await page.keyboard.type('Dark Modern');
      await quickInput.locator('.monaco-list-row.focused', { hasText: 'Dark Modern' }).first().waitFor({ timeout: T });
      await page.keyboard.press('Enter');
      await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: T });
      await showGoalView();
      await goalRow('watcher').waitFor({ timeout: T });
      await shot('12-sidebar-dark.png');
    },
  );

  // After the Problems, quick-fix, sidebar and funnel steps: they expect designate's devstack to
  // start designate-api standalone, which this step changes.
  const designateDir = path.join(workspace, 'designate');
  const pluginSh = path.join(designateDir, 'devstack', 'plugin.sh');
  const settingsFile = path.join(designateDir, 'devstack', 'settings');
  const DEPLOY_TITLE = 'Deploy designate-api under uwsgi behind Apache in devstack';
  const DEPLOY_STEP =
    'the palette\'s "Deploy API Under uwsgi in devstack…" reviews, then applies the devstack change; the criterion turns met (screenshots 13, 14)';
  step(DEPLOY_STEP, ['activity bar "WSGI Goal" shows designate and watcher; designate expands to both criteria'], async () => {
    assert.doesNotMatch(fs.readFileSync(pluginSh, 'utf8'), /which uwsgi/, 'designate starts its API standalone before the step');
    await runPaletteCommand('WSGI Goal: Deploy API Under uwsgi in devstack…');
    // The service pick only shows when more than one API service is not under uwsgi yet.
    if ((await quickInputShows([/Deploy which API service under uwsgi in devstack\?/, /^Review the change$/])) === 0) {
      await page.keyboard.type('designate-api');
      await quickInput
        .locator('.monaco-list-row.focused', { has: page.locator('.label-name', { hasText: /^designate-api$/ }) })
        .first()
        .waitFor({ timeout: T });
      await page.keyboard.press('Enter');
      await quickInputShows([/^Review the change$/]);
    } else {
      console.log('    one API service to deploy: no service pick');
    }
    const apply = quickInput.locator('.monaco-list-row.focused', { hasText: DEPLOY_TITLE }).first();
    await apply.waitFor({ timeout: T });
    await quickInput
      .locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: /^Cancel$/ }) })
      .first()
      .waitFor({ timeout: T });
    // The detail line under the label (the row's text also holds a recycled, hidden separator label).
    const detail = ((await apply.locator('.quick-input-list-label-meta').first().textContent({ timeout: T })) || '').trim();
    console.log(`    review: ${detail}`);
    assert.match(detail, /^edits (\S+, )*(designate\/)?devstack\/settings(, \S+)*/, 'the detail lists devstack/settings as edited');
    assert.match(
      detail.split(' · ')[0],
      /(^edits |, )(designate\/)?devstack\/plugin\.sh(,|$)/,
      'the detail lists devstack/plugin.sh as edited',
    );
    await shot('13-deploy-review.png');
    await page.keyboard.press('Enter');
    await quickInput.waitFor({ state: 'hidden', timeout: T });
    // The first edited file opens.
    await editor.locator('.tab.active', { hasText: 'settings' }).waitFor({ timeout: T });
    await saveAllFiles();
    await until(
      () =>
        fs
          .readFileSync(pluginSh, 'utf8')
          .includes('run_process designate-api "$(which uwsgi) --procname-prefix designate-api --ini $DESIGNATE_UWSGI_CONF"'),
      'designate/devstack/plugin.sh on disk to run designate-api under uwsgi',
    );
    const plugin = fs.readFileSync(pluginSh, 'utf8');
    assert.match(plugin, /^\s*write_uwsgi_config "\$DESIGNATE_UWSGI_CONF" "\$DESIGNATE_UWSGI"/m, 'plugin.sh writes the uwsgi ini');
    assert.match(fs.readFileSync(settingsFile, 'utf8'), /^DESIGNATE_UWSGI=/m, 'devstack/settings sets DESIGNATE_UWSGI');

    await showGoalView();
    if ((await goalRow('designate').getAttribute('aria-expanded')) !== 'true') {
      await goalRow('designate').click();
    }
    const deadline = Date.now() + T;
    let row;
    while (!(row = rowUnder(await treeRows(), 'designate', CRITERIA[1])) || !/^met\b/.test(row.description)) {
      if (Date.now() > deadline) {
        throw new Error(`designate / "${CRITERIA[1]}" shows ${row ? `"${row.description}"` : 'no row'}, expected "met …"`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`    designate / ${CRITERIA[1]}: ${row.description}`);
    assert.match(row.description, /^met · devstack: uwsgi/);
    assert(row.icons.includes('codicon-pass-filled'), `the criterion's icon is ${row.icons.join(' ')}, expected pass-filled`);
    await goalRow('designate')
      .locator('.label-description', { hasText: /^2 of 2 · designate-api$/ })
      .waitFor({ timeout: T });
    await shot('14-deploy-criterion-met.png');
  });

  const notesDir = path.join(designateDir, 'releasenotes', 'notes');
  const NOTE = /^deploy-api-in-wsgi-[0-9a-f]{16}\.yaml$/;
  const notes = () => (fs.existsSync(notesDir) ? fs.readdirSync(notesDir).filter((f) => NOTE.test(f)) : []);
  step(
    'the palette\'s "Add Release Note…" adds releasenotes/notes/deploy-api-in-wsgi-<16 hex>.yaml to designate and opens it (screenshot 15)',
    ['Ctrl+. offers and applies "Scaffold WSGI entry point for designate-api"'],
    async () => {
      const before = notes();
      await runPaletteCommand('WSGI Goal: Add Release Note…');
      // The repo pick only shows when more than one repo has an API service.
      if ((await quickInputShows([/Add a release note to which repo\?/, /The note is for which goal\?/])) === 0) {
        await page.keyboard.type('designate');
        await quickInput
          .locator('.monaco-list-row.focused', { has: page.locator('.label-name', { hasText: /^designate$/ }) })
          .first()
          .waitFor({ timeout: T });
        await page.keyboard.press('Enter');
        await quickInputShows([/The note is for which goal\?/]);
      } else {
        console.log('    one repo with an API service: no repo pick');
      }
      // The filter matches labels (goal titles) only: pick the goal by its topic, shown as the description.
      const goal = quickInput.locator('.monaco-list-row', { hasText: 'topic goal-deploy-api-in-wsgi' }).first();
      await goal.waitFor({ timeout: T });
      console.log(`    goal: ${((await goal.locator('.label-name').first().textContent()) || '').trim()}`);
      await goal.click();
      await until(() => notes().length > before.length, `a new ${NOTE} in designate/releasenotes/notes`);
      const file = notes().find((f) => !before.includes(f));
      console.log(`    created designate/releasenotes/notes/${file}`);
      await editor.locator('.tab.active', { hasText: file }).waitFor({ timeout: T });
      await editor.locator('.view-lines', { hasText: 'features:' }).first().waitFor({ timeout: T });
      await shot('15-release-note.png');
      await saveAllFiles();
      const note = path.join(notesDir, file);
      await until(() => /^features:/m.test(fs.readFileSync(note, 'utf8')), `a features: key in ${file} on disk`);
      // With devstack running the API under uwsgi (the step before), the note says so under upgrade.
      if (passed.has(DEPLOY_STEP)) assert.match(fs.readFileSync(note, 'utf8'), /^upgrade:/m, 'the note has an upgrade section');
    },
  );

  results.total = steps.length;
  for (const s of steps) {
    const missing = s.needs.filter((n) => !passed.has(n));
    const started = Date.now();
    if (missing.length) {
      results.tests.push({ title: s.name, state: 'failed', kind: 'test', error: `not run: needs "${missing.join('", "')}"` });
      console.log(`  ✗ ${s.name} (not run)`);
      continue;
    }
    try {
      await s.fn();
      passed.add(s.name);
      results.tests.push({ title: s.name, state: 'passed', kind: 'test', durationMs: Date.now() - started });
      console.log(`  ✓ ${s.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    } catch (e) {
      const file = `FAILED-ui-${results.tests.length + 1}.png`;
      results.tests.push({
        title: s.name,
        state: 'failed',
        kind: 'test',
        durationMs: Date.now() - started,
        error: String((e && e.stack) || e),
        screenshot: file,
      });
      console.log(
        `  ✗ ${s.name}\n    ${String((e && e.message) || e)
          .split('\n')
          .join('\n    ')}`,
      );
      try {
        await shot(file);
      } catch {
        /* page gone */
      }
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
  results.passed = results.tests.filter((t) => t.state === 'passed').length;
  results.failed = results.tests.length - results.passed;
  results.done = true;
  results.blockedExternalRequests = external;
  results.pageErrors = pageErrors.slice(0, 50);
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  await context.close().catch(() => {});
  fs.rmSync(profile, { recursive: true, force: true });
  if (external.length) {
    console.log(`  blocked ${external.length} non-loopback request(s): ${[...new Set(external)].slice(0, 5).join(' ')}`);
  }
  console.log(`ui suite: ${results.passed} passed, ${results.failed} failed (${elapsed()})`);
  return results.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('ui.js failed:', err);
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(
      resultsFile,
      JSON.stringify(
        {
          suite: 'ui',
          done: true,
          total: 1,
          passed: 0,
          failed: 1,
          tests: [{ title: 'ui driver', state: 'failed', kind: 'test', error: String((err && err.stack) || err) }],
        },
        null,
        2,
      ),
    );
    console.log('ui suite: 0 passed, 1 failed');
    process.exit(1);
  },
);
