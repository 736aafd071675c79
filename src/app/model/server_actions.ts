/**
 * What acting on a server does to the state: an F-key planned, asked about first (several backends, every
 * instance), queued behind a change not yet shown, refused with the reason, or sent; the actions menu opened
 * on it; its name pasted into the CLI. Key handlers call these; nothing here reads a key.
 *
 * Nothing is sent that the operator did not ask for: every path that sends goes through
 * {@linkcode sendAction}, which marks the rows it touches as pending until a refresh shows the result.
 *
 * @module
 */
import type { StatRow } from "../../stats/types.ts";
import { type BodyLine, isServerRow } from "../domain/body_lines.ts";
import { type HotkeyName, HOTKEYS, isWeightKey, planHotkey } from "../domain/hotkeys.ts";
import { insertText } from "../widgets/line_editor.ts";
import { ctime } from "../widgets/clock.ts";
import { levelFor, reachable } from "./instances.ts";
import { appendOutput, openOverlay, say, showView, type Step } from "./ops.ts";
import { selectedLine } from "./stat_table.ts";
import type { State } from "./state.ts";

/** What keys that would send something (F-keys, ENTER's hotkey menu, SPACE into the CLI, `a`) say in `-n`. */
export const READ_ONLY = "read-only mode: no actions, no CLI (-n)";

/** What a key that would send something says: read-only (`-n`), or a replay, which has no socket. */
export const REPLAY_REFUSAL = "a replay sends nothing: no actions, no CLI (there is no socket)";

/** Why nothing may be sent at all ({@linkcode READ_ONLY}, {@linkcode REPLAY_REFUSAL}), or undefined. */
export function readOnlyReason(config: State["config"]): string | undefined {
  return config.replay !== undefined ? REPLAY_REFUSAL : config.readOnly ? READ_ONLY : undefined;
}

/**
 * Why no server action can be sent to `instance` now (a replay, read-only mode, not connected, a level below
 * admin), said before the operator tries one (the hotkey and actions menus grey their entries); undefined:
 * they can.
 */
export function actionsUnavailable(s: State, instance?: string): string | undefined {
  if (s.config.replay !== undefined) return "a replay (there is no socket)";
  if (s.config.readOnly) return "read-only mode (-n)";
  if (!reachable(s, instance)) return "HAProxy is not connected";
  const level = levelFor(s, instance);
  if (level !== undefined && level !== "admin") {
    return `this socket's level is ${level}; server actions need level admin`;
  }
  return undefined;
}

/** Why an action cannot be sent now, as said when one is tried, or undefined when it can. */
export function actionBlocked(s: State, instance?: string): string | undefined {
  const why = actionsUnavailable(s, instance);
  if (why === undefined) return undefined;
  return readOnlyReason(s.config) ?? `not sent: ${why}`;
}

/** The selected line when it is a server row (what hotkeys, actions, ENTER and SPACE act on). */
export function selectedServer(s: State): Extract<BodyLine, { kind: "row" }> | undefined {
  const line = selectedLine(s);
  return line?.kind === "row" && isServerRow(line.row) ? line : undefined;
}

/** Every server row HAProxy reported (not only those a filter shows). */
export function serverRows(s: State): StatRow[] {
  return (s.snapshot?.proxies ?? []).flatMap((px) => px.servers);
}

/** Sends an action's commands (to `instance`: an id, `*` for all, absent: the only one) and marks its rows. */
export function sendAction(
  s: State,
  commands: readonly string[],
  rowKeys: readonly string[],
  instance?: string,
): Step {
  const pending = new Map(s.pending);
  for (const k of rowKeys) pending.set(k, Infinity);
  const send = { type: "send", origin: "action", commands, rowKeys } as const;
  return [{ ...s, pending }, [instance === undefined ? send : { ...send, instance }]];
}

/**
 * `a`: the actions menu on the selected server (its entries greyed, with the reason, when no action can be
 * sent now: see actionsUnavailable), or why not.
 */
export function openActions(s: State): State {
  const line = selectedServer(s);
  if (!line) return say(s, "actions work on server rows");
  const target = {
    pxname: line.row.pxname,
    svname: line.row.svname,
    key: line.key,
    ...(line.row.instance === undefined ? {} : { instance: line.row.instance }),
  };
  return openOverlay(s, { kind: "dialog", dialog: { kind: "actions", index: 0, target } });
}

/** The CLI's view id: SPACE shows it. */
const CLI_VIEW = "cli";

/** SPACE: the selected server's `proxy/server` typed into the CLI, which opens. */
export function pasteIntoCli(s: State): State {
  const line = selectedServer(s);
  if (!line) return s;
  if (s.config.readOnly) return say(s, readOnlyReason(s.config)!);
  const input = insertText(s.cli.input, `${line.row.pxname}/${line.row.svname}`);
  return showView({ ...s, cli: { ...s.cli, input } }, CLI_VIEW);
}

/** An F-key on the selected server: sent at once, asked about first, queued, or refused with the reason. */
export function hotkey(s: State, name: HotkeyName): Step {
  const line = selectedServer(s);
  if (!line) return [s, []];
  if (s.config.readOnly) return [say(s, readOnlyReason(s.config)!), []];
  const blocked = actionBlocked(s, line.row.instance);
  if (blocked) return [refuseHotkey(s, name, line.row, blocked), []];
  const instance = line.row.instance;
  if (isWeightKey(name) && s.pending.has(line.key)) {
    if (instance === "*") {
      return [say(s, `wait: the last change to ${line.row.pxname}/${line.row.svname} is not shown yet`), []];
    }
    return [queueWeightKey(s, line.key, `${line.row.pxname}/${line.row.svname}`, name), []];
  }
  const plan = planHotkey(name, line.row, serverRows(s));
  if ("refused" in plan) return [say(s, plan.refused), []];
  const everywhere = instance === "*";
  if (plan.commands.length > 1 || everywhere) {
    const where = everywhere ? ` on every instance (${s.instances.map((i) => i.name).join(", ")})` : "";
    const backends = plan.commands.length > 1 ? ` ${plan.commands.length} backends` : "";
    return [
      openOverlay(s, {
        kind: "dialog",
        dialog: {
          kind: "confirm",
          title: `${name.toUpperCase()} acts${backends ? ` on${backends}` : ""}${where}:`,
          lines: plan.commands,
          commands: plan.commands,
          rowKeys: plan.rowKeys,
          ...(instance === undefined ? {} : { instance }),
        },
      }),
      [],
    ];
  }
  return sendAction(s, plan.commands, plan.rowKeys, instance);
}

/**
 * A hotkey that cannot be sent now (disconnected, level too low): the operator is told what was not sent, on
 * the message line (over the DISCONNECTED line too) and in the CLI log, where every hotkey's outcome goes.
 */
function refuseHotkey(s: State, name: HotkeyName, row: StatRow, blocked: string): State {
  const plan = planHotkey(name, row, serverRows(s));
  const what = "refused" in plan
    ? ""
    : `: ${plan.commands[0]}${plan.commands.length > 1 ? ` (+${plan.commands.length - 1} more)` : ""}`;
  const text = `${blocked} (${name.toUpperCase()}${what})`;
  return say(appendOutput(s, [`* ${ctime(s.now)}`, `! ${text}`, ""]), text, "error");
}

/**
 * A weight key on a row whose last change is not shown yet: it waits in the row's queue, to be planned on the
 * weight HAProxy confirms (see weight_queue.ts), instead of on the weight on screen, which is stale.
 */
function queueWeightKey(s: State, key: string, name: string, hotkey: HotkeyName): State {
  const queue = [...(s.queued.get(key) ?? []), hotkey];
  const queued = new Map(s.queued).set(key, queue);
  const label = HOTKEYS.find((h) => h.key === hotkey)!.label;
  return say(
    { ...s, queued },
    `queued: ${label} on ${name} (${queue.length} waiting for HAProxy to confirm the last change)`,
  );
}
