/**
 * The `:` command palette: every view and the shown view's actions, with their keys, over the body; typing
 * filters them (every word must appear), UP/DOWN choose, ENTER runs the chosen one (presses its key, so it
 * does exactly what the key does), ESC closes. The prompt is on the message line.
 *
 * @module
 */
import { BOLD, DIM, REVERSE } from "../../tui/types.ts";
import { editLine } from "../widgets/line_editor.ts";
import { closeOverlay, replaceOverlay } from "../model/ops.ts";
import { matchEntries } from "../model/palette.ts";
import type { Overlay } from "../model/state.ts";
import type { OverlayDef } from "../model/view_def.ts";

type Palette = Extract<Overlay, { kind: "palette" }>;

/** The palette. */
export const paletteOverlay: OverlayDef<Palette> = {
  onKey(s, o, k) {
    const shown = matchEntries(o.entries, o.input.text);
    if (k.name === "escape") return [closeOverlay(s, "palette"), []];
    if (k.name === "enter") {
      const entry = shown[Math.min(o.index, shown.length - 1)];
      const closed = closeOverlay(s, "palette");
      if (!entry) return [closed, []];
      return entry.key ? { pass: closed, key: entry.key } : { pass: closed, view: entry.view };
    }
    const step = ({ up: -1, down: 1, pageup: -10, pagedown: 10 } as Record<string, number>)[k.name];
    if (step !== undefined) {
      const index = Math.max(0, Math.min(shown.length - 1, o.index + step));
      return [replaceOverlay(s, { ...o, index }), []];
    }
    const input = editLine(o.input, k);
    if (!input || input.text === o.input.text && input.cursor === o.input.cursor) return [s, []];
    return [replaceOverlay(s, { ...o, input, index: 0 }), []];
  },
  draw(buf, _s, o, { header, body }) {
    const shown = matchEntries(o.entries, o.input.text);
    buf.line(
      header.y,
      " Views and actions (type to filter, UP/DOWN choose, ENTER runs, ESC closes)",
      REVERSE | BOLD,
    );
    const index = Math.min(o.index, shown.length - 1);
    const top = Math.max(0, index - body.height + 1);
    for (let i = 0; i < body.height; i++) {
      const entry = shown[top + i];
      const text = entry
        ? `  ${(entry.keys ?? "").padEnd(6)} ${entry.label}`
        : i === 0
        ? "  nothing matches"
        : "";
      buf.line(body.y + i, text, top + i === index ? REVERSE : 0);
    }
    return undefined;
  },
  drawMessage(buf, s, o, message) {
    const prompt = ` :${o.input.text}`;
    buf.line(message.y, prompt, BOLD);
    const n = matchEntries(o.entries, o.input.text).length;
    buf.put(prompt.length + 2, message.y, `${n} of ${o.entries.length}`, DIM);
    void s;
    return { x: 2 + o.input.cursor, y: message.y };
  },
  hints: () => ({ tail: ["ENTER=RUN", "ESC=CLOSE"], extra: ["UP/DOWN=CHOOSE"] }),
};
