/**
 * `view(state)`: the whole screen as a cell buffer. Pure; only visible rows are formatted, so the cost of a
 * frame does not depend on the number of services. The frame is the same for every view: the title and the
 * header's lines, the view's own header row and body, the message line, the footer, then what is open over
 * them, the topmost last.
 *
 * @module
 */
import { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD } from "../../tui/types.ts";
import { isConnected } from "../model/instances.ts";
import { MIN_COLUMNS, MIN_ROWS, screenLayout, tooSmall } from "../model/layout.ts";
import type { State } from "../model/state.ts";
import type { Cursor, Hints, ViewDef } from "../model/view_def.ts";
import { drawInfo, drawTitle } from "../chrome/header.ts";
import { drawDisconnected, drawMessage } from "../chrome/message.ts";
import { drawFooter, footerTabs } from "../chrome/footer.ts";
import { currentView, enabledViews, overlayDef } from "./registry.ts";

/** A frame: the buffer and where the text cursor goes (in the CLI, the filter and prompts). */
export interface Frame {
  readonly buffer: ScreenBuffer;
  readonly cursor?: Cursor;
}

/** The screen for a state, with the app's views. */
export function view(views: readonly ViewDef[], s: State): Frame {
  const { columns: w, rows: h } = s.size;
  const buf = new ScreenBuffer(Math.max(0, w), Math.max(0, h));
  if (tooSmall(s.size)) {
    drawTooSmall(buf, s);
    return { buffer: buf };
  }
  const layout = screenLayout(s.size);
  const shown = currentView(views, s);
  drawTitle(buf, s, layout.title);
  drawInfo(buf, s, layout.info);
  let cursor = shown.draw(buf, s, layout);
  // The message line: DISCONNECTED, else an overlay's own line (the filter prompt), else a message, else
  // an overlay's status (the hotkey menu's unavailable keys), else what the view says there (the selected
  // service).
  const prompt = s.overlays.findLast((o) => overlayDef(o).drawMessage);
  const drawPrompt = prompt && overlayDef(prompt).drawMessage;
  const status = s.overlays.findLast((o) => overlayDef(o).drawStatus);
  const overlayStatus = () =>
    status !== undefined && overlayDef(status).drawStatus!(buf, s, status, layout.message);
  if (!isConnected(s)) drawDisconnected(buf, s, layout.message);
  else if (prompt && drawPrompt) cursor = drawPrompt(buf, s, prompt, layout.message, shown) ?? cursor;
  else if (!drawMessage(buf, s, layout.message) && !overlayStatus()) {
    shown.drawStatus?.(buf, s, layout.message);
  }
  drawFooter(buf, layout.footer, footerTabs(enabledViews(views, s.config), s.view), s.view, hints(shown, s));
  for (const o of s.overlays) cursor = overlayDef(o).draw?.(buf, s, o, layout, shown) ?? cursor;
  return { buffer: buf, cursor };
}

/** The footer's hints: the topmost overlay's that has some, else the view's. */
function hints(shown: ViewDef, s: State): Hints {
  for (const o of [...s.overlays].reverse()) {
    const h = overlayDef(o).hints?.(s, o);
    if (h) return h;
  }
  return shown.hints(s);
}

function drawTooSmall(buf: ScreenBuffer, s: State) {
  const lines = [
    "terminal too small",
    `${s.size.columns}x${s.size.rows}, need ${MIN_COLUMNS}x${MIN_ROWS}`,
    "q quits",
  ];
  const top = Math.max(0, Math.floor((buf.height - lines.length) / 2));
  lines.forEach((line, i) => {
    const text = line.slice(0, buf.width);
    buf.put(Math.max(0, Math.floor((buf.width - text.length) / 2)), top + i, text, i === 0 ? BOLD : 0);
  });
}
