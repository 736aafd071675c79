/**
 * Stick tables: `show table` (one header line per table) and `show table <name> [data.<type> <op> <value>]
 * | [key <k>]` (the header, then one line per entry).
 *
 * Header: `# table: <name>, type: <type>, size:<n>, used:<n>` (2.2–3.4 alike). Entry:
 * `0x<addr>: key=<key> use=<n> exp=<ms> [shard=<n>] <data>=<value>…`; `shard` appeared in 3.0, array types
 * print one token per element (`gpt0=0 gpt1=0`), rates carry their period in ms
 * (`http_req_rate(600000)=5`). Keyed on names; the key is everything between `key=` and ` use=`, so string
 * keys may hold spaces.
 *
 * @module
 */
import { numberOrText, replyLines, toNumber } from "./text.ts";

/** One table of `show table`. */
export interface StickTable {
  readonly name: string;
  /** Key type: `ip`, `ipv6`, `integer`, `string`, `binary`. */
  readonly type: string;
  /** Maximum number of entries. */
  readonly size: number;
  /** Entries in use now. */
  readonly used: number;
}

/** One entry of `show table <name>`. */
export interface StickEntry {
  /** The entry's address, `0x…`. */
  readonly id: string;
  readonly key: string;
  /** Streams currently tracking it. */
  readonly use: number;
  /** Milliseconds until it expires. */
  readonly exp: number;
  /** The shard the entry lives in (3.0 and later). */
  readonly shard?: number;
  /** The stored data by name as printed (`gpc0`, `http_req_rate(600000)`), numbers where decimal. */
  readonly data: Readonly<Record<string, string | number>>;
}

const HEADER = /^# table: (.*), type: (\S+), size:(\d+), used:(\d+)\s*$/;

/** Parses one table header line; undefined when it is not one. */
export function parseTableHeader(line: string): StickTable | undefined {
  const m = line.match(HEADER);
  if (!m) return undefined;
  return { name: m[1], type: m[2], size: Number(m[3]), used: Number(m[4]) };
}

/** Parses `show table`: every table header of the reply. */
export function parseTables(text: string): StickTable[] {
  return replyLines(text).map(parseTableHeader).filter((t): t is StickTable => t !== undefined);
}

const ENTRY = /^(0x[0-9a-fA-F]+): key=(.*?) use=(\d+) exp=(\d+)(.*)$/;

/** Parses one entry line; undefined when it is not one. */
export function parseTableEntry(line: string): StickEntry | undefined {
  const m = line.match(ENTRY);
  if (!m) return undefined;
  const data: Record<string, string | number> = {};
  let shard: number | undefined;
  for (const token of m[5].trim().split(/\s+/)) {
    const eq = token.lastIndexOf("=");
    if (eq <= 0) continue;
    const name = token.slice(0, eq);
    const value = token.slice(eq + 1);
    if (name === "shard") shard = toNumber(value);
    else data[name] = numberOrText(value);
  }
  return {
    id: m[1],
    key: m[2],
    use: Number(m[3]),
    exp: Number(m[4]),
    ...(shard === undefined ? {} : { shard }),
    data,
  };
}

/** A table's contents: its header (undefined when the reply had none) and its entries. */
export interface TableDump {
  readonly table?: StickTable;
  readonly entries: readonly StickEntry[];
}

/** Parses `show table <name> …`: the header and the entries that follow it. */
export function parseTableDump(text: string): TableDump {
  const lines = replyLines(text);
  const table = lines.map(parseTableHeader).find((t) => t !== undefined);
  const entries = lines.map(parseTableEntry).filter((e): e is StickEntry => e !== undefined);
  return { table, entries };
}

/**
 * A data value by type name, with or without the period: `dataValue(e, "http_req_rate")` finds
 * `http_req_rate(600000)`. Undefined when the table does not store it.
 */
export function dataValue(entry: StickEntry, type: string): string | number | undefined {
  if (type in entry.data) return entry.data[type];
  const name = Object.keys(entry.data).find((k) => k.startsWith(`${type}(`) && k.endsWith(")"));
  return name === undefined ? undefined : entry.data[name];
}

/** The comparison operators of HAProxy's `data.<type> <op> <value>` filter. */
export const FILTER_OPERATORS = ["eq", "ne", "lt", "le", "gt", "ge"] as const;
/** One operator of {@linkcode FILTER_OPERATORS}. */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/**
 * The `show table` command for `name` with an optional data filter (HAProxy filters on its side) or key;
 * throws on a name or key holding whitespace or an unknown operator, which HAProxy would misread.
 */
export function showTableCommand(
  name: string,
  filter?: { type: string; op: FilterOperator; value: number } | { key: string },
): string {
  const word = (w: string, what: string) => {
    if (w === "" || /\s/.test(w)) throw new Error(`${what} must be one word: "${w}"`);
    return w;
  };
  const base = `show table ${word(name, "table name")}`;
  if (!filter) return base;
  if ("key" in filter) return `${base} key ${word(filter.key, "key")}`;
  if (!FILTER_OPERATORS.includes(filter.op)) throw new Error(`unknown operator: ${filter.op}`);
  if (!Number.isInteger(filter.value)) throw new Error(`the value must be an integer: ${filter.value}`);
  return `${base} data.${word(filter.type, "data type")} ${filter.op} ${filter.value}`;
}

/** A data filter as HAProxy takes it after `show table <name>`. */
export interface DataFilter {
  readonly type: string;
  readonly op: FilterOperator;
  readonly value: number;
}

/**
 * Reads a filter typed as HAProxy's own, `data.<type> <op> <value>` (e.g. `data.http_req_rate gt 10`);
 * undefined for any other text (a plain text filters on hatop's side).
 */
export function parseDataFilter(text: string): DataFilter | undefined {
  const m = text.trim().match(/^data\.([A-Za-z0-9_]+)\s+(eq|ne|lt|le|gt|ge)\s+(-?\d+)$/);
  if (!m) return undefined;
  return { type: m[1], op: m[2] as FilterOperator, value: Number(m[3]) };
}

/**
 * `clear table <name> key <key>`; throws on a name or key holding whitespace (HAProxy would read only the
 * key's first word, and could clear another entry).
 */
export function clearTableCommand(name: string, key: string): string {
  for (const [what, w] of [["table name", name], ["key", key]]) {
    if (w === "" || /\s/.test(w)) throw new Error(`the ${what} must be one word: "${w}"`);
  }
  return `clear table ${name} key ${key}`;
}
