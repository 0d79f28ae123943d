// Runs the engine on a folder, as the CLI does.
import { defaultSettings, Settings } from '../../server/src/protocol';
import { Workspace } from '../../server/src/engine/workspace';

export async function analyze(folder: string, settings: Partial<Settings> = {}, logs: string[] = [], asRepo = false): Promise<Workspace> {
  const ws = new Workspace({ ...defaultSettings, ...settings }, (m) => logs.push(m));
  await ws.addFolder(folder, asRepo);
  return ws;
}

export async function repoReport(folder: string, settings: Partial<Settings> = {}) {
  const ws = await analyze(folder, settings);
  const repos = ws.report().repos;
  if (repos.length !== 1) throw new Error(`expected one repo in ${folder}, found ${repos.length}`);
  return { ws, repo: repos[0], analysis: ws.allAnalyses()[0] };
}
