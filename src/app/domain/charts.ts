/**
 * The history the detail view's charts draw: for every row, eight rates over the last ten minutes, one point
 * per few seconds (sessions/s, requests/s, bytes in/s and out/s and 4xx/s and 5xx/s from the differences of
 * HAProxy's counters over the point; the queue and the response time as they are at its end).
 *
 * It costs almost nothing per refresh: a snapshot inside the point being filled is not read at all; the
 * first snapshot of the next point reads every row's eight fields once and closes the point. Points are
 * `Float32Array` columns of all rows (as {@linkcode TrendTable}'s), shared by every later history, so a
 * history is immutable. Memory is bounded: with many rows a point spans more time (see
 * {@linkcode chartPointMs}), never more than {@linkcode CHART_BUDGET} values in all.
 *
 * @module
 */
import { sameKeys, slotMap, type Slots, slotsOf } from "./trends.ts";

/** What a chart shows of a row, and the `show stat` field it comes from. */
export interface ChartSeries {
  readonly title: string;
  readonly field: string;
  /** A counter (the chart shows its increase per second), or a gauge (its value). */
  readonly counter: boolean;
}

/** The charts, in the order the detail view draws them. */
export const CHART_SERIES: readonly ChartSeries[] = [
  { title: "sessions/s", field: "stot", counter: true },
  { title: "requests/s", field: "req_tot", counter: true },
  { title: "bytes in/s", field: "bin", counter: true },
  { title: "bytes out/s", field: "bout", counter: true },
  { title: "4xx/s", field: "hrsp_4xx", counter: true },
  { title: "5xx/s", field: "hrsp_5xx", counter: true },
  { title: "queue", field: "qcur", counter: false },
  { title: "response time ms", field: "rtime", counter: false },
];

/** The fields read, in {@linkcode CHART_SERIES} order. */
export const CHART_FIELDS: readonly string[] = CHART_SERIES.map((c) => c.field);
const N = CHART_SERIES.length;

/** The time the charts cover (ms), and the points they hold at most. */
export const CHART_SPAN_MS = 600_000;
export const CHART_POINTS = 120;
/** The most values all points together hold (4 bytes each). */
export const CHART_BUDGET = 1_500_000;

/**
 * How long one point lasts with `rows` rows refreshed every `intervalMs`: the span over the points the
 * budget allows (120 up to ~1,500 rows, then halved as often as needed, at least 10), never less than a
 * refresh.
 */
export function chartPointMs(rows: number, intervalMs: number): number {
  let points = CHART_POINTS;
  while (points > 10 && points * Math.max(1, rows) * N > CHART_BUDGET) points = Math.max(10, points >> 1);
  return Math.max(intervalMs, Math.ceil(CHART_SPAN_MS / points));
}

/** One closed point of every row. */
interface Point {
  /** When the point began and ended (the times of the snapshots that opened and closed it, epoch ms). */
  readonly start: number;
  readonly end: number;
  readonly slots: Slots;
  /** `N` values per slot (NaN: unknown, e.g. the row is new or a counter went back). */
  readonly values: Float32Array;
  /** The slot of the same row in the point before; undefined when the slots are the same. */
  readonly previous: Int32Array | undefined;
}

/** The point being filled: when it began, and every row's fields then. */
interface Open {
  readonly bucket: number;
  readonly time: number;
  readonly slots: Slots;
  readonly rows: readonly unknown[];
  readonly start: Float64Array;
}

/** A row's charts: one list of values per series (oldest first), and how long one point lasts. */
export interface RowCharts {
  readonly pointMs: number;
  readonly series: readonly (readonly number[])[];
}

/** Reads a row's {@linkcode CHART_FIELDS} into `out` (NaN where a field is missing). */
export type ReadFields<Row> = (row: Row, out: Float64Array) => void;

/** The charts' history; {@linkcode ChartHistory.next} once per refresh, {@linkcode ChartHistory.of} to draw. */
export class ChartHistory {
  readonly #pointMs: number;
  readonly #open: Open | undefined;
  readonly #points: readonly Point[];
  /** The time of the latest refresh (epoch ms). */
  readonly latest: number;

  private constructor(pointMs: number, open: Open | undefined, points: readonly Point[], latest: number) {
    this.#pointMs = pointMs;
    this.#open = open;
    this.#points = points;
    this.latest = latest;
  }

  /** A history of nothing. */
  static empty(): ChartHistory {
    return new ChartHistory(0, undefined, [], NaN);
  }

  /**
   * The history after a refresh at `time` (epoch ms) of `rows` (`same` tells by position whether the rows
   * are those of the refresh that opened the point). A time before the point being filled starts over.
   */
  next<Row>(
    rows: readonly Row[],
    keyOf: (row: Row) => string,
    same: (a: Row, b: Row) => boolean,
    read: ReadFields<Row>,
    time: number,
    intervalMs: number,
  ): ChartHistory {
    const pointMs = chartPointMs(rows.length, intervalMs);
    const open = this.#open;
    const bucket = Math.floor(time / pointMs);
    if (open && pointMs === this.#pointMs && bucket === open.bucket && time >= open.time) {
      return new ChartHistory(pointMs, open, this.#points, time);
    }
    const unchanged = open !== undefined && open.rows.length === rows.length &&
      open.slots.keys.length === rows.length && rows.every((row, i) => same(open.rows[i] as Row, row));
    const keys = unchanged ? open.slots.keys : rows.map(keyOf);
    const slots = unchanged || (open && sameKeys(open.slots.keys, keys)) ? open!.slots : slotsOf(keys);
    const now = new Float64Array(slots.keys.length * N);
    const one = new Float64Array(N);
    const written = new Uint8Array(slots.keys.length);
    for (let i = 0; i < rows.length; i++) {
      const slot = unchanged ? i : slots.index.get(keys[i])!;
      if (written[slot]) continue;
      written[slot] = 1;
      read(rows[i], one);
      now.set(one, slot * N);
    }
    const opened: Open = { bucket, time, slots, rows, start: now };
    if (!open || pointMs !== this.#pointMs || time < open.time) {
      return new ChartHistory(pointMs, opened, [], time);
    }
    const previous = slots === open.slots ? undefined : slotMap(slots, open.slots);
    const values = closePoint(open.start, now, previous, (time - open.time) / 1000);
    const point: Point = { start: open.time, end: time, slots, values, previous };
    const kept = Math.ceil(CHART_SPAN_MS / pointMs);
    const points = this.#points.length < kept ? [...this.#points, point] : [...this.#points.slice(1), point];
    return new ChartHistory(pointMs, opened, points, time);
  }

  /** Whether the history knows the row `key` (a stat row's key seen at the latest point). */
  has(key: string): boolean {
    return this.#open?.slots.index.has(key) ?? false;
  }

  /**
   * The charts of the row `key`: its closed points, then (when `current` holds its fields at the latest
   * refresh, after the point being filled began) that point so far. Undefined for a row the history does not
   * know.
   */
  of(key: string, current?: Float64Array): RowCharts | undefined {
    const time = this.latest;
    const series: number[][] = CHART_SERIES.map(() => []);
    let slot = this.#points.at(-1)?.slots.index.get(key);
    for (let p = this.#points.length - 1; slot !== undefined && slot >= 0 && p >= 0; p--) {
      const point = this.#points[p];
      for (let c = 0; c < N; c++) series[c].push(point.values[slot * N + c]);
      slot = point.previous === undefined ? slot : point.previous[slot];
    }
    series.forEach((values) => values.reverse());
    const open = this.#open;
    const at = open?.slots.index.get(key);
    if (open && at !== undefined && current && time > open.time) {
      const start = open.start.subarray(at * N, at * N + N);
      const values = closePoint(start, current, undefined, (time - open.time) / 1000);
      values.forEach((v, c) => series[c].push(v));
    }
    if (series[0].length === 0 && at === undefined) return undefined;
    return { pointMs: this.#pointMs, series };
  }
}

/**
 * The values of a point that began with the fields `start` and ends with the fields `now` (`previous`: the
 * slot in `start` of each slot of `now`, when they differ), `seconds` long.
 */
function closePoint(
  start: Float64Array,
  now: Float64Array,
  previous: Int32Array | undefined,
  seconds: number,
) {
  const count = now.length / N;
  const values = new Float32Array(count * N);
  for (let slot = 0; slot < count; slot++) {
    const was = previous === undefined ? slot : previous[slot];
    for (let c = 0; c < N; c++) {
      const v = now[slot * N + c];
      if (!CHART_SERIES[c].counter) {
        values[slot * N + c] = v;
        continue;
      }
      const before = was < 0 ? NaN : start[was * N + c];
      // A counter that went back (HAProxy restarted, or a `clear counters`) has no rate for this point.
      values[slot * N + c] = v >= before && seconds > 0 ? (v - before) / seconds : NaN;
    }
  }
  return values;
}
