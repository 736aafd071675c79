/**
 * States to records and back: a full record holds a whole state, a delta record what differs from the
 * clock's prediction of the previous state (see ./clock.ts). Pure; the writer and the reader run the same
 * prediction, so a delta read back gives exactly the state it was written from.
 *
 * @module
 */
import type { ProcEntry } from "../haproxy/master.ts";
import {
  elapsedSeconds,
  isClockColumn,
  observedAdvance,
  predictInfo,
  predictProcs,
  predictRow,
  predictValue,
} from "./clock.ts";
import {
  decodeValue,
  type DeltaRecord,
  encodeValue,
  type FullRecord,
  isoTime,
  rowKeys,
  type RowObject,
} from "./format.ts";
import { type InstanceState, sameStructure, shapesOf } from "./state.ts";

/** A recording that does not read as the format says (a record of the wrong shape). */
export class RecordFormatError extends Error {}

/** The full record of a state. */
export function encodeFull(state: InstanceState, instance: number): FullRecord {
  const stats = state.values.map((values, r) => {
    const row: RowObject = {};
    state.shapes[r].fields.forEach((f, i) => row[f] = encodeValue(values[i]));
    return row;
  });
  return {
    type: "full",
    time: isoTime(state.time),
    instance,
    info: Object.fromEntries(state.info),
    stats,
    ...(state.warnings.length > 0 ? { warnings: state.warnings } : {}),
    ...(state.workers ? { workers: state.workers } : {}),
    ...(state.worker !== undefined ? { worker: state.worker } : {}),
  };
}

function sameProcs(a: readonly ProcEntry[] | undefined, b: readonly ProcEntry[] | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The delta record from `prev` to `next`, or undefined when the structure changed (rows, ids, fields or
 * info keys): then a full record is due.
 */
export function encodeDelta(
  prev: InstanceState,
  next: InstanceState,
  instance: number,
): DeltaRecord | undefined {
  if (!sameStructure(prev, next)) return undefined;
  const elapsed = elapsedSeconds(prev.time, next.time);
  const clock = observedAdvance(prev.values, next.values, next.shapes.map((s) => s.clock), elapsed);
  const info: Record<string, string> = {};
  let infoChanged = false;
  const predictedInfo = predictInfo(prev.info, clock);
  for (const [k, v] of next.info) {
    if (predictedInfo.get(k) !== v) [info[k], infoChanged] = [v, true];
  }
  const stats: Record<string, RowObject> = {};
  let statsChanged = false;
  for (let r = 0; r < next.values.length; r++) {
    const shape = next.shapes[r];
    const before = prev.values[r];
    const actual = next.values[r];
    let changed: RowObject | undefined;
    for (let i = 0; i < actual.length; i++) {
      const expected = isClockColumn(shape.clock, i)
        ? predictValue(before, shape.clock, i, clock)
        : before[i];
      if (actual[i] === expected) continue;
      changed ??= {};
      changed[shape.fields[i]] = encodeValue(actual[i]);
    }
    if (changed) [stats[next.keys[r]], statsChanged] = [changed, true];
  }
  const predictedProcs = prev.workers && predictProcs(prev.workers, clock);
  return {
    type: "delta",
    time: isoTime(next.time),
    instance,
    ...(clock !== elapsed ? { clock } : {}),
    ...(infoChanged ? { info } : {}),
    ...(statsChanged ? { stats } : {}),
    ...(JSON.stringify(prev.warnings) !== JSON.stringify(next.warnings) ? { warnings: next.warnings } : {}),
    ...(next.workers && !sameProcs(predictedProcs, next.workers) ? { workers: next.workers } : {}),
    ...(next.worker !== prev.worker && next.worker !== undefined ? { worker: next.worker } : {}),
  };
}

function timeOf(text: unknown): number {
  const ms = typeof text === "string" ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) throw new RecordFormatError(`a record has no valid time (${String(text)})`);
  return ms;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strings(value: unknown, what: string): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((w) => typeof w === "string")) {
    throw new RecordFormatError(`${what} is not a list of texts`);
  }
  return value;
}

function procs(value: unknown): readonly ProcEntry[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every(isObject)) throw new RecordFormatError("workers is not a list");
  return value as unknown as ProcEntry[];
}

/** The state a full record holds. */
export function decodeFull(record: Record<string, unknown>): InstanceState {
  if (!isObject(record.info) || !Array.isArray(record.stats)) {
    throw new RecordFormatError("a full record lacks info or stats");
  }
  const info = new Map(Object.entries(record.info).map(([k, v]) => [k, decodeValue(v)]));
  const fieldLists: string[][] = [];
  const values: string[][] = [];
  const names: [string, string][] = [];
  for (const row of record.stats) {
    if (!isObject(row)) throw new RecordFormatError("a row of a full record is not an object");
    const fields = Object.keys(row);
    fieldLists.push(fields);
    values.push(fields.map((f) => decodeValue(row[f])));
    names.push([decodeValue(row.pxname), decodeValue(row.svname)]);
  }
  const workers = procs(record.workers);
  return {
    time: timeOf(record.time),
    info,
    keys: rowKeys(names),
    shapes: shapesOf(fieldLists),
    values,
    warnings: strings(record.warnings, "warnings"),
    ...(workers ? { workers } : {}),
    ...(typeof record.worker === "number" ? { worker: record.worker } : {}),
  };
}

/** The state after a delta record: `prev` predicted to the record's time, then its changes applied. */
export function applyDelta(prev: InstanceState, record: Record<string, unknown>): InstanceState {
  const time = timeOf(record.time);
  const clock = typeof record.clock === "number" ? record.clock : elapsedSeconds(prev.time, time);
  let info = predictInfo(prev.info, clock);
  if (record.info !== undefined) {
    if (!isObject(record.info)) throw new RecordFormatError("a delta's info is not an object");
    const changed = new Map(info);
    for (const [k, v] of Object.entries(record.info)) {
      if (!changed.has(k)) throw new RecordFormatError(`a delta changes an unknown info key ${k}`);
      changed.set(k, decodeValue(v));
    }
    info = changed;
  }
  const values = prev.values.map((v, r) => predictRow(v, prev.shapes[r].clock, clock));
  if (record.stats !== undefined) {
    if (!isObject(record.stats)) throw new RecordFormatError("a delta's stats is not an object");
    const index = new Map(prev.keys.map((k, r) => [k, r]));
    for (const [key, change] of Object.entries(record.stats)) {
      const r = index.get(key);
      if (r === undefined || !isObject(change)) {
        throw new RecordFormatError(`a delta changes an unknown row ${key}`);
      }
      const row = [...values[r]];
      const fields = prev.shapes[r].fields;
      for (const [field, v] of Object.entries(change)) {
        const at = fields.indexOf(field);
        if (at < 0) throw new RecordFormatError(`a delta changes an unknown field ${key} ${field}`);
        row[at] = decodeValue(v);
      }
      values[r] = row;
    }
  }
  const workers = procs(record.workers) ?? (prev.workers && predictProcs(prev.workers, clock));
  const worker = typeof record.worker === "number" ? record.worker : prev.worker;
  return {
    time,
    info,
    keys: prev.keys,
    shapes: prev.shapes,
    values,
    warnings: record.warnings === undefined ? prev.warnings : strings(record.warnings, "warnings"),
    ...(workers ? { workers } : {}),
    ...(worker !== undefined ? { worker } : {}),
  };
}
