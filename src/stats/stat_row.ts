/**
 * A row of a `show stat` reply, looked up by the header's field names, never by position. Rows are cheap:
 * every row of a table shares one name-to-index map (its {@linkcode Shape}, shape.ts) and keeps its record as
 * offsets into the reply text, split into values only when several fields are read; a refresh parses every
 * row, but the monitor reads fields of the visible rows only, so most rows never pay for their ~100 values.
 *
 * @module
 */
import type { StatRow } from "./types.ts";
import { numberOf, numbersAt, rangesAt, splitRecord, valueAt } from "./scan.ts";
import { type Ranges, rangesOfValues } from "./ranges.ts";
import { columnsOf, type Shape, STATE_FIELDS, STATE_SLOT, type Wanted } from "./shape.ts";

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

  /**
   * Keeps the {@linkcode PRE_READ} values found while parsing, and where the {@linkcode STATE_FIELDS} values
   * are: `from[STATE_SLOT + i]` for field `i`.
   */
  preRead(first: number, second: number, from: Int32Array): void {
    const { pre, state } = this.#shape;
    if (2 * pre.count + 2 > pre.values.length) {
      const grown = new Float64Array(2 * pre.values.length);
      grown.set(pre.values);
      pre.values = grown;
      const starts = new Int32Array(2 * state.from.length);
      starts.set(state.from);
      state.from = starts;
    }
    this.#preAt = pre.count++;
    pre.values[2 * this.#preAt] = first;
    pre.values[2 * this.#preAt + 1] = second;
    const n = STATE_FIELDS.length;
    for (let i = 0; i < n; i++) state.from[n * this.#preAt + i] = from[STATE_SLOT + i];
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
    if (wanted.stateKept && this.#preAt >= 0) return this.#keptRanges(wanted, out);
    out.text = this.#text;
    rangesAt(this.#text, this.#start, this.#end, wanted.slotOf, wanted.last, out.from, out.to);
    for (let i = 0; i < fields.length; i++) {
      const first = wanted[i] >= 0 ? wanted.slotOf[wanted[i]] : -1;
      if (first !== i) [out.from[i], out.to[i]] = first < 0 ? [-1, -1] : [out.from[first], out.to[first]];
    }
  }

  /** Ranges of {@linkcode STATE_FIELDS} from where the parse found them (see {@linkcode Row.preRead}). */
  #keptRanges(wanted: Wanted, out: Ranges): void {
    const text = this.#text;
    const end = this.#end;
    const starts = this.#shape.state.from;
    const base = STATE_FIELDS.length * this.#preAt;
    out.text = text;
    for (let i = 0; i < wanted.length; i++) {
      const from = starts[base + wanted.state[i]];
      out.from[i] = from;
      if (from < 0) {
        out.to[i] = -1;
        continue;
      }
      const comma = text.indexOf(",", from);
      out.to[i] = comma < 0 || comma > end ? end : comma;
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
 * Finds the values of `fields` (at most 127) of a row into `out`: a row of this parser in one pass over its
 * record, without splitting it or making strings; any other row with `get`.
 */
export function readRanges(row: StatRow, fields: readonly string[], out: Ranges): void {
  if (row instanceof Row) row.ranges(fields, out);
  else rangesOfValues(row, fields, out);
}
