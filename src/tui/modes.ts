/**
 * The escape sequences that put a terminal into full-screen mode and take it back out.
 *
 * Kept apart from {@linkcode Terminal} so they can be checked without a terminal.
 *
 * @module
 */

/** Alternate screen on, cursor hidden, autowrap off (so the bottom-right cell never scrolls), optional
 * SGR mouse reporting (button presses and wheel: `?1000h`, SGR encoding: `?1006h`). */
export function enterSequence(mouse: boolean): string {
  return "\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[2J" + (mouse ? "\x1b[?1000h\x1b[?1006h" : "");
}

/** Undoes {@linkcode enterSequence} whatever it enabled: pen reset, mouse off, autowrap on, cursor shown,
 * alternate screen left. Safe to send when some of it was never turned on. */
export const LEAVE_SEQUENCE = "\x1b[0m\x1b[?1006l\x1b[?1000l\x1b[?7h\x1b[?25h\x1b[?1049l";
