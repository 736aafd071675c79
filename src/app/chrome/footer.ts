/**
 * The footer: the tabs of the views, shared by the drawing and the mouse (clicks on a tab), and the hints of
 * what keys do.
 *
 * @module
 */
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, REVERSE } from "../../tui/types.ts";
import type { Region } from "../model/layout.ts";
import type { State } from "../model/state.ts";
import type { Hints } from "../model/view_def.ts";

export const MODE_NAMES = ["HELP", "STATUS", "TRAFFIC", "HTTP", "ERRORS", "CLI"] as const;

/** The tabs: mode, text, and first column, left to right (no CLI tab in read-only mode). */
export function footerTabs(s: State): { mode: number; text: string; x: number }[] {
  const tabs = [];
  let x = 0;
  for (let mode = 1; mode <= (s.config.readOnly ? 4 : 5); mode++) {
    const text = ` ${mode}-${MODE_NAMES[mode]} `;
    tabs.push({ mode, text, x });
    x += text.length;
  }
  return tabs;
}

/** The mode of the tab at column x, if any. */
export function footerTabAt(s: State, x: number): number | undefined {
  return footerTabs(s).find((t) => x >= t.x && x < t.x + t.text.length)?.mode;
}

/** Draws the footer: the tabs, the current one highlighted, then as many of the hints as fit. */
export function drawFooter(buf: ScreenBuffer, s: State, region: Region, hints: Hints) {
  const y = region.y;
  const w = buf.width;
  buf.line(y, "", REVERSE);
  let x = 0;
  for (const tab of footerTabs(s)) {
    buf.put(tab.x, y, tab.text, tab.mode === s.mode ? BOLD : REVERSE | BOLD);
    x = tab.x + tab.text.length;
  }
  const { tail, extra } = hints;
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
