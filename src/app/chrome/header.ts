/**
 * The top of every screen: the title bar (program, version, clock, DISCONNECTED) and the header's lines
 * from `show info` (version, node, threads, the pipe and connection bars, counters). Nothing is cut silently:
 * each right-hand part comes in shorter forms, and the first that fits whole is shown.
 *
 * @module
 */
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, FG, REVERSE, style } from "../../tui/types.ts";
import { infoNumber } from "../../stats/info.ts";
import { fitText } from "../../stats/format.ts";
import { workerAge } from "../../haproxy/master.ts";
import { PROGRAM, VERSION } from "../../version.ts";
import { ctime } from "../widgets/clock.ts";
import { usageBar } from "../widgets/usage_bar.ts";
import { isConnected } from "../model/instances.ts";
import { playbackMark, shownTime } from "../model/playback.ts";
import type { Region } from "../model/layout.ts";
import type { State } from "../model/state.ts";
import { headerInfo } from "./header_info.ts";

/** The header's lines, from the top of its region. */
const LINE = { version: 0, node: 2, pipes: 4, connections: 5, counters: 7 } as const;

/** Where the header's right-hand parts start when there is room. */
const RIGHT_COLUMN = 56;

/** Draws the title bar. */
export function drawTitle(buf: ScreenBuffer, s: State, region: Region) {
  const w = buf.width;
  const y = region.y;
  buf.line(y, "", REVERSE);
  const clock = ctime(shownTime(s));
  const title = ` ${PROGRAM} version ${VERSION}`;
  buf.put(0, y, title, REVERSE | BOLD);
  buf.put(w - 1 - clock.length, y, clock, REVERSE | BOLD);
  // REC / REPLAY just before the clock (the replay's clock is the recording's time), when it fits.
  const mark = playbackMark(s);
  const at = w - 2 - clock.length - (mark?.text.length ?? 0);
  if (mark && at > title.length) {
    const alarm = s.config.color ? style(BOLD, FG.red) : BOLD;
    buf.put(at, y, mark.text, mark.alarm ? alarm : BOLD);
  }
  if (!isConnected(s)) {
    const text = " DISCONNECTED ";
    buf.put(Math.floor((w - text.length) / 2), y, text, s.config.color ? style(BOLD, FG.red) : BOLD);
  }
}

/** Draws the header's `show info` lines (with several sockets, the fleet's: see header_info.ts). */
export function drawInfo(buf: ScreenBuffer, s: State, region: Region) {
  const row = (line: keyof typeof LINE) => region.y + LINE[line];
  const info = headerInfo(s);
  const get = (k: string) => info?.get(k) ?? "";
  const num = (k: string) => (info ? infoNumber(info, k) : undefined);
  const version = info
    ? `${get("Name") || "HAProxy"} Version: ${get("Version")}  (released: ${get("Release_date")})`
    : `connecting to ${s.config.socketName}...`;
  const pid = get("Pid") || "?";
  const single = s.instances.length === 1 && !s.instances[0].workers;
  const pids = single ? [`PID: ${pid} (proc ${get("Process_num") || "?"})`, `PID: ${pid}`] : [];
  headerLine(buf, row("version"), version, [...pids, ...fleetText(s)], BOLD);
  const node = s.instances.length > 1
    ? `      Nodes: ${get("node")} (figures: sums over those answering)`
    : `       Node: ${get("node") || "unknown"} (uptime ${get("Uptime") || "?"})`;
  const threads = get("Nbthread") || "1";
  const idle = `Idle: ${get("Idle_pct") || "?"}%${s.instances.length > 1 ? " min" : ""}`;
  headerLine(
    buf,
    row("node"),
    node,
    [`Threads: ${threads}   ${idle}`, `Threads: ${threads} ${idle}`, idle],
    0,
  );
  buf.put(2, row("pipes"), `      Pipes: ${usageBar(num("PipesUsed"), num("Maxpipes"))}`);
  buf.put(2, row("connections"), `Connections: ${usageBar(num("CurrConns"), num("Maxconn"))}`);
  const n = (v: number | undefined, width: number) => String(v ?? "?").padStart(width);
  const counters =
    `Procs: ${n(num("Nbproc"), 3)}   Tasks: ${n(num("Tasks"), 5)}    Queue: ${n(num("Run_queue"), 5)}` +
    `    Proxies: ${n(s.snapshot?.proxies.length, 3)}   Services: ${n(s.snapshot?.services, 4)}`;
  headerLine(buf, row("counters"), counters, [], 0);
}

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
 * The version line's right part when it is not one process: several instances (how many answer, the
 * grouping), or a master CLI socket (the worker shown, and how many workers run), longest first: the first
 * that fits is shown. Replaces the PID text.
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
