/**
 * `view(state)`: the whole screen as a cell buffer. Pure; only visible rows are formatted, so the cost of a
 * frame does not depend on the number of services.
 *
 * @module
 */
import { ScreenBuffer } from "../tui/buffer.ts";
import { BOLD, DIM, FG, REVERSE, type Style, style } from "../tui/types.ts";
import { STAT_MODES } from "../stats/columns.ts";
import { columnWidths, renderHeader, renderRow } from "../stats/layout.ts";
import { classifyStatus, type StatusClass } from "../stats/status.ts";
import { infoNumber } from "../stats/info.ts";
import type { StatRow } from "../stats/types.ts";
import { PROGRAM, VERSION } from "../version.ts";
import { isServerRow } from "./body.ts";
import { BODY_TOP, bodyHeight, cliInputRow, cliOutputHeight, HEADER_ROW, tooSmall } from "./geometry.ts";
import { HOTKEYS } from "./hotkeys.ts";
import { HELP_LINES } from "./help_text.ts";
import { clockTime, ctime } from "./clock.ts";
import { usageBar } from "./bar.ts";
import { wrapTail } from "./wrap.ts";
import { MIN_COLUMNS, MIN_ROWS, type State } from "./state.ts";

/** A frame: the buffer and where the text cursor goes (only in the CLI). */
export interface Frame {
  readonly buffer: ScreenBuffer;
  readonly cursor?: { readonly x: number; readonly y: number };
}

const MODE_NAMES = ["HELP", "STATUS", "TRAFFIC", "HTTP", "ERRORS", "CLI"];

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

/** Renders the state. */
export function view(s: State): Frame {
  const { columns: w, rows: h } = s.size;
  const buf = new ScreenBuffer(Math.max(0, w), Math.max(0, h));
  if (tooSmall(s.size)) {
    drawTooSmall(buf, s);
    return { buffer: buf };
  }
  drawTitle(buf, s);
  drawInfo(buf, s);
  let cursor: Frame["cursor"];
  if (s.mode === 0) drawHelp(buf, s);
  else if (s.mode === 5) cursor = drawCli(buf, s);
  else drawStats(buf, s);
  drawMessage(buf, s);
  drawFooter(buf, s);
  return { buffer: buf, cursor };
}

function drawTooSmall(buf: ScreenBuffer, s: State) {
  const lines = [
    "terminal too small",
    `${s.size.columns}x${s.size.rows}, need ${MIN_COLUMNS}x${MIN_ROWS}`,
    "q quits",
  ];
  const top = Math.max(0, Math.floor((buf.height - lines.length) / 2));
  lines.forEach((line, i) => {
    const text = line.slice(0, buf.width);
    buf.put(Math.max(0, Math.floor((buf.width - text.length) / 2)), top + i, text, i === 0 ? BOLD : 0);
  });
}

function drawTitle(buf: ScreenBuffer, s: State) {
  const w = buf.width;
  buf.line(0, "", REVERSE);
  const left = ` ${PROGRAM} version ${VERSION}`;
  const clock = ctime(s.now);
  buf.put(0, 0, left, REVERSE | BOLD);
  buf.put(w - 1 - clock.length, 0, clock, REVERSE | BOLD);
  if (!s.connected) {
    const text = " DISCONNECTED ";
    buf.put(Math.floor((w - text.length) / 2), 0, text, s.config.color ? style(BOLD, FG.red) : BOLD);
  }
}

function drawInfo(buf: ScreenBuffer, s: State) {
  const info = s.snapshot?.info;
  const get = (k: string) => info?.get(k) ?? "";
  const num = (k: string) => (info ? infoNumber(info, k) : undefined);
  const version = info
    ? `${get("Name") || "HAProxy"} Version: ${get("Version")}  (released: ${get("Release_date")})`
    : `connecting to ${s.config.socketName}...`;
  buf.put(2, 2, version, BOLD);
  const pid = `PID: ${get("Pid") || "?"} (proc ${get("Process_num") || "?"})`;
  buf.put(Math.max(56, 2 + version.length + 2), 2, pid, BOLD);
  const node = `       Node: ${get("node") || "unknown"} (uptime ${get("Uptime") || "?"})`;
  buf.put(2, 4, node);
  const threads = `Threads: ${get("Nbthread") || "1"}   Idle: ${get("Idle_pct") || "?"}%`;
  buf.put(Math.max(56, 2 + node.length + 2), 4, threads);
  buf.put(2, 6, `      Pipes: ${usageBar(num("PipesUsed"), num("Maxpipes"))}`);
  buf.put(2, 7, `Connections: ${usageBar(num("CurrConns"), num("Maxconn"))}`);
  const n = (v: number | undefined, width: number) => String(v ?? "?").padStart(width);
  const counters =
    `Procs: ${n(num("Nbproc"), 3)}   Tasks: ${n(num("Tasks"), 5)}    Queue: ${n(num("Run_queue"), 5)}` +
    `    Proxies: ${n(s.snapshot?.proxies.length, 3)}   Services: ${n(s.snapshot?.services, 4)}`;
  buf.put(2, 9, counters);
}

function drawStats(buf: ScreenBuffer, s: State) {
  const mode = STAT_MODES[s.mode - 1];
  const widths = columnWidths(mode.columns, buf.width);
  buf.line(HEADER_ROW, renderHeader(mode.columns, widths), REVERSE | BOLD);
  const statusIndex = mode.columns.findIndex((c) => c.format === "status");
  const statusX = widths.slice(0, statusIndex).reduce((a, b) => a + b + 1, 0);
  const visible = bodyHeight(s.size);
  const stale = s.connected ? 0 : DIM;
  if (s.lines.length === 0) {
    const text = s.snapshot ? "no stat data available" : "waiting for HAProxy...";
    buf.put(2, BODY_TOP, text);
  }
  for (let i = 0; i < visible; i++) {
    const index = s.scroll.top + i;
    const line = s.lines[index];
    if (!line) break;
    const y = BODY_TOP + i;
    const selected = index === s.scroll.cursor;
    const sel = selected ? REVERSE : 0;
    if (line.kind === "blank") buf.line(y, "", sel);
    else if (line.kind === "proxy") buf.line(y, `>>> ${line.name}`, BOLD | sel | stale);
    else {
      buf.line(y, renderRow(mode.columns, widths, line.row), sel | stale);
      if (statusIndex >= 0) {
        drawStatusCell(buf, s, line.row, line.key, statusX, y, widths[statusIndex], sel | stale);
      }
    }
  }
}

function drawStatusCell(
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
  const st = statusStyle(classifyStatus(row.get("status") ?? ""), s.config.color);
  if (st === 0) return;
  for (let i = 0; i < width; i++) buf.put(x + i, y, buf.char(x + i, y), base | st);
}

function drawHelp(buf: ScreenBuffer, s: State) {
  buf.line(HEADER_ROW, ` ${PROGRAM} online help`, REVERSE | BOLD);
  const visible = bodyHeight(s.size);
  for (let i = 0; i < visible; i++) {
    const line = HELP_LINES[s.helpScroll + i];
    if (line === undefined) break;
    buf.put(1, BODY_TOP + i, line);
  }
}

function drawCli(buf: ScreenBuffer, s: State): Frame["cursor"] {
  const w = buf.width;
  buf.line(HEADER_ROW, " haproxy command line", REVERSE | BOLD);
  const hint = "use ALT-n / ESC-n to escape ";
  buf.put(w - hint.length, HEADER_ROW, hint, REVERSE | BOLD);
  const height = cliOutputHeight(s.size);
  const lines = wrapTail(s.cli.output, w, height + s.cli.scroll);
  const shown = lines.slice(0, Math.max(0, lines.length - s.cli.scroll)).slice(-height);
  shown.forEach((line, i) => buf.put(0, BODY_TOP + i, line));
  const y = cliInputRow(s.size);
  if (s.cli.busy) buf.put(0, y - 1, "running...", DIM);
  buf.put(0, y, "> ", BOLD);
  const room = w - 4;
  const { text, cursor } = s.cli.input;
  const start = Math.max(0, cursor - room);
  buf.put(2, y, text.slice(start, start + room));
  if (start > 0) buf.put(1, y, "<", BOLD);
  if (text.length > start + room) buf.put(w - 2, y, ">", BOLD);
  return { x: 2 + cursor - start, y };
}

function drawMessage(buf: ScreenBuffer, s: State) {
  const y = buf.height - 2;
  if (!s.connected) {
    const since = s.snapshotAt !== undefined ? ` Data shown is from ${clockTime(s.snapshotAt)}.` : "";
    const text = ` DISCONNECTED: ${s.connectionError ?? "?"}.${since} Socket: ${s.config.socketName}`;
    buf.line(y, text, s.config.color ? style(BOLD, FG.red) : BOLD | REVERSE);
    return;
  }
  if (!s.message) return;
  const tone = s.message.tone;
  const st = !s.config.color
    ? (tone === "error" ? BOLD : 0)
    : tone === "error"
    ? style(BOLD, FG.red)
    : tone === "ok"
    ? style(0, FG.green)
    : 0;
  buf.line(y, ` ${s.message.text}`, st);
}

function footerHint(s: State): string {
  if (s.mode === 5) return "PGUP/PGDOWN=SCROLL";
  const line = s.mode >= 1 && s.mode <= 4 ? s.lines[s.scroll.cursor] : undefined;
  if (line?.kind !== "row") return "UP/DOWN=SCROLL H=HELP Q=QUIT";
  const id = `[#${line.row.iid}/#${line.row.sid}]`;
  if (s.config.readOnly) return `READ-ONLY ${id}`;
  return isServerRow(line.row) ? `ENTER=MENU SPACE=SEL ${id}` : id;
}

function drawFooter(buf: ScreenBuffer, s: State) {
  const y = buf.height - 1;
  const w = buf.width;
  buf.line(y, "", REVERSE);
  if (s.menu) {
    buf.put(1, y, "HOTKEYS:", REVERSE | BOLD);
    const long = HOTKEYS.map((h) => `${h.key.toUpperCase()}=${h.label}`).join("  ");
    const short = HOTKEYS.map((h) => `${h.key.toUpperCase()}=${h.short}`).join(" ");
    buf.put(11, y, long.length <= w - 12 ? long : short, REVERSE);
    return;
  }
  let x = 0;
  const last = s.config.readOnly ? 4 : 5;
  for (let m = 1; m <= last; m++) {
    const tab = ` ${m}-${MODE_NAMES[m]} `;
    buf.put(x, y, tab, m === s.mode ? BOLD : REVERSE | BOLD);
    x += tab.length;
  }
  let hint = footerHint(s);
  if (x + 2 + hint.length > w - 1) hint = hint.replace(/^.*(\[#.*\])$/, "$1");
  if (x + 2 + hint.length <= w - 1) buf.put(w - 1 - hint.length, y, hint, REVERSE | BOLD);
}
