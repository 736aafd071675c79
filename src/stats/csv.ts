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

/** Shared, per-table lookup data of every row. */
interface Shape {
  readonly index: ReadonlyMap<string, number>;
  /** [name, column] pairs in header order, marker and nameless columns excluded. */
  readonly named: readonly (readonly [string, number])[];
}

class Row implements StatRow {
  readonly #shape: Shape;
  readonly #values: readonly string[];
  readonly pxname: string;
  readonly svname: string;
  readonly iid: number;
  readonly sid: number;
  readonly type: number;

  constructor(shape: Shape, values: readonly string[], ids: readonly [number, number, number]) {
    this.#shape = shape;
    this.#values = values;
    this.pxname = this.get("pxname") ?? "";
    this.svname = this.get("svname") ?? "";
    [this.iid, this.sid, this.type] = ids;
  }

  get(field: string): string | undefined {
    const at = this.#shape.index.get(field);
    return at === undefined ? undefined : this.#values[at];
  }

  entries(): [string, string][] {
    const out: [string, string][] = [];
    for (const [name, at] of this.#shape.named) {
      const value = this.#values[at];
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
  return { index, named };
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
  const warnings = new Warnings();
  const lines = String(text ?? "").split("\n");
  let at = 0;
  while (at < lines.length && lines[at].trim() === "") at++;
  if (at >= lines.length) {
    warnings.add("show stat: empty reply");
    return { header: [], rows: [], warnings: warnings.done() };
  }
  const first = lines[at].trim();
  if (!first.startsWith("#")) {
    warnings.add(`show stat: reply has no CSV header: "${excerpt(first)}"`);
    return { header: [], rows: [], warnings: warnings.done() };
  }
  const header = parseHeader(first);
  const shape = shapeOf(header);
  for (const name of ["pxname", "svname", "iid", "sid", "type"]) {
    if (!shape.index.has(name)) warnings.add(`show stat: header has no "${name}" column`);
  }
  const columns = {
    pxname: shape.index.get("pxname") ?? -1,
    svname: shape.index.get("svname") ?? -1,
    iid: shape.index.get("iid") ?? -1,
    sid: shape.index.get("sid") ?? -1,
    type: shape.index.get("type") ?? -1,
  };
  const rows: StatRow[] = [];

  // First pass: records (a quoted value may, in theory, span lines: join until the quotes balance).
  const records: { lineNo: number; text: string; quoted: boolean }[] = [];
  for (at++; at < lines.length; at++) {
    const lineNo = at + 1;
    let record = lines[at];
    if (record.endsWith("\r")) record = record.slice(0, -1);
    if (record.trim() === "" || record.startsWith("#")) continue;
    const quoted = record.includes('"');
    if (quoted) {
      while (countQuotes(record) % 2 === 1 && at + 1 < lines.length) record += "\n" + lines[++at];
    }
    records.push({ lineNo, text: record, quoted });
  }
  const unquoted = splitQuoted(records.filter((r) => r.quoted), warnings);

  for (const { lineNo, text: record, quoted } of records) {
    const values = quoted ? unquoted.get(lineNo) ?? record.split(",") : record.split(",");
    if (values.length > header.length && values[values.length - 1] === "") values.pop();

    const label = `${values[columns.pxname] ?? "?"}/${values[columns.svname] ?? "?"}`;
    if (values.length < header.length) {
      warnings.add(`show stat: line ${lineNo}: ${label} has ${values.length} of ${header.length} fields`);
    } else if (values.length > header.length) {
      warnings.add(
        `show stat: line ${lineNo}: ${label} has ${values.length - header.length} values beyond the header`,
      );
    }

    const ids: [number, number, number] = [NaN, NaN, NaN];
    (["iid", "sid", "type"] as const).forEach((name, i) => {
      const column = columns[name];
      if (column < 0) return;
      const value = values[column];
      if (value !== undefined && INTEGER.test(value)) ids[i] = Number(value);
      else if (value !== undefined) {
        warnings.add(`show stat: line ${lineNo}: ${label} has a garbage ${name}: "${excerpt(value, 20)}"`);
      }
    });
    rows.push(new Row(shape, values, ids));
  }
  if (rows.length === 0) warnings.add("show stat: no data rows");
  return { header, rows, warnings: warnings.done() };
}
