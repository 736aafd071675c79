/**
 * The hotkey menu (ENTER on a server row): the footer lists the F-keys and what they do, long labels when
 * they fit, short ones otherwise. F-keys go on to the table (the menu stays); any other key closes it, and
 * ENTER or a lone ESC does nothing else.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, REVERSE } from "../../tui/types.ts";
import { HOTKEYS, isHotkey } from "../domain/hotkeys.ts";
import { screenLayout } from "../model/layout.ts";
import type { Step } from "../model/ops.ts";
import type { State } from "../model/state.ts";

/** Keys while the menu is open: a step when the key is used up, else the state to handle it in. */
export function menuKey(s: State, k: Key): Step | { readonly pass: State } {
  if (isHotkey(k.name)) return { pass: s };
  const closed = { ...s, menu: false };
  if (k.name === "enter" || (k.name === "escape" && !k.alt)) return [closed, []];
  return { pass: closed };
}

/** Draws the menu over the footer. */
export function drawHotkeyMenu(buf: ScreenBuffer, s: State) {
  const { footer } = screenLayout(s.size);
  const w = buf.width;
  buf.line(footer.y, "", REVERSE);
  buf.put(1, footer.y, "HOTKEYS:", REVERSE | BOLD);
  const long = HOTKEYS.map((h) => `${h.key.toUpperCase()}=${h.label}`).join("  ");
  const short = HOTKEYS.map((h) => `${h.key.toUpperCase()}=${h.short}`).join(" ");
  buf.put(11, footer.y, long.length <= w - 12 ? long : short, REVERSE);
}
