/**
 * The footer's mode tabs, shared by the view (drawing) and the mouse (clicks on a tab).
 *
 * @module
 */
import type { State } from "../model/state.ts";

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
