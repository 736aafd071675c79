/**
 * One instance's snapshot as the recorder keeps it between records: `show info` and every row's values as
 * text, in snapshot order. The writer turns two of these into a full or delta record, the reader turns
 * records back into them, and {@linkcode materialize} rebuilds the {@linkcode Snapshot} the live monitor
 * had by parsing the same rows with the same parser (src/stats), so the replayed rows are the same objects
 * with the same values.
 *
 * @module
 */
import type { ProcEntry } from "../haproxy/master.ts";
import { parseStatAsync, type StatTable } from "../stats/csv.ts";
import { buildSnapshot } from "../stats/snapshot.ts";
import type { Snapshot } from "../stats/types.ts";
import { type ClockColumns, clockColumns } from "./clock.ts";
import { type Observation, rowKeys, snapshotRows } from "./format.ts";

/** The field names shared by consecutive rows, and where the clock fields are among them. */
export interface Shape {
  readonly fields: readonly string[];
  readonly clock: ClockColumns;
  /** Where `iid`, `sid` and `type` are (-1 where absent): a row whose ids change is another row. */
  readonly ids: readonly number[];
}

/** The shape of rows with these fields. */
export function shapeOf(fields: readonly string[]): Shape {
  return { fields, clock: clockColumns(fields), ids: ["iid", "sid", "type"].map((f) => fields.indexOf(f)) };
}

/** One instance's snapshot, as text. */
export interface InstanceState {
  /** Epoch ms of the record. */
  readonly time: number;
  readonly info: ReadonlyMap<string, string>;
  /** Per row: its key (see rowKeys), shape and values (one per shape field). */
  readonly keys: readonly string[];
  readonly shapes: readonly Shape[];
  readonly values: readonly (readonly string[])[];
  readonly warnings: readonly string[];
  readonly workers?: readonly ProcEntry[];
  readonly worker?: number;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Builds the shapes of rows given by their field lists; consecutive equal lists share one shape. */
export function shapesOf(fieldLists: readonly (readonly string[])[]): Shape[] {
  const shapes: Shape[] = [];
  let last: Shape | undefined;
  for (const fields of fieldLists) {
    if (!last || !sameList(last.fields, fields)) last = shapeOf(fields);
    shapes.push(last);
  }
  return shapes;
}

/**
 * The state of an observed snapshot at `time`. With the `previous` state, its shapes are reused where the
 * fields are the same, so that comparing the two is cheap.
 */
export function stateOf(
  time: number,
  observation: Observation & { snapshot: Snapshot },
  previous?: InstanceState,
): InstanceState {
  const rows = snapshotRows(observation.snapshot);
  const shapes: Shape[] = [];
  const values: string[][] = [];
  const known = [...new Set(previous?.shapes)];
  let shape: Shape | undefined;
  for (const row of rows) {
    const entries = row.entries();
    // Rows of one table share their fields: one shape for all of them (the previous state's when equal).
    if (
      !shape || shape.fields.length !== entries.length || entries.some((e, i) => e[0] !== shape!.fields[i])
    ) {
      const fields = entries.map((e) => e[0]);
      shape = known.find((k) => sameList(k.fields, fields)) ?? shapeOf(fields);
    }
    shapes.push(shape);
    values.push(entries.map((e) => e[1]));
  }
  return {
    time,
    info: observation.snapshot.info,
    keys: rowKeys(rows.map((r) => [r.pxname, r.svname])),
    shapes,
    values,
    warnings: observation.snapshot.warnings,
    ...(observation.workers ? { workers: observation.workers } : {}),
    ...(observation.worker !== undefined ? { worker: observation.worker } : {}),
  };
}

/**
 * Whether two states have the same structure (info keys in order, rows with their names, ids and fields in
 * order, a process list or none), so that one can be written as a delta of the other.
 */
export function sameStructure(a: InstanceState, b: InstanceState): boolean {
  if (a.keys.length !== b.keys.length || a.info.size !== b.info.size) return false;
  if ((a.workers === undefined) !== (b.workers === undefined)) return false;
  const ka = [...a.info.keys()];
  let i = 0;
  for (const k of b.info.keys()) if (ka[i++] !== k) return false;
  for (let r = 0; r < a.keys.length; r++) {
    if (a.keys[r] !== b.keys[r]) return false;
    const sa = a.shapes[r];
    const sb = b.shapes[r];
    if (sa !== sb && !sameList(sa.fields, sb.fields)) return false;
    for (const at of sa.ids) if (at >= 0 && a.values[r][at] !== b.values[r][at]) return false;
  }
  return true;
}

/** A CSV value as HAProxy quotes it: only when it holds a comma, a quote or a line break. */
function csvValue(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The `show stat` text of consecutive rows of one shape, as HAProxy prints it (trailing commas). */
function csvOf(fields: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`# ${fields.join(",")},`];
  for (const values of rows) lines.push(`${values.map(csvValue).join(",")},`);
  return lines.join("\n") + "\n";
}

/** The live monitor's snapshot of a state: the rows parsed by src/stats, grouped by buildSnapshot. */
export async function materialize(state: InstanceState): Promise<Snapshot> {
  const tables: StatTable[] = [];
  let start = 0;
  for (let r = 1; r <= state.values.length; r++) {
    if (r < state.values.length && state.shapes[r] === state.shapes[start]) continue;
    tables.push(await parseStatAsync(csvOf(state.shapes[start].fields, state.values.slice(start, r))));
    start = r;
  }
  const snapshot = buildSnapshot(new Map(state.info), tables);
  return { ...snapshot, warnings: [...state.warnings] };
}
