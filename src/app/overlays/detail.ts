/**
 * The detail view over a table view: every field of the selected row, grouped, live (it follows refreshes),
 * in place of the table. Arrows, pages and the wheel scroll it; `i`, `q` or ESC close it. A stat row gets
 * braille line charts of its rates over the last ten minutes (overlays/detail_charts.ts; in a replay: up to
 * the moment shown) above its fields; `c` widens one chart to the whole body with its time axis and max/min
 * labelled, then the next, then back to the fields.
 *
 * @module
 */
import { replayKey } from "../model/replay_keys.ts";
import { BOLD, REVERSE } from "../../tui/types.ts";
import { scrollText } from "../widgets/scroll.ts";
import { drawCharts, drawWide, rowCharts } from "./detail_charts.ts";
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
    if (k.name === "char" && k.text === "c") {
      const count = rowCharts(s, under).length;
      const next = o.wide === undefined ? 0 : o.wide + 1;
      const wide = next < count ? next : undefined;
      return [
        replaceOverlay(s, { kind: "detail", scroll: o.scroll, ...(wide !== undefined ? { wide } : {}) }),
        [],
      ];
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
    const charts = rowCharts(s, under);
    const wide = o.wide === undefined ? undefined : charts[o.wide];
    if (wide) {
      drawWide(buf, wide, body);
      return undefined;
    }
    const top = drawCharts(buf, charts, body);
    for (let i = 0; i < body.height - top; i++) {
      const text = detail.lines[o.scroll + i];
      if (text === undefined) break;
      buf.line(body.y + top + i, text, text.startsWith(" ") ? 0 : BOLD);
    }
    return undefined;
  },
  hints: () => ({ tail: ["UP/DOWN=SCROLL", "i/ESC=CLOSE"], extra: ["C=CHART"] }),
};
