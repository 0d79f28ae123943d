// A step budget for the evaluators: steps, not clock time, so a verdict never depends on how fast
// the machine is. A budget overrun ends the evaluation as "too complex", never as a crash.
// Evaluation is synchronous, so one budget at a time is enough: `budgeted` installs it.

/** Steps one evaluation of a repo's devstack code may take (expansions, tests, function calls). */
export const EVAL_STEPS = 200_000;
/** Longest value a shell expansion may build (`A=$A$A` repeated doubles it each time). */
export const MAX_VALUE_CHARS = 64 * 1024;

class Overrun extends Error {}

let current: { left: number } | undefined;

/** Charges `n` steps to the running budget; outside `budgeted` nothing is counted. */
export function spend(n = 1): void {
  if (!current) return;
  current.left -= n;
  if (current.left < 0) throw new Overrun('step budget exhausted');
}

/** Steps left in the running budget (0 outside `budgeted`). */
export function stepsLeft(): number {
  return current?.left ?? 0;
}

/** Stops the evaluation when a value it builds is too long to be a real setting. */
export function checkLength(value: string): string {
  if (current && value.length > MAX_VALUE_CHARS) throw new Overrun(`a value grew past ${MAX_VALUE_CHARS} characters`);
  return value;
}

export type Budgeted<T> = { ok: true; value: T; steps: number } | { ok: false; reason: string; steps: number };

/** Runs `job` within `limit` steps; nested calls share the outer budget. */
export function budgeted<T>(limit: number, job: () => T): Budgeted<T> {
  if (current) {
    const value = job();
    return { ok: true, value, steps: 0 };
  }
  const mine = { left: limit };
  current = mine;
  try {
    const value = job();
    return { ok: true, value, steps: limit - mine.left };
  } catch (e) {
    if (e instanceof Overrun) return { ok: false, reason: e.message, steps: limit - Math.max(mine.left, 0) };
    // Deep input that still reaches JS recursion limits is "too complex" too, not a crash.
    if (e instanceof RangeError) return { ok: false, reason: e.message, steps: limit - Math.max(mine.left, 0) };
    throw e;
  } finally {
    current = undefined;
  }
}
