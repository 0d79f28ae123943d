// Long engine work (a scan, a cold analysis of many repos) gives the event loop back every few
// milliseconds, so that a language server answers hovers and code actions while it runs.

/** How long the engine may hold the event loop at a stretch. */
const SLICE_MS = 8;
let since = Date.now();

/**
 * Lets the event loop run when the engine has held it for SLICE_MS; else returns at once. Two turns:
 * a request read in the first is queued behind this continuation (both are immediates), and the
 * second puts the engine behind it, so a request waits for one stretch of engine work at most.
 */
export async function yieldNow(): Promise<void> {
  if (Date.now() - since < SLICE_MS) return;
  await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  since = Date.now();
}
