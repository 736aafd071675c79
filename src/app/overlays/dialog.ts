/**
 * The dialogs over the body: the actions menu, a value prompt, a confirmation. ESC always cancels; nothing
 * is sent until the operator picks, types and confirms. When no action can be sent now (read-only, not
 * connected, level), the actions menu greys its entries and says why; picking one says it again. The box
 * sits in the middle of the screen and may cover it from the header's lines to the message line (modal).
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, DIM, REVERSE } from "../../tui/types.ts";
import { ACTIONS, validatePrompt } from "../domain/actions.ts";
import { boxCentred, boxRoom, drawBox } from "../widgets/box.ts";
import { editLine, EMPTY_LINE } from "../widgets/line_editor.ts";
import { screenLayout } from "../model/layout.ts";
import { closeOverlay, replaceOverlay, say, type Step } from "../model/ops.ts";
import { actionBlocked, actionsUnavailable, sendAction } from "../model/server_actions.ts";
import type { Dialog, Overlay, State } from "../model/state.ts";
import type { Cursor, OverlayDef } from "../model/view_def.ts";

function close(s: State): State {
  return closeOverlay(s, "dialog");
}

/** The dialog replaced by the next one (the actions menu by its prompt or question, an entry chosen). */
function next(s: State, dialog: Dialog): State {
  return replaceOverlay(s, { kind: "dialog", dialog });
}

/** Handles a key with a dialog open. */
function dialogKey(s: State, d: Dialog, k: Key): Step {
  if (k.name === "escape") return [say(close(s), "cancelled: nothing was sent"), []];
  switch (d.kind) {
    case "actions":
      return actionsKey(s, d, k);
    case "prompt":
      return promptKey(s, d, k);
    case "entry":
      return entryKey(s, d, k);
    case "confirm":
      if (k.name === "char" && (k.text === "y" || k.text === "Y")) {
        const stale = d.stale?.(s);
        if (stale) return [say(close(s), `not sent: ${stale}`, "error"), []];
        return sendAction(close(s), d.commands, d.rowKeys, d.instance);
      }
      if (k.name === "char" && (k.text === "n" || k.text === "N")) {
        return [say(close(s), "cancelled: nothing was sent"), []];
      }
      return [s, []];
  }
}

function actionsKey(s: State, d: Extract<Dialog, { kind: "actions" }>, k: Key): Step {
  if (k.name === "up" || k.name === "down") {
    const index = (d.index + (k.name === "up" ? ACTIONS.length - 1 : 1)) % ACTIONS.length;
    return [next(s, { ...d, index }), []];
  }
  let action = k.name === "enter" ? ACTIONS[d.index] : undefined;
  if (k.name === "char" && !k.alt) action = ACTIONS.find((a) => a.key === k.text);
  if (!action) return [s, []];
  const blocked = actionBlocked(s, d.target.instance);
  if (blocked) return [say(close(s), blocked, "error"), []];
  const target = `${d.target.pxname}/${d.target.svname}`;
  if (action.kind === "prompt") {
    return [next(s, { kind: "prompt", action, target: d.target, input: EMPTY_LINE }), []];
  }
  const commands = action.commands(target);
  const { instance } = d.target;
  // On an aggregate row the action goes to every instance: asked first, as an F-key there is.
  if (action.kind === "confirm" || instance === "*") {
    const where = instance === "*" ? ` on every instance (${s.instances.map((i) => i.name).join(", ")})` : "";
    return [
      next(s, {
        kind: "confirm",
        title: `${action.label} on ${target}${where}?`,
        lines: commands,
        commands,
        rowKeys: [d.target.key],
        ...(instance === undefined ? {} : { instance }),
      }),
      [],
    ];
  }
  return sendAction(close(s), commands, [d.target.key], instance);
}

function promptKey(s: State, d: Extract<Dialog, { kind: "prompt" }>, k: Key): Step {
  if (k.name === "enter") {
    const checked = validatePrompt(d.action.prompt, d.input.text);
    if ("error" in checked) return [next(s, { ...d, error: checked.error }), []];
    return sendAction(
      close(s),
      d.action.commands(`${d.target.pxname}/${d.target.svname}`, checked.value),
      [d.target.key],
      d.target.instance,
    );
  }
  const input = editLine(d.input, k);
  if (!input) return [s, []];
  return [next(s, { ...d, input, error: undefined }), []];
}

/** A write's line typed: ENTER shows the exact command to confirm, or why it cannot be sent. */
function entryKey(s: State, d: Extract<Dialog, { kind: "entry" }>, k: Key): Step {
  if (k.name === "enter") {
    const plan = d.plan(d.input.text);
    if ("error" in plan) return [next(s, { ...d, error: plan.error }), []];
    const confirm = { title: plan.title, lines: [plan.command], commands: [plan.command], rowKeys: [] };
    return [next(s, { kind: "confirm", ...confirm, instance: d.instance }), []];
  }
  const input = editLine(d.input, k);
  if (!input) return [s, []];
  return [next(s, { ...d, input, error: undefined }), []];
}

/** The dialog's lines, title first; `unavailable`: why no action can be sent now (the entries are greyed). */
function dialogText(d: Dialog, unavailable?: string): { title: string; lines: string[]; footer: string } {
  switch (d.kind) {
    case "actions":
      return {
        title: `Actions on ${d.target.pxname}/${d.target.svname}${unavailable ? ": unavailable" : ""}`,
        lines: [
          ...ACTIONS.map((a, i) => `${i === d.index ? ">" : " "} ${a.key}  ${a.label}`),
          ...(unavailable ? [`! ${unavailable}`] : []),
        ],
        footer: unavailable ? "ESC closes" : "key or UP/DOWN+ENTER picks, ESC cancels",
      };
    case "prompt": {
      return {
        title: `${d.action.label.replace("...", "")} for ${d.target.pxname}/${d.target.svname}`,
        lines: [`> ${d.input.text}`, d.error ? `! ${d.error}` : ""],
        footer: "ENTER sends, ESC cancels",
      };
    }
    case "entry":
      return {
        title: d.title,
        lines: [`> ${d.input.text}`, d.error ? `! ${d.error}` : ""],
        footer: "ENTER shows the command, ESC cancels",
      };
    case "confirm":
      return { title: d.title, lines: d.lines.map((l) => `  ${l}`), footer: "y sends, n or ESC cancels" };
  }
}

/** Draws the open dialog as a box in the middle of the body; returns where the text cursor goes. */
function drawDialog(buf: ScreenBuffer, s: State, d: Dialog): Cursor | undefined {
  const unavailable = d.kind === "actions" ? actionsUnavailable(s, d.target.instance) : undefined;
  const text = dialogText(d, unavailable);
  const { info, header, message } = screenLayout(s.size);
  // The box may cover everything from the header's first line to the message line (it is modal): at the
  // smallest size (20 rows) the ten actions fit; a longer list scrolls to keep the selected entry in view.
  const area = { info: info.y, header: header.y, message: message.y };
  const first = boxCentred(text.lines.length, boxRoom(area), d.kind === "actions" ? d.index : 0);
  const { x, top } = drawBox(
    buf,
    area,
    text,
    first,
    (line) =>
      line.startsWith("!")
        ? BOLD
        : (unavailable ? DIM : 0) | (line.startsWith(">") && d.kind === "actions" ? REVERSE : 0),
  );
  if (d.kind === "prompt" || d.kind === "entry") return { x: x + 4 + d.input.cursor, y: top + 1 };
  return undefined;
}

/** The dialogs. */
export const dialogOverlay: OverlayDef<Extract<Overlay, { kind: "dialog" }>> = {
  modal: true,
  onKey: (s, o, k) => dialogKey(s, o.dialog, k),
  draw: (buf, s, o) => drawDialog(buf, s, o.dialog),
};
