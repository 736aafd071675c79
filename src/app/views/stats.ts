/**
 * The stat tables (modes 1-4): keys (moving, the hotkey menu and F-keys, SPACE, and our own `/` filter,
 * `s`/`S` sort, `i` detail view, `a` actions menu, `g`/`w` for several sockets and master CLI workers, the
 * mouse) and drawing: the column header with the sort mark, rows with coloured status cells, pending markers
 * and trend sparklines. Only the visible rows are formatted.
 *
 * @module
 */
import { workerAge } from "../../haproxy/master.ts";
import type { Key } from "../../tui/types.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, DIM, FG, REVERSE, type Style, style } from "../../tui/types.ts";
import { type Column, STAT_MODES } from "../../stats/columns.ts";
import { columnWidths, renderHeader, renderRow, visibleColumns } from "../../stats/layout.ts";
import { classifyStatus, type StatusClass } from "../../stats/status.ts";
import { AggregateRow } from "../../stats/fleet.ts";
import type { StatRow } from "../../stats/types.ts";
import { isHotkey } from "../domain/hotkeys.ts";
import type { Trend } from "../domain/trends.ts";
import { isServerRow } from "../domain/body_lines.ts";
import { moveScroll, scrollEnd, scrollHome, wheel, WHEEL_LINES } from "../widgets/scroll.ts";
import { sparkline } from "../widgets/sparkline.ts";
import { cycleWorker, isConnected, toggleGrouping } from "../model/instances.ts";
import { type Region, screenLayout } from "../model/layout.ts";
import { drainingWorker, relayout, say, selectedLine, type Step, withScroll } from "../model/ops.ts";
import { hotkey, openActions, pasteIntoCli, READ_ONLY, selectedServer } from "../model/server_actions.ts";
import type { State } from "../model/state.ts";
import type { Hints } from "../model/view_def.ts";

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

/** Handles a key in a stat mode. */
export function statKey(s: State, k: Key): Step {
  const visible = screenLayout(s.size).body.height;
  const n = s.lines.length;
  const move = (d: number): Step => [withScroll(s, moveScroll(s.scroll, d, n, visible)), []];
  switch (k.name) {
    case "up":
      return move(-1);
    case "down":
      return move(1);
    case "pageup":
      return move(-10);
    case "pagedown":
      return move(10);
    case "home":
      return [withScroll(s, scrollHome()), []];
    case "end":
      return [withScroll(s, scrollEnd(n, visible)), []];
    case "ctrl":
      if (k.text === "a") return [withScroll(s, scrollHome()), []];
      if (k.text === "e") return [withScroll(s, scrollEnd(n, visible)), []];
      return [s, []];
    case "enter":
      if (!selectedServer(s)) return [s, []];
      return [s.config.readOnly ? say(s, READ_ONLY) : { ...s, menu: true }, []];
    case "mouse":
      return mouse(s, k);
    case "char":
      return charKey(s, k.text ?? "");
  }
  if (isHotkey(k.name)) return hotkey(s, k.name);
  return [s, []];
}

function charKey(s: State, t: string): Step {
  switch (t) {
    case " ":
      return [pasteIntoCli(s), []];
    case "/":
      return [{ ...s, filterEditing: true }, []];
    case "s":
      if (s.instances.length > 1 && s.grouping === "proxy") {
        return [
          say(s, "sorting keeps each instance's rows under their aggregate: group by instance (g) to sort"),
          [],
        ];
      }
      return [relayout({ ...s, sort: nextSort(s) }), []];
    case "g":
      return [toggleGrouping(s), []];
    case "w":
      return cycleWorker(s);
    case "S":
      if (s.instances.length > 1 && s.grouping === "proxy") return [s, []];
      return [s.sort ? relayout({ ...s, sort: { ...s.sort, reverse: !s.sort.reverse } }) : s, []];
    case "i": {
      const line = selectedLine(s);
      return [
        line?.kind === "row" ? { ...s, detail: true, detailScroll: 0 } : say(s, "select a row first"),
        [],
      ];
    }
    case "a":
      return [openActions(s), []];
  }
  return [s, []];
}

/** The next sort column of the current mode: none, then each column left to right, then none again. */
function nextSort(s: State): State["sort"] {
  const fields = STAT_MODES[s.mode - 1].columns.filter((c) => c.format !== "trend").map((c) => c.field);
  const i = s.sort ? fields.indexOf(s.sort.field) : -1;
  if (i + 1 >= fields.length) return undefined;
  return { field: fields[i + 1], reverse: false };
}

/** Clicks select a row or a mode tab; the wheel moves three lines. */
function mouse(s: State, k: Key): Step {
  const m = k.mouse;
  if (!m) return [s, []];
  const { body } = screenLayout(s.size);
  const visible = body.height;
  const notch = wheel(k);
  if (notch !== 0) {
    return [withScroll(s, moveScroll(s.scroll, notch * WHEEL_LINES, s.lines.length, visible)), []];
  }
  if (m.button !== 0 || m.release) return [s, []];
  const row = m.y - body.y;
  if (row < 0 || row >= visible || s.scroll.top + row >= s.lines.length) return [s, []];
  return [withScroll({ ...s, menu: false }, { cursor: s.scroll.top + row, top: s.scroll.top }), []];
}

/** Draws the column header and the visible rows. */
export function drawStats(buf: ScreenBuffer, s: State) {
  const { header, body } = screenLayout(s.size);
  const columns = tableColumns(s, buf.width);
  const widths = columnWidths(columns, buf.width);
  buf.line(header.y, renderHeader(columns, widths), REVERSE | BOLD);
  const xs = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b + 1, 0));
  const statusIndex = columns.findIndex((c) => c.format === "status");
  const trendIndex = columns.findIndex((c) => c.format === "trend");
  const stale = isConnected(s) ? 0 : DIM;
  if (s.lines.length === 0) {
    const text = s.filterError ??
      (s.filter ? `nothing matches "${s.filter}"` : s.snapshot ? emptyReason(s) : "waiting for HAProxy...");
    buf.put(2, body.y, text);
  }
  for (let i = 0; i < body.height; i++) {
    const index = s.scroll.top + i;
    const line = s.lines[index];
    if (!line) break;
    const y = body.y + i;
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

/**
 * The message line when there is no message: the selected service's full name and status (a name cut to fit
 * its column is never ambiguous here), or the active filter and its count.
 */
export function drawStatStatus(buf: ScreenBuffer, s: State, region: Region) {
  const selected = !s.detail ? s.lines[s.scroll.cursor] : undefined;
  if (!s.filter && selected?.kind === "row") {
    const { row } = selected;
    const where = row.instance && row.instance !== "*"
      ? ` on ${s.instances.find((i) => i.id === row.instance)?.name ?? row.instance}`
      : row.instance === "*"
      ? " on every instance"
      : "";
    buf.line(region.y, ` ${row.pxname}/${row.svname}${where}: ${row.get("status") ?? "?"}`, DIM);
    return;
  }
  if (s.filter) {
    buf.line(
      region.y,
      ` Filter "${s.filter}": ${s.filterError ?? `${s.matches ?? 0} matching`} (/ edits, ESC clears)`,
      DIM,
    );
  }
}

/** The footer's hints: what the keys do on the selected line. */
export function statHints(s: State): Hints {
  const line = s.lines[s.scroll.cursor];
  if (line?.kind !== "row") {
    return { tail: ["UP/DOWN=SCROLL", "H=HELP", "Q=QUIT"], extra: ["/=FILTER", "S=SORT"] };
  }
  const id = `[#${line.row.iid}/#${line.row.sid}]`;
  if (s.config.readOnly) return { tail: ["READ-ONLY", id], extra: ["I=INFO", "/=FILTER", "S=SORT"] };
  if (!isServerRow(line.row)) return { tail: [id], extra: ["I=INFO", "/=FILTER", "S=SORT"] };
  return { tail: ["ENTER=MENU", "SPACE=SEL", id], extra: ["A=ACT", "I=INFO", "/=FILTER", "S=SORT"] };
}
