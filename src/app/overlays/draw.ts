/**
 * What is drawn over the stat table: the detail view of the selected service and the dialogs (actions menu,
 * value prompt, confirmation).
 *
 * @module
 */
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, FG, REVERSE, style } from "../../tui/types.ts";
import { BODY_TOP, bodyHeight, HEADER_ROW } from "../model/layout.ts";
import { detailLines } from "../domain/detail.ts";
import { ACTIONS } from "../domain/actions.ts";
import { selectedLine } from "../model/ops.ts";
import type { Dialog, State } from "../model/state.ts";

/** The detail view replaces the table: a header naming the service, then its fields. */
export function drawDetail(buf: ScreenBuffer, s: State) {
  const line = selectedLine(s);
  if (line?.kind !== "row") return;
  const { row } = line;
  const title = ` ${row.pxname}/${row.svname} [#${row.iid}/#${row.sid}]: every field, live`;
  buf.line(HEADER_ROW, title, REVERSE | BOLD);
  const hint = "i/ESC=CLOSE ";
  buf.put(buf.width - hint.length, HEADER_ROW, hint, REVERSE | BOLD);
  const lines = detailLines(row);
  const visible = bodyHeight(s.size);
  for (let i = 0; i < visible; i++) {
    const text = lines[s.detailScroll + i];
    if (text === undefined) break;
    buf.line(BODY_TOP + i, text, text.startsWith(" ") ? 0 : BOLD);
  }
}

/** The dialog's lines: title first. */
function dialogText(d: Dialog): { title: string; lines: string[]; footer: string } {
  switch (d.kind) {
    case "actions":
      return {
        title: `Actions on ${d.target.pxname}/${d.target.svname}`,
        lines: ACTIONS.map((a, i) => `${i === d.index ? ">" : " "} ${a.key}  ${a.label}`),
        footer: "key or UP/DOWN+ENTER picks, ESC cancels",
      };
    case "prompt": {
      const a = ACTIONS.find((x) => x.key === d.action)!;
      return {
        title: `${a.label.replace("...", "")} for ${d.target.pxname}/${d.target.svname}`,
        lines: [`> ${d.input.text}`, d.error ? `! ${d.error}` : ""],
        footer: "ENTER sends, ESC cancels",
      };
    }
    case "confirm":
      return { title: d.title, lines: d.lines.map((l) => `  ${l}`), footer: "y sends, n or ESC cancels" };
  }
}

/** Draws the open dialog as a box in the middle of the body; returns where the text cursor goes. */
export function drawDialog(buf: ScreenBuffer, s: State, d: Dialog): { x: number; y: number } | undefined {
  const { title, lines, footer } = dialogText(d);
  // The box may cover everything from row 2 to the message line (it is modal): at the smallest size (20
  // rows) the ten actions fit; a longer list scrolls to keep the selected entry in view.
  const maxLines = Math.max(1, s.size.rows - 7);
  let shown = lines;
  if (lines.length > maxLines) {
    const selected = d.kind === "actions" ? d.index : 0;
    const first = Math.max(
      0,
      Math.min(lines.length - (maxLines - 1), selected - Math.floor((maxLines - 1) / 2)),
    );
    const window = lines.slice(first, first + maxLines - 1);
    shown = [...window, `  (${first} above, ${lines.length - first - window.length} below)`];
  }
  const inner = Math.min(
    buf.width - 4,
    Math.max(title.length, footer.length, ...shown.map((l) => l.length)) + 2,
  );
  const x = Math.max(0, Math.floor((buf.width - inner - 2) / 2));
  // Top border on the column header row when the box fits below it, else higher.
  const top = Math.max(3, Math.min(HEADER_ROW + 1, s.size.rows - 3 - (shown.length + 2)));
  const frame = style(0, FG.default);
  const row = (y: number, text: string, st: number) => {
    buf.put(x, y, "|", frame);
    buf.put(x + 1, y, ` ${text}`.slice(0, inner).padEnd(inner), st);
    buf.put(x + 1 + inner, y, "|", frame);
  };
  buf.put(x, top - 1, `+${"-".repeat(inner)}+`, frame);
  row(top, title, BOLD);
  shown.forEach((text, i) =>
    row(
      top + 1 + i,
      text,
      text.startsWith(">") && d.kind === "actions" ? REVERSE : text.startsWith("!") ? BOLD : 0,
    )
  );
  row(top + 1 + shown.length, footer, 0);
  buf.put(x, top + 2 + shown.length, `+${"-".repeat(inner)}+`, frame);
  if (d.kind === "prompt") return { x: x + 4 + d.input.cursor, y: top + 1 };
  return undefined;
}
