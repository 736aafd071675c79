/**
 * Reading a recording: its timeline (the moments of its refreshes), the snapshots of every instance at any
 * moment (the nearest record at or before it, rebuilt from the instance's last full snapshot before it and
 * the deltas since), stepping from moment to moment, and a pass over every record in order for the events.
 * The snapshots are the live monitor's own {@linkcode Snapshot} objects (see ./state.ts).
 *
 * @module
 */
import type { ProcEntry } from "../haproxy/master.ts";
import type { Snapshot } from "../stats/types.ts";
import { applyDelta, decodeFull } from "./codec.ts";
import { type HeaderRecord, isoTime } from "./format.ts";
import {
  buildIndex,
  type Entry,
  readUnit,
  RecordingError,
  type RecordingIndex,
  type UnitText,
  unitText,
} from "./index.ts";
import { type InstanceState, materialize } from "./state.ts";
import { lastAtOrBefore } from "./sorted.ts";

export { RecordingError };

/** One instance at a moment of a replay. */
export interface InstanceFrame {
  readonly name: string;
  readonly address: string;
  /** When the snapshot shown was taken (epoch ms); undefined when the instance had none yet. */
  readonly snapshotTime?: number;
  readonly snapshot?: Snapshot;
  /** Set when the instance did not answer at this moment (its last snapshot, if any, is shown). */
  readonly error?: string;
  readonly workers?: readonly ProcEntry[];
  readonly worker?: number;
}

/** Every instance of the recording at one moment. */
export interface Frame {
  /** The moment shown: the latest refresh at or before the time asked for (epoch ms). */
  readonly time: number;
  readonly header: HeaderRecord;
  readonly instances: readonly InstanceFrame[];
  /** Records that could not be used for this frame. */
  readonly problems: readonly string[];
}

/** One moment of the timeline: its time, and which instance was recorded then and how. */
export interface Moment {
  readonly time: number;
  readonly records: readonly {
    readonly name: string;
    readonly address: string;
    readonly kind: Entry["kind"];
  }[];
}

/** One record met by {@linkcode Recording.replay}, with the instance's state before and after it. */
export interface Step {
  readonly entry: Entry;
  readonly header: HeaderRecord;
  readonly before?: InstanceState;
  /** The state after a full or delta record; undefined for an error or end record, or a broken chain. */
  readonly after?: InstanceState;
  readonly error?: string;
}

/** An open recording. */
export class Recording {
  readonly path: string;
  readonly index: RecordingIndex;
  /** The distinct times of the recorded refreshes, ascending (epoch ms). */
  readonly moments: readonly number[];
  readonly #byInstance = new Map<string, number[]>();
  readonly #sessionStarts: number[];
  readonly #units = new Map<number, UnitText>();
  readonly #cache = new Map<string, { entry: number; state: InstanceState }>();

  private constructor(path: string, index: RecordingIndex) {
    this.path = path;
    this.index = index;
    const times = new Set<number>();
    this.#sessionStarts = index.sessions.map(() => Infinity);
    index.entries.forEach((e, i) => {
      if (e.kind === "end") return;
      times.add(e.time);
      this.#sessionStarts[e.session] = Math.min(this.#sessionStarts[e.session], e.time);
      const key = `${e.session}:${e.instance}`;
      const list = this.#byInstance.get(key) ?? [];
      list.push(i);
      this.#byInstance.set(key, list);
    });
    this.moments = [...times].sort((a, b) => a - b);
  }

  /**
   * Opens a recording (with its rotated parts FILE.1 … when there are).
   *
   * @throws {RecordingError} when it cannot be read, is not a recording, or is of a newer format.
   */
  static async open(path: string): Promise<Recording> {
    return new Recording(path, await buildIndex(path));
  }

  /** Warnings met while opening (corrupt records skipped, a cut last record). */
  get warnings(): readonly string[] {
    return this.index.warnings;
  }

  /** The first and the last moment. */
  get start(): number {
    return this.moments[0];
  }
  get end(): number {
    return this.moments[this.moments.length - 1];
  }

  /** Every moment with the instances recorded at it (a full snapshot, a delta, or an error). */
  timeline(): Moment[] {
    const byTime = new Map<number, Moment["records"][number][]>();
    for (const e of this.index.entries) {
      if (e.kind === "end") continue;
      const { name, address } = this.index.sessions[e.session].header.instances[e.instance];
      const list = byTime.get(e.time) ?? byTime.set(e.time, []).get(e.time)!;
      list.push({ name, address, kind: e.kind });
    }
    return this.moments.map((time) => ({ time, records: byTime.get(time)! }));
  }

  /** The latest moment at or before `time`, or undefined before the start. */
  momentAt(time: number): number | undefined {
    const i = lastAtOrBefore(this.moments.length, (k) => this.moments[k], time);
    return i < 0 ? undefined : this.moments[i];
  }

  /** The first moment after `time`. */
  next(time: number): number | undefined {
    return this.moments[lastAtOrBefore(this.moments.length, (k) => this.moments[k], time) + 1];
  }

  /** The last moment before `time`. */
  previous(time: number): number | undefined {
    const i = lastAtOrBefore(this.moments.length, (k) => this.moments[k], time - 1);
    return i < 0 ? undefined : this.moments[i];
  }

  async #lines(unit: number): Promise<UnitText> {
    let text = this.#units.get(unit);
    if (!text) {
      text = await unitText(await readUnit(this.index.parts, this.index.units[unit]));
      if (this.#units.size >= 3) this.#units.delete(this.#units.keys().next().value!);
      this.#units.set(unit, text);
    }
    return text;
  }

  async #record(entry: Entry): Promise<Record<string, unknown>> {
    const line = (await this.#lines(entry.unit)).lines[entry.line];
    return JSON.parse(line);
  }

  /** The record of an entry applied to the state before it (a full record needs none). */
  async #apply(entry: Entry, before: InstanceState | undefined): Promise<InstanceState> {
    const record = await this.#record(entry);
    if (entry.kind === "full") return decodeFull(record);
    if (!before) throw new RecordingError("a delta without the snapshot before it");
    return applyDelta(before, record);
  }

  /**
   * Every instance at `time`: the session recording then, each instance's snapshot as of its last record
   * at or before `time`, and whether it answered.
   *
   * @throws {RecordingError} when `time` is before the recording starts.
   */
  async at(time: number): Promise<Frame> {
    const session = lastAtOrBefore(this.#sessionStarts.length, (s) => this.#sessionStarts[s], time);
    if (session < 0) {
      throw new RecordingError(`${isoTime(time)} is before the recording starts (${isoTime(this.start)})`);
    }
    const header = this.index.sessions[session].header;
    const problems: string[] = [];
    let moment = -Infinity;
    const instances: InstanceFrame[] = [];
    for (let i = 0; i < header.instances.length; i++) {
      const { name, address } = header.instances[i];
      const list = this.#byInstance.get(`${session}:${i}`) ?? [];
      const entries = this.index.entries;
      let pos = lastAtOrBefore(list.length, (k) => entries[list[k]].time, time);
      if (pos < 0) {
        instances.push({ name, address });
        continue;
      }
      moment = Math.max(moment, entries[list[pos]].time);
      const latest = entries[list[pos]];
      const error = latest.kind === "error" ? String((await this.#record(latest)).error) : undefined;
      let skipped = false;
      for (; pos >= 0; pos--) {
        const e = entries[list[pos]];
        if (e.kind !== "error" && e.base >= 0) break;
        if (e.kind !== "error") skipped = true;
      }
      if (skipped) {
        problems.push(
          `${name}: records before ${isoTime(time)} are unreadable; the last readable one is shown`,
        );
      }
      const state = pos < 0 ? undefined : await this.#rebuild(`${session}:${i}`, list, pos, problems, name);
      instances.push({
        name,
        address,
        ...(error !== undefined ? { error } : {}),
        ...(state
          ? {
            snapshotTime: state.time,
            snapshot: await materialize(state),
            ...(state.workers ? { workers: state.workers } : {}),
            ...(state.worker !== undefined ? { worker: state.worker } : {}),
          }
          : {}),
      });
    }
    return { time: moment, header, instances, problems };
  }

  /** The state at list[pos], from its full snapshot (or the cached state on the way). */
  async #rebuild(
    key: string,
    list: readonly number[],
    pos: number,
    problems: string[],
    name: string,
  ): Promise<InstanceState | undefined> {
    const entries = this.index.entries;
    const target = list[pos];
    const base = entries[target].base;
    const cached = this.#cache.get(key);
    let from = list.indexOf(base);
    let state: InstanceState | undefined;
    if (cached && cached.entry <= target && cached.entry >= base && entries[cached.entry].base === base) {
      from = list.indexOf(cached.entry) + 1;
      state = cached.state;
      if (cached.entry === target) return state;
    }
    for (let k = from; k <= pos; k++) {
      const entry = entries[list[k]];
      if (entry.kind === "error") continue;
      try {
        state = await this.#apply(entry, state);
      } catch (e) {
        problems.push(
          `${name}: the record at ${isoTime(entry.time)} is unreadable (${(e as Error).message})`,
        );
        break;
      }
      this.#cache.set(key, { entry: list[k], state });
    }
    return state;
  }

  /** Every record in order, with its instance's state before and after it (for the events). */
  async *replay(): AsyncGenerator<Step> {
    const states = new Map<string, InstanceState>();
    for (const entry of this.index.entries) {
      const header = this.index.sessions[entry.session].header;
      if (entry.kind === "end") {
        yield { entry, header };
        continue;
      }
      const key = `${entry.session}:${entry.instance}`;
      const before = states.get(key);
      if (entry.kind === "error") {
        yield { entry, header, before, error: String((await this.#record(entry)).error) };
        continue;
      }
      let after: InstanceState | undefined;
      if (entry.base >= 0) {
        try {
          after = await this.#apply(entry, before);
        } catch {
          // Unreadable: this instance waits for its next full snapshot.
        }
      }
      if (after) states.set(key, after);
      else states.delete(key);
      yield { entry, header, before, after };
    }
  }
}
