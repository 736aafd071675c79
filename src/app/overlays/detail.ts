/**
 * The detail view over the table: every field of the selected service, grouped, live (it follows refreshes).
 * Arrows, pages and the wheel scroll it; `i`, `q` or ESC close it.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, REVERSE } from "../../tui/types.ts";
import { detailLines } from "../domain/detail.ts";
import { scrollText } from "../widgets/scroll.ts";
import { screenLayout } from "../model/layout.ts";
import { selectedLine } from "../model/stat_table.ts";
import type { State } from "../model/state.ts";

/** Keys while the detail view is open. */
export function detailKey(s: State, k: Key): State {
  if (k.name === "escape" || (k.name === "char" && ["i", "q", "Q"].includes(k.text ?? ""))) {
    return { ...s, detail: false };
  }
  const line = selectedLine(s);
  const length = line?.kind === "row" ? detailLines(line.row).length : 0;
  const at = scrollText(k, s.detailScroll, length, screenLayout(s.size).body.height);
  return at === undefined ? s : { ...s, detailScroll: at };
}

/** The detail view replaces the table: a header naming the service, then its fields. */
export function drawDetail(buf: ScreenBuffer, s: State): undefined {
  const line = selectedLine(s);
  if (line?.kind !== "row") return;
  const { header, body } = screenLayout(s.size);
  const { row } = line;
  const title = ` ${row.pxname}/${row.svname} [#${row.iid}/#${row.sid}]: every field, live`;
  buf.line(header.y, title, REVERSE | BOLD);
  const hint = "i/ESC=CLOSE ";
  buf.put(buf.width - hint.length, header.y, hint, REVERSE | BOLD);
  const lines = detailLines(row);
  for (let i = 0; i < body.height; i++) {
    const text = lines[s.detailScroll + i];
    if (text === undefined) break;
    buf.line(body.y + i, text, text.startsWith(" ") ? 0 : BOLD);
  }
}
