/**
 * The replay's jump prompt (`J`) on the message line: a time as `--at` takes it (an ISO 8601 time, `+90s`
 * from the start, `-5m` from the end); ENTER goes to the latest refresh at or before it (and pauses), ESC
 * closes the prompt; a time that does not parse is said beside it and the prompt stays.
 *
 * @module
 */
import { BOLD, DIM } from "../../tui/types.ts";
import { parseMoment, resolveMoment } from "../../record/time.ts";
import { editLine } from "../widgets/line_editor.ts";
import { closeOverlay, replaceOverlay } from "../model/ops.ts";
import type { Overlay } from "../model/state.ts";
import type { OverlayDef } from "../model/view_def.ts";

type Jump = Extract<Overlay, { kind: "jump" }>;

/** The jump prompt. */
export const jumpOverlay: OverlayDef<Jump> = {
  onKey(s, o, k) {
    const replay = s.playback?.replay;
    if (k.name === "escape" || !replay) return [closeOverlay(s, "jump"), []];
    if (k.name === "enter") {
      const spec = parseMoment(o.input.text.trim());
      if (typeof spec === "string") return [replaceOverlay(s, { ...o, error: spec }), []];
      const time = resolveMoment(spec, replay.start, replay.end);
      return [closeOverlay(s, "jump"), [{ type: "replay", control: { kind: "at", time } }]];
    }
    const input = editLine(o.input, k);
    if (!input) return [s, []];
    return [replaceOverlay(s, { kind: "jump", input }), []];
  },
  drawMessage(buf, _s, o, message) {
    const prompt = ` Jump to: ${o.input.text}`;
    buf.line(message.y, prompt, BOLD);
    const help = o.error ?? "ISO time (2026-12-03T06:40:00Z), +90s from the start, -5m from the end; ESC";
    buf.put(prompt.length + 2, message.y, help, o.error ? BOLD : DIM);
    return { x: prompt.length, y: message.y };
  },
  hints: () => ({ tail: ["ENTER=JUMP", "ESC=CANCEL"], extra: [] }),
};
