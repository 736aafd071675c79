/**
 * The `/` filter prompt on the message line: the filter applies as it is typed; ENTER keeps it, ESC clears
 * it. The count of matching rows (or why a regular expression is invalid) is shown beside it.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, DIM } from "../../tui/types.ts";
import { editLine } from "../widgets/line_editor.ts";
import { screenLayout } from "../model/layout.ts";
import type { Step } from "../model/ops.ts";
import { relayout } from "../model/stat_table.ts";
import type { State } from "../model/state.ts";

/** Keys while the filter is being typed. */
export function filterKey(s: State, k: Key): Step {
  if (k.name === "enter") return [{ ...s, filterEditing: false }, []];
  if (k.name === "escape") return [relayout({ ...s, filter: "", filterEditing: false }), []];
  const edited = editLine({ text: s.filter, cursor: s.filter.length }, k);
  if (!edited || edited.text === s.filter) return [s, []];
  return [relayout({ ...s, filter: edited.text }), []];
}

/** Draws the prompt on the message line; returns where the text cursor goes. */
export function drawFilterPrompt(buf: ScreenBuffer, s: State): { x: number; y: number } {
  const { y } = screenLayout(s.size).message;
  const count = s.filterError ??
    (s.filter === ""
      ? "no filter: every row shown (type a name; ~ starts a regex)"
      : `${s.matches ?? 0} matching (ENTER keeps, ESC clears; ~ starts a regex)`);
  const prompt = ` Filter: ${s.filter}`;
  buf.line(y, prompt, BOLD);
  buf.put(prompt.length + 2, y, count, s.filterError ? BOLD : DIM);
  return { x: prompt.length, y };
}
