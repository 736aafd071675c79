/**
 * Rate trends of every row, kept cheaply across refreshes: each refresh adds one column of numbers (a
 * `Float32Array` per rate, indexed by the row's slot: 8 bytes a row and refresh for both rates, 2.4 MB for
 * 30 refreshes of 10k rows; exact for every whole rate below 2^24, as the charts' columns) instead of copying
 * every row's history, and a row's {@linkcode Trend} is only built when it is read (the view reads the
 * visible rows).
 *
 * Tables are immutable: {@linkcode TrendTable.next} returns a new table that shares the older columns.
 * The key-to-slot map is shared too while the rows stay the same (the usual refresh).
 *
 * @example
 * ```ts
 * import { TrendTable } from "./trends.ts";
 *
 * const key = (row: string) => row;
 * const same = (a: string, b: string) => a === b;
 * const one = TrendTable.empty().next(["a", "b"], key, same, [0, 1], [0, 10]);
 * const two = one.next(["a", "b"], key, same, [0, 5], [0, 50]);
 * two.get("b"); // { rate: [1, 5], req_rate: [10, 50] }
 * one.get("b"); // { rate: [1], req_rate: [10] }
 * ```
 *
 * @module
 */
/** Values kept per trend. */
export const TREND_LENGTH = 30;

/** Recent values of a row's rates, oldest first, for the TREND column. */
export interface Trend {
  readonly rate: readonly number[];
  readonly req_rate: readonly number[];
}

/** One refresh's values, by slot. */
interface Column {
  readonly rate: Float32Array;
  readonly reqRate: Float32Array;
  /** How many values each slot's trend holds up to this column (1 for a row new in this refresh). */
  readonly lengths: Uint8Array;
  /** The slot of the same row in the previous column; undefined when every slot kept its place. */
  readonly previous: Int32Array | undefined;
}

/** The rows of one table: their keys in slot order and the slot of each key. */
export interface Slots {
  readonly keys: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

export const NO_SLOTS: Slots = { keys: [], index: new Map() };

/** The slots of rows with these keys, in order (a key seen twice gets the slot of its first). */
export function slotsOf(keys: readonly string[]): Slots {
  const index = new Map<string, number>();
  const unique: string[] = [];
  for (const key of keys) {
    if (index.has(key)) continue;
    index.set(key, unique.length);
    unique.push(key);
  }
  return { keys: unique, index };
}

/** For each slot of `to`, the slot of the same key in `from` (-1 for a key `from` lacks). */
export function slotMap(to: Slots, from: Slots): Int32Array {
  const map = new Int32Array(to.keys.length);
  for (let slot = 0; slot < to.keys.length; slot++) map[slot] = from.index.get(to.keys[slot]) ?? -1;
  return map;
}

/**
 * Trends by row key, as a read-only map (the state's `trends`). Build one with {@linkcode TrendTable.empty}
 * or {@linkcode TrendTable.from}, then {@linkcode TrendTable.next} once per refresh.
 */
export class TrendTable implements ReadonlyMap<string, Trend> {
  readonly #slots: Slots;
  /** At most {@linkcode TREND_LENGTH} columns, oldest first. */
  readonly #columns: readonly Column[];

  /** The rows of the newest column, in the order given to {@linkcode TrendTable.next}. */
  readonly #rows: readonly unknown[];

  private constructor(slots: Slots, columns: readonly Column[], rows: readonly unknown[] = []) {
    this.#slots = slots;
    this.#columns = columns;
    this.#rows = rows;
  }

  /** A table without rows. */
  static empty(): TrendTable {
    return new TrendTable(NO_SLOTS, []);
  }

  /** A table holding the given trends (the last {@linkcode TREND_LENGTH} values of each). */
  static from(trends: ReadonlyMap<string, Trend>): TrendTable {
    if (trends instanceof TrendTable) return trends;
    const keys = [...trends.keys()];
    const all = [...trends.values()].map((t) => ({
      rate: t.rate.slice(-TREND_LENGTH),
      reqRate: t.req_rate.slice(-TREND_LENGTH),
    }));
    const depth = Math.max(0, ...all.map((t) => Math.max(t.rate.length, t.reqRate.length)));
    const columns: Column[] = [];
    for (let c = 0; c < depth; c++) {
      const column = {
        rate: new Float32Array(keys.length),
        reqRate: new Float32Array(keys.length),
        lengths: new Uint8Array(keys.length),
        previous: undefined,
      };
      all.forEach((t, slot) => {
        // Trends end together at the newest column; a shorter one starts later. (Both rates of a trend are
        // pushed together, so they have the same length.)
        const length = Math.max(t.rate.length, t.reqRate.length);
        const at = c - (depth - length);
        if (at < 0) return;
        column.rate[slot] = t.rate[at] ?? 0;
        column.reqRate[slot] = t.reqRate[at] ?? 0;
        column.lengths[slot] = at + 1;
      });
      columns.push(column);
    }
    return new TrendTable({ keys, index: new Map(keys.map((k, slot) => [k, slot])) }, columns);
  }

  /**
   * The table after one more refresh: `rows` are the rows of the new snapshot (a key seen twice counts once,
   * its first values), `rates[i]` and `reqRates[i]` the rates of `rows[i]`. Rows that went away are dropped;
   * new rows start a trend of one value. When the rows are those of the previous refresh (`same` tells, by
   * position), their keys are not built again.
   */
  next<Row>(
    rows: readonly Row[],
    keyOf: (row: Row) => string,
    same: (a: Row, b: Row) => boolean,
    rates: ArrayLike<number>,
    reqRates: ArrayLike<number>,
  ): TrendTable {
    const old = this.#slots;
    const newest = this.#columns[this.#columns.length - 1];
    let slots: Slots = old;
    let previous: Int32Array | undefined;
    const before = this.#rows as readonly Row[];
    let unchanged = before.length === rows.length && old.keys.length === rows.length;
    for (let i = 0; unchanged && i < rows.length; i++) unchanged = same(before[i], rows[i]);
    let keys: readonly string[] = old.keys;
    if (!unchanged) {
      keys = rows.map(keyOf);
      if (!sameKeys(old.keys, keys)) {
        slots = slotsOf(keys);
        previous = slotMap(slots, old);
      }
    }
    const count = slots.keys.length;
    const column = {
      rate: new Float32Array(count),
      reqRate: new Float32Array(count),
      lengths: new Uint8Array(count),
      previous,
    };
    const written = previous === undefined ? undefined : new Uint8Array(count);
    for (let position = 0; position < keys.length; position++) {
      let slot = position;
      if (written !== undefined) {
        slot = slots.index.get(keys[position])!;
        if (written[slot]) continue;
        written[slot] = 1;
      }
      column.rate[slot] = rates[position];
      column.reqRate[slot] = reqRates[position];
      const was = previous === undefined ? slot : previous[slot];
      const length = was >= 0 && newest !== undefined ? newest.lengths[was] : 0;
      column.lengths[slot] = Math.min(length + 1, TREND_LENGTH);
    }
    const columns = this.#columns.length < TREND_LENGTH
      ? [...this.#columns, column]
      : [...this.#columns.slice(1), column];
    return new TrendTable(slots, columns, rows);
  }

  get size(): number {
    return this.#slots.keys.length;
  }

  has(key: string): boolean {
    return this.#slots.index.has(key);
  }

  get(key: string): Trend | undefined {
    const slot = this.#slots.index.get(key);
    return slot === undefined ? undefined : this.#trend(slot);
  }

  #trend(slot: number): Trend {
    const columns = this.#columns;
    const length = columns[columns.length - 1].lengths[slot];
    const rate = new Array<number>(length);
    const reqRate = new Array<number>(length);
    let at = slot;
    for (let i = 0; i < length; i++) {
      const column = columns[columns.length - 1 - i];
      rate[length - 1 - i] = column.rate[at];
      reqRate[length - 1 - i] = column.reqRate[at];
      if (column.previous !== undefined) at = column.previous[at];
    }
    return { rate, req_rate: reqRate };
  }

  forEach(callback: (value: Trend, key: string, map: ReadonlyMap<string, Trend>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }

  *entries(): MapIterator<[string, Trend]> {
    const keys = this.#slots.keys;
    for (let slot = 0; slot < keys.length; slot++) yield [keys[slot], this.#trend(slot)];
  }

  *keys(): MapIterator<string> {
    yield* this.#slots.keys;
  }

  *values(): MapIterator<Trend> {
    for (let slot = 0; slot < this.#slots.keys.length; slot++) yield this.#trend(slot);
  }

  [Symbol.iterator](): MapIterator<[string, Trend]> {
    return this.entries();
  }
}

/** Whether two key lists are the same, in the same order, without repeats in `b` beyond those in `a`. */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
