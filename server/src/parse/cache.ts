// Parse results cached per file and content: an edit re-parses one file, not the repo.
import { IniFile, parseIni } from './ini';
import { pythonFacts, PyFacts } from './python';
import { shellFacts, ShellFacts } from './bash';
import { parsers } from './tree-sitter';

interface Entry<T> { text: string; value: T }

export class ParseCache {
  private readonly inis = new Map<string, Entry<IniFile>>();
  private readonly pys = new Map<string, Entry<PyFacts>>();
  private readonly shells = new Map<string, Entry<ShellFacts>>();

  ini(file: string, text: string): IniFile {
    return this.get(this.inis, file, text, () => parseIni(text));
  }

  async python(file: string, text: string): Promise<PyFacts> {
    const hit = this.pys.get(file);
    if (hit && hit.text === text) return hit.value;
    const { python } = await parsers();
    return this.get(this.pys, file, text, () => pythonFacts(python, text));
  }

  async shell(file: string, text: string): Promise<ShellFacts> {
    const hit = this.shells.get(file);
    if (hit && hit.text === text) return hit.value;
    const { bash } = await parsers();
    return this.get(this.shells, file, text, () => shellFacts(bash, text));
  }

  forget(file: string): void {
    this.inis.delete(file); this.pys.delete(file); this.shells.delete(file);
  }

  private get<T>(map: Map<string, Entry<T>>, file: string, text: string, make: () => T): T {
    const hit = map.get(file);
    if (hit && hit.text === text) return hit.value;
    const value = make();
    map.set(file, { text, value });
    return value;
  }
}
