/**
 * `--record FILE` while monitoring: each instance's refresh, as the scheduler dispatches it (a snapshot, or why
 * it failed), is written through src/record's {@linkcode Recorder}, one write after another in the order the
 * refreshes came. A write that fails is said to the monitor (a `playback` event: the message line and the
 * title bar's mark), once, and again when writes work again; monitoring goes on either way, and what was
 * already written stays readable (src/record's crash and full-disk safety). Whoever opened the recorder
 * closes it once the monitor is done (its queue keeps the writes' order, so the end record comes last).
 *
 * @module
 */
import type { Observation, Recorder, RecordResult } from "../../record/mod.ts";
import type { Event } from "../model/state.ts";

/** What the monitor needs of a recorder: src/record's {@linkcode Recorder}, or one around it. */
export type RecordSink = Pick<Recorder, "path" | "record">;

/** Feeds the monitor's refreshes to a recorder. */
export class MonitorRecording {
  readonly #recorder: RecordSink;
  readonly #ids: readonly string[];
  readonly #dispatch: (event: Event) => void;
  readonly #now: () => number;
  #error: string | undefined;

  /** `ids` are the instances' ids in the recording's order (its header's instances). */
  constructor(
    recorder: RecordSink,
    ids: readonly string[],
    dispatch: (event: Event) => void,
    now: () => number,
  ) {
    this.#recorder = recorder;
    this.#ids = ids;
    this.#dispatch = dispatch;
    this.#now = now;
  }

  /** The status to show before the first write. */
  start(): void {
    this.#dispatch({ type: "playback", change: { record: { path: this.#recorder.path } }, now: this.#now() });
  }

  /** Writes what an event says of an instance's refresh, if it says anything (other events are ignored). */
  observe(event: Event): void {
    let observation: Observation;
    if (event.type === "snapshot") {
      const { snapshot, workers, worker } = event;
      observation = { snapshot, ...(workers ? { workers, worker } : {}) };
    } else if (event.type === "refreshFailed") {
      observation = { error: event.error };
    } else {
      return;
    }
    const index = event.instance === undefined ? 0 : this.#ids.indexOf(event.instance);
    if (index < 0) return;
    // The recorder writes in the order it is called; closing it afterwards waits for these writes.
    void this.#recorder.record(event.now, index, observation).then((r) => this.#said(r));
  }

  #said(result: RecordResult) {
    const error = result.ok ? undefined : result.message;
    if (error === this.#error) return;
    this.#error = error;
    const record = { path: this.#recorder.path, ...(error !== undefined ? { error } : {}) };
    this.#dispatch({ type: "playback", change: { record }, now: this.#now() });
  }
}
