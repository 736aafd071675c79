/**
 * `view(state)`: the whole screen as a cell buffer. Pure; only visible rows are formatted, so the cost of a
 * frame does not depend on the number of services.
 *
 * @module
 */
import { ScreenBuffer } from "../tui/buffer.ts";
import { BOLD, DIM, FG, REVERSE, style } from "../tui/types.ts";
import { infoNumber } from "../stats/info.ts";
import { fitText } from "../stats/format.ts";
import { workerAge } from "../haproxy/master.ts";
import { PROGRAM, VERSION } from "../version.ts";
import { isServerRow } from "./body.ts";
import { BODY_TOP, bodyHeight, cliInputRow, cliOutputHeight, HEADER_ROW, tooSmall } from "./geometry.ts";
import { HOTKEYS } from "./hotkeys.ts";
import { HELP_LINES } from "./help_text.ts";
import { clockTime, ctime } from "./clock.ts";
import { usageBar } from "./bar.ts";
import { wrapTail } from "./wrap.ts";
import { footerTabs } from "./footer.ts";
import { cliTarget } from "./cli_keys.ts";
import { connectionError, dataTime, isConnected } from "./instances.ts";
import { isStatMode } from "./state_ops.ts";
import { drawStats } from "./view_stats.ts";
import { headerInfo } from "./header_info.ts";
import { drawDetail, drawDialog } from "./view_overlays.ts";
import { MIN_COLUMNS, MIN_ROWS, type State } from "./state.ts";

export { statusStyle } from "./view_stats.ts";

/** A frame: the buffer and where the text cursor goes (in the CLI, the filter and prompts). */
export interface Frame {
  readonly buffer: ScreenBuffer;
  readonly cursor?: { readonly x: number; readonly y: number };
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
  else if (s.detail) drawDetail(buf, s);
  else drawStats(buf, s);
  cursor = drawMessage(buf, s) ?? cursor;
  drawFooter(buf, s);
  if (s.dialog) cursor = drawDialog(buf, s, s.dialog);
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
  const clock = ctime(s.now);
  buf.put(0, 0, ` ${PROGRAM} version ${VERSION}`, REVERSE | BOLD);
  buf.put(w - 1 - clock.length, 0, clock, REVERSE | BOLD);
  if (!isConnected(s)) {
    const text = " DISCONNECTED ";
    buf.put(Math.floor((w - text.length) / 2), 0, text, s.config.color ? style(BOLD, FG.red) : BOLD);
  }
}

function drawInfo(buf: ScreenBuffer, s: State) {
  const info = headerInfo(s);
  const get = (k: string) => info?.get(k) ?? "";
  const num = (k: string) => (info ? infoNumber(info, k) : undefined);
  const version = info
    ? `${get("Name") || "HAProxy"} Version: ${get("Version")}  (released: ${get("Release_date")})`
    : `connecting to ${s.config.socketName}...`;
  const pid = get("Pid") || "?";
  const single = s.instances.length === 1 && !s.instances[0].workers;
  const pids = single ? [`PID: ${pid} (proc ${get("Process_num") || "?"})`, `PID: ${pid}`] : [];
  headerLine(buf, 2, version, [...pids, ...fleetText(s)], BOLD);
  const node = s.instances.length > 1
    ? `      Nodes: ${get("node")} (figures: sums over those answering)`
    : `       Node: ${get("node") || "unknown"} (uptime ${get("Uptime") || "?"})`;
  const threads = get("Nbthread") || "1";
  const idle = `Idle: ${get("Idle_pct") || "?"}%${s.instances.length > 1 ? " min" : ""}`;
  headerLine(buf, 4, node, [`Threads: ${threads}   ${idle}`, `Threads: ${threads} ${idle}`, idle], 0);
  buf.put(2, 6, `      Pipes: ${usageBar(num("PipesUsed"), num("Maxpipes"))}`);
  buf.put(2, 7, `Connections: ${usageBar(num("CurrConns"), num("Maxconn"))}`);
  const n = (v: number | undefined, width: number) => String(v ?? "?").padStart(width);
  const counters =
    `Procs: ${n(num("Nbproc"), 3)}   Tasks: ${n(num("Tasks"), 5)}    Queue: ${n(num("Run_queue"), 5)}` +
    `    Proxies: ${n(s.snapshot?.proxies.length, 3)}   Services: ${n(s.snapshot?.services, 4)}`;
  headerLine(buf, 9, counters, [], 0);
}

/** Where the header's right-hand parts start when there is room. */
const RIGHT_COLUMN = 56;

/**
 * A header line: `left` from column 2, then the first of `right` (longest first) that fits whole, at
 * {@linkcode RIGHT_COLUMN} or as far right as it fits, two spaces after `left` at least. Nothing is cut
 * silently (a value losing its unit, `Idle: 100` for `100%`, would read as something else): what does not
 * fit even so is cut and marked `..`.
 */
function headerLine(buf: ScreenBuffer, y: number, left: string, right: readonly string[], st: number) {
  const end = buf.width;
  // Room is kept for the shortest right-hand part: a long node name is cut, not the idle percentage.
  const reserve = right.length > 0 ? Math.min(...right.map((text) => text.length)) + 2 : 0;
  const shown = fitText(left, end - 2 - reserve);
  buf.put(2, y, shown, st);
  const from = 2 + shown.length + 2;
  const fits = right.find((text) =>
    Math.max(from, Math.min(RIGHT_COLUMN, end - text.length)) + text.length <= end
  );
  if (fits !== undefined) {
    buf.put(Math.max(from, Math.min(RIGHT_COLUMN, end - fits.length)), y, fits, st);
  } else if (right.length > 0 && end - from >= 3) {
    buf.put(from, y, fitText(right[right.length - 1], end - from), st);
  }
}

/**
 * Row 2's right part when it is not one process: several instances (how many answer, the grouping), or a
 * master CLI socket (the worker shown, and how many workers run), longest first: the first that fits is
 * shown. Replaces the PID text.
 */
function fleetText(s: State): string[] {
  if (s.instances.length > 1) {
    const up = `${s.instances.filter((i) => i.connected).length}/${s.instances.length}`;
    return [
      `Instances: ${up} answering, by ${s.grouping} (g)`,
      `Instances: ${up} up, by ${s.grouping}`,
      `${up} up`,
    ];
  }
  const inst = s.instances[0];
  if (!inst?.workers) return [];
  const all = inst.workers.filter((p) => p.type === "worker");
  const shown = all.find((p) => p.pid === inst.worker);
  const what = shown ? workerAge(shown) : "current";
  const pid = `Worker: ${inst.worker ?? "?"}`;
  return [
    `${pid} (${what}; ${all.length} running, w switches)`,
    `${pid} (${what}; ${all.length} running)`,
    pid,
  ];
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
  const target = cliTarget(s);
  const name = target && (s.instances.find((i) => i.id === target)?.name ?? target);
  buf.line(HEADER_ROW, ` haproxy command line${name ? ` (to ${name})` : ""}`, REVERSE | BOLD);
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

/** The line above the footer: disconnection, the filter prompt, a message, or the active filter. */
function drawMessage(buf: ScreenBuffer, s: State): Frame["cursor"] {
  const y = buf.height - 2;
  if (!isConnected(s)) {
    const at = dataTime(s);
    // A message newer than the data is the answer to something the operator did meanwhile (an F-key): it
    // takes the reason's place while it lasts.
    const fresh = s.message && (at === undefined || s.message.at > at) ? s.message.text : undefined;
    const text = disconnectedLine(
      buf.width,
      fresh ?? connectionError(s) ?? "?",
      at === undefined ? undefined : clockTime(at),
      s.config.socketName,
    );
    buf.line(y, text, s.config.color ? style(BOLD, FG.red) : BOLD | REVERSE);
    return undefined;
  }
  const statMode = isStatMode(s.mode);
  if (statMode && s.filterEditing) {
    const count = s.filterError ??
      (s.filter === ""
        ? "no filter: every row shown (type a name; ~ starts a regex)"
        : `${s.matches ?? 0} matching (ENTER keeps, ESC clears; ~ starts a regex)`);
    const prompt = ` Filter: ${s.filter}`;
    buf.line(y, prompt, BOLD);
    buf.put(prompt.length + 2, y, count, s.filterError ? BOLD : DIM);
    return { x: prompt.length, y };
  }
  if (s.message) {
    const tone = s.message.tone;
    const color = tone === "error" ? style(BOLD, FG.red) : tone === "ok" ? style(0, FG.green) : 0;
    buf.line(y, ` ${s.message.text}`, s.config.color ? color : tone === "error" ? BOLD : 0);
    return undefined;
  }
  const selected = statMode && !s.detail ? s.lines[s.scroll.cursor] : undefined;
  if (statMode && !s.filter && selected?.kind === "row") {
    // The selected service's full name and status: a name cut to fit its column is never ambiguous here.
    const { row } = selected;
    const where = row.instance && row.instance !== "*"
      ? ` on ${s.instances.find((i) => i.id === row.instance)?.name ?? row.instance}`
      : row.instance === "*"
      ? " on every instance"
      : "";
    buf.line(y, ` ${row.pxname}/${row.svname}${where}: ${row.get("status") ?? "?"}`, DIM);
    return undefined;
  }
  if (statMode && s.filter) {
    buf.line(
      y,
      ` Filter "${s.filter}": ${s.filterError ?? `${s.matches ?? 0} matching`} (/ edits, ESC clears)`,
      DIM,
    );
  }
  return undefined;
}

/**
 * The DISCONNECTED line, at most `width` long: the age of the data (`since`, the time of the newest) is
 * always there whole, as it is what the operator needs to judge the screen; what does not fit is the socket
 * first, then the end of the reason (cut, marked `..`).
 */
export function disconnectedLine(width: number, reason: string, since: string | undefined, socket: string) {
  const head = " DISCONNECTED: ";
  const age = since === undefined ? "" : ` Data shown is from ${since}.`;
  const full = `${head}${reason}.${age} Socket: ${socket}`;
  if (full.length <= width) return full;
  const room = Math.max(2, width - head.length - 1 - age.length);
  return `${head}${fitText(reason, room)}.${age}`;
}

/**
 * The footer's right-hand hints: `tail` is the original's hint (always shown when it fits, else its last
 * word), `extra` our own keys, added in front in this order while they fit.
 */
function footerHints(s: State): { tail: string[]; extra: string[] } {
  if (s.mode === 5) return { tail: ["PGUP/PGDOWN=SCROLL"], extra: [] };
  if (s.mode === 0) return { tail: ["UP/DOWN=SCROLL", "Q=QUIT"], extra: [] };
  if (s.detail) return { tail: ["UP/DOWN=SCROLL", "i/ESC=CLOSE"], extra: [] };
  const line = s.lines[s.scroll.cursor];
  if (line?.kind !== "row") {
    return { tail: ["UP/DOWN=SCROLL", "H=HELP", "Q=QUIT"], extra: ["/=FILTER", "S=SORT"] };
  }
  const id = `[#${line.row.iid}/#${line.row.sid}]`;
  if (s.config.readOnly) return { tail: ["READ-ONLY", id], extra: ["I=INFO", "/=FILTER", "S=SORT"] };
  if (!isServerRow(line.row)) return { tail: [id], extra: ["I=INFO", "/=FILTER", "S=SORT"] };
  return { tail: ["ENTER=MENU", "SPACE=SEL", id], extra: ["A=ACT", "I=INFO", "/=FILTER", "S=SORT"] };
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
  for (const tab of footerTabs(s)) {
    buf.put(tab.x, y, tab.text, tab.mode === s.mode ? BOLD : REVERSE | BOLD);
    x = tab.x + tab.text.length;
  }
  const { tail, extra } = footerHints(s);
  const room = w - 1 - x - 2;
  const back = tail.join(" ").length <= room ? tail : tail.slice(-1);
  const front: string[] = [];
  for (const e of extra) {
    if ([...front, e, ...back].join(" ").length > room) break;
    front.push(e);
  }
  const text = [...front, ...back].join(" ");
  if (text.length > room) return;
  buf.put(w - 1 - text.length, y, text, REVERSE | BOLD);
}
