/**
 * The charts' history: counters become their increase per second over each point, gauges their value at its
 * end; a point closes at the first refresh after it, and refreshes inside it read nothing; a counter that
 * went back leaves a gap; rows keep their series by key when others come and go; the memory is bounded.
 *
 * @module
 */
import { assert, assertEquals } from "../../support/assert.ts";
import {
  CHART_BUDGET,
  CHART_FIELDS,
  CHART_POINTS,
  CHART_SPAN_MS,
  ChartHistory,
  chartPointMs,
} from "../../../src/app/domain/charts.ts";

/** A row: its key and its values of the chart fields (stot, req_tot, bin, bout, 4xx, 5xx, qcur, rtime). */
interface Row {
  readonly key: string;
  readonly v: readonly number[];
}
const key = (r: Row) => r.key;
const same = (a: Row, b: Row) => a.key === b.key;
let reads = 0;
const read = (r: Row, out: Float64Array) => {
  reads++;
  out.set(r.v);
};
/** A row with `stot` sessions in all and `qcur` queued, the other fields growing with stot. */
const row = (k: string, stot: number, qcur = 0): Row => ({
  key: k,
  v: [stot, 2 * stot, 100 * stot, 0, 0, 0, qcur, 0],
});

/** The history after refreshes at 1 s intervals from t = 1000 s; `rows(i)` the rows of refresh i. */
function history(n: number, rows: (i: number) => Row[], from = ChartHistory.empty(), t0 = 1_000_000) {
  let h = from;
  for (let i = 0; i < n; i++) h = h.next(rows(i), key, same, read, t0 + 1000 * i, 1000);
  return h;
}

Deno.test("charts: a counter's increase per second over each 5 s point, a gauge's value at its end", () => {
  assertEquals(chartPointMs(1, 1000), 5000);
  // 3 sessions a second for 10 s, then none; the queue is 4 at the end of the second point.
  const h = history(16, (i) => [row("a", 3 * Math.min(i, 10), i === 10 ? 4 : 0)]);
  const a = h.of("a")!;
  assertEquals(a.pointMs, 5000);
  assertEquals(a.series[0], [3, 3, 0], "sessions/s");
  assertEquals(a.series[1], [6, 6, 0], "requests/s");
  assertEquals(a.series[2], [300, 300, 0], "bytes in/s");
  assertEquals(a.series[6], [0, 4, 0], "queue");
  assertEquals(CHART_FIELDS.slice(0, 2), ["stot", "req_tot"]);
});

Deno.test("charts: the point being filled is drawn from the row's counters now", () => {
  const h = history(8, (i) => [row("a", 2 * i)]); // points close at 1000 s, 1005 s; now 1007 s
  const now = new Float64Array(row("a", 14).v);
  assertEquals(h.of("a", now)!.series[0], [2, 2], "the closed point, then 4 sessions in the 2 s since");
  assertEquals(h.of("a")!.series[0], [2], "without the counters now: only closed points");
});

Deno.test("charts: refreshes inside a point read no row; the first one after it reads each row once", () => {
  const rows = [row("a", 1), row("b", 2)];
  const h = history(5, () => rows); // 1000 s .. 1004 s: one point, opened at the first refresh
  reads = 0;
  const same5 = h.next(rows, key, same, read, 1_004_500, 1000);
  assertEquals(reads, 0);
  same5.next(rows, key, same, read, 1_005_000, 1000);
  assertEquals(reads, 2);
});

Deno.test("charts: a counter that went back (HAProxy restarted) leaves a gap, then goes on", () => {
  const stot = [0, 5, 10, 15, 20, 25, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const h = history(stot.length, (i) => [row("a", stot[i])]);
  const s = h.of("a")!.series[0];
  assertEquals(s.length, 3);
  assert(Number.isNaN(s[1]), `the point with the restart has no rate: ${s}`);
  assertEquals([s[0], s[2]], [5, 1]);
});

Deno.test("charts: a row keeps its series when others come and go; a new row starts with a gap", () => {
  const rows = (i: number) => i < 7 ? [row("a", i), row("b", 10 * i)] : [row("c", i), row("b", 10 * i)];
  const h = history(16, rows);
  assertEquals(h.of("b")!.series[0], [10, 10, 10]);
  assertEquals(h.of("a"), undefined, "a row that went away");
  const c = h.of("c")!.series[0];
  assert(Number.isNaN(c[0]) && c[1] === 1, `c: ${c}`);
});

Deno.test("charts: ten minutes of points at most, fewer and longer ones with many rows, in a bounded budget", () => {
  const h = history(700, () => [row("a", 0)], ChartHistory.empty(), 0);
  assertEquals(h.of("a")!.series[0].length, CHART_SPAN_MS / 5000);
  for (const rows of [1, 1000, 10_000, 50_000, 200_000]) {
    const ms = chartPointMs(rows, 1000);
    const points = Math.ceil(CHART_SPAN_MS / ms);
    assert(points <= CHART_POINTS && points >= 10, `${rows}: ${points}`);
    if (rows <= 10_000) assert(points * rows * 8 <= CHART_BUDGET, `${rows} rows: ${points} points`);
  }
  assertEquals(chartPointMs(1000, 10_000), 10_000, "never shorter than a refresh");
});

Deno.test("charts: a time before the point being filled (a replay moved back) starts over", () => {
  const h = history(12, (i) => [row("a", i)]);
  const back = h.next([row("a", 3)], key, same, read, 1_002_000, 1000);
  assertEquals(back.of("a")!.series[0], []);
  assertEquals(back.latest, 1_002_000);
});
