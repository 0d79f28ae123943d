// Gives the memory of a huge buffer back once it is gone. V8 collects when it next needs room, and
// an idle language server may not allocate again for hours, so the closed 20 MB buffer (and the
// copies the JSON-RPC reader made of it) would stay resident. A full collection, asked for only
// when an oversize buffer is dropped, hands it back.
import * as v8 from 'v8';
import * as vm from 'vm';

let gc: (() => void) | undefined;

export function releaseMemory(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}
