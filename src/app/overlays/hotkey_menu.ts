/**
 * The hotkey menu (ENTER on a server row): the footer lists the F-keys and what they do, long labels when
 * they fit, short ones otherwise. The keys that cannot act on the selected server now are greyed, and the
 * message line says why (read-only mode, not connected, the socket's level, a weight already at its bound)
 * before the operator tries one. F-keys go on to the view (the menu stays); any other key closes it, and
 * ENTER or a lone ESC does nothing else.
 *
 * @module
 */
import { BOLD, DIM, REVERSE } from "../../tui/types.ts";
import { HOTKEYS, isHotkey, planHotkey } from "../domain/hotkeys.ts";
import { closeOverlay } from "../model/ops.ts";
import { actionsUnavailable, selectedServer, serverRows } from "../model/server_actions.ts";
import type { Overlay, State } from "../model/state.ts";
import type { OverlayDef } from "../model/view_def.ts";

/** Why each F-key cannot act on the selected server now, by key (absent: it can). */
export function unavailableHotkeys(s: State): Map<string, string> {
  const line = selectedServer(s);
  const why = line ? actionsUnavailable(s, line.row.instance) : "no server selected";
  const out = new Map<string, string>();
  for (const h of HOTKEYS) {
    const plan = line && !why ? planHotkey(h.key, line.row, serverRows(s)) : undefined;
    const reason = why ?? (plan && "refused" in plan ? plan.refused : undefined);
    if (reason !== undefined) out.set(h.key, reason);
  }
  return out;
}

/** The message line's text for the unavailable keys: each reason once, after the keys it holds for. */
export function unavailableText(unavailable: ReadonlyMap<string, string>): string | undefined {
  if (unavailable.size === 0) return undefined;
  if (unavailable.size === HOTKEYS.length && new Set(unavailable.values()).size === 1) {
    return `F1-F11 unavailable: ${[...unavailable.values()][0]}`;
  }
  const byReason = new Map<string, string[]>();
  for (const [key, why] of unavailable) byReason.set(why, [...(byReason.get(why) ?? []), key.toUpperCase()]);
  return `unavailable: ${[...byReason].map(([why, keys]) => `${keys.join(" ")} (${why})`).join("; ")}`;
}

/** The hotkey menu. */
export const hotkeyMenu: OverlayDef<Extract<Overlay, { kind: "hotkeys" }>> = {
  onKey(s, _o, k) {
    if (isHotkey(k.name)) return { pass: s };
    const closed = closeOverlay(s, "hotkeys");
    if (k.name === "enter" || (k.name === "escape" && !k.alt)) return [closed, []];
    return { pass: closed };
  },
  draw(buf, s, _o, { footer }) {
    const w = buf.width;
    buf.line(footer.y, "", REVERSE);
    buf.put(1, footer.y, "HOTKEYS:", REVERSE | BOLD);
    const long = HOTKEYS.map((h) => `${h.key.toUpperCase()}=${h.label}`).join("  ");
    const useLong = long.length <= w - 12;
    const unavailable = unavailableHotkeys(s);
    let x = 11;
    for (const h of HOTKEYS) {
      const text = `${h.key.toUpperCase()}=${useLong ? h.label : h.short}`;
      buf.put(x, footer.y, text, REVERSE | (unavailable.has(h.key) ? DIM : 0));
      x += text.length + (useLong ? 2 : 1);
    }
    return undefined;
  },
  drawStatus(buf, s, _o, region) {
    const text = unavailableText(unavailableHotkeys(s));
    if (text) buf.line(region.y, ` ${text}`, BOLD);
    return text !== undefined;
  },
};
