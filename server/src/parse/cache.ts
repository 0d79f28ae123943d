// Parse results cached per file and content: an edit re-parses one file, not the repo.
import { IniFile, parseIni } from './ini';
import { pythonFacts, PyFacts } from './python';
import { shellFacts, ShellFacts } from './bash';
import { parsersNow } from './tree-sitter';
import { zuulJobs, ZuulFile } from './zuul';
import { parseLocalConf, LocalConf } from './local-conf';
import type { ParseKind, ParsePool } from './pool';

interface Entry<T> {
  text: string;
  value: T;
}

export class ParseCache {
  constructor(private readonly pool?: ParsePool) {}

  private readonly inis = new Map<string, Entry<IniFile>>();
  private readonly pys = new Map<string, Entry<PyFacts>>();
  private readonly shells = new Map<string, Entry<ShellFacts>>();
  private readonly zuuls = new Map<string, Entry<ZuulFile>>();
  private readonly confs = new Map<string, Entry<LocalConf>>();

  ini(file: string, text: string): IniFile {
    return this.get(this.inis, file, text, () => parseIni(text));
  }

  python(file: string, text: string): PyFacts {
    return this.get(this.pys, file, text, () => pythonFacts(parsersNow().python, text));
  }

  shell(file: string, text: string): ShellFacts {
    return this.get(this.shells, file, text, () => shellFacts(parsersNow().bash, text));
  }

  /** `rel` names the file in the jobs' locations; the cache is keyed by the absolute path. */
  zuul(file: string, rel: string, text: string): ZuulFile {
    return this.get(this.zuuls, file, text, () => zuulJobs(text, rel));
  }

  localConf(file: string, text: string): LocalConf {
    return this.get(this.confs, file, text, () => parseLocalConf(text));
  }

  /**
   * Parses a file on the parse workers ahead of the engine asking for it (then a cache hit), when
   * there are workers; else, or when they fail, the engine's thread parses it when it asks.
   */
  async warm(kind: ParseKind, file: string, text: string, rel = file): Promise<void> {
    const map: Map<string, Entry<unknown>> = kind === 'python' ? this.pys : kind === 'shell' ? this.shells : this.zuuls;
    if (!this.pool || map.get(file)?.text === text) return;
    try {
      const value = await this.pool.parse(kind, text, rel);
      map.set(file, { text, value });
    } catch {
      // parsed on the engine's thread when asked for
    }
  }

  forget(file: string): void {
    this.zuuls.delete(file);
    this.confs.delete(file);
    this.inis.delete(file);
    this.pys.delete(file);
    this.shells.delete(file);
  }

  private get<T>(map: Map<string, Entry<T>>, file: string, text: string, make: () => T): T {
    const hit = map.get(file);
    if (hit && hit.text === text) return hit.value;
    const value = make();
    map.set(file, { text, value });
    return value;
  }
}
