/**
 * The detail view over a table view: every field of the selected row, grouped, live (it follows refreshes),
 * in place of the table. Arrows, pages and the wheel scroll it; `i`, `q` or ESC close it. A row with a trend
 * (the stat rows) gets braille line charts of its sessions/s and requests/s over the refreshes kept, with
 * their max and min, above its fields (in a replay: up to the moment shown); `c` widens one chart to the
 * whole body with its time axis and max/min labelled, then the other, then back to the fields.
 *
 * @module
 */
import { replayKey } from "../model/replay_keys.ts";
import { BOLD, REVERSE } from "../../tui/types.ts";
import { scrollText } from "../widgets/scroll.ts";
import { brailleChart } from "../widgets/braille.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import type { Region } from "../model/layout.ts";
import { screenLayout } from "../model/layout.ts";
import { closeOverlay, replaceOverlay } from "../model/ops.ts";
import type { Overlay, State } from "../model/state.ts";
import { cursorLine, type RowDetail } from "../model/table.ts";
import type { OverlayDef, ViewDef } from "../model/view_def.ts";

/** The detail of the row under the cursor of the view's table, if it is on a row. */
function selectedDetail(s: State, under: ViewDef): RowDetail | undefined {
  const table = under.table;
  const line = table && cursorLine(s, table);
  const row = line && table.rowOf(line);
  return row === undefined ? undefined : table!.detail(row);
}

/** Rows the charts take above the fields: a title line and the chart's lines. */
const CHART_LINES = 4;
/** The charts are drawn when the body has at least this many rows. */
const CHARTS_FROM = 16;

/** How a chart's bound reads: an integer as it is, else one decimal. */
const bound = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** The selected row's charts: a title and the values, oldest first (its trend); none for a row without one. */
function chartsOf(s: State, under: ViewDef): [string, readonly number[]][] {
  const line = under.table && cursorLine(s, under.table);
  const trend = line && s.trends.get(line.key);
  return trend ? [["sessions/s", trend.rate], ["requests/s", trend.req_rate]] : [];
}

/**
 * One chart over the whole body: its title, the max and min at the top and bottom of the value axis, and the
 * time axis (seconds before the moment shown, one value per refresh).
 */
function drawWide(buf: ScreenBuffer, s: State, [title, values]: [string, readonly number[]], body: Region) {
  const labels = 8;
  const width = Math.max(1, buf.width - labels - 2);
  const chart = brailleChart(values, width, Math.max(1, body.height - 3));
  buf.put(2, body.y, `${title} over the last ${values.length} refreshes (c: next chart)`, BOLD);
  chart.lines.forEach((text, k) => buf.put(labels + 1, body.y + 1 + k, text));
  buf.put(0, body.y + 1, bound(chart.max).padStart(labels));
  buf.put(0, body.y + chart.lines.length, bound(chart.min).padStart(labels));
  // The time axis: the newest value is at the right edge; each dot column is one refresh back.
  const seconds = (Math.min(values.length, 2 * width) - 1) * (s.config.intervalMs / 1000);
  const axis = body.y + chart.lines.length + 1;
  buf.put(labels + 1, axis, `-${Math.round(seconds)}s`);
  buf.put(labels + 1 + width - 3, axis, "now");
}

/**
 * The selected row's charts (sessions/s, requests/s from its trend), side by side at the top of the body;
 * returns how many rows they took (0 without a trend or room).
 */
function drawCharts(buf: ScreenBuffer, s: State, under: ViewDef, body: Region): number {
  const charts = chartsOf(s, under);
  if (charts.length === 0 || body.height < CHARTS_FROM) return 0;
  const half = Math.floor(buf.width / 2);
  charts.forEach(([title, values], i) => {
    const x = 2 + i * half;
    const chart = brailleChart(values, Math.max(1, Math.min(half - 14, Math.ceil(values.length / 2))), 3);
    buf.put(x, body.y, `${title}: max ${bound(chart.max)} min ${bound(chart.min)}`, BOLD);
    chart.lines.forEach((text, k) => buf.put(x, body.y + 1 + k, text));
    buf.put(x + chart.lines[0].length + 1, body.y + 1, bound(chart.max));
    buf.put(x + chart.lines[0].length + 1, body.y + 3, bound(chart.min));
  });
  return CHART_LINES + 1;
}

/** The detail view. */
export const detailOverlay: OverlayDef<Extract<Overlay, { kind: "detail" }>> = {
  onKey(s, o, k, under) {
    // A replay moves under the detail view too: its figures (and charts) follow the moment shown.
    const replaying = replayKey(s, k);
    if (replaying) return replaying;
    if (k.name === "escape" || (k.name === "char" && ["i", "q", "Q"].includes(k.text ?? ""))) {
      return [closeOverlay(s, "detail"), []];
    }
    if (k.name === "char" && k.text === "c") {
      const count = chartsOf(s, under).length;
      const next = o.wide === undefined ? 0 : o.wide + 1;
      const wide = next < count ? next : undefined;
      return [
        replaceOverlay(s, { kind: "detail", scroll: o.scroll, ...(wide !== undefined ? { wide } : {}) }),
        [],
      ];
    }
    const length = selectedDetail(s, under)?.lines.length ?? 0;
    const at = scrollText(k, o.scroll, length, screenLayout(s.size).body.height);
    return [at === undefined ? s : replaceOverlay(s, { ...o, scroll: at }), []];
  },
  draw(buf, s, o, { header, body }, under) {
    buf.line(header.y, "");
    for (let i = 0; i < body.height; i++) buf.line(body.y + i, "");
    const detail = selectedDetail(s, under);
    if (!detail) return undefined;
    buf.line(header.y, ` ${detail.title}`, REVERSE | BOLD);
    const hint = "i/ESC=CLOSE ";
    buf.put(buf.width - hint.length, header.y, hint, REVERSE | BOLD);
    const wide = o.wide === undefined ? undefined : chartsOf(s, under)[o.wide];
    if (wide) {
      drawWide(buf, s, wide, body);
      return undefined;
    }
    const top = drawCharts(buf, s, under, body);
    for (let i = 0; i < body.height - top; i++) {
      const text = detail.lines[o.scroll + i];
      if (text === undefined) break;
      buf.line(body.y + top + i, text, text.startsWith(" ") ? 0 : BOLD);
    }
    return undefined;
  },
  hints: () => ({ tail: ["UP/DOWN=SCROLL", "i/ESC=CLOSE"], extra: ["C=CHART"] }),
};
