/**
 * The detail view's charts of the selected row (domain/charts.ts: its rates over the last ten minutes, live
 * or up to the moment a replay shows): which of them the row has, drawn as braille line charts in two
 * columns above its fields, or one of them over the whole body with its time axis and max/min labelled.
 *
 * @module
 */
import { BOLD } from "../../tui/types.ts";
import { brailleChart } from "../widgets/braille.ts";
import { humanMetric } from "../../stats/format.ts";
import { CHART_FIELDS, CHART_SERIES } from "../domain/charts.ts";
import { readChartFields } from "../model/apply_snapshot.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import type { StatRow } from "../../stats/types.ts";
import type { Region } from "../model/layout.ts";
import type { State } from "../model/state.ts";
import { cursorLine } from "../model/table.ts";
import type { ViewDef } from "../model/view_def.ts";

/** One chart of the row: its title, its values (oldest first, one per point) and how long a point lasts. */
export interface RowChart {
  readonly title: string;
  readonly values: readonly number[];
  readonly pointMs: number;
}

/** Rows one chart takes: its title and three lines of braille. */
const CHART_ROWS = 4;
/** The fields keep at least this many rows of the body under the charts. */
const FIELD_ROWS = 8;

/** How a value reads: an integer as it is, else one decimal; from 10,000 on with a metric suffix. */
export function chartValue(v: number): string {
  if (!Number.isFinite(v)) return "-";
  if (Math.abs(v) >= 10_000) return humanMetric(Math.round(v), 5);
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** A span of time as the time axis reads it: seconds up to two minutes, else minutes. */
function spanText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s}s` : `${Math.round(s / 60)}m`;
}

/**
 * The charts of the row under the cursor of the view's table, those with any value (a TCP proxy has no
 * requests/s, a frontend no queue); none for a row without a history (a runtime view's).
 */
export function rowCharts(s: State, under: ViewDef): RowChart[] {
  const table = under.table;
  const line = table && cursorLine(s, table);
  if (!line || !s.charts?.has(line.key)) return [];
  // The point being filled is drawn from the row's counters now (the stats views' rows are StatRows).
  const row = table.rowOf(line) as StatRow;
  const current = new Float64Array(CHART_FIELDS.length);
  readChartFields(row, current);
  const charts = s.charts.of(line.key, current);
  if (!charts) return [];
  return CHART_SERIES.flatMap((c, i) => {
    const values = charts.series[i];
    return values.some(Number.isFinite) ? [{ title: c.title, values, pointMs: charts.pointMs }] : [];
  });
}

/** The newest of `values` that is a number. */
function newest(values: readonly number[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
  return NaN;
}

/**
 * The charts in two columns at the top of the body, as many pairs as leave the fields {@linkcode FIELD_ROWS}
 * rows; returns how many rows they took (0 without charts or room).
 */
export function drawCharts(buf: ScreenBuffer, charts: readonly RowChart[], body: Region): number {
  const pairs = Math.min(Math.ceil(charts.length / 2), Math.floor((body.height - FIELD_ROWS) / CHART_ROWS));
  if (pairs <= 0) return 0;
  const half = Math.floor(buf.width / 2);
  charts.slice(0, 2 * pairs).forEach(({ title, values }, i) => {
    const x = 2 + (i % 2) * half;
    const y = body.y + Math.floor(i / 2) * CHART_ROWS;
    const chart = brailleChart(values, Math.max(1, Math.min(half - 14, Math.ceil(values.length / 2))), 3);
    const head = `${title}: max ${chartValue(chart.max)} min ${chartValue(chart.min)} now ${
      chartValue(newest(values))
    }`;
    buf.put(x, y, head.slice(0, half - 2), BOLD);
    chart.lines.forEach((text, k) => buf.put(x, y + 1 + k, text));
    buf.put(x + chart.lines[0].length + 1, y + 1, chartValue(chart.max));
    buf.put(x + chart.lines[0].length + 1, y + 3, chartValue(chart.min));
  });
  return pairs * CHART_ROWS + 1;
}

/**
 * One chart over the whole body: its title, the max and min at the top and bottom of the value axis, and the
 * time axis under it (how long before the newest point the oldest shown began, to "now"); each point is drawn
 * as wide as the width allows, so that the span fills the chart.
 */
export function drawWide(buf: ScreenBuffer, { title, values, pointMs }: RowChart, body: Region): void {
  const labels = 8;
  const width = Math.max(1, buf.width - labels - 2);
  const shown = values.slice(-2 * width);
  const per = Math.max(1, Math.floor((2 * width) / Math.max(1, shown.length)));
  const dots = shown.flatMap((v) => Array<number>(per).fill(v));
  const chart = brailleChart(dots, width, Math.max(1, body.height - 3));
  const span = spanText(shown.length * pointMs);
  buf.put(
    2,
    body.y,
    `${title} over the last ${span}, a point every ${spanText(pointMs)} (c: next chart)`,
    BOLD,
  );
  chart.lines.forEach((text, k) => buf.put(labels + 1, body.y + 1 + k, text));
  buf.put(0, body.y + 1, chartValue(chart.max).padStart(labels));
  buf.put(0, body.y + chart.lines.length, chartValue(chart.min).padStart(labels));
  // The time axis: the newest point ends at the right edge; the oldest shown begins `span` before it.
  const axis = body.y + chart.lines.length + 1;
  const left = labels + 1 + width - Math.ceil(dots.length / 2);
  buf.put(left, axis, `-${span}`);
  buf.put(labels + 1 + width - 3, axis, "now");
}
