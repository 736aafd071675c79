/**
 * The recorder: appends each refresh of each instance to the recording as a delta against the instance's
 * previous snapshot, with a full snapshot of every instance every `fullEverySeconds` (and whenever the
 * structure changes), each round of full snapshots in a new gzip member. Rotation by size keeps the newest
 * parts. It never throws into the monitor: a write error comes back as a message and recording goes on
 * with the next refresh (full snapshots first), what was written before staying intact.
 *
 * @module
 */
import { encodeDelta, encodeFull } from "./codec.ts";
import { RecordFile } from "./file.ts";
import {
  DEFAULT_FULL_EVERY_S,
  FORMAT_VERSION,
  type HeaderRecord,
  isoTime,
  type Observation,
  type RecordedInstance,
} from "./format.ts";
import { readHeader } from "./sniff.ts";
import { type InstanceState, stateOf } from "./state.ts";

/** How many files a rotating recording keeps: FILE and FILE.1 … FILE.9. */
export const RECORD_PARTS = 10;

/** Options of {@linkcode Recorder.open}. */
export interface RecorderOptions {
  readonly path: string;
  readonly instances: readonly RecordedInstance[];
  /** The refresh interval in seconds (written in the header). */
  readonly interval: number;
  readonly fullEverySeconds?: number;
  /** Rotation: the whole set of parts stays under about this many bytes. */
  readonly maxBytes?: number;
  /** The hatop version written in the header. */
  readonly hatop: string;
  /** Deflate level 1-9 (default 6). */
  readonly level?: number;
}

/** The result of one write: done, or why not (recording goes on at the next record). */
export type RecordResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** The recording cannot be started (the message names the file and the problem). */
export class RecordOpenError extends Error {}

function describe(e: unknown): string {
  if (e instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (e instanceof Deno.errors.NotFound) return "no such file or directory";
  if (e instanceof Deno.errors.IsADirectory) return "it is a directory";
  return (e as Error).message ?? String(e);
}

/** Writes a recording. */
export class Recorder {
  readonly path: string;
  readonly #options: RecorderOptions;
  readonly #header: HeaderRecord;
  #file: RecordFile | undefined;
  readonly #states: (InstanceState | undefined)[];
  readonly #needFull: boolean[];
  #roundStart = -Infinity;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  /** Bytes added to the files closed during this run (rotated away, or reopened). */
  #closedBytes = 0;

  private constructor(options: RecorderOptions, header: HeaderRecord) {
    this.path = options.path;
    this.#options = options;
    this.#header = header;
    this.#states = options.instances.map(() => undefined);
    this.#needFull = options.instances.map(() => true);
  }

  /**
   * Starts recording to `options.path`: a new file, or a recording of ours to append to (a new session).
   *
   * @throws {RecordOpenError} when the file cannot be opened, or exists and is not a recording of ours.
   */
  static async open(options: RecorderOptions): Promise<Recorder> {
    const { path } = options;
    try {
      const info = await Deno.stat(path);
      if (info.isDirectory) throw new RecordOpenError(`cannot record to ${path}: it is a directory`);
      if (info.isFile && info.size > 0) {
        const found = await readHeader(path);
        if (typeof found === "string") {
          throw new RecordOpenError(
            `cannot record to ${path}: ${found}; it is left as it is, choose another file`,
          );
        }
        if (found.format > FORMAT_VERSION) {
          throw new RecordOpenError(
            `cannot record to ${path}: it holds a recording of a newer format (${found.format}, hatop ${found.hatop})`,
          );
        }
      }
    } catch (e) {
      if (e instanceof RecordOpenError) throw e;
      if (!(e instanceof Deno.errors.NotFound)) {
        throw new RecordOpenError(`cannot record to ${path}: ${describe(e)}`);
      }
    }
    const header: HeaderRecord = {
      type: "header",
      format: FORMAT_VERSION,
      hatop: options.hatop,
      session: crypto.randomUUID(),
      start: isoTime(Date.now()),
      interval: options.interval,
      full_every: options.fullEverySeconds ?? DEFAULT_FULL_EVERY_S,
      instances: options.instances,
      ...(options.maxBytes ? { max_bytes: options.maxBytes, parts: RECORD_PARTS } : {}),
    };
    const recorder = new Recorder(options, header);
    try {
      recorder.#file = await RecordFile.open(path, options.level);
      await recorder.#file.append(JSON.stringify(header));
    } catch (e) {
      await recorder.#file?.close();
      throw new RecordOpenError(`cannot record to ${path}: ${describe(e)}`);
    }
    return recorder;
  }

  /** Bytes this recorder has added to disk so far (rotated parts included). */
  get bytesWritten(): number {
    return this.#closedBytes + (this.#file ? this.#file.size - this.#file.openedSize : 0);
  }

  /**
   * Records one refresh of instance `instance` (index into the header's instances) at `time` (epoch ms; every
   * instance of one refresh gets the same time). Never throws; resolves when the record is on disk.
   */
  record(time: number, instance: number, observation: Observation): Promise<RecordResult> {
    return this.#serial(() => this.#record(Math.round(time), instance, observation));
  }

  /** Writes the end record and closes the file. Never throws. */
  close(time = Date.now()): Promise<RecordResult> {
    return this.#serial(async () => {
      if (this.#closed) return { ok: true } as const;
      this.#closed = true;
      const result = await this.#write(JSON.stringify({ type: "end", time: isoTime(Math.round(time)) }));
      await this.#closeFile();
      return result;
    });
  }

  #serial(task: () => Promise<RecordResult>): Promise<RecordResult> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => {});
    return run.catch((e) => ({ ok: false, message: `recording to ${this.path}: ${describe(e)}` }));
  }

  async #record(time: number, instance: number, observation: Observation): Promise<RecordResult> {
    if (this.#closed) return { ok: false, message: `recording to ${this.path} is closed` };
    const fullEvery = (this.#options.fullEverySeconds ?? DEFAULT_FULL_EVERY_S) * 1000;
    if (time - this.#roundStart >= fullEvery) {
      this.#roundStart = time;
      this.#needFull.fill(true);
      await this.#file?.endMember().catch(() => {});
    }
    const rotated = await this.#rotateIfDue();
    if (!rotated.ok) return rotated;
    if (observation.error !== undefined) {
      return await this.#write(
        JSON.stringify({ type: "error", time: isoTime(time), instance, error: observation.error }),
      );
    }
    const prev = this.#states[instance];
    const state = stateOf(time, observation, prev);
    const delta = prev && !this.#needFull[instance] ? encodeDelta(prev, state, instance) : undefined;
    const result = await this.#write(JSON.stringify(delta ?? encodeFull(state, instance)));
    if (result.ok) {
      this.#states[instance] = state;
      this.#needFull[instance] = false;
    }
    return result;
  }

  /** Writes a line; after a failure, every instance's next record is a full snapshot. */
  async #write(line: string): Promise<RecordResult> {
    try {
      if (!this.#file) this.#file = await this.#reopen();
      await this.#file.append(line);
      return { ok: true };
    } catch (e) {
      this.#needFull.fill(true);
      return { ok: false, message: `cannot write the recording ${this.path}: ${describe(e)}` };
    }
  }

  async #closeFile(): Promise<void> {
    const file = this.#file;
    if (!file) return;
    this.#file = undefined;
    await file.close();
    this.#closedBytes += file.size - file.openedSize;
  }

  /** Opens the file again (after a failed rotation) with a header first. */
  async #reopen(): Promise<RecordFile> {
    const file = await RecordFile.open(this.path, this.#options.level);
    try {
      await file.append(JSON.stringify(this.#header));
    } catch (e) {
      await file.close();
      throw e;
    }
    return file;
  }

  /** When the current part has reached its share of --record-max: FILE to FILE.1 … and a new FILE. */
  async #rotateIfDue(): Promise<RecordResult> {
    const max = this.#options.maxBytes;
    const file = this.#file;
    if (!max || !file || file.size < max / RECORD_PARTS) return { ok: true };
    try {
      await this.#closeFile();
      await Deno.remove(`${this.path}.${RECORD_PARTS - 1}`).catch(() => {});
      for (let n = RECORD_PARTS - 2; n >= 1; n--) {
        await Deno.rename(`${this.path}.${n}`, `${this.path}.${n + 1}`).catch((e) => {
          if (!(e instanceof Deno.errors.NotFound)) throw e;
        });
      }
      await Deno.rename(this.path, `${this.path}.1`);
      this.#needFull.fill(true);
      this.#file = await this.#reopen();
      return { ok: true };
    } catch (e) {
      this.#needFull.fill(true);
      return { ok: false, message: `cannot rotate the recording ${this.path}: ${describe(e)}` };
    }
  }
}
