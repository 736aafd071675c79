/**
 * Waiting for a condition in tests: ask a probe again and again, with a short pause between the asks, until it
 * gives an answer or a deadline passes. For what no event announces (a file written by another process,
 * HAProxy's view of its workers); never a fixed sleep before an assertion.
 *
 * @module
 */

/** Options of {@linkcode poll}. */
export interface PollOptions {
  /** The pause between two asks, in milliseconds (default 50). */
  readonly intervalMs?: number;
  /** Appended to the timeout error, e.g. the last answer seen. */
  readonly detail?: () => string;
}

/**
 * Calls `probe` until it returns a value other than undefined and returns that value. Throws
 * `timed out after <timeoutMs> ms waiting for <what>` (plus `opts.detail()`) once the deadline has passed.
 */
export async function poll<T>(
  what: string,
  timeoutMs: number,
  probe: () => T | undefined | Promise<T | undefined>,
  opts: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const detail = opts.detail?.();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail ? `; ${detail}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 50));
  }
}
