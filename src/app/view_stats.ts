/**
 * The stat table of modes 1-4: column header (with the sort mark), rows with coloured status cells, pending
 * markers and trend sparklines. Only the visible rows are formatted.
 *
 * @module
 */
import { workerAge } from "../haproxy/master.ts";
import type { ScreenBuffer } from "../tui/buffer.ts";
import { BOLD, DIM, FG, REVERSE, type Style, style } from "../tui/types.ts";
import { type Column, STAT_MODES } from "../stats/columns.ts";
import { columnWidths, renderHeader, renderRow, visibleColumns } from "../stats/layout.ts";
import { classifyStatus, type StatusClass } from "../stats/status.ts";
import { AggregateRow } from "../stats/fleet.ts";
import { isConnected } from "./instances.ts";
import { drainingWorker } from "./state_ops.ts";
import type { StatRow } from "../stats/types.ts";
import { BODY_TOP, bodyHeight, HEADER_ROW } from "./geometry.ts";
import { sparkline } from "./sparkline.ts";
import type { State, Trend } from "./state.ts";

/** The colour (or, without colour, the emphasis) of a status class. */
export function statusStyle(c: StatusClass, color: boolean): Style {
  if (!color) return c === "down" || c === "transitional" ? BOLD : 0;
  switch (c) {
    case "up":
    case "open":
      return style(0, FG.green);
    case "down":
    case "stopped":
      return style(BOLD, FG.red);
    case "maint":
      return style(0, FG.magenta);
    case "drain":
    case "nolb":
      return style(0, FG.yellow);
    case "transitional":
      return style(BOLD, FG.cyan);
    default:
      return 0;
  }
}

/** The mode's columns at this width, the sorted one marked `^` (ascending) or `v` (descending). */
export function tableColumns(s: State, width: number): readonly Column[] {
  const columns = visibleColumns(STAT_MODES[s.mode - 1].columns, width);
  if (!s.sort) return columns;
  const mark = s.sort.reverse ? "v" : "^";
  return columns.map((c) =>
    c.field === s.sort!.field && c.format !== "trend" ? { ...c, header: c.header + mark } : c
  );
}

/**
 * Why a snapshot has no rows. An old worker of a master CLI that is draining may list no proxy at all (HAProxy
 * 2.2 leaves its stopped proxies out of `show stat`); that is said, not shown as missing data.
 */
function emptyReason(s: State): string {
  const old = drainingWorker(s);
  if (old) return `worker ${old.pid} is draining (${workerAge(old)}) and lists no proxies: they are stopped`;
  return "no stat data available";
}

/** Draws the column header and the visible rows. */
export function drawStats(buf: ScreenBuffer, s: State) {
  const columns = tableColumns(s, buf.width);
  const widths = columnWidths(columns, buf.width);
  buf.line(HEADER_ROW, renderHeader(columns, widths), REVERSE | BOLD);
  const xs = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b + 1, 0));
  const statusIndex = columns.findIndex((c) => c.format === "status");
  const trendIndex = columns.findIndex((c) => c.format === "trend");
  const stale = isConnected(s) ? 0 : DIM;
  if (s.lines.length === 0) {
    const text = s.filterError ??
      (s.filter ? `nothing matches "${s.filter}"` : s.snapshot ? emptyReason(s) : "waiting for HAProxy...");
    buf.put(2, BODY_TOP, text);
  }
  const visible = bodyHeight(s.size);
  for (let i = 0; i < visible; i++) {
    const index = s.scroll.top + i;
    const line = s.lines[index];
    if (!line) break;
    const y = BODY_TOP + i;
    const sel = index === s.scroll.cursor ? REVERSE : 0;
    if (line.kind === "blank") buf.line(y, "", sel);
    else if (line.kind === "proxy") buf.line(y, `>>> ${line.name}`, BOLD | sel | stale);
    else {
      buf.line(y, renderRow(columns, widths, line.row), sel | stale);
      if (statusIndex >= 0) {
        drawStatus(
          buf,
          s,
          line.row,
          line.key,
          xs[statusIndex],
          y,
          widths[statusIndex],
          sel | stale,
        );
      }
      if (trendIndex >= 0) {
        const trend = s.trends.get(line.key);
        drawTrend(
          buf,
          trend,
          columns[trendIndex].field,
          xs[trendIndex],
          y,
          widths[trendIndex],
          sel | stale,
          s.config.color,
        );
      }
    }
  }
}

function drawStatus(
  buf: ScreenBuffer,
  s: State,
  row: StatRow,
  key: string,
  x: number,
  y: number,
  width: number,
  base: Style,
) {
  if (s.pending.has(key)) {
    buf.put(
      x,
      y,
      "updating".slice(0, width).padEnd(width),
      base | (s.config.color ? style(0, FG.yellow) : BOLD),
    );
    return;
  }
  const st = statusStyle(
    row instanceof AggregateRow ? row.statusClass : classifyStatus(row.get("status") ?? ""),
    s.config.color,
  );
  if (st === 0) return;
  for (let i = 0; i < width; i++) buf.put(x + i, y, buf.char(x + i, y), base | st);
}

function drawTrend(
  buf: ScreenBuffer,
  trend: Trend | undefined,
  field: string,
  x: number,
  y: number,
  width: number,
  base: Style,
  color: boolean,
) {
  const values = field === "req_rate" ? trend?.req_rate : trend?.rate;
  if (!values || values.length === 0) return;
  buf.put(x, y, sparkline(values, width), base | (color ? style(0, FG.cyan) : 0));
}
