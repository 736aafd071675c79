/**
 * The `/` filter prompt on the message line, over a table view: the filter applies as it is typed; ENTER
 * keeps it, ESC clears it. The count of matching rows (or why a regular expression is invalid) is shown
 * beside it. Every key is the prompt's while it is open.
 *
 * @module
 */
import { BOLD, DIM } from "../../tui/types.ts";
import { editLine } from "../widgets/line_editor.ts";
import { closeOverlay } from "../model/ops.ts";
import { setFilter } from "../model/table.ts";
import type { Overlay } from "../model/state.ts";
import type { OverlayDef } from "../model/view_def.ts";

/** The filter prompt. */
export const filterOverlay: OverlayDef<Extract<Overlay, { kind: "filter" }>> = {
  onKey(s, _o, k, under) {
    const table = under.table;
    if (k.name === "enter" || !table) return [closeOverlay(s, "filter"), []];
    if (k.name === "escape") return [setFilter(closeOverlay(s, "filter"), table, ""), []];
    const { filter } = table.get(s);
    const edited = editLine({ text: filter, cursor: filter.length }, k);
    if (!edited || edited.text === filter) return [s, []];
    return [setFilter(s, table, edited.text), []];
  },
  drawMessage(buf, s, _o, message, under) {
    if (!under.table) return undefined;
    const { filter, matches, filterError } = under.table.get(s);
    const count = filterError ??
      (filter === ""
        ? "no filter: every row shown (type a name; ~ starts a regex)"
        : `${matches ?? 0} matching (ENTER keeps, ESC clears; ~ starts a regex)`);
    const prompt = ` Filter: ${filter}`;
    buf.line(message.y, prompt, BOLD);
    buf.put(prompt.length + 2, message.y, count, filterError ? BOLD : DIM);
    return { x: prompt.length, y: message.y };
  },
};
