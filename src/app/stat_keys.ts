/**
 * Keys of the stat modes (1-4): moving, the hotkey menu and F-keys, SPACE, and the additions of our own:
 * `/` filter, `s`/`S` sort, `i` detail view, `a` actions menu, and the mouse.
 *
 * @module
 */
import type { Key } from "../tui/types.ts";
import { STAT_MODES } from "../stats/columns.ts";
import { type BodyLine, isServerRow } from "./body.ts";
import { moveScroll, scrollEnd, scrollHome } from "./scroll.ts";
import { BODY_TOP, bodyHeight } from "./geometry.ts";
import { insertText } from "./line_editor.ts";
import { type HotkeyName, HOTKEYS, isHotkey, isWeightKey, planHotkey } from "./hotkeys.ts";
import { appendOutput, relayout, say, selectedLine, type Step, switchMode, withScroll } from "./state_ops.ts";
import { ctime } from "./clock.ts";
import { editLine } from "./line_editor.ts";
import { cycleWorker, levelFor, reachable, toggleGrouping } from "./instances.ts";
import type { State } from "./state.ts";
import type { StatRow } from "../stats/types.ts";

/** What keys that would send something (F-keys, ENTER's hotkey menu, SPACE into the CLI, `a`) say in `-n`. */
const READ_ONLY = "read-only mode: no actions, no CLI (-n)";

/** Why an action cannot be sent now, or undefined when it can. */
export function actionBlocked(s: State, instance?: string): string | undefined {
  if (s.config.readOnly) return READ_ONLY;
  if (!reachable(s, instance)) return "not sent: HAProxy is not connected";
  const level = levelFor(s, instance);
  if (level !== undefined && level !== "admin") {
    return `not sent: this socket's level is ${level}; server actions need level admin`;
  }
  return undefined;
}

/** The selected line when it is a server row (what hotkeys, actions, ENTER and SPACE act on). */
function selectedServer(s: State): Extract<BodyLine, { kind: "row" }> | undefined {
  const line = selectedLine(s);
  return line?.kind === "row" && isServerRow(line.row) ? line : undefined;
}

/** Handles a key in a stat mode. */
export function statKey(s: State, k: Key): Step {
  const visible = bodyHeight(s.size);
  const n = s.lines.length;
  const move = (d: number): Step => [withScroll(s, moveScroll(s.scroll, d, n, visible)), []];
  switch (k.name) {
    case "up":
      return move(-1);
    case "down":
      return move(1);
    case "pageup":
      return move(-10);
    case "pagedown":
      return move(10);
    case "home":
      return [withScroll(s, scrollHome()), []];
    case "end":
      return [withScroll(s, scrollEnd(n, visible)), []];
    case "ctrl":
      if (k.text === "a") return [withScroll(s, scrollHome()), []];
      if (k.text === "e") return [withScroll(s, scrollEnd(n, visible)), []];
      return [s, []];
    case "enter":
      if (!selectedServer(s)) return [s, []];
      return [s.config.readOnly ? say(s, READ_ONLY) : { ...s, menu: true }, []];
    case "mouse":
      return mouse(s, k);
    case "char":
      return charKey(s, k.text ?? "");
  }
  if (isHotkey(k.name)) return hotkey(s, k.name);
  return [s, []];
}

function charKey(s: State, t: string): Step {
  switch (t) {
    case " ":
      return [paste(s), []];
    case "/":
      return [{ ...s, filterEditing: true }, []];
    case "s":
      if (s.instances.length > 1 && s.grouping === "proxy") {
        return [
          say(s, "sorting keeps each instance's rows under their aggregate: group by instance (g) to sort"),
          [],
        ];
      }
      return [relayout({ ...s, sort: nextSort(s) }), []];
    case "g":
      return [toggleGrouping(s), []];
    case "w":
      return cycleWorker(s);
    case "S":
      if (s.instances.length > 1 && s.grouping === "proxy") return [s, []];
      return [s.sort ? relayout({ ...s, sort: { ...s.sort, reverse: !s.sort.reverse } }) : s, []];
    case "i": {
      const line = selectedLine(s);
      return [
        line?.kind === "row" ? { ...s, detail: true, detailScroll: 0 } : say(s, "select a row first"),
        [],
      ];
    }
    case "a":
      return [openActions(s), []];
  }
  return [s, []];
}

/** The next sort column of the current mode: none, then each column left to right, then none again. */
function nextSort(s: State): State["sort"] {
  const fields = STAT_MODES[s.mode - 1].columns.filter((c) => c.format !== "trend").map((c) => c.field);
  const i = s.sort ? fields.indexOf(s.sort.field) : -1;
  if (i + 1 >= fields.length) return undefined;
  return { field: fields[i + 1], reverse: false };
}

function openActions(s: State): State {
  const line = selectedServer(s);
  if (!line) return say(s, "actions work on server rows");
  const blocked = actionBlocked(s, line.row.instance);
  if (blocked) return say(s, blocked, "error");
  return {
    ...s,
    dialog: {
      kind: "actions",
      index: 0,
      target: {
        pxname: line.row.pxname,
        svname: line.row.svname,
        key: line.key,
        ...(line.row.instance === undefined ? {} : { instance: line.row.instance }),
      },
    },
  };
}

function paste(s: State): State {
  const line = selectedServer(s);
  if (!line) return s;
  if (s.config.readOnly) return say(s, READ_ONLY);
  const input = insertText(s.cli.input, `${line.row.pxname}/${line.row.svname}`);
  return switchMode({ ...s, cli: { ...s.cli, input } }, 5);
}

function hotkey(s: State, name: Parameters<typeof planHotkey>[0]): Step {
  const line = selectedServer(s);
  if (!line) return [s, []];
  if (s.config.readOnly) return [say(s, READ_ONLY), []];
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
    return [{
      ...s,
      dialog: {
        kind: "confirm",
        title: `${name.toUpperCase()} acts${backends ? ` on${backends}` : ""}${where}:`,
        lines: plan.commands,
        commands: plan.commands,
        rowKeys: plan.rowKeys,
        ...(instance === undefined ? {} : { instance }),
      },
    }, []];
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

/** Every server row HAProxy reported (not only those a filter shows). */
export function serverRows(s: State): StatRow[] {
  return (s.snapshot?.proxies ?? []).flatMap((px) => px.servers);
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

/** Clicks select a row or a mode tab; the wheel moves three lines. */
function mouse(s: State, k: Key): Step {
  const m = k.mouse;
  if (!m) return [s, []];
  const visible = bodyHeight(s.size);
  if (m.button === 64 || m.button === 65) {
    return [withScroll(s, moveScroll(s.scroll, m.button === 64 ? -3 : 3, s.lines.length, visible)), []];
  }
  if (m.button !== 0 || m.release) return [s, []];
  const row = m.y - BODY_TOP;
  if (row < 0 || row >= visible || s.scroll.top + row >= s.lines.length) return [s, []];
  return [withScroll({ ...s, menu: false }, { cursor: s.scroll.top + row, top: s.scroll.top }), []];
}

/** Keys while the `/` filter is being typed: it applies as you type; ENTER keeps it, ESC clears it. */
export function filterKey(s: State, k: Key): Step {
  if (k.name === "enter") return [{ ...s, filterEditing: false }, []];
  if (k.name === "escape") return [relayout({ ...s, filter: "", filterEditing: false }), []];
  const edited = editLine({ text: s.filter, cursor: s.filter.length }, k);
  if (!edited || edited.text === s.filter) return [s, []];
  return [relayout({ ...s, filter: edited.text }), []];
}
