// A parse worker (see pool.ts): file texts in, their facts out, with tree-sitter and yaml loaded in
// this thread. The facts are plain data, so they cross to the engine's thread by structured clone.
import { parentPort } from 'worker_threads';
import { parsers } from './tree-sitter';
import { pythonFacts } from './python';
import { shellFacts } from './bash';
import { zuulJobs } from './zuul';
import type { ParseRequest } from './pool';

parentPort?.on('message', (req: ParseRequest) => {
  void parsers().then(
    (p) => {
      try {
        const value =
          req.kind === 'python'
            ? pythonFacts(p.python, req.text)
            : req.kind === 'shell'
              ? shellFacts(p.bash, req.text)
              : zuulJobs(req.text, req.rel);
        parentPort!.postMessage({ id: req.id, value });
      } catch (e) {
        parentPort!.postMessage({ id: req.id, error: (e as Error).message });
      }
    },
    (e: Error) => parentPort!.postMessage({ id: req.id, error: e.message }),
  );
});
