/**
 * What a new snapshot does to the state: new lines (the cursor follows its service), trends, pending
 * markers cleared, and messages when HAProxy restarted, its configuration changed, a selected service went
 * away (the cursor goes to a row no server action applies to) or its reply had problems.
 *
 * @module
 */
import type { Snapshot, StatRow } from "../../stats/types.ts";
import { infoNumber } from "../../stats/info.ts";
import { type BodyLine, isServerRow, rowKey, sameRowKey } from "../domain/body_lines.ts";
import { NO_ROWS, readNumbers } from "../../stats/csv.ts";
import { closeOverlay, drainingWorker, message } from "./ops.ts";
import { relayout } from "./stat_table.ts";
import type { Message, State } from "./state.ts";
import type { Trend } from "../domain/trends.ts";
import { TrendTable } from "../domain/trends.ts";
import { snapshotRows } from "../../record/format.ts";
import { CHART_FIELDS, ChartHistory } from "../domain/charts.ts";

/** HAProxy's reply had problems (garbage values, a filter that matches nothing): say so when they change. */
function warningMessage(s: State, snapshot: Snapshot): Message | undefined {
  // A draining worker that lists no proxy is said in the body (view_stats.ts), not warned about.
  const w = drainingWorker(s) ? snapshot.warnings.filter((x) => x !== NO_ROWS) : snapshot.warnings;
  if (w.length === 0 || w.join("\n") === s.snapshot?.warnings.join("\n")) return undefined;
  return message(w.length === 1 ? w[0] : `${w[0]} (+${w.length - 1} more)`, "info", s.now);
}

/**
 * A message when HAProxy restarted (new pid) or its configuration changed (counts differ) between two
 * snapshots of the same instance.
 */
export function changeMessage(
  s: State,
  previous: Snapshot | undefined,
  snapshot: Snapshot,
): Message | undefined {
  if (!previous) return undefined;
  const oldPid = infoNumber(previous.info, "Pid");
  const newPid = infoNumber(snapshot.info, "Pid");
  if (oldPid !== undefined && newPid !== undefined && oldPid !== newPid) {
    return message(`HAProxy restarted or reloaded: pid ${oldPid} -> ${newPid}`, "info", s.now);
  }
  if (previous.services !== snapshot.services || previous.proxies.length !== snapshot.proxies.length) {
    const sign = (n: number) => (n >= 0 ? `+${n}` : `${n}`);
    const dp = snapshot.proxies.length - previous.proxies.length;
    const ds = snapshot.services - previous.services;
    return message(`configuration changed: proxies ${sign(dp)}, services ${sign(ds)}`, "info", s.now);
  }
  return undefined;
}

const RATES = ["rate", "req_rate"];

/** The rows of a snapshot that have a trend and charts, proxy by proxy: frontend, servers, backend. */
const trendRows = snapshotRows;

/** Reads a row's fields for the charts. */
export const readChartFields = (row: StatRow, out: Float64Array) => readNumbers(row, CHART_FIELDS, out);

/** Appends each row's rates to its trend (rows that went away are dropped; a non-numeric rate counts 0). */
export function nextTrends(
  old: ReadonlyMap<string, Trend>,
  snapshot: Snapshot,
  rows: readonly StatRow[] = trendRows(snapshot),
): ReadonlyMap<string, Trend> {
  const rates = new Float64Array(rows.length);
  const reqRates = new Float64Array(rows.length);
  const read = new Float64Array(2);
  for (let i = 0; i < rows.length; i++) {
    readNumbers(rows[i], RATES, read);
    rates[i] = Number.isFinite(read[0]) ? read[0] : 0;
    reqRates[i] = Number.isFinite(read[1]) ? read[1] : 0;
  }
  return TrendTable.from(old).next(rows, rowKey, sameRowKey, rates, reqRates);
}

/** The trends and charts after a refresh round at `time` (a replay's: the recording's time). */
function nextPoint(s: State, snapshot: Snapshot, time: number): Pick<State, "trends" | "charts"> {
  const rows = trendRows(snapshot);
  const charts = nextCharts(s.charts ?? ChartHistory.empty(), s, snapshot, time, rows);
  return { trends: nextTrends(s.trends, snapshot, rows), charts };
}

/** `charts` after a refresh round at `time` (epoch ms) that gave this view snapshot. */
export function nextCharts(
  charts: ChartHistory,
  s: State,
  snapshot: Snapshot,
  time: number,
  rows: readonly StatRow[] = trendRows(snapshot),
): ChartHistory {
  return charts.next(rows, rowKey, sameRowKey, readChartFields, time, s.config.intervalMs);
}

/** How a new view snapshot is applied. */
export interface ApplyOptions {
  /** Add a point to the trends (with several instances, once per refresh round). */
  readonly trend: boolean;
  /** When the snapshot was taken (epoch ms; a replay's: the recording's time), for the charts. */
  readonly time: number;
  /** The restart / configuration message, computed per instance by the caller (see changeMessage). */
  readonly change: Message | undefined;
}

/**
 * Applies a view snapshot (one instance's, or the merge of all); `confirmed(key)` is the sequence number of
 * the latest refresh that answered for a row, which clears the row's pending mark when it is the refresh
 * requested after the row's action (or a later one).
 */
export function applySnapshot(
  s: State,
  snapshot: Snapshot,
  confirmed: (key: string) => number,
  opts: ApplyOptions,
): State {
  const old = s.lines[s.scroll.cursor];
  const change = opts.change;
  let next = relayout({
    ...s,
    snapshot,
    ...(opts.trend ? nextPoint(s, snapshot, opts.time) : {}),
    pending: new Map([...s.pending].filter(([key, due]) => due > confirmed(key))),
    message: change ?? warningMessage(s, snapshot) ?? s.message,
  });
  // A draining worker shown with `w` lists no proxies: the selection is not gone, only not shown there.
  if (old?.kind === "row" && next.selectedKey !== old.key && !drainingWorker(next)) {
    // The cursor goes to a row no server action applies to (its proxy's FRONTEND or BACKEND, else the
    // nearest such row), so that a key meant for the service that went away does not act on its neighbour.
    const safe = (l: BodyLine) => l.kind === "row" && !isServerRow(l.row);
    const distance = (l: BodyLine) => Math.abs(next.lines.indexOf(l) - s.scroll.cursor);
    const to = next.lines.find((l) => safe(l) && l.kind === "row" && l.row.pxname === old.row.pxname) ??
      next.lines.filter(safe).sort((a, b) => distance(a) - distance(b))[0];
    const gone = `${old.row.pxname}/${old.row.svname} is gone from HAProxy's stats`;
    next = relayout({
      ...closeOverlay(next, "hotkeys", "detail"),
      selectedKey: to?.key ?? next.selectedKey,
      message: message(change ? `${change.text}; ${gone}` : gone, "error", s.now),
    });
  }
  return next;
}
