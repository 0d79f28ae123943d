// End-to-end checks of wsgi-goal inside a real extension host.
// Workspace: one folder holding `designate/` (paste pipeline + console script, devstack
// standalone: both criteria not met), `watcher/` (module path WSGI entry, uwsgi in
// devstack: both criteria met) and `networking-lark/` (a neutron plugin: no API service). The tests run in order and share state: the quick fix
// applied near the end changes what the later tests see.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  CRITERION_DEVSTACK,
  CRITERION_WSGI,
  DEFAULT_DEADLINE_MS,
  EXTENSION_ID,
  TreeNode,
  WsgiGoalApi,
  describeDiagnostics,
  diagnosticCode,
  formatTree,
  isWsgi101,
  lineOf,
  poll,
  readTree,
  sameFile,
  waitForDiagnostics,
  withDeadline,
} from './util';

const FIX_TITLE = 'Scaffold WSGI entry point for designate-api';
const DESIGNATE_API_LINE = /^\s*designate-api\s*=\s*designate\.cmd\.api:main\s*$/;

suite('wsgi-goal end to end', () => {
  let api: WsgiGoalApi;
  let root: vscode.Uri;
  let designateCfg: vscode.Uri;
  let watcherCfg: vscode.Uri;
  let apiLine: number; // 0-based line of `designate-api = designate.cmd.api:main`
  let wsgi101: vscode.Diagnostic | undefined;
  let fix: vscode.CodeAction | undefined;
  const apiPy = (): vscode.Uri => vscode.Uri.joinPath(root, 'designate', 'designate', 'wsgi', 'api.py');
  const initPy = (): vscode.Uri => vscode.Uri.joinPath(root, 'designate', 'designate', 'wsgi', '__init__.py');

  // Watches the tree provider's change event so tree polls wake up as soon as it fires.
  const treeChanged = new vscode.EventEmitter<unknown>();
  let treeSub: vscode.Disposable | undefined;

  const waitForTree = async (predicate: (t: TreeNode[]) => string | undefined, what: string): Promise<TreeNode[]> => {
    let last: TreeNode[] = [];
    let why = '';
    try {
      return await poll(
        async () => {
          last = await readTree(api.statusTree);
          const problem = predicate(last);
          why = problem ?? '';
          return problem === undefined ? last : undefined;
        },
        what,
        DEFAULT_DEADLINE_MS,
        250,
        treeChanged.event,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}: ${why}\nstatus tree now:\n${formatTree(last)}`, { cause: e });
    }
  };
  const repo = (t: TreeNode[], name: string): TreeNode | undefined => t.find((n) => n.label === name);
  const criterion = (r: TreeNode | undefined, label: string): TreeNode | undefined => r?.children.find((n) => n.label === label);
  const expectCriterion = (t: TreeNode[], name: string, label: string, state: string): string | undefined => {
    const r = repo(t, name);
    if (!r) {
      return `no repo item "${name}"`;
    }
    const c = criterion(r, label);
    if (!c) {
      return `repo "${name}" has no criterion "${label}"`;
    }
    // The devstack criterion adds its mode: "not met · devstack: standalone".
    return c.description === state || c.description.startsWith(`${state} ·`)
      ? undefined
      : `"${name}" / "${label}" is "${c.description}", expected "${state}"`;
  };

  suiteSetup(async function () {
    const folders = vscode.workspace.workspaceFolders;
    assert.ok(folders && folders.length === 1, `exactly one workspace folder expected, got ${folders?.length ?? 0}`);
    root = folders[0].uri;
    designateCfg = vscode.Uri.joinPath(root, 'designate', 'setup.cfg');
    watcherCfg = vscode.Uri.joinPath(root, 'watcher', 'setup.cfg');
    const text = Buffer.from(await vscode.workspace.fs.readFile(designateCfg)).toString('utf8');
    apiLine = lineOf(text, DESIGNATE_API_LINE);

    const ext = vscode.extensions.getExtension<WsgiGoalApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    console.log(`testing ${EXTENSION_ID} ${ext.packageJSON.version} from ${ext.extensionPath}`);
    const exported = await withDeadline(ext.activate(), DEFAULT_DEADLINE_MS, `activation of ${EXTENSION_ID}`);
    assert.ok(exported && typeof exported === 'object', 'activate() must resolve to the API object');
    api = exported;
    assert.ok(api.ready !== undefined && typeof api.ready.then === 'function', 'API has no `ready` promise');
    assert.ok(api.statusTree && typeof api.statusTree.getChildren === 'function', 'API has no `statusTree` provider');
    await withDeadline(api.ready, DEFAULT_DEADLINE_MS, 'API `ready` (language client running)');
    treeSub = api.statusTree.onDidChangeTreeData?.((e) => treeChanged.fire(e));
  });

  suiteTeardown(async () => {
    treeSub?.dispose();
    // Leave no dirty editor behind (a desktop VS Code would ask whether to save on exit).
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the extension under test is the one being developed', () => {
    const expected = process.env.WSGI_GOAL_E2E_EXPECT_EXTENSION_PATH;
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(ext.isActive, 'extension is active');
    if (expected) {
      assert.strictEqual(ext.extensionPath, expected);
    }
  });

  test('palette commands are contributed and registered', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: Array<{ command: string; title: string; category?: string }> = ext.packageJSON.contributes?.commands ?? [];
    const scaffold = contributed.find((c) => c.command === 'wsgiGoal.scaffoldWsgiEntry');
    assert.ok(scaffold, 'wsgiGoal.scaffoldWsgiEntry is not contributed');
    assert.strictEqual(`${scaffold.category}: ${scaffold.title}`, 'WSGI Goal: Scaffold WSGI Entry Point…');
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of [
      'wsgiGoal.scaffoldWsgiEntry',
      'wsgiGoal.refreshStatus',
      'wsgiGoal.restartServer',
      'wsgiGoal.showOutput',
      'wsgiGoal.addReleaseNote',
      'wsgiGoal.showUnmetOnly',
      'wsgiGoal.showAll',
    ]) {
      assert.ok(
        contributed.some((c) => c.command === id && c.category === 'WSGI Goal'),
        `${id} not contributed in category "WSGI Goal"`,
      );
      assert.ok(registered.has(id), `${id} is contributed but not registered`);
    }
  });

  test('WSGI101 on designate/setup.cfg without opening any file', async () => {
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => sameFile(d.uri, designateCfg)),
      'designate/setup.cfg must not be open yet (the diagnostic has to come from the workspace scan)',
    );
    const diags = await waitForDiagnostics(designateCfg, (d) => d.some(isWsgi101), 'a WSGI101 diagnostic on designate/setup.cfg');
    wsgi101 = diags.find(isWsgi101)!;
    assert.strictEqual(
      wsgi101.range.start.line,
      apiLine,
      `WSGI101 should be on line ${apiLine} (designate-api = …); got ${describeDiagnostics(diags)}`,
    );
    assert.match(wsgi101.message, /designate-api/, 'the WSGI101 message names the console script');
    assert.ok(!vscode.workspace.textDocuments.some((d) => sameFile(d.uri, designateCfg)), 'designate/setup.cfg was opened by someone');
  });

  test('status tree before the fix: repos, criteria, states, evidence', async () => {
    const tree = await waitForTree((t) => {
      for (const name of ['designate', 'watcher']) {
        if (!repo(t, name)) {
          return `no repo item "${name}"`;
        }
      }
      return (
        expectCriterion(t, 'designate', CRITERION_WSGI, 'not met') ??
        expectCriterion(t, 'designate', CRITERION_DEVSTACK, 'not met') ??
        expectCriterion(t, 'watcher', CRITERION_WSGI, 'met') ??
        expectCriterion(t, 'watcher', CRITERION_DEVSTACK, 'met')
      );
    }, 'the status tree to show designate (not met, not met) and watcher (met, met)');
    const text = formatTree(tree);
    // Unmet first; the folder without an API is gathered in its own group at the end.
    assert.deepStrictEqual(
      tree.map((n) => n.label),
      ['designate', 'watcher', 'No API service (1)'],
      `root items:\n${text}`,
    );
    for (const r of tree.filter((n) => n.label !== 'No API service (1)')) {
      assert.notStrictEqual(
        r.item.collapsibleState ?? vscode.TreeItemCollapsibleState.None,
        vscode.TreeItemCollapsibleState.None,
        `repo item "${r.label}" must be expandable`,
      );
      assert.deepStrictEqual(
        r.children.map((c) => c.label),
        [CRITERION_WSGI, CRITERION_DEVSTACK, '2025.2: Migrate from WSGI scripts to module paths', `Goal document: ${r.label}`],
        `criteria of ${r.label}, then the successor goal and the team's record:\n${text}`,
      );
      for (const c of r.children.slice(0, 2)) {
        assert.ok(c.children.length > 0, `"${r.label}" / "${c.label}" has no evidence:\n${text}`);
        for (const ev of c.children) {
          assert.match(ev.label, /^\S+:\d+$/, `evidence label must be file:line:\n${text}`);
          assert.ok(ev.item.command, `evidence "${ev.label}" has no command`);
        }
      }
    }
    const designateEvidence = repo(tree, 'designate')!.children.flatMap((c) => c.children.map((e) => e.label));
    const wanted = new RegExp(`(^|/)setup\\.cfg:${apiLine + 1}$`);
    assert.ok(
      designateEvidence.some((l) => wanted.test(l)),
      `designate should cite setup.cfg:${apiLine + 1} (the designate-api line); evidence: ${designateEvidence.join(', ')}`,
    );
  });

  test('repo icons, summaries and the badge say where each repo stands; evidence takes no Problems colours', async () => {
    const tree = await readTree(api.statusTree);
    const text = formatTree(tree);
    const icon = (n: TreeNode | undefined) => (n?.item.iconPath as vscode.ThemeIcon | undefined)?.id;
    assert.strictEqual(icon(repo(tree, 'designate')), 'error', text);
    assert.strictEqual(icon(repo(tree, 'watcher')), 'pass-filled', text);
    assert.strictEqual(repo(tree, 'designate')!.description, '0 of 2 · designate-api');
    assert.strictEqual(repo(tree, 'watcher')!.description, '2 of 2 · watcher-api');
    const group = repo(tree, 'No API service (1)')!;
    assert.strictEqual(group.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.deepStrictEqual(
      group.children.map((c) => c.label),
      ['networking-lark'],
    );
    for (const r of [repo(tree, 'designate')!, repo(tree, 'watcher')!]) {
      assert.strictEqual(r.item.resourceUri, undefined, `${r.label}: no file decoration on the repo`);
      for (const ev of r.children.flatMap((c) => c.children))
        assert.strictEqual(ev.item.resourceUri, undefined, `${ev.label}: no file decoration on evidence`);
    }
    // The team's record in the goal document, with its artifacts as links.
    const record = (name: string) => repo(tree, name)!.children.find((c) => c.label === `Goal document: ${name}`)!;
    assert.strictEqual(record('designate').description, 'not supporting WSGI in Jan 2017', text);
    const link = record('watcher').children.find((c) => c.label === 'Completion artifact');
    assert.strictEqual(link?.description, 'review.opendev.org/#/c/450740/', text);
    assert.strictEqual(link?.item.command?.command, 'vscode.open');
    const view = api.statusView();
    assert.ok(view, 'the view is created');
    assert.strictEqual(view.badge?.value, 2, 'designate has two unmet criteria');
    // getParent lets `reveal` walk up from an evidence item.
    const nodes = await api.statusTree.getChildren(undefined);
    const designate = nodes![0];
    const criterionNode = (await api.statusTree.getChildren(designate))![0];
    const evidenceNode = (await api.statusTree.getChildren(criterionNode))![0];
    assert.strictEqual(api.statusTree.getParent?.(evidenceNode), criterionNode);
    assert.strictEqual(api.statusTree.getParent?.(criterionNode), designate);
  });

  test('the title-bar filter shows only the repos with an unmet criterion, and back', async () => {
    await vscode.commands.executeCommand('wsgiGoal.showUnmetOnly');
    await waitForTree(
      (t) => (t.map((n) => n.label).join(',') === 'designate' ? undefined : `roots: ${t.map((n) => n.label).join(', ')}`),
      'only designate',
    );
    await vscode.commands.executeCommand('wsgiGoal.showAll');
    await waitForTree((t) => (t.length === 3 ? undefined : `roots: ${t.map((n) => n.label).join(', ')}`), 'all repos again');
  });

  test('an evidence item opens the file at its line', async () => {
    const tree = await readTree(api.statusTree);
    const wanted = new RegExp(`(^|/)setup\\.cfg:${apiLine + 1}$`);
    const ev = repo(tree, 'designate')
      ?.children.flatMap((c) => c.children)
      .find((e) => wanted.test(e.label));
    assert.ok(ev?.item.command, `no evidence setup.cfg:${apiLine + 1} with a command:\n${formatTree(tree)}`);
    const cmd = ev.item.command;
    await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
    const editor = await poll(
      () => {
        const e = vscode.window.activeTextEditor;
        return e && sameFile(e.document.uri, designateCfg) ? e : undefined;
      },
      'designate/setup.cfg to become the active editor',
      15_000,
    );
    assert.strictEqual(editor.selection.start.line, apiLine, 'the evidence command should reveal the cited line');
  });

  test('watcher (compliant) has no WSGI101', async () => {
    // The tree already reported watcher as met, so its analysis is done.
    const inWatcher = vscode.languages
      .getDiagnostics()
      .filter(([uri]) => uri.fsPath.startsWith(vscode.Uri.joinPath(root, 'watcher').fsPath + '/'))
      .flatMap(([uri, ds]) => ds.filter(isWsgi101).map((d) => `${uri.fsPath}: ${d.message}`));
    assert.deepStrictEqual(inWatcher, [], 'no WSGI101 expected under watcher/');
    assert.strictEqual(vscode.languages.getDiagnostics(watcherCfg).filter(isWsgi101).length, 0);
  });

  test('the quick fix is offered with a WorkspaceEdit creating designate/wsgi/{__init__,api}.py', async () => {
    assert.ok(wsgi101, 'no WSGI101 diagnostic from the earlier test');
    const doc = await vscode.workspace.openTextDocument(designateCfg);
    await vscode.window.showTextDocument(doc);
    const actions = await withDeadline(
      vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
        'vscode.executeCodeActionProvider',
        designateCfg,
        wsgi101.range,
      ),
      DEFAULT_DEADLINE_MS,
      'code actions at the WSGI101 range',
    );
    const titles = (actions ?? []).map((a) => a.title);
    const found = (actions ?? []).find(
      (a): a is vscode.CodeAction => a.title === FIX_TITLE && typeof (a as vscode.Command).command !== 'string',
    );
    assert.ok(found, `no code action titled "${FIX_TITLE}"; got: ${JSON.stringify(titles)}`);
    assert.ok(found.edit, 'the quick fix carries no WorkspaceEdit');
    fix = found;

    // Text edits are public: api.py must receive a module-level `application =`.
    const apiEdits = found.edit.entries().filter(([u]) => sameFile(u, apiPy()));
    assert.ok(
      apiEdits.length > 0,
      `the edit does not write designate/wsgi/api.py; it touches: ${found.edit
        .entries()
        .map(([u]) => u.fsPath)
        .join(', ')}`,
    );
    const newText = apiEdits.flatMap(([, es]) => es.map((e) => e.newText)).join('');
    assert.match(newText, /^application\s*=/m, 'api.py text has no module-level `application =`');

    // File operations have no public accessor; VS Code 1.139 keeps them in `_edits`.
    const raw = (found.edit as unknown as { _edits?: Array<{ from?: vscode.Uri; to?: vscode.Uri; options?: { overwrite?: boolean } }> })
      ._edits;
    if (Array.isArray(raw)) {
      const creates = raw.filter((e) => e.to && !e.from);
      for (const target of [initPy(), apiPy()]) {
        const c = creates.find((e) => sameFile(e.to!, target));
        assert.ok(c, `the edit does not create ${target.fsPath}; creates: ${creates.map((e) => e.to!.fsPath).join(', ') || '(none)'}`);
        assert.strictEqual(c.options?.overwrite, false, `create of ${target.fsPath} must have overwrite: false`);
      }
    } else {
      console.log('note: WorkspaceEdit internals not readable; file creation is checked after applying');
    }
  });

  test('applying the fix creates the files and clears WSGI101 before any save', async () => {
    assert.ok(fix?.edit, 'no quick fix from the earlier test');
    assert.strictEqual(vscode.workspace.getConfiguration('files').get('autoSave'), 'off', 'files.autoSave must be off');
    const applied = await withDeadline(vscode.workspace.applyEdit(fix.edit), DEFAULT_DEADLINE_MS, 'applyEdit');
    assert.ok(applied, 'workspace.applyEdit returned false');

    for (const f of [initPy(), apiPy()]) {
      await poll(
        async () => ((await vscode.workspace.fs.stat(f)).type === vscode.FileType.File ? true : undefined),
        `${f.fsPath} to exist on disk`,
        10_000,
      );
    }
    const apiDoc = await poll(
      () => vscode.workspace.textDocuments.find((d) => sameFile(d.uri, apiPy())),
      'designate/wsgi/api.py to be an open document',
      10_000,
    );
    assert.ok(apiDoc.isDirty, 'designate/wsgi/api.py should be dirty (unsaved) after the edit');
    assert.match(apiDoc.getText(), /^application\s*=/m, 'api.py has no module-level `application =`');

    await waitForDiagnostics(designateCfg, (d) => !d.some(isWsgi101), 'WSGI101 on designate/setup.cfg to go away');
    const stillDirty = vscode.workspace.textDocuments.find((d) => sameFile(d.uri, apiPy()));
    assert.ok(stillDirty?.isDirty, 'WSGI101 must clear from the unsaved buffer, but api.py is no longer dirty');
    const others = vscode.languages.getDiagnostics(designateCfg).map(diagnosticCode);
    console.log(`designate/setup.cfg diagnostics after the fix: ${JSON.stringify(others)}`);
  });

  test('status tree after the fix: designate WSGI criterion met, devstack still not met', async () => {
    await waitForTree(
      (t) =>
        expectCriterion(t, 'designate', CRITERION_WSGI, 'met') ??
        expectCriterion(t, 'designate', CRITERION_DEVSTACK, 'not met') ??
        expectCriterion(t, 'watcher', CRITERION_WSGI, 'met') ??
        expectCriterion(t, 'watcher', CRITERION_DEVSTACK, 'met'),
      "designate's WSGI criterion to become met",
    );
  });

  test('"Disable WSGI201 for this line" writes the comment above it and the problem goes; reverted, it is back', async () => {
    const plugin = vscode.Uri.joinPath(root, 'designate', 'devstack', 'plugin.sh');
    const isWsgi201 = (d: vscode.Diagnostic) => diagnosticCode(d) === 'WSGI201';
    const diags = await waitForDiagnostics(plugin, (ds) => ds.some(isWsgi201), 'WSGI201 on designate/devstack/plugin.sh');
    const d = diags.find(isWsgi201)!;
    const doc = await vscode.workspace.openTextDocument(plugin);
    await vscode.window.showTextDocument(doc);
    const actions =
      (await withDeadline(
        vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', plugin, d.range),
        DEFAULT_DEADLINE_MS,
        'code actions at the WSGI201 range',
      )) ?? [];
    // The deploy fix comes first and preferred; the suppression is there for whoever keeps the line.
    const deploy = actions.find((a) => a.title === 'Deploy designate-api under uwsgi behind Apache in devstack');
    assert.ok(deploy?.isPreferred && deploy.edit, `no preferred deploy fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.deepStrictEqual(
      deploy.edit
        .entries()
        .map(([u]) => vscode.workspace.asRelativePath(u, false))
        .sort(),
      ['designate/devstack/plugin.sh', 'designate/devstack/settings'],
    );
    const disable = actions.find((a) => a.title === 'Disable WSGI201 for this line');
    assert.ok(disable?.edit, 'no "Disable WSGI201 for this line" action');
    // The report changes (the finding is suppressed) but no row moves: only designate's row is redrawn.
    const redrawn: unknown[] = [];
    const sub = api.statusTree.onDidChangeTreeData?.((e) => redrawn.push(e));
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.strictEqual(doc.lineAt(d.range.start.line).text, '    # wsgi-goal: disable=WSGI201');
    await waitForDiagnostics(plugin, (ds) => !ds.some(isWsgi201), 'WSGI201 to go once the comment is in the buffer');
    try {
      await poll(() => (redrawn.length ? redrawn : undefined), 'a tree change after the suppression', DEFAULT_DEADLINE_MS);
      const names = redrawn.map((e) => (e as { repo?: { name: string } } | undefined)?.repo?.name ?? 'the whole tree');
      assert.deepStrictEqual([...new Set(names)], ['designate'], `redrawn: ${names.join(', ')}`);
    } finally {
      sub?.dispose();
    }
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForDiagnostics(plugin, (ds) => ds.some(isWsgi201), 'WSGI201 back after the revert');
  });

  test('a local.conf in a devstack checkout is judged against it: WSGI_MODE=mod_wsgi stops a current stack.sh', async () => {
    const dev = vscode.Uri.joinPath(root, 'devstack');
    const localConf = vscode.Uri.joinPath(dev, 'local.conf');
    const put = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dev, name), Buffer.from(text));
    try {
      await put('stack.sh', '#!/bin/bash\nsource $TOP_DIR/stackrc\n');
      // The guard current devstack has (851d82cc): any other mode dies.
      await put(
        'stackrc',
        'WSGI_MODE=${WSGI_MODE:-"uwsgi"}\nif [[ "$WSGI_MODE" != "uwsgi" ]]; then\n    die $LINENO "$WSGI_MODE is no longer a supported WSGI mode"\nfi\n',
      );
      await put('local.conf', '[[local|localrc]]\nADMIN_PASSWORD=secret\nWSGI_MODE=mod_wsgi\n');
      const diags = await waitForDiagnostics(
        localConf,
        (ds) => ds.some((x) => diagnosticCode(x) === 'WSGI301' && x.severity === vscode.DiagnosticSeverity.Error),
        'WSGI301 as an error on devstack/local.conf',
      );
      const d = diags.find((x) => diagnosticCode(x) === 'WSGI301')!;
      assert.strictEqual(d.range.start.line, 2);
      assert.match(d.message, /^WSGI_MODE=mod_wsgi stops stack\.sh/);
    } finally {
      await vscode.workspace.fs.delete(dev, { recursive: true, useTrash: false });
    }
    await waitForDiagnostics(localConf, (ds) => ds.length === 0, 'no diagnostics left once the checkout is gone');
  });

  test('the walkthrough: its steps complete on the goal state the extension sets', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const walkthroughs: Array<{ title: string; steps: Array<{ id: string; completionEvents: string[] }> }> =
      ext.packageJSON.contributes?.walkthroughs ?? [];
    assert.strictEqual(walkthroughs[0]?.title, 'Complete the WSGI goal for your project');
    assert.deepStrictEqual(
      walkthroughs[0].steps.map((x) => x.completionEvents[0]),
      [
        'onContext:wsgiGoal.repoWithApi',
        'onView:wsgiGoal.status',
        'onContext:wsgiGoal.wsgiScriptsMet',
        'onContext:wsgiGoal.devstackUwsgiMet',
        'onCommand:wsgiGoal.exportReport',
      ],
    );
    // After the fix every repo ships a WSGI entry; designate's devstack still runs it standalone.
    await poll(
      () => {
        const c = api.goalContext();
        return c.repoWithApi && c.wsgiScriptsMet && !c.devstackUwsgiMet ? c : undefined;
      },
      `the goal context to say: a repo, WSGI entries met, devstack not (now ${JSON.stringify(api.goalContext())})`,
      DEFAULT_DEADLINE_MS,
    );
  });

  test('refresh, output and restart commands run and the analysis comes back', async () => {
    await withDeadline(
      Promise.resolve(vscode.commands.executeCommand('wsgiGoal.refreshStatus')),
      DEFAULT_DEADLINE_MS,
      'wsgiGoal.refreshStatus',
    );
    await withDeadline(Promise.resolve(vscode.commands.executeCommand('wsgiGoal.showOutput')), DEFAULT_DEADLINE_MS, 'wsgiGoal.showOutput');
    await withDeadline(
      Promise.resolve(vscode.commands.executeCommand('wsgiGoal.restartServer')),
      DEFAULT_DEADLINE_MS,
      'wsgiGoal.restartServer',
    );
    // After the restart the server re-reads the workspace (api.py is still an unsaved buffer).
    await waitForTree(
      (t) =>
        expectCriterion(t, 'designate', CRITERION_WSGI, 'met') ??
        expectCriterion(t, 'designate', CRITERION_DEVSTACK, 'not met') ??
        expectCriterion(t, 'watcher', CRITERION_DEVSTACK, 'met'),
      'the status tree after a server restart',
    );
    await waitForDiagnostics(designateCfg, (d) => !d.some(isWsgi101), 'WSGI101 to stay away after the restart');
  });

  // A server killed from outside, as the OOM killer would: the client restarts it after a delay and
  // says so in the status item; a crash loop ends with the server stopped and the Restart command.
  test('a killed server comes back; five crashes in a row stop it, and Restart brings it back', async function () {
    this.timeout(4 * DEFAULT_DEADLINE_MS);
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const runningAgain = (old: number, crashes: number) =>
      poll(
        () => {
          const v = api.serverStatus();
          const pid = api.serverPid();
          return v.state === 'running' && pid !== undefined && pid !== old && v.crashes === crashes ? pid : undefined;
        },
        `the server to run again after crash ${crashes} (status now: ${JSON.stringify(api.serverStatus())})`,
      );
    let pid = api.serverPid();
    assert.ok(pid !== undefined && alive(pid), 'the server process is not running');
    assert.equal(api.serverStatus().state, 'running', JSON.stringify(api.serverStatus()));

    process.kill(pid, 'SIGKILL');
    pid = await runningAgain(pid, 1);
    assert.match(api.serverStatus().detail, /restarted after a crash/);
    assert.equal(api.serverStatus().severity, 'warning');
    await waitForTree(
      (t) => expectCriterion(t, 'designate', CRITERION_WSGI, 'met') ?? expectCriterion(t, 'watcher', CRITERION_DEVSTACK, 'met'),
      'the status tree after the restart that followed a crash',
    );

    for (let crash = 2; crash < 5; crash++) {
      process.kill(pid, 'SIGKILL');
      pid = await runningAgain(pid, crash);
    }
    const last = pid;
    process.kill(last, 'SIGKILL');
    const stopped = await poll(
      () => (api.serverStatus().state === 'stopped' ? api.serverStatus() : undefined),
      'the client to stop restarting',
    );
    assert.equal(stopped.severity, 'error');
    assert.equal(stopped.command, 'wsgiGoal.restartServer');
    assert.match(stopped.detail, /crashed 5 times in 3 minutes/);
    // The killed process is gone and nothing took its place.
    await poll(() => (!alive(last) ? true : undefined), 'the killed server process to be gone');
    assert.equal(api.serverStatus().state, 'stopped');

    await withDeadline(
      Promise.resolve(vscode.commands.executeCommand('wsgiGoal.restartServer')),
      DEFAULT_DEADLINE_MS,
      'wsgiGoal.restartServer',
    );
    await runningAgain(last, 0);
    await waitForTree(
      (t) => expectCriterion(t, 'designate', CRITERION_WSGI, 'met') ?? expectCriterion(t, 'watcher', CRITERION_DEVSTACK, 'met'),
      'the status tree after Restart',
    );
  });
});
