/**
 * The timers the edges run on, as a value: the system's in the program, a hand-driven one in the unit tests
 * of the run loop (tests/support/fake_timers.ts), so those tests wait for no clock.
 *
 * @module
 */

/** A timer's id, as the timers that set it gave it (opaque to everyone else). */
export type TimerId = unknown;

type SystemId = ReturnType<typeof setTimeout>;

/** setTimeout/setInterval and their clear functions. */
export interface Timers {
  setTimeout(run: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId | undefined): void;
  setInterval(run: () => void, ms: number): TimerId;
  clearInterval(id: TimerId | undefined): void;
}

/** The system's timers. */
export const SYSTEM_TIMERS: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (id) => clearTimeout(id as SystemId),
  setInterval: (run, ms) => setInterval(run, ms),
  clearInterval: (id) => clearInterval(id as SystemId),
};
