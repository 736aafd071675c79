/**
 * The detail view over a table view: every field of the selected row, grouped, live (it follows refreshes),
 * in place of the table. Arrows, pages and the wheel scroll it; `i`, `q` or ESC close it.
 *
 * @module
 */
import { replayKey } from "../model/replay_keys.ts";
import { BOLD, REVERSE } from "../../tui/types.ts";
import { scrollText } from "../widgets/scroll.ts";
import { screenLayout } from "../model/layout.ts";
import { closeOverlay, replaceOverlay } from "../model/ops.ts";
import type { Overlay, State } from "../model/state.ts";
import { cursorLine, type RowDetail } from "../model/table.ts";
import type { OverlayDef, ViewDef } from "../model/view_def.ts";

/** The detail of the row under the cursor of the view's table, if it is on a row. */
function selectedDetail(s: State, under: ViewDef): RowDetail | undefined {
  const table = under.table;
  const line = table && cursorLine(s, table);
  const row = line && table.rowOf(line);
  return row === undefined ? undefined : table!.detail(row);
}

/** The detail view. */
export const detailOverlay: OverlayDef<Extract<Overlay, { kind: "detail" }>> = {
  onKey(s, o, k, under) {
    // A replay moves under the detail view too: its figures (and charts) follow the moment shown.
    const replaying = replayKey(s, k);
    if (replaying) return replaying;
    if (k.name === "escape" || (k.name === "char" && ["i", "q", "Q"].includes(k.text ?? ""))) {
      return [closeOverlay(s, "detail"), []];
    }
    const length = selectedDetail(s, under)?.lines.length ?? 0;
    const at = scrollText(k, o.scroll, length, screenLayout(s.size).body.height);
    return [at === undefined ? s : replaceOverlay(s, { ...o, scroll: at }), []];
  },
  draw(buf, s, o, { header, body }, under) {
    buf.line(header.y, "");
    for (let i = 0; i < body.height; i++) buf.line(body.y + i, "");
    const detail = selectedDetail(s, under);
    if (!detail) return undefined;
    buf.line(header.y, ` ${detail.title}`, REVERSE | BOLD);
    const hint = "i/ESC=CLOSE ";
    buf.put(buf.width - hint.length, header.y, hint, REVERSE | BOLD);
    for (let i = 0; i < body.height; i++) {
      const text = detail.lines[o.scroll + i];
      if (text === undefined) break;
      buf.line(body.y + i, text, text.startsWith(" ") ? 0 : BOLD);
    }
    return undefined;
  },
  hints: () => ({ tail: ["UP/DOWN=SCROLL", "i/ESC=CLOSE"], extra: [] }),
};
