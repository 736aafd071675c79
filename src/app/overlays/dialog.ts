/**
 * Keys while a dialog is open: the actions menu, a value prompt, a confirmation. ESC always cancels; nothing
 * is sent until the operator picks, types and confirms.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import { ACTIONS, validatePrompt } from "../domain/actions.ts";
import { editLine, EMPTY_LINE } from "../widgets/line_editor.ts";
import { say, type Step } from "../model/ops.ts";
import { sendAction } from "../views/stat_keys.ts";
import type { Dialog, State } from "../model/state.ts";

function close(s: State): State {
  return { ...s, dialog: undefined };
}

/** Handles a key with a dialog open. */
export function dialogKey(s: State, d: Dialog, k: Key): Step {
  if (k.name === "escape") return [say(close(s), "cancelled: nothing was sent"), []];
  switch (d.kind) {
    case "actions":
      return actionsKey(s, d, k);
    case "prompt":
      return promptKey(s, d, k);
    case "confirm":
      if (k.name === "char" && (k.text === "y" || k.text === "Y")) {
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
    return [{ ...s, dialog: { ...d, index } }, []];
  }
  let action = k.name === "enter" ? ACTIONS[d.index] : undefined;
  if (k.name === "char" && !k.alt) action = ACTIONS.find((a) => a.key === k.text);
  if (!action) return [s, []];
  const target = `${d.target.pxname}/${d.target.svname}`;
  if (action.kind === "prompt") {
    return [
      { ...s, dialog: { kind: "prompt", action: action.key, target: d.target, input: EMPTY_LINE } },
      [],
    ];
  }
  const commands = action.commands(target);
  if (action.kind === "confirm") {
    return [{
      ...s,
      dialog: {
        kind: "confirm",
        title: `${action.label} on ${target}?`,
        lines: commands,
        commands,
        rowKeys: [d.target.key],
      },
    }, []];
  }
  return sendAction(close(s), commands, [d.target.key]);
}

function promptKey(s: State, d: Extract<Dialog, { kind: "prompt" }>, k: Key): Step {
  const action = ACTIONS.find((a) => a.key === d.action)!;
  if (k.name === "enter") {
    const checked = validatePrompt(action.prompt!, d.input.text);
    if ("error" in checked) return [{ ...s, dialog: { ...d, error: checked.error } }, []];
    return sendAction(
      close(s),
      action.commands(`${d.target.pxname}/${d.target.svname}`, checked.value),
      [d.target.key],
      d.target.instance,
    );
  }
  const input = editLine(d.input, k);
  if (!input) return [s, []];
  return [{ ...s, dialog: { ...d, input, error: undefined } }, []];
}
