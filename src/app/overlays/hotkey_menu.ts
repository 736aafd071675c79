/**
 * The hotkey menu (ENTER on a server row): the footer lists the F-keys and what they do, long labels when
 * they fit, short ones otherwise. F-keys go on to the view (the menu stays); any other key closes it, and
 * ENTER or a lone ESC does nothing else.
 *
 * @module
 */
import { BOLD, REVERSE } from "../../tui/types.ts";
import { HOTKEYS, isHotkey } from "../domain/hotkeys.ts";
import { closeOverlay } from "../model/ops.ts";
import type { Overlay } from "../model/state.ts";
import type { OverlayDef } from "../model/view_def.ts";

/** The hotkey menu. */
export const hotkeyMenu: OverlayDef<Extract<Overlay, { kind: "hotkeys" }>> = {
  onKey(s, _o, k) {
    if (isHotkey(k.name)) return { pass: s };
    const closed = closeOverlay(s, "hotkeys");
    if (k.name === "enter" || (k.name === "escape" && !k.alt)) return [closed, []];
    return { pass: closed };
  },
  draw(buf, _s, _o, { footer }) {
    const w = buf.width;
    buf.line(footer.y, "", REVERSE);
    buf.put(1, footer.y, "HOTKEYS:", REVERSE | BOLD);
    const long = HOTKEYS.map((h) => `${h.key.toUpperCase()}=${h.label}`).join("  ");
    const short = HOTKEYS.map((h) => `${h.key.toUpperCase()}=${h.short}`).join(" ");
    buf.put(11, footer.y, long.length <= w - 12 ? long : short, REVERSE);
    return undefined;
  },
};
