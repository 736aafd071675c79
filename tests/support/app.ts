/**
 * Driving the pure monitor in unit tests: feed events to `update`, collect the commands, read the screen
 * that `view` draws.
 *
 * @module
 */
import { update } from "../../src/app/mod.ts";
import { selectedLine } from "../../src/app/model/stat_table.ts";
import { view } from "../../src/app/mod.ts";
import type { Command, Dialog, Event, State } from "../../src/app/model/state.ts";
import { isOpen, openDialog, overlayOf } from "../../src/app/model/ops.ts";
import type { Key } from "../../src/tui/types.ts";
import type { Snapshot } from "../../src/stats/types.ts";

/** Applies the events in order; returns the last state and every command they produced. */
export function run(s: State, ...events: Event[]): [State, Command[]] {
  let commands: Command[] = [];
  for (const e of events) {
    const [next, c] = update(s, e);
    s = next;
    commands = [...commands, ...c];
  }
  return [s, commands];
}

/** A key event (`alt` for ALT-x / ESC x). */
export const key = (name: Key["name"], text?: string, alt = false): Event => ({
  type: "key",
  key: alt ? { name, text, alt } : { name, text },
  now: 1,
});
/** A printable character. */
export const ch = (text: string): Event => key("char", text);
/** Typing a text, one character event each. */
export const typeText = (text: string): Event[] => [...text].map(ch);
/** A refresh answered with this snapshot. */
export const snap = (snapshot: Snapshot, seq = 0): Event => ({ type: "snapshot", snapshot, seq, now: 2 });
/** An SGR mouse report: button 0 left, 64/65 the wheel; 0-based cells. */
export const mouse = (button: number, x: number, y: number, release = false): Event => ({
  type: "key",
  key: { name: "mouse", mouse: { button, x, y, release } },
  now: 1,
});

/** The screen as text lines. */
export function screen(s: State): string[] {
  const { buffer } = view(s);
  return Array.from({ length: buffer.height }, (_, y) => buffer.text(y));
}

/**
 * Moves the cursor to the top (HOME), then down until it is on the row `pxname/svname` (as shown in NAME);
 * throws when there is none.
 */
export function cursorOn(s: State, pxname: string, svname: string): State {
  [s] = run(s, key("home"));
  for (let i = 0; i < 500; i++) {
    const line = selectedLine(s);
    if (line?.kind === "row" && line.row.pxname === pxname && line.row.get("svname") === svname) return s;
    [s] = run(s, key("down"));
  }
  throw new Error(`no row ${pxname}/${svname}`);
}

/** What is open over the view: the hotkey menu, the filter prompt, the detail view (and its scroll), a dialog. */
export function opened(s: State): {
  menu: boolean;
  filterEditing: boolean;
  detail: boolean;
  detailScroll?: number;
  dialog?: Dialog;
} {
  return {
    menu: isOpen(s, "hotkeys"),
    filterEditing: isOpen(s, "filter"),
    detail: isOpen(s, "detail"),
    detailScroll: overlayOf(s, "detail")?.scroll,
    dialog: openDialog(s),
  };
}
