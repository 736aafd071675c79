/**
 * Timers run by hand, for the unit tests of the run loop (src/app/edge/timers.ts): nothing fires until the
 * test advances the clock, so a test says when time passes instead of waiting for it.
 *
 * @module
 */
import type { TimerId, Timers } from "../../src/app/edge/timers.ts";

interface Pending {
  at: number;
  readonly run: () => void;
  readonly every?: number;
}

/** Hand-driven timers with their own clock (starting at 0 ms). */
export class ManualTimers implements Timers {
  #now = 0;
  #next = 1;
  readonly #pending = new Map<number, Pending>();

  setTimeout(run: () => void, ms: number): TimerId {
    this.#pending.set(this.#next, { at: this.#now + ms, run });
    return this.#next++;
  }

  setInterval(run: () => void, ms: number): TimerId {
    this.#pending.set(this.#next, { at: this.#now + ms, run, every: Math.max(1, ms) });
    return this.#next++;
  }

  clearTimeout(id: TimerId): void {
    this.#pending.delete(id as number);
  }

  clearInterval(id: TimerId): void {
    this.#pending.delete(id as number);
  }

  /** The clock, in ms since the start. */
  now = (): number => this.#now;

  /** How many timers are set. */
  get size(): number {
    return this.#pending.size;
  }

  /** Moves the clock `ms` on, running every timer due meanwhile in time order (intervals each time due). */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const due = [...this.#pending].filter(([, p]) =>
        p.at <= end
      ).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      const [id, p] = due;
      this.#now = p.at;
      if (p.every === undefined) this.#pending.delete(id);
      else p.at += p.every;
      p.run();
    }
    this.#now = end;
  }
}
