/**
 * A row of a `show stat` reply, looked up by the header's field names, never by position. Rows are cheap:
 * every row of a table shares one name-to-index map (its {@linkcode Shape}) and keeps its record as offsets
 * into the reply text, split into values only when several fields are read; a refresh parses every row, but
 * the monitor reads fields of the visible rows only, so most rows never pay for their ~100 values.
 *
 * @module
 */
import type { StatRow } from "./types.ts";
import { numberOf, numbersAt, rangesAt, splitRecord, valueAt } from "./scan.ts";

/** The marker column HAProxy 2.3+ prints between the fixed fields and the module counters. */
const MARKER = "-";

/** The columns every row reads while parsing, in this order; -1 when the header lacks one. */
export const KEY_FIELDS = ["pxname", "svname", "iid", "sid", "type"] as const;

/**
 * Numeric columns read while the record is scanned anyway, so that {@linkcode readNumbers} answers them
 * without a second pass (the trends read every row's rates on every refresh).
 */
export const PRE_READ = ["rate", "req_rate"] as const;

/** The columns found while scanning a record: {@linkcode KEY_FIELDS}, then {@linkcode PRE_READ}. */
export const SCANNED = [...KEY_FIELDS, ...PRE_READ];

/**
 * The columns of fields asked for by {@linkcode readNumbers} or {@linkcode readRanges} (-1 for a field the
 * header lacks), whether every field is one of {@linkcode PRE_READ} and in the header, each field's index in
 * {@linkcode PRE_READ}, and for a scan each column's slot (-1: not asked for) up to the last one asked for.
 */
type Wanted = Int32Array & {
  readonly preRead: boolean;
  readonly pre: Int8Array;
  readonly slotOf: Int8Array;
  readonly last: number;
};

/** How many fields lists a shape keeps the columns of (the callers' lists are module constants). */
const LOOKUPS_KEPT = 4;

/** Shared, per-table lookup data of every row. */
export interface Shape {
  readonly index: ReadonlyMap<string, number>;
  /** [name, column] pairs in header order, marker and nameless columns excluded. */
  readonly named: readonly (readonly [string, number])[];
  /** Number of header fields. */
  readonly width: number;
  /** The columns of the fields lists last looked up, newest first (see {@linkcode columnsOf}). */
  readonly lookups: { fields: readonly string[]; wanted: Wanted }[];
  /**
   * The {@linkcode PRE_READ} values of the table's rows, two per row in the order they were kept (a row holds
   * its place): one typed array for the table, not two boxed numbers in every row.
   */
  readonly pre: { values: Float64Array; count: number };
}

/** The shape of the rows under `header`. */
export function shapeOf(header: readonly string[]): Shape {
  const index = new Map<string, number>();
  const named: [string, number][] = [];
  header.forEach((name, at) => {
    if (name === "" || name === MARKER || index.has(name)) return;
    index.set(name, at);
    named.push([name, at]);
  });
  return {
    index,
    named,
    width: header.length,
    lookups: [],
    pre: { values: new Float64Array(2 * 256), count: 0 },
  };
}

/**
 * The columns of `fields`, cached per shape for the last few fields lists. Called for every row a refresh
 * reads, so it holds no closure: V8 would allocate the variables a closure captures on every call.
 */
function columnsOf(shape: Shape, fields: readonly string[]): Wanted {
  const lookups = shape.lookups;
  if (lookups.length > 0 && lookups[0].fields === fields) return lookups[0].wanted;
  let found = -1;
  for (let i = 1; i < lookups.length && found < 0; i++) if (lookups[i].fields === fields) found = i;
  if (found > 0) {
    const [hit] = lookups.splice(found, 1);
    lookups.unshift(hit);
    return hit.wanted;
  }
  const wanted = wantedColumns(shape, fields);
  lookups.unshift({ fields, wanted });
  if (lookups.length > LOOKUPS_KEPT) lookups.pop();
  return wanted;
}

/** The columns of `fields` under `shape` (see {@linkcode Wanted}). */
function wantedColumns(shape: Shape, fields: readonly string[]): Wanted {
  const columns = new Int32Array(fields.length);
  const pre = new Int8Array(fields.length);
  let preRead = true;
  let last = -1;
  fields.forEach((field, i) => {
    columns[i] = shape.index.get(field) ?? -1;
    pre[i] = (PRE_READ as readonly string[]).indexOf(field);
    if (pre[i] < 0 || columns[i] < 0) preRead = false;
    last = Math.max(last, columns[i]);
  });
  const slotOf = new Int8Array(last + 1).fill(-1);
  // A field asked for twice reads into its first slot; readRanges copies it to the others.
  for (let i = fields.length - 1; i >= 0; i--) if (columns[i] >= 0) slotOf[columns[i]] = i;
  return Object.assign(columns, { preRead, pre, slotOf, last });
}

/**
 * Values a row reads one at a time by scanning its record (the refresh reads a row's rates for the trends)
 * before it splits the record once (the view reads many fields of the visible rows).
 */
const SCANNED_READS = 2;

/** A row: its record as offsets into the reply text until it is split. */
export class Row implements StatRow {
  readonly #shape: Shape;
  /** The reply text holding the record at [#start, #end), or "" once the record is split. */
  #text: string;
  #start: number;
  #end: number;
  #values: readonly string[] | undefined;
  /** Single values read from the record so far (see {@linkcode SCANNED_READS}). */
  #scans = 0;
  /** Where its {@linkcode PRE_READ} values are in the shape's `pre` (-1: not read while parsing). */
  #preAt = -1;
  readonly pxname: string;
  readonly svname: string;
  readonly iid: number;
  readonly sid: number;
  readonly type: number;

  /** A row of `shape`: its record `text[start, end)` (or its `values`, once unquoted) and key fields. */
  constructor(
    shape: Shape,
    text: string,
    start: number,
    end: number,
    values: readonly string[] | undefined,
    pxname: string,
    svname: string,
    iid: number,
    sid: number,
    type: number,
  ) {
    this.#shape = shape;
    this.#text = text;
    this.#start = start;
    this.#end = end;
    this.#values = values;
    this.pxname = pxname;
    this.svname = svname;
    this.iid = iid;
    this.sid = sid;
    this.type = type;
  }

  #all(): readonly string[] {
    if (this.#values === undefined) {
      this.#values = splitRecord(this.#text.slice(this.#start, this.#end), this.#shape.width);
      this.#text = "";
    }
    return this.#values;
  }

  get(field: string): string | undefined {
    const at = this.#shape.index.get(field);
    if (at === undefined) return undefined;
    if (this.#values === undefined && this.#scans < SCANNED_READS) {
      this.#scans++;
      return valueAt(this.#text, this.#start, this.#end, at, this.#shape.width);
    }
    return this.#all()[at];
  }

  /** Keeps the {@linkcode PRE_READ} values found while parsing. */
  preRead(first: number, second: number): void {
    const pre = this.#shape.pre;
    if (2 * pre.count + 2 > pre.values.length) {
      const grown = new Float64Array(2 * pre.values.length);
      grown.set(pre.values);
      pre.values = grown;
    }
    this.#preAt = pre.count++;
    pre.values[2 * this.#preAt] = first;
    pre.values[2 * this.#preAt + 1] = second;
  }

  /** See {@linkcode readNumbers}. */
  numbers(fields: readonly string[], out: Float64Array): void {
    const wanted = columnsOf(this.#shape, fields);
    if (this.#preAt >= 0 && wanted.preRead) {
      const values = this.#shape.pre.values;
      for (let i = 0; i < wanted.length; i++) out[i] = values[2 * this.#preAt + wanted.pre[i]];
      return;
    }
    if (this.#values !== undefined) {
      for (let i = 0; i < wanted.length; i++) out[i] = numberOf(this.#values[wanted[i]]);
      return;
    }
    numbersAt(this.#text, this.#start, this.#end, this.#shape.width, wanted, out);
  }

  /** See {@linkcode readRanges}. */
  ranges(fields: readonly string[], out: Ranges): void {
    if (this.#values !== undefined) return rangesOfValues(this, fields, out);
    const wanted = columnsOf(this.#shape, fields);
    out.text = this.#text;
    rangesAt(this.#text, this.#start, this.#end, wanted.slotOf, wanted.last, out.from, out.to);
    for (let i = 0; i < fields.length; i++) {
      const first = wanted[i] >= 0 ? wanted.slotOf[wanted[i]] : -1;
      if (first !== i) [out.from[i], out.to[i]] = first < 0 ? [-1, -1] : [out.from[first], out.to[first]];
    }
  }

  entries(): [string, string][] {
    const values = this.#all();
    const out: [string, string][] = [];
    for (const [name, at] of this.#shape.named) {
      const value = values[at];
      if (value !== undefined) out.push([name, value]);
    }
    return out;
  }
}

/**
 * Reads several fields of a row as numbers into `out` (in `fields` order): NaN for a field that is missing,
 * empty or not a number, otherwise `Number(value)`. A row of this parser reads them in one pass over its
 * record, without splitting it; any other row reads them with `get`.
 */
export function readNumbers(row: StatRow, fields: readonly string[], out: Float64Array): void {
  if (row instanceof Row) row.numbers(fields, out);
  else fields.forEach((field, i) => out[i] = numberOf(row.get(field)));
}

/**
 * Where several fields' values of a row are, to compare rows without a string per value: value `i` is
 * `text.slice(from[i], to[i])`, and `from[i]` is -1 for a field the row lacks. Made by {@linkcode newRanges},
 * filled by {@linkcode readRanges}.
 */
export interface Ranges {
  text: string;
  readonly from: Int32Array;
  readonly to: Int32Array;
}

/** Ranges for `count` fields. */
export function newRanges(count: number): Ranges {
  return { text: "", from: new Int32Array(count), to: new Int32Array(count) };
}

/** Ranges over a text made of the values `get` returns (a split row, or a row of another parser). */
function rangesOfValues(row: StatRow, fields: readonly string[], out: Ranges): void {
  let text = "";
  for (let i = 0; i < fields.length; i++) {
    const value = row.get(fields[i]);
    out.from[i] = value === undefined ? -1 : text.length;
    text += value ?? "";
    out.to[i] = text.length;
  }
  out.text = text;
}

/**
 * Finds the values of `fields` (at most 127) of a row into `out`: a row of this parser in one pass over its
 * record, without splitting it or making strings; any other row with `get`.
 */
export function readRanges(row: StatRow, fields: readonly string[], out: Ranges): void {
  if (row instanceof Row) row.ranges(fields, out);
  else rangesOfValues(row, fields, out);
}

/** Whether value `i` of `a` and of `b` are the same (both missing, or the same text). */
export function sameRange(a: Ranges, b: Ranges, i: number): boolean {
  const fa = a.from[i];
  const fb = b.from[i];
  if (fa < 0 || fb < 0) return fa === fb;
  const length = a.to[i] - fa;
  if (length !== b.to[i] - fb) return false;
  for (let k = 0; k < length; k++) if (a.text.charCodeAt(fa + k) !== b.text.charCodeAt(fb + k)) return false;
  return true;
}

/** Value `i` of `ranges` as a string; undefined when the row lacks it. */
export function rangeValue(ranges: Ranges, i: number): string | undefined {
  return ranges.from[i] < 0 ? undefined : ranges.text.slice(ranges.from[i], ranges.to[i]);
}
