/**
 * `--replay FILE` in the monitor: an edge source that plays a recording (src/record's reader) instead of
 * reading sockets. Each moment shown is dispatched as the snapshots (or failures) of its instances, as the
 * scheduler would dispatch a refresh, and its position (the recording's time, paused or playing, the speed)
 * as a `playback` event; the recording's events go with the first. While playing, the next moment comes after
 * the time between the two recorded refreshes divided by the speed; at the end it pauses. Moves asked while a
 * moment is being read are not lost: the newest is shown next.
 *
 * @module
 */
import { eventsOf, type Frame, type Recording } from "../../record/mod.ts";
import { CHART_SPAN_MS, chartPointMs } from "../domain/charts.ts";
import { snapshotRowCount } from "../../record/format.ts";
import type { HistoryFrame, ReplayControl, ReplayStatus } from "../model/playback_state.ts";
import { nextSpeed } from "../model/replay_keys.ts";
import type { Event } from "../model/state.ts";
import type { TimelineEvent } from "../model/timeline_state.ts";
import type { TimerId, Timers } from "./timers.ts";

/** The shortest wait between two moments while playing, whatever the speed (ms). */
const MIN_STEP_MS = 20;

/** Plays a recording into the monitor. */
export class ReplaySource {
  readonly #recording: Recording;
  readonly #dispatch: (event: Event) => void;
  readonly #now: () => number;
  readonly #timers: Timers;
  #index = 0;
  #paused: boolean;
  #speed = 1;
  #seq = 0;
  #timer: TimerId | undefined;
  #busy = false;
  #again = false;
  #stopped = false;
  #events: TimelineEvent[] | undefined;

  readonly #intervalMs: number;
  /** The moment shown last (-1: none yet): showing the one after it continues the charts. */
  #shown = -1;

  constructor(
    recording: Recording,
    dispatch: (event: Event) => void,
    now: () => number,
    timers: Timers,
    intervalMs = 1000,
  ) {
    this.#recording = recording;
    this.#dispatch = dispatch;
    this.#now = now;
    this.#timers = timers;
    this.#paused = false;
    this.#intervalMs = intervalMs;
  }

  /** The instances' ids (their addresses), of every session of the recording, in order. */
  static instanceIds(recording: Recording): string[] {
    const ids = recording.index.sessions.flatMap((s) => s.header.instances.map((i) => i.address));
    return [...new Set(ids)];
  }

  /** Starts at the latest moment at or before `at` (paused), or at the first moment (playing). */
  start(at?: number): void {
    if (at !== undefined) {
      this.#paused = true;
      this.#index = this.#indexAt(at);
    }
    void this.#show();
  }

  /** A replay key's control. */
  control(c: ReplayControl): void {
    const last = this.#recording.moments.length - 1;
    switch (c.kind) {
      case "pause":
        this.#paused = true;
        break;
      case "resume":
        this.#paused = false;
        if (this.#index >= last) this.#index = 0;
        break;
      case "step":
        this.#paused = true;
        this.#index = Math.max(0, Math.min(last, this.#index + c.by));
        break;
      case "at":
        this.#paused = true;
        this.#index = this.#indexAt(c.time);
        break;
      case "speed":
        this.#speed = nextSpeed(this.#speed, c.by);
        break;
    }
    void this.#show();
  }

  /** Stops playing; nothing is dispatched any more. */
  stop(): void {
    this.#stopped = true;
    this.#timers.clearTimeout(this.#timer);
  }

  #indexAt(time: number): number {
    const moment = this.#recording.momentAt(time) ?? this.#recording.start;
    return Math.max(0, this.#recording.moments.indexOf(moment));
  }

  /** Shows the moment at #index (once the one being read is shown), then schedules the next while playing. */
  async #show(): Promise<void> {
    this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = true;
    try {
      do {
        this.#again = false;
        await this.#dispatchMoment(this.#index);
      } while (this.#again && !this.#stopped);
    } finally {
      this.#busy = false;
    }
    this.#schedule();
  }

  #schedule() {
    if (this.#stopped || this.#paused) return;
    const moments = this.#recording.moments;
    if (this.#index >= moments.length - 1) {
      this.#paused = true;
      this.#dispatch({
        type: "notice",
        text: "end of the recording (SPACE plays it again)",
        now: this.#now(),
      });
      this.#dispatch({ type: "playback", change: { replay: this.#status() }, now: this.#now() });
      return;
    }
    const wait = (moments[this.#index + 1] - moments[this.#index]) / this.#speed;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      this.#index++;
      void this.#show();
    }, Math.max(MIN_STEP_MS, wait));
  }

  #status(): ReplayStatus {
    const moments = this.#recording.moments;
    return {
      path: this.#recording.path,
      time: moments[this.#index],
      start: this.#recording.start,
      end: this.#recording.end,
      index: this.#index,
      count: moments.length,
      paused: this.#paused,
      speed: this.#speed,
    };
  }

  async #dispatchMoment(index: number): Promise<void> {
    const time = this.#recording.moments[index];
    const first = this.#events === undefined;
    this.#events ??= await this.#recordedEvents();
    const frame = await this.#recording.at(time);
    const history = index === this.#shown + 1 ? undefined : await this.#history(index, frame);
    if (this.#stopped) return;
    this.#shown = index;
    const now = this.#now();
    const change = {
      replay: this.#status(),
      ...(first ? { events: this.#events } : {}),
      ...(history ? { history } : {}),
    };
    this.#dispatch({ type: "playback", change, now });
    const seq = ++this.#seq;
    for (const inst of frame.instances) {
      if (inst.snapshot) {
        const { snapshot, workers, worker } = inst;
        const master = workers ? { workers, worker } : {};
        this.#dispatch({
          type: "snapshot",
          snapshot,
          seq,
          now,
          instance: inst.address,
          round: seq,
          ...master,
        });
      }
      if (inst.error !== undefined) {
        this.#dispatch({ type: "refreshFailed", error: inst.error, now, instance: inst.address });
      }
    }
  }

  /**
   * The moments the charts need before moment `index` (whose frame is `frame`): the first of each chart point
   * over the span the charts cover, oldest first.
   */
  async #history(index: number, frame: Frame): Promise<HistoryFrame[]> {
    const moments = this.#recording.moments;
    // The rows with charts (frontends, servers, backends: not listeners), as the model counts them.
    const rows = Math.max(0, ...frame.instances.map((i) => (i.snapshot ? snapshotRowCount(i.snapshot) : 0)));
    const pointMs = chartPointMs(rows, this.#intervalMs);
    const from = moments[index] - CHART_SPAN_MS - pointMs;
    const frames: HistoryFrame[] = [];
    let bucket = NaN;
    for (let k = 0; k < index; k++) {
      const time = moments[k];
      if (time < from || Math.floor(time / pointMs) === bucket) continue;
      bucket = Math.floor(time / pointMs);
      const at = await this.#recording.at(time);
      const snapshots = at.instances.flatMap((i) =>
        i.snapshot && i.error === undefined ? [{ instance: i.address, snapshot: i.snapshot }] : []
      );
      frames.push({ time, snapshots });
    }
    return frames;
  }

  /** The recording's events, oldest first, each with its instance's address. */
  async #recordedEvents(): Promise<TimelineEvent[]> {
    const address = new Map<string, string>();
    for (const session of this.#recording.index.sessions) {
      for (const i of session.header.instances) address.set(i.name, i.address);
    }
    const events = await eventsOf(this.#recording);
    return events.map((e, seq) => ({ ...e, instanceId: address.get(e.instance) ?? e.instance, seq }));
  }
}
