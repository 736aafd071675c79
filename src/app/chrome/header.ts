/**
 * The top of every screen: the title bar (program, version, READ-ONLY in -n, clock, DISCONNECTED) and the
 * header block from `show info` (src/stats/header_block.ts, which `--batch` prints too) drawn in place:
 * version, node, threads, the pipe and connection bars, counters. Nothing is cut silently: each right-hand
 * part comes in shorter forms, and the first that fits whole is shown.
 *
 * @module
 */
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, FG, REVERSE, style } from "../../tui/types.ts";
import { headerBlock, type HeaderLine, RIGHT_COLUMN } from "../../stats/header_block.ts";
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

/** The title bar's mark in read-only mode (-n). */
export const READ_ONLY_MARK = " READ-ONLY ";

/** Draws the title bar. */
export function drawTitle(buf: ScreenBuffer, s: State, region: Region) {
  const w = buf.width;
  const y = region.y;
  buf.line(y, "", REVERSE);
  const clock = ctime(shownTime(s));
  const title = ` ${PROGRAM} version ${VERSION}`;
  buf.put(0, y, title, REVERSE | BOLD);
  buf.put(w - 1 - clock.length, y, clock, REVERSE | BOLD);
  let end = title.length;
  if (s.config.readOnly && s.config.replay === undefined) {
    // In -n, for the whole session and in every view: no action, no CLI.
    buf.put(end + 1, y, READ_ONLY_MARK, s.config.color ? style(BOLD, FG.yellow) : BOLD);
    end += 1 + READ_ONLY_MARK.length;
  }
  // REC / REPLAY just before the clock (the replay's clock is the recording's time), when it fits.
  const mark = playbackMark(s);
  const at = w - 2 - clock.length - (mark?.text.length ?? 0);
  if (mark && at > end) {
    const alarm = s.config.color ? style(BOLD, FG.red) : BOLD;
    buf.put(at, y, mark.text, mark.alarm ? alarm : BOLD);
  }
  if (!isConnected(s)) {
    const text = " DISCONNECTED ";
    const x = Math.max(end + 1, Math.floor((w - text.length) / 2));
    buf.put(x, y, text, s.config.color ? style(BOLD, FG.red) : BOLD);
  }
}

/** Draws the header's `show info` lines (with several sockets, the fleet's: see header_info.ts). */
export function drawInfo(buf: ScreenBuffer, s: State, region: Region) {
  const row = (line: keyof typeof LINE) => region.y + LINE[line];
  const single = s.instances.length === 1 && !s.instances[0].workers;
  const block = headerBlock({
    info: headerInfo(s),
    connecting: s.config.socketName,
    instances: Math.max(1, s.instances.length),
    ...(single ? {} : { process: fleetText(s) }),
    proxies: s.snapshot?.proxies.length,
    services: s.snapshot?.services,
  });
  headerLine(buf, row("version"), block.version, BOLD);
  headerLine(buf, row("node"), block.node, 0);
  for (const u of ["pipes", "connections"] as const) {
    buf.put(2, row(u), `${block[u].label} ${usageBar(block[u].used, block[u].max)}`);
  }
  headerLine(buf, row("counters"), block.counters, 0);
}

/**
 * A header line: `left` from column 2, then the first of `right` (longest first) that fits whole, at
 * {@linkcode RIGHT_COLUMN} or as far right as it fits, two spaces after `left` at least. Nothing is cut
 * silently (a value losing its unit, `Idle: 100` for `100%`, would read as something else): what does not
 * fit even so is cut and marked `..`.
 */
function headerLine(buf: ScreenBuffer, y: number, { left, right }: HeaderLine, st: number) {
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
