/**
 * Turning a byte source (stdin) into an async stream of decoded keys, with the ESC timeout.
 *
 * A lone ESC byte is only known to be the Escape key when no more bytes follow it quickly; this module races
 * the next read against a short timer and flushes the {@linkcode KeyDecoder} when the timer wins. The read
 * function is injected so the logic can be tested without a terminal.
 *
 * @module
 */
import type { Key } from "./types.ts";
import { KeyDecoder } from "./keys.ts";

/** Resolves to the next chunk of input bytes, or null at end of input (or when reading was cancelled). */
export type ReadFn = () => Promise<Uint8Array | null>;

/** How long pending bytes (a lone ESC) wait for the rest of a sequence, in milliseconds. */
export const ESC_DELAY_MS = 25;

const TIMEOUT = Symbol("timeout");

/**
 * Yields keys decoded from `read` until it reports end of input (pending bytes are flushed then).
 * While the decoder holds pending bytes, a read that takes longer than `escDelayMs` flushes them first.
 * Stopping the iteration early leaves at most one read outstanding, which the caller's reader owns.
 */
export async function* readKeys(read: ReadFn, escDelayMs: number = ESC_DELAY_MS): AsyncGenerator<Key> {
  const decoder = new KeyDecoder();
  let inFlight: Promise<Uint8Array | null> | undefined;
  while (true) {
    inFlight ??= read();
    let n: Uint8Array | null | typeof TIMEOUT;
    if (decoder.pending) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<typeof TIMEOUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMEOUT), escDelayMs);
      });
      try {
        n = await Promise.race([inFlight, timeout]);
      } finally {
        clearTimeout(timer);
      }
      if (n === TIMEOUT) {
        yield* decoder.flush();
        continue;
      }
    } else {
      n = await inFlight;
    }
    inFlight = undefined;
    if (n === null) {
      yield* decoder.flush();
      return;
    }
    yield* decoder.feed(n);
  }
}
