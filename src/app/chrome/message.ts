/**
 * The message line above the footer: a message in its tone (info, ok, error) while it lasts, or, when no
 * instance answers, the DISCONNECTED line, which says why and how old the data on screen is.
 *
 * @module
 */
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, FG, REVERSE, style } from "../../tui/types.ts";
import { fitText } from "../../stats/format.ts";
import { clockTime } from "../widgets/clock.ts";
import { connectionError, dataTime } from "../model/instances.ts";
import type { Region } from "../model/layout.ts";
import type { State } from "../model/state.ts";

/** Draws the DISCONNECTED line. */
export function drawDisconnected(buf: ScreenBuffer, s: State, region: Region) {
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
  buf.line(region.y, text, s.config.color ? style(BOLD, FG.red) : BOLD | REVERSE);
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

/** Draws the current message, if there is one; returns whether it did. */
export function drawMessage(buf: ScreenBuffer, s: State, region: Region): boolean {
  if (!s.message) return false;
  const tone = s.message.tone;
  const color = tone === "error" ? style(BOLD, FG.red) : tone === "ok" ? style(0, FG.green) : 0;
  buf.line(region.y, ` ${s.message.text}`, s.config.color ? color : tone === "error" ? BOLD : 0);
  return true;
}
