/**
 * Parsing of the `show stat` CSV reply, by the header's field names, never by position.
 *
 * The reply starts with `# pxname,svname,…,` (a leading `# `, a trailing comma; from HAProxy 2.3 a `-`
 * marker column followed by build-dependent module counters). Data lines end with a trailing comma too, and
 * values are quoted with `"` only when they hold a comma or a quote. Rows are cheap: every row of a table
 * shares one name→index map and keeps its values array; no object is built per field.
 *
 * Quoted records are rare (a check message with a comma), so csv-parse, which unquotes them, is an npm
 * module loaded by {@linkcode parseStatAsync} when the first one appears, not at start.
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
import { loadCsvParse } from "../../deps.ts";
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
/** The warning of a `show stat` reply with a header and no row. */
export const NO_ROWS = "show stat: no data rows";

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
  /** The columns {@linkcode readNumbers} last looked up (see {@linkcode columnsOf}). */
  readonly columns: { fields: readonly string[]; wanted: Wanted };
}

/** Splits an unquoted record into values, dropping the trailing comma's empty value beyond the header. */
function splitRecord(record: string, width: number): string[] {
  const values = record.split(",");
  if (values.length > width && values[values.length - 1] === "") values.pop();
  return values;
}

/**
 * Reads the value at `column` of the unquoted record `text[start, end)` without splitting it; the same value
 * as `splitRecord(text.slice(start, end), width)[column]`.
 */
function valueAt(
  text: string,
  start: number,
  end: number,
  column: number,
  width: number,
): string | undefined {
  let from = start;
  let at = start;
  for (let seen = 0; seen < column; at++) {
    if (at >= end) return undefined;
    if (text.charCodeAt(at) === COMMA) {
      seen++;
      from = at + 1;
    }
  }
  for (at = from; at < end; at++) if (text.charCodeAt(at) === COMMA) return text.slice(from, at);
  // The last value: the trailing comma's empty value beyond the header does not count.
  return from === end && column >= width ? undefined : text.slice(from, end);
}

/**
 * Values a row reads one at a time by scanning its record (the refresh reads a row's rates for the trends)
 * before it splits the record once (the view reads many fields of the visible rows).
 */
const SCANNED_READS = 2;

/**
 * A row. It keeps its record as offsets into the reply text, and splits it into values only when several
 * fields are read: a refresh parses every row but the monitor reads fields of the visible rows only, so most
 * rows never pay for their ~100 values.
 */
class Row implements StatRow {
  readonly #shape: Shape;
  /** The reply text holding the record at [#start, #end), or "" once the record is split. */
  #text: string;
  #start: number;
  #end: number;
  #values: readonly string[] | undefined;
  /** Single values read from the record so far (see {@linkcode SCANNED_READS}). */
  #scans = 0;
  /** The {@linkcode PRE_READ} values as numbers, read while parsing (NaN: not read, or not a number). */
  #pre0 = NaN;
  #pre1 = NaN;
  #preRead = false;
  readonly pxname: string;
  readonly svname: string;
  readonly iid: number;
  readonly sid: number;
  readonly type: number;

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
    this.#pre0 = first;
    this.#pre1 = second;
    this.#preRead = true;
  }

  /** See {@linkcode readNumbers}. */
  numbers(fields: readonly string[], out: Float64Array): void {
    const wanted = columnsOf(this.#shape, fields);
    if (this.#preRead && wanted.preRead) {
      for (let i = 0; i < wanted.length; i++) out[i] = wanted.pre[i] === 0 ? this.#pre0 : this.#pre1;
      return;
    }
    if (this.#values !== undefined) {
      for (let i = 0; i < wanted.length; i++) out[i] = numberOf(this.#values[wanted[i]]);
      return;
    }
    out.fill(NaN);
    const text = this.#text;
    const end = this.#end;
    const width = this.#shape.width;
    let last = -1;
    for (let i = 0; i < wanted.length; i++) last = Math.max(last, wanted[i]);
    let column = 0;
    let from = this.#start;
    for (let at = from; at <= end && column <= last; at++) {
      if (at < end && text.charCodeAt(at) !== COMMA) continue;
      for (let i = 0; i < wanted.length; i++) {
        // The trailing comma's empty value beyond the header is no value.
        if (wanted[i] === column && !(at === end && from === end && column >= width)) {
          out[i] = numberIn(text, from, at);
        }
      }
      column++;
      from = at + 1;
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

/** csv-parse's parser once loaded, or why it could not be loaded. */
let csvParse: { parse: Awaited<ReturnType<typeof loadCsvParse>>["parse"] } | { error: string } | undefined;

/**
 * Loads csv-parse, which unquotes quoted records, unless it is loaded already. {@linkcode parseStatAsync}
 * calls it at the first quoted record; call it before {@linkcode parseStat} to have those unquoted too. A
 * failure is kept, and told in a warning of each reply with quoted records.
 */
export async function loadQuoting(): Promise<void> {
  try {
    csvParse ??= { parse: (await loadCsvParse()).parse };
  } catch (error) {
    csvParse = { error: excerpt(String(error), 80) };
  }
}

/** What {@linkcode parseSteps} yields when it meets a quoted record before csv-parse is loaded. */
const NEEDS_QUOTING = Symbol("needs csv-parse");

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
  if (csvParse === undefined || "error" in csvParse) {
    const why = csvParse ? `could not be loaded (${csvParse.error})` : "is not loaded (use parseStatAsync)";
    warnings.add(`show stat: quoted values read as they stand: csv-parse ${why}`);
    return out;
  }
  const parseCsv = csvParse.parse;
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
  return {
    index,
    named,
    width: header.length,
    columns: {
      fields: [],
      wanted: Object.assign(new Int32Array(0), { preRead: false, pre: new Int8Array(0) }),
    },
  };
}

/** The columns every row reads while parsing, in this order; -1 when the header lacks one. */
const KEY_FIELDS = ["pxname", "svname", "iid", "sid", "type"] as const;

/**
 * Numeric columns read while the record is scanned anyway, so that {@linkcode readNumbers} answers them
 * without a second pass (the trends read every row's rates on every refresh).
 */
const PRE_READ = ["rate", "req_rate"] as const;

/** The columns found while scanning a record: {@linkcode KEY_FIELDS}, then {@linkcode PRE_READ}. */
const SCANNED = [...KEY_FIELDS, ...PRE_READ];

/**
 * Finds the key fields of the unquoted record `text[start, end)`: their offsets go to `from`/`to` (by
 * {@linkcode KEY_FIELDS} order; -1 for a value the record lacks). Returns the record's number of values,
 * without splitting it (no string per value).
 */
function scanRecord(
  text: string,
  start: number,
  end: number,
  slotOf: Int8Array,
  last: number,
  width: number,
  from: Int32Array,
  to: Int32Array,
): number {
  from.fill(-1);
  let column = 0;
  let at = start;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) !== COMMA) continue;
    if (column <= last) {
      const slot = slotOf[column];
      if (slot >= 0) {
        from[slot] = at;
        to[slot] = i;
      }
    }
    column++;
    at = i + 1;
  }
  if (column <= last && slotOf[column] >= 0) {
    from[slotOf[column]] = at;
    to[slotOf[column]] = end;
  }
  const count = column + 1;
  return count > width && end > start && text.charCodeAt(end - 1) === COMMA ? count - 1 : count;
}

/** The integer written in `text[start, end)` (`-?\d+`), or NaN when it is something else. */
function integerAt(text: string, start: number, end: number): number {
  let i = start;
  const negative = i < end && text.charCodeAt(i) === 45;
  if (negative) i++;
  if (i >= end) return NaN;
  if (end - i > 15) return INTEGER.test(text.slice(start, end)) ? Number(text.slice(start, end)) : NaN;
  let value = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/**
 * The columns of fields asked for by {@linkcode readNumbers} (-1 for a field the header lacks), whether every
 * field is one of {@linkcode PRE_READ} and in the header, and each field's index in {@linkcode PRE_READ}.
 */
type Wanted = Int32Array & { readonly preRead: boolean; readonly pre: Int8Array };

/** The columns of `fields`, cached per shape for the last fields list. */
function columnsOf(shape: Shape, fields: readonly string[]): Wanted {
  if (shape.columns.fields !== fields) {
    const columns = new Int32Array(fields.length);
    const pre = new Int8Array(fields.length);
    let preRead = true;
    fields.forEach((field, i) => {
      columns[i] = shape.index.get(field) ?? -1;
      pre[i] = (PRE_READ as readonly string[]).indexOf(field);
      if (pre[i] < 0 || columns[i] < 0) preRead = false;
    });
    shape.columns.fields = fields;
    shape.columns.wanted = Object.assign(columns, { preRead, pre });
  }
  return shape.columns.wanted;
}

/** A value as a number: NaN when missing, empty or not a number (`Number`'s reading otherwise). */
function numberOf(value: string | undefined): number {
  return value === undefined || value === "" ? NaN : Number(value);
}

/** {@linkcode numberOf} of `text[start, end)`, without a string for plain digits. */
function numberIn(text: string, start: number, end: number): number {
  if (start === end) return NaN;
  if (end - start <= 15) {
    let value = 0;
    let i = start;
    for (; i < end; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (i === end) return value;
  }
  return Number(text.slice(start, end));
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

/** Records handled between two yields of {@linkcode parseSteps}. */
const STEP_RECORDS = 1000;

/**
 * The parser as a generator: it yields after every {@linkcode STEP_RECORDS} records so that a caller can
 * hand the event loop a turn ({@linkcode parseStatAsync}), yields {@linkcode NEEDS_QUOTING} before the first
 * quoted record when csv-parse is not loaded yet (and goes on once it is), and returns the table.
 */
function* parseSteps(input: string): Generator<void | typeof NEEDS_QUOTING, StatTable> {
  const warnings = new Warnings();
  const text = String(input ?? "");
  let pos = 0;
  let lineNo = 0;
  // The end of the line nextLine() or nextRecord() last read (before its "\r"), and its start.
  let lineStart = 0;
  let lineEnd = 0;
  /** Advances over the next line (setting lineStart/lineEnd); false at the end. */
  const advance = (): boolean => {
    if (pos > text.length) return false;
    const nl = text.indexOf("\n", pos);
    lineStart = pos;
    lineEnd = nl < 0 ? text.length : nl;
    pos = lineEnd + 1;
    lineNo++;
    return true;
  };
  /** The next line without its "\n", or undefined at the end; advances pos and lineNo. */
  const nextLine = (): string | undefined => advance() ? text.slice(lineStart, lineEnd) : undefined;

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
  const columns = SCANNED.map((name) => shape.index.get(name) ?? -1);
  const slotOf = new Int8Array(header.length + 1).fill(-1);
  columns.forEach((column, slot) => {
    if (column >= 0) slotOf[column] = slot;
  });
  const lastKey = Math.max(...columns);
  const width = header.length;
  const rows: StatRow[] = [];
  const keyFrom = new Int32Array(SCANNED.length);
  const keyTo = new Int32Array(SCANNED.length);
  // Where the next '"' is, so that telling a quoted record costs no search per line.
  let nextQuote = -1;
  let quoteSearched = -1;
  const hasQuote = (start: number, end: number): boolean => {
    if (nextQuote < start && quoteSearched < text.length) {
      nextQuote = text.indexOf('"', start);
      if (nextQuote < 0) nextQuote = quoteSearched = text.length;
      else quoteSearched = nextQuote;
    }
    return nextQuote >= start && nextQuote < end;
  };

  // The record being added: its text and line, and its values when it was unquoted (undefined: offsets).
  let current = { text: "", lineNo: 0, values: undefined as readonly string[] | undefined };
  const keyText = (slot: number): string | undefined => {
    const { values } = current;
    if (values !== undefined) return columns[slot] < 0 ? undefined : values[columns[slot]];
    return keyFrom[slot] < 0 ? undefined : current.text.slice(keyFrom[slot], keyTo[slot]);
  };
  const label = () => `${keyText(0) ?? "?"}/${keyText(1) ?? "?"}`;
  const id = (slot: number): number => {
    if (columns[slot] < 0) return NaN;
    if (current.values === undefined && keyFrom[slot] >= 0) {
      const number = integerAt(current.text, keyFrom[slot], keyTo[slot]);
      if (!Number.isNaN(number)) return number;
    }
    const value = keyText(slot);
    if (value !== undefined && INTEGER.test(value)) return Number(value);
    if (value !== undefined) {
      warnings.add(
        `show stat: line ${current.lineNo}: ${label()} has a garbage ${KEY_FIELDS[slot]}: "${
          excerpt(value, 20)
        }"`,
      );
    }
    return NaN;
  };
  const addRow = (start: number, end: number, count: number) => {
    if (count < width) {
      warnings.add(`show stat: line ${current.lineNo}: ${label()} has ${count} of ${width} fields`);
    } else if (count > width) {
      warnings.add(
        `show stat: line ${current.lineNo}: ${label()} has ${count - width} values beyond the header`,
      );
    }
    const iid = id(2);
    const sid = id(3);
    const type = id(4);
    const pxname = columns[0] < 0 ? "" : keyText(0) ?? "";
    const svname = columns[1] < 0 ? "" : keyText(1) ?? "";
    const row = new Row(shape, current.text, start, end, current.values, pxname, svname, iid, sid, type);
    if (current.values === undefined) {
      const slot = KEY_FIELDS.length;
      row.preRead(
        keyFrom[slot] < 0 ? NaN : numberIn(current.text, keyFrom[slot], keyTo[slot]),
        keyFrom[slot + 1] < 0 ? NaN : numberIn(current.text, keyFrom[slot + 1], keyTo[slot + 1]),
      );
    }
    rows.push(row);
  };

  // Records in steps. A quoted value may hold a line break: a record whose quotes do not balance takes the
  // next line only when that line balances them; otherwise it is a damaged line, parsed on its own with a
  // warning (joining lines until the quotes balance would swallow every following row). The quoted records
  // of a step are unquoted together, in one csv-parse call, then rows are added in reply order.
  // Unquoted records are kept as offsets into the text (no string until a field is read).
  const starts = new Int32Array(STEP_RECORDS);
  const ends = new Int32Array(STEP_RECORDS);
  const lineNos = new Int32Array(STEP_RECORDS);
  for (;;) {
    const quotedRecords: { lineNo: number; text: string; at: number }[] = [];
    let count = 0;
    while (count < STEP_RECORDS && advance()) {
      const at = lineNo;
      const start = lineStart;
      let end = lineEnd;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      if (end === start || text.charCodeAt(start) === 35) continue;
      if (text.charCodeAt(start) <= 32 && text.slice(start, end).trim() === "") continue;
      if (hasQuote(start, end)) {
        let record = text.slice(start, end);
        if (countQuotes(record) % 2 === 1) {
          const nl = text.indexOf("\n", pos);
          const next = pos > text.length ? "" : text.slice(pos, nl < 0 ? text.length : nl);
          if (countQuotes(next) % 2 === 1) record += "\n" + nextLine();
          else warnings.add(`show stat: line ${at}: unbalanced quotes, read as they stand`);
        }
        quotedRecords.push({ lineNo: at, text: record, at: count });
        starts[count] = -1;
      } else {
        starts[count] = start;
        ends[count] = end;
      }
      lineNos[count] = at;
      count++;
    }
    if (count === 0) break;
    if (quotedRecords.length > 0 && csvParse === undefined) yield NEEDS_QUOTING;
    const unquoted = splitQuoted(quotedRecords, warnings);
    let q = 0;
    const unquotedRow = { text, lineNo: 0, values: undefined };
    for (let i = 0; i < count; i++) {
      if (starts[i] >= 0) {
        const start = starts[i];
        const end = ends[i];
        const n = scanRecord(text, start, end, slotOf, lastKey, width, keyFrom, keyTo);
        unquotedRow.lineNo = lineNos[i];
        current = unquotedRow;
        addRow(start, end, n);
      } else {
        const { lineNo, text: record } = quotedRecords[q++];
        const values = unquoted.get(lineNo) ?? record.split(",");
        if (values.length > width && values[values.length - 1] === "") values.pop();
        current = { text: record, lineNo, values };
        addRow(0, record.length, values.length);
      }
    }
    yield;
  }
  if (rows.length === 0) warnings.add(NO_ROWS);
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
 * Quoted records are unquoted once csv-parse is loaded, which {@linkcode parseStatAsync} does; before that,
 * they are read as they stand, with a warning.
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
 * {@linkcode parseStat} that loads csv-parse when the first quoted record appears, optionally in slices:
 * after each slice of about `sliceMs` milliseconds it awaits `pause()` (for example a zero-delay timer), so
 * that keys are handled while a large reply (50,000 rows) is parsed.
 *
 * @param text The raw reply of one `show stat` command.
 * @param pause Called between slices; the parse goes on when it resolves. Without it, one slice.
 * @param sliceMs Work done between two pauses, in milliseconds; default 8.
 * @returns The same table as {@linkcode parseStat} once csv-parse is loaded.
 */
export async function parseStatAsync(
  text: string,
  pause?: () => Promise<void>,
  sliceMs = 8,
): Promise<StatTable> {
  const steps = parseSteps(text);
  let since = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (next.value === NEEDS_QUOTING) await loadQuoting();
    else if (pause && performance.now() - since >= sliceMs) {
      await pause();
      since = performance.now();
    }
  }
}
