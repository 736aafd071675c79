/**
 * A framed box of text in the middle of the screen, as the dialogs draw it (the actions menu, prompts,
 * questions, the bulk preview and results): a bold title, lines, a footer of keys; a list longer than the room
 * shows a window of it and says how many lines are above and below.
 *
 * @module
 */
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, FG, type Style, style } from "../../tui/types.ts";

/** What a box says. */
export interface BoxText {
  readonly title: string;
  readonly lines: readonly string[];
  readonly footer: string;
}

/** Where a box may go: from the row below `info` to the row above `message`, its top at `header` if it fits. */
export interface BoxArea {
  readonly info: number;
  readonly header: number;
  readonly message: number;
}

/** How many lines of a list fit in a box of `area` (one of them says what is above and below when cut). */
export function boxRoom(area: BoxArea): number {
  return Math.max(1, area.message - 5);
}

/** The first line shown of `count` lines when `first` is asked for: the window stays full. */
export function boxFirst(count: number, room: number, first: number): number {
  if (count <= room) return 0;
  return Math.max(0, Math.min(count - (room - 1), first));
}

/** The first line shown of `count` lines to keep line `selected` in the middle of the window. */
export function boxCentred(count: number, room: number, selected: number): number {
  return boxFirst(count, room, selected - Math.floor((room - 1) / 2));
}

/**
 * Draws the box, its list from line `first` on; `lineStyle` gives each shown line's style. Returns its left
 * column and its title's row (for a text cursor in it).
 */
export function drawBox(
  buf: ScreenBuffer,
  area: BoxArea,
  text: BoxText,
  first: number,
  lineStyle: (line: string) => Style,
): { x: number; top: number } {
  const { title, lines, footer } = text;
  const room = boxRoom(area);
  let shown = lines;
  if (lines.length > room) {
    const from = boxFirst(lines.length, room, first);
    const window = lines.slice(from, from + room - 1);
    shown = [...window, `  (${from} above, ${lines.length - from - window.length} below)`];
  }
  const inner = Math.min(
    buf.width - 4,
    Math.max(title.length, footer.length, ...shown.map((l) => l.length)) + 2,
  );
  const x = Math.max(0, Math.floor((buf.width - inner - 2) / 2));
  // Top border on the column header row when the box fits below it, else higher.
  const top = Math.max(area.info + 1, Math.min(area.header + 1, area.message - 1 - (shown.length + 2)));
  const frame = style(0, FG.default);
  const row = (y: number, line: string, st: Style) => {
    buf.put(x, y, "|", frame);
    buf.put(x + 1, y, ` ${line}`.slice(0, inner).padEnd(inner), st);
    buf.put(x + 1 + inner, y, "|", frame);
  };
  buf.put(x, top - 1, `+${"-".repeat(inner)}+`, frame);
  row(top, title, BOLD);
  shown.forEach((line, i) => row(top + 1 + i, line, lineStyle(line)));
  row(top + 1 + shown.length, footer, 0);
  buf.put(x, top + 2 + shown.length, `+${"-".repeat(inner)}+`, frame);
  return { x, top };
}
