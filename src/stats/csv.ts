/**
 * Parsing of the `show stat` CSV reply, by the header's field names, never by position.
 *
 * The reply starts with `# pxname,svname,…,` (a leading `# `, a trailing comma; from HAProxy 2.3 a `-`
 * marker column followed by build-dependent module counters). Data lines end with a trailing comma too, and
 * values are quoted with `"` only when they hold a comma or a quote. Rows are cheap: every row of a table
 * shares one name→index map and keeps its values array; no object is built per field.
 *
 * @example
 * ```ts
 * import { parseStat } from "./csv.ts";
 * const table = parseStat("# pxname,svname,status,iid,sid,type,\nweb,web1,UP,3,1,2,\n");
 * table.rows[0].get("status"); // "UP"
 * table.rows[0].sid; // 1
 * ```
 *
 * @module
 */
import { parseCsv } from "../../deps.ts";
import type { StatRow } from "./types.ts";

/** One parsed `show stat` reply. */
export interface StatTable {
  /** Field names in column order, trimmed, as printed (the `-` marker included, the trailing empty name not). */
  header: readonly string[];
  /** The data rows in reply order. */
  rows: StatRow[];
  /** Non-fatal problems, one line each (e.g. a garbage `iid`), at most {@linkcode MAX_WARNINGS} plus a summary. */
  warnings: string[];
}

/** Upper bound on warnings kept per table; the rest are counted in one summary line. */
export const MAX_WARNINGS = 20;

/** The marker column HAProxy 2.3+ prints between the fixed fields and the module counters. */
const MARKER = "-";
const INTEGER = /^-?\d+$/;
const COMMA = 44;

/** Shared, per-table lookup data of every row. */
interface Shape {
  readonly index: ReadonlyMap<string, number>;
  /** [name, column] pairs in header order, marker and nameless columns excluded. */
  readonly named: readonly (readonly [string, number])[];
  /** Number of header fields. */
  readonly width: number;
}

/** Splits an unquoted record into values, dropping the trailing comma's empty value beyond the header. */
function splitRecord(record: string, width: number): string[] {
  const values = record.split(",");
  if (values.length > width && values[values.length - 1] === "") values.pop();
  return values;
}

/**
 * A row. Its values are split from the record text only when a field is first read: a refresh parses every
 * row but the monitor reads fields of the visible rows only, so most rows never pay for their ~100 values.
 */
class Row implements StatRow {
  readonly #shape: Shape;
  #record: string;
  #values: readonly string[] | undefined;
  readonly pxname: string;
  readonly svname: string;
  readonly iid: number;
  readonly sid: number;
  readonly type: number;

  constructor(
    shape: Shape,
    record: string,
    values: readonly string[] | undefined,
    names: readonly [string, string],
    ids: readonly [number, number, number],
  ) {
    this.#shape = shape;
    this.#record = record;
    this.#values = values;
    [this.pxname, this.svname] = names;
    [this.iid, this.sid, this.type] = ids;
  }

  #all(): readonly string[] {
    if (this.#values === undefined) {
      this.#values = splitRecord(this.#record, this.#shape.width);
      this.#record = "";
    }
    return this.#values;
  }

  get(field: string): string | undefined {
    const at = this.#shape.index.get(field);
    return at === undefined ? undefined : this.#all()[at];
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

/** Collects warnings up to a cap, then only counts them. */
class Warnings {
  readonly list: string[] = [];
  #dropped = 0;
  add(message: string): void {
    if (this.list.length < MAX_WARNINGS) this.list.push(message);
    else this.#dropped++;
  }
  done(): string[] {
    if (this.#dropped > 0) this.list.push(`show stat: ${this.#dropped} more warnings not shown`);
    return this.list;
  }
}

/** A short, single-line excerpt of untrusted text for a message. */
function excerpt(text: string, max = 60): string {
  // deno-lint-ignore no-control-regex
  const line = text.replace(/[\x00-\x1f\x7f]/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

function countQuotes(s: string): number {
  let n = 0;
  for (let at = s.indexOf('"'); at >= 0; at = s.indexOf('"', at + 1)) n++;
  return n;
}

/**
 * CSV-unquotes the records that hold a `"`, all in one csv-parse call (one call per record is slow), falling
 * back to one call per record when the batch does not line up.
 */
function splitQuoted(
  records: readonly { lineNo: number; text: string }[],
  warnings: Warnings,
): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (records.length === 0) return out;
  const options = { relax_column_count: true, relax_quotes: true };
  try {
    const parsed = parseCsv(records.map((r) => r.text).join("\n"), options) as string[][];
    if (parsed.length === records.length) {
      records.forEach((r, i) => out.set(r.lineNo, parsed[i]));
      return out;
    }
  } catch {
    // Fall through to one record at a time, to tell which line is broken.
  }
  for (const r of records) {
    try {
      const parsed = parseCsv(r.text, options) as string[][];
      out.set(r.lineNo, parsed[0] ?? []);
    } catch (error) {
      warnings.add(`show stat: line ${r.lineNo}: bad CSV quoting (${excerpt(String(error), 40)})`);
    }
  }
  return out;
}

function parseHeader(line: string): string[] {
  const names = line.replace(/^#\s*/, "").split(",").map((name) => name.trim());
  if (names.length > 0 && names[names.length - 1] === "") names.pop();
  return names;
}

function shapeOf(header: readonly string[]): Shape {
  const index = new Map<string, number>();
  const named: [string, number][] = [];
  header.forEach((name, at) => {
    if (name === "" || name === MARKER || index.has(name)) return;
    index.set(name, at);
    named.push([name, at]);
  });
  return { index, named, width: header.length };
}

/** The columns every row reads while parsing, in this order; -1 when the header lacks one. */
const KEY_FIELDS = ["pxname", "svname", "iid", "sid", "type"] as const;

/**
 * Reads the key fields of an unquoted record into `out` (by {@linkcode KEY_FIELDS} order) and returns its
 * number of values, without splitting the record (no string per value).
 */
function scanRecord(record: string, slotOf: Int8Array, last: number, width: number, out: string[]): number {
  let column = 0;
  let start = 0;
  const length = record.length;
  for (let i = 0; i < length; i++) {
    if (record.charCodeAt(i) !== COMMA) continue;
    if (column <= last) {
      const slot = slotOf[column];
      if (slot >= 0) out[slot] = record.slice(start, i);
    }
    column++;
    start = i + 1;
  }
  if (column <= last && slotOf[column] >= 0) out[slotOf[column]] = record.slice(start);
  const count = column + 1;
  return count > width && record.charCodeAt(length - 1) === COMMA ? count - 1 : count;
}

/** Records handled between two yields of {@linkcode parseSteps}. */
const STEP_RECORDS = 1000;

/**
 * The parser as a generator: it yields after every {@linkcode STEP_RECORDS} records so that a caller can
 * hand the event loop a turn ({@linkcode parseStatAsync}) and returns the table.
 */
function* parseSteps(input: string): Generator<void, StatTable> {
  const warnings = new Warnings();
  const text = String(input ?? "");
  let pos = 0;
  let lineNo = 0;
  /** The next line without its "\n", or undefined at the end; advances pos and lineNo. */
  const nextLine = (): string | undefined => {
    if (pos > text.length) return undefined;
    const nl = text.indexOf("\n", pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    pos = end + 1;
    lineNo++;
    return line;
  };

  let first: string | undefined;
  while ((first = nextLine()) !== undefined && first.trim() === "");
  if (first === undefined) {
    warnings.add("show stat: empty reply");
    return { header: [], rows: [], warnings: warnings.done() };
  }
  first = first.trim();
  if (!first.startsWith("#")) {
    warnings.add(`show stat: reply has no CSV header: "${excerpt(first)}"`);
    return { header: [], rows: [], warnings: warnings.done() };
  }
  const header = parseHeader(first);
  const shape = shapeOf(header);
  for (const name of KEY_FIELDS) {
    if (!shape.index.has(name)) warnings.add(`show stat: header has no "${name}" column`);
  }
  const columns = KEY_FIELDS.map((name) => shape.index.get(name) ?? -1);
  const slotOf = new Int8Array(header.length + 1).fill(-1);
  columns.forEach((column, slot) => {
    if (column >= 0) slotOf[column] = slot;
  });
  const lastKey = Math.max(...columns);
  const width = header.length;
  const rows: StatRow[] = [];

  const addRow = (
    lineNo: number,
    record: string,
    values: readonly string[] | undefined,
    keys: (string | undefined)[],
    count: number,
  ) => {
    const label = `${keys[0] ?? "?"}/${keys[1] ?? "?"}`;
    if (count < width) {
      warnings.add(`show stat: line ${lineNo}: ${label} has ${count} of ${width} fields`);
    } else if (count > width) {
      warnings.add(`show stat: line ${lineNo}: ${label} has ${count - width} values beyond the header`);
    }
    const ids: [number, number, number] = [NaN, NaN, NaN];
    for (let i = 0; i < 3; i++) {
      if (columns[i + 2] < 0) continue;
      const value = keys[i + 2];
      if (value !== undefined && INTEGER.test(value)) ids[i] = Number(value);
      else if (value !== undefined) {
        warnings.add(
          `show stat: line ${lineNo}: ${label} has a garbage ${KEY_FIELDS[i + 2]}: "${excerpt(value, 20)}"`,
        );
      }
    }
    const names: [string, string] = [
      columns[0] < 0 ? "" : keys[0] ?? "",
      columns[1] < 0 ? "" : keys[1] ?? "",
    ];
    rows.push(new Row(shape, record, values, names, ids));
  };

  // Records in steps; a quoted value may, in theory, span lines: join until the quotes balance. The quoted
  // records of a step are unquoted together, in one csv-parse call, then rows are added in reply order.
  for (;;) {
    const step: { lineNo: number; text: string; quoted: boolean }[] = [];
    let line: string | undefined;
    while (step.length < STEP_RECORDS && (line = nextLine()) !== undefined) {
      const at = lineNo;
      let record = line;
      if (record.endsWith("\r")) record = record.slice(0, -1);
      if (record === "" || record.startsWith("#")) continue;
      if (record.charCodeAt(0) <= 32 && record.trim() === "") continue;
      const quoted = record.includes('"');
      if (quoted) {
        let more: string | undefined;
        while (countQuotes(record) % 2 === 1 && (more = nextLine()) !== undefined) record += "\n" + more;
      }
      step.push({ lineNo: at, text: record, quoted });
    }
    if (step.length === 0) break;
    const unquoted = splitQuoted(step.filter((r) => r.quoted), warnings);
    for (const { lineNo, text: record, quoted } of step) {
      const keys: string[] = [];
      if (quoted) {
        const values = unquoted.get(lineNo) ?? record.split(",");
        if (values.length > width && values[values.length - 1] === "") values.pop();
        columns.forEach((column, slot) => {
          if (column >= 0) keys[slot] = values[column];
        });
        addRow(lineNo, record, values, keys, values.length);
      } else {
        const count = scanRecord(record, slotOf, lastKey, width, keys);
        addRow(lineNo, record, undefined, keys, count);
      }
    }
    yield;
  }
  if (rows.length === 0) warnings.add("show stat: no data rows");
  return { header, rows, warnings: warnings.done() };
}

/**
 * Parses the `show stat` CSV reply by the header's field names.
 *
 * Tolerates what HAProxy versions and broken replies throw at it: a row with fewer values than the header
 * (missing fields read `undefined`) or more (the extra values have no name), garbage in numeric fields (kept
 * as text), garbage `iid`/`sid`/`type` (NaN, with a warning), no header at all (for example an
 * `Unknown command` or `Permission denied` reply) and empty text (no rows, a warning). Never throws.
 *
 * @param text The raw reply of one `show stat` command.
 * @returns The header, the rows and the warnings.
 */
export function parseStat(text: string): StatTable {
  const steps = parseSteps(text);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * {@linkcode parseStat} in slices: after each slice of about `sliceMs` milliseconds it awaits `pause()` (for
 * example a zero-delay timer), so that keys are handled while a large reply (50,000 rows) is parsed.
 *
 * @param text The raw reply of one `show stat` command.
 * @param pause Called between slices; the parse goes on when it resolves.
 * @param sliceMs Work done between two pauses, in milliseconds; default 8.
 * @returns The same table as {@linkcode parseStat}.
 */
export async function parseStatAsync(
  text: string,
  pause: () => Promise<void>,
  sliceMs = 8,
): Promise<StatTable> {
  const steps = parseSteps(text);
  let since = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - since >= sliceMs) {
      await pause();
      since = performance.now();
    }
  }
}
