/**
 * The footer: the tabs of the views, shared by the drawing and the mouse (clicks on a tab), and the hints of
 * what keys do, as many as fit.
 *
 * @module
 */
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, REVERSE } from "../../tui/types.ts";
import type { Region } from "../model/layout.ts";
import type { ViewId } from "../model/state.ts";
import type { Hints, ViewDef } from "../model/view_def.ts";

/** A tab in the footer: the view it shows, its text, and its first column. */
export interface Tab {
  readonly view: ViewId;
  readonly text: string;
  readonly x: number;
}

/**
 * The tabs in the footer, left to right: ` 1-STATUS ` (the view's first key, its tab). The permanent ones
 * (the classic five) always; another view's only while it is the one shown (`current`), so the footer
 * stays within the narrowest screen however many views there are (the `:` palette lists them all).
 */
export function footerTabs(
  views: readonly Pick<ViewDef, "id" | "keys" | "tab" | "permanentTab">[],
  current: ViewId,
): Tab[] {
  const tabs: Tab[] = [];
  let x = 0;
  for (const v of views) {
    if (v.tab === undefined || !(v.permanentTab || v.id === current)) continue;
    const text = ` ${v.keys[0]}-${v.tab} `;
    tabs.push({ view: v.id, text, x });
    x += text.length;
  }
  return tabs;
}

/** The view of the tab at column x, if any. */
export function footerTabAt(tabs: readonly Tab[], x: number): ViewId | undefined {
  return tabs.find((t) => x >= t.x && x < t.x + t.text.length)?.view;
}

/** Draws the footer: the tabs, the one of `current` highlighted, then as many of the hints as fit. */
export function drawFooter(
  buf: ScreenBuffer,
  region: Region,
  tabs: readonly Tab[],
  current: ViewId,
  hints: Hints,
) {
  const y = region.y;
  const w = buf.width;
  buf.line(y, "", REVERSE);
  let x = 0;
  for (const tab of tabs) {
    buf.put(tab.x, y, tab.text, tab.view === current ? BOLD : REVERSE | BOLD);
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
