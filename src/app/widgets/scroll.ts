/**
 * The scrolling model of a list view: an absolute cursor and the first visible line, moved as the original
 * hatop did (the cursor walks inside the window first, then the window scrolls).
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";

/** Cursor and window over a list of `length` lines, `visible` of which fit on screen. */
export interface ScrollState {
  readonly cursor: number;
  readonly top: number;
}

/** Clamps a scroll state to a list (after a refresh or a resize) and keeps the cursor visible. */
export function clampScroll(s: ScrollState, length: number, visible: number): ScrollState {
  if (length <= 0 || visible <= 0) return { cursor: 0, top: 0 };
  const cursor = Math.max(0, Math.min(length - 1, s.cursor));
  let top = Math.max(0, Math.min(Math.max(0, length - visible), s.top));
  if (cursor < top) top = cursor;
  if (cursor >= top + visible) top = cursor - visible + 1;
  return { cursor, top };
}

/** Moves by n lines (negative: up): the cursor moves within the window, then the window scrolls. */
export function moveScroll(s: ScrollState, n: number, length: number, visible: number): ScrollState {
  const c = clampScroll(s, length, visible);
  if (length <= 0 || visible <= 0) return c;
  const cmax = Math.min(visible - 1, length - 1);
  const maxTop = Math.max(0, length - visible);
  let rel = c.cursor - c.top;
  let top = c.top;
  if (n > 0) {
    if (rel < cmax) rel = Math.min(cmax, rel + n);
    else top = Math.min(maxTop, top + n);
  } else if (n < 0) {
    if (rel > 0) rel = Math.max(0, rel + n);
    else top = Math.max(0, top + n);
  }
  return { cursor: top + rel, top };
}

/** HOME: first line. */
export function scrollHome(): ScrollState {
  return { cursor: 0, top: 0 };
}

/** END: last line, window at the end. */
export function scrollEnd(length: number, visible: number): ScrollState {
  if (length <= 0) return { cursor: 0, top: 0 };
  const top = Math.max(0, length - Math.max(1, visible));
  return { cursor: length - 1, top };
}

/** The wheel in a mouse report: -1 up, 1 down, 0 for any other key or button (SGR buttons 64 and 65). */
export function wheel(k: Key): -1 | 0 | 1 {
  if (k.name !== "mouse") return 0;
  return k.mouse?.button === 64 ? -1 : k.mouse?.button === 65 ? 1 : 0;
}

/** Lines the wheel moves per notch. */
export const WHEEL_LINES = 3;

/**
 * Scrolls a text of `length` lines, `visible` of which fit, from line `at`: arrows, pages, HOME/END and the
 * wheel. Returns the new first line, or undefined when `k` does not scroll.
 */
export function scrollText(k: Key, at: number, length: number, visible: number): number | undefined {
  const max = Math.max(0, length - visible);
  const step: Partial<Record<Key["name"], number>> = { up: -1, down: 1, pageup: -visible, pagedown: visible };
  if (k.name === "home") return 0;
  if (k.name === "end") return max;
  const d = wheel(k) * WHEEL_LINES || step[k.name];
  if (d === undefined || d === 0) return undefined;
  return Math.max(0, Math.min(max, at + d));
}
