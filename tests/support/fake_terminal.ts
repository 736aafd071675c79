/**
 * A terminal for the unit tests of the run loop: keys are pressed by the test, what the monitor writes is
 * kept, and its size is fixed unless the test resizes it.
 *
 * @module
 */
import type { MonitorTerminal } from "../../src/app/edge/monitor.ts";
import type { Size } from "../../src/app/model/state.ts";
import type { Key } from "../../src/tui/types.ts";

/** A fake terminal. */
export class FakeTerminal implements MonitorTerminal {
  /** Everything written, one entry per write (one per frame). */
  readonly writes: string[] = [];
  #size: Size;
  readonly #queue: (Key | null)[] = [];
  #wake: (() => void) | undefined;
  #resize: ((size: Size) => void) | undefined;
  /** Keys the monitor has read so far. */
  read = 0;

  constructor(size: Size = { columns: 100, rows: 30 }) {
    this.#size = size;
  }

  size(): Size {
    return this.#size;
  }

  write(text: string): void {
    this.writes.push(text);
  }

  async *keys(): AsyncIterable<Key> {
    for (;;) {
      while (this.#queue.length === 0) await new Promise<void>((r) => (this.#wake = r));
      const key = this.#queue.shift()!;
      if (key === null) return;
      this.read++;
      yield key;
    }
  }

  onResize(listener: (size: Size) => void): void {
    this.#resize = listener;
  }

  /** Presses keys (the monitor reads them in order). */
  press(...keys: Key[]): void {
    this.#queue.push(...keys);
    this.#wake?.();
  }

  /** The end of input (the keyboard is gone). */
  end(): void {
    this.#queue.push(null);
    this.#wake?.();
  }

  /** The terminal changes size. */
  resize(size: Size): void {
    this.#size = size;
    this.#resize?.(size);
  }
}
