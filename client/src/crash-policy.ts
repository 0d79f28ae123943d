// When the language server dies, whether and when to start it again. Kept apart from VS Code so
// the arithmetic is tested on its own: a crash loop must end, and a single crash must not.

/** Crashes within this window count together; older ones are forgotten. */
export const CRASH_WINDOW_MS = 3 * 60_000;
/** The crash that makes this many within the window stops the restarts. */
export const MAX_CRASHES = 5;
const FIRST_DELAY_MS = 1_000;

export type CrashDecision = { action: 'restart'; delayMs: number; crashes: number } | { action: 'giveUp'; crashes: number };

export class CrashPolicy {
  private crashes: number[] = [];

  /** Records a crash at `now` (ms) and says what to do: restart after 1, 2, 4, 8 s, or stop. */
  onCrash(now: number): CrashDecision {
    this.crashes = this.crashes.filter((t) => now - t < CRASH_WINDOW_MS);
    this.crashes.push(now);
    const n = this.crashes.length;
    if (n >= MAX_CRASHES) return { action: 'giveUp', crashes: n };
    return { action: 'restart', delayMs: FIRST_DELAY_MS * 2 ** (n - 1), crashes: n };
  }

  /** Crashes counted at the last one (within its window), or 0 since a reset. */
  get count(): number {
    return this.crashes.length;
  }

  /** A restart the user asked for starts the count again. */
  reset(): void {
    this.crashes = [];
  }
}
