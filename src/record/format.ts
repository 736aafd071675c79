/**
 * The record format's vocabulary, shared by the writer and the reader: the version, the JSON shape of each
 * record, how a `show stat` value is written losslessly, and how rows are keyed. docs/record-format.md is
 * the description for other tools; this file is the one the code follows.
 *
 * @module
 */
import type { ProcEntry } from "../haproxy/master.ts";
import type { Snapshot, StatRow } from "../stats/types.ts";

/** The format version this hatop writes and the newest it reads. */
export const FORMAT_VERSION = 1;

/** Seconds between two full snapshots unless told otherwise (5 minutes). */
export const DEFAULT_FULL_EVERY_S = 300;

/** One watched HAProxy as the header names it. */
export interface RecordedInstance {
  /** `show info`'s node when several instances are recorded, else the address (as `--batch` names it). */
  readonly name: string;
  /** The socket address as the user gave it. */
  readonly address: string;
}

/** The first record of a file or of a recording session appended to one. */
export interface HeaderRecord {
  readonly type: "header";
  readonly format: number;
  readonly hatop: string;
  /** A random id: the rotated parts of one recording share it. */
  readonly session: string;
  /** ISO 8601 time the session started. */
  readonly start: string;
  /** The refresh interval in seconds. */
  readonly interval: number;
  /** Seconds between two full snapshots of every instance. */
  readonly full_every: number;
  readonly instances: readonly RecordedInstance[];
  /** `--record-max` in bytes and the number of parts kept, when rotating. */
  readonly max_bytes?: number;
  readonly parts?: number;
}

/** A `show stat` value in a record: an integer as a number, an empty value as null, else the text. */
export type StatValue = string | number | null;

/** A `show stat` row in a full record: every field by name, in header order. */
export type RowObject = Record<string, StatValue>;

/** The master CLI's process list, as recorded. */
export type RecordedProcs = readonly ProcEntry[];

/** Everything one instance's snapshot holds, written whole. */
export interface FullRecord {
  readonly type: "full";
  readonly time: string;
  readonly instance: number;
  readonly info: Record<string, string>;
  readonly stats: readonly RowObject[];
  readonly warnings?: readonly string[];
  /** With a master CLI: `show proc`'s entries and the pid of the worker the stats come from. */
  readonly workers?: RecordedProcs;
  readonly worker?: number;
}

/** What changed since the instance's previous snapshot, beyond what the clock predicts. */
export interface DeltaRecord {
  readonly type: "delta";
  readonly time: string;
  readonly instance: number;
  /** Seconds HAProxy's clock advanced, when it is not the elapsed time rounded to seconds. */
  readonly clock?: number;
  /** Changed `show info` values by key. */
  readonly info?: Record<string, string>;
  /** Changed fields by row key (see {@linkcode rowKeys}). */
  readonly stats?: Record<string, RowObject>;
  /** The warnings, when they changed. */
  readonly warnings?: readonly string[];
  readonly workers?: RecordedProcs;
  readonly worker?: number;
}

/** An instance that did not answer this refresh. */
export interface ErrorRecord {
  readonly type: "error";
  readonly time: string;
  readonly instance: number;
  readonly error: string;
}

/** Written when a recording is closed normally (not after a crash). */
export interface EndRecord {
  readonly type: "end";
  readonly time: string;
}

/** Any record. */
export type AnyRecord = HeaderRecord | FullRecord | DeltaRecord | ErrorRecord | EndRecord;

/** What one refresh of one instance gave: a snapshot (with the master's processes), or an error. */
export type Observation =
  | {
    readonly snapshot: Snapshot;
    readonly workers?: readonly ProcEntry[];
    readonly worker?: number;
    readonly error?: undefined;
  }
  | { readonly error: string; readonly snapshot?: undefined };

const CANONICAL_INTEGER = /^(?:0|-?[1-9]\d{0,14})$/;

/** A value as written: canonical integers as numbers, "" as null, anything else as it stands. */
export function encodeValue(text: string): StatValue {
  if (text === "") return null;
  return CANONICAL_INTEGER.test(text) ? Number(text) : text;
}

/** The value as HAProxy printed it, back from {@linkcode encodeValue}. */
export function decodeValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : String(value);
}

/** The rows of each snapshot {@linkcode snapshotRows} was asked for (snapshots are not changed once built). */
const ROWS = new WeakMap<Snapshot, readonly StatRow[]>();

/**
 * The rows of a snapshot in display order: per proxy its FRONTEND, servers and listeners, BACKEND. Made once
 * per snapshot: a refresh asks for the rows of the new one and of the one before (events, trends, charts).
 */
export function snapshotRows(snapshot: Snapshot): readonly StatRow[] {
  let rows = ROWS.get(snapshot);
  if (rows === undefined) ROWS.set(snapshot, rows = listRows(snapshot));
  return rows;
}

function listRows(snapshot: Snapshot): StatRow[] {
  // One array of the rows' number, not one grown push by push.
  const rows = new Array<StatRow>(snapshotRowCount(snapshot));
  let n = 0;
  for (const px of snapshot.proxies) {
    if (px.frontend) rows[n++] = px.frontend;
    for (const sv of px.servers) rows[n++] = sv;
    if (px.backend) rows[n++] = px.backend;
  }
  return rows;
}

/** How many rows {@linkcode snapshotRows} gives. */
export function snapshotRowCount(snapshot: Snapshot): number {
  let count = 0;
  for (const px of snapshot.proxies) {
    count += (px.frontend ? 1 : 0) + px.servers.length + (px.backend ? 1 : 0);
  }
  return count;
}

/**
 * The key of each row in a delta: `pxname/svname`, with `#2`, `#3`… for a name seen again in the same
 * snapshot (a listener named like a server). Rows are matched by these keys only while the rows, their ids
 * and their order stay the same; any other change is written as a full snapshot.
 */
export function rowKeys(names: readonly (readonly [string, string])[]): string[] {
  const seen = new Map<string, number>();
  return names.map(([px, sv]) => {
    const key = `${px}/${sv}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  });
}

/** ISO 8601 text of an epoch-ms time. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
