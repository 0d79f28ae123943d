import { Finding, Rule, DEPLOY, MODULE_PATHS } from './rule';
import { TEST_DIR } from './wsgi5xx-shared';

export const rule: Rule = {
  code: 'WSGI504',
  title: 'Useless lock idiom: with threading.Lock(): inside a function',
  goals: [DEPLOY, MODULE_PATHS],
  severity: 'information',
  docs: `\`with threading.Lock():\` (or \`Lock()\`, \`RLock()\`, …) creates a new lock each time the statement runs, so no two
callers ever share it and it serialises nothing (pylint \`useless-with-lock\`). WSGI code uses this idiom to build the
application once; inside a function — a lazy \`get_application()\` called from several uwsgi threads, a factory called per
worker — the guarded "if not built yet, build it" can run twice at the same time. Nova replaced it with a named lock
object (nova 023be4f561).

The rule looks at WSGI-related files (the \`*wsgi*\` modules, \`<pkg>/wsgi/\` packages, \`.wsgi\` files) and reports the
idiom inside functions and methods only. At module level, as in the entry modules of glance, placement and watcher,
the code runs once under Python's import lock, so the inline lock is redundant but harmless and is not reported; the
scaffolded entry module relies on that import lock too and builds \`application = init_application()\` with no lock.

**Fix:** create the lock once at module level (\`_lock = threading.Lock()\`) and write \`with _lock:\` in the function.`,
  check(ctx) {
    const out: Finding[] = [];
    for (const rel of ctx.model.files) {
      if (TEST_DIR.test(rel) || !/\.(py|wsgi)$/.test(rel)) continue;
      // Every constructor the facts count (Lock, RLock, Semaphore, BoundedSemaphore, Condition) spells one of these.
      if (!['Lock', 'Semaphore', 'Condition'].some((w) => ctx.model.sources.mentions(rel, w))) continue;
      for (const w of ctx.model.sources.python(rel)?.lockWiths ?? []) {
        if (w.inFunction === undefined || w.inFunction === '<lambda>') continue;
        out.push({
          at: { file: rel, span: w.span },
          summary: `with ${w.callee}(): in ${w.inFunction}() locks nothing: create the lock once at module level`,
          message:
            `with ${w.callee}(): in ${w.inFunction}() creates a new lock on every call, so concurrent callers (uwsgi threads) are ` +
            `not serialised and the guarded code can run twice (pylint useless-with-lock). Create the lock once at module level ` +
            `(_lock = ${w.callee}()) and use with _lock:.`,
        });
      }
    }
    return out;
  },
};
