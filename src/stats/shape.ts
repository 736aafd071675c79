/**
 * The shape of a `show stat` table: what every row of one reply shares (the header's name-to-column map, the
 * fields found while each record is scanned, the values kept for them in one typed array per table, and
 * the columns of the field lists rows are asked for). stat_row.ts' rows read through it.
 *
 * @module
 */
/** The marker column HAProxy 2.3+ prints between the fixed fields and the module counters. */
const MARKER = "-";

/** The columns every row reads while parsing, in this order; -1 when the header lacks one. */
export const KEY_FIELDS = ["pxname", "svname", "iid", "sid", "type"] as const;

/**
 * Numeric columns read while the record is scanned anyway, so that {@linkcode readNumbers} answers them
 * without a second pass (the trends read every row's rates on every refresh).
 */
export const PRE_READ = ["rate", "req_rate"] as const;

/**
 * The fields a row's state is told by, which src/record/events.ts compares between two refreshes of every
 * row: where their values are is kept while the record is scanned anyway, so that readRanges answers a list
 * of them without a second pass over the record (as readNumbers answers {@linkcode PRE_READ}).
 */
export const STATE_FIELDS: readonly string[] = [
  "status",
  "check_status",
  "check_code",
  "weight",
  "act",
  "bck",
  "stot",
];

/**
 * The columns found while scanning a record: {@linkcode KEY_FIELDS}, {@linkcode PRE_READ}, then
 * {@linkcode STATE_FIELDS}.
 */
export const SCANNED = [...KEY_FIELDS, ...PRE_READ, ...STATE_FIELDS];

/** Where {@linkcode STATE_FIELDS} start in {@linkcode SCANNED}. */
export const STATE_SLOT = KEY_FIELDS.length + PRE_READ.length;

/**
 * The columns of fields asked for by readNumbers or readRanges (-1 for a field the header lacks), whether
 * every field is one of {@linkcode PRE_READ} and in the header, each field's index in {@linkcode PRE_READ},
 * whether every field is one of {@linkcode STATE_FIELDS} (whose places were kept: -1 for one the header
 * lacks), each field's index in it, and for a scan each column's slot (-1: not asked for) up to the last one
 * asked for.
 */
export type Wanted = Int32Array & {
  readonly preRead: boolean;
  readonly pre: Int8Array;
  readonly stateKept: boolean;
  readonly state: Int8Array;
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
  /**
   * Where each row's {@linkcode STATE_FIELDS} values start in its record's text (-1: missing), one per field
   * and row, at the row's place in `pre`; each ends at the next comma or the record's end.
   */
  readonly state: { from: Int32Array };
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
    state: { from: new Int32Array(STATE_FIELDS.length * 256) },
  };
}

/**
 * The columns of `fields`, cached per shape for the last few fields lists. Called for every row a refresh
 * reads, so it holds no closure: V8 would allocate the variables a closure captures on every call.
 */
export function columnsOf(shape: Shape, fields: readonly string[]): Wanted {
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
  const state = new Int8Array(fields.length);
  let preRead = true;
  let stateKept = true;
  let last = -1;
  fields.forEach((field, i) => {
    columns[i] = shape.index.get(field) ?? -1;
    pre[i] = (PRE_READ as readonly string[]).indexOf(field);
    if (pre[i] < 0 || columns[i] < 0) preRead = false;
    state[i] = STATE_FIELDS.indexOf(field);
    if (state[i] < 0) stateKept = false;
    last = Math.max(last, columns[i]);
  });
  const slotOf = new Int8Array(last + 1).fill(-1);
  // A field asked for twice reads into its first slot; readRanges copies it to the others.
  for (let i = fields.length - 1; i >= 0; i--) if (columns[i] >= 0) slotOf[columns[i]] = i;
  return Object.assign(columns, { preRead, pre, stateKept, state, slotOf, last });
}
