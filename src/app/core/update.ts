/**
 * `update(state, event)`: the only place the monitor's state changes. Pure: it returns the next state and
 * the commands for the edges (socket, terminal) to run. Keys go to the topmost thing that takes them: a
 * dialog, the filter prompt, the detail view, then the mode.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import { isPermissionDenied } from "../../haproxy/client.ts";
import { EMPTY_HISTORY, EMPTY_LINE, type History } from "../widgets/line_editor.ts";
import { ctime } from "../widgets/clock.ts";
import { instanceFailed, instanceLevel, instanceSnapshot } from "../model/instances.ts";
import { screenLayout, tooSmall } from "../model/layout.ts";
import {
  appendOutput,
  isStatMode,
  message,
  MESSAGE_MS,
  nextMode,
  relayout,
  rescroll,
  type Step,
  switchMode,
} from "../model/ops.ts";
import { dropQueue, sendQueued } from "../model/weight_queue.ts";
import type { Config, Event, Message, ModeId, Size, State } from "../model/state.ts";
import { footerTabAt } from "../chrome/footer.ts";
import { cliKey, WELCOME } from "../views/cli.ts";
import { helpKey } from "../views/help.ts";
import { statKey } from "../views/stats.ts";
import { filterKey } from "../overlays/filter.ts";
import { detailKey } from "../overlays/detail.ts";
import { dialogKey } from "../overlays/dialog.ts";
import { menuKey } from "../overlays/hotkey_menu.ts";

/**
 * The first state. `history` is the CLI history kept from earlier runs, oldest first; `instances` the sockets
 * by id (default: one, named after the config's socket).
 */
export function init(
  config: Config,
  size: Size,
  mode: ModeId,
  now: number,
  history: readonly string[] = [],
  instances: readonly string[] = [config.socketName],
): State {
  const h: History = history.length ? { ...EMPTY_HISTORY, entries: history.slice(-100) } : EMPTY_HISTORY;
  return {
    config,
    size,
    now,
    mode,
    previousMode: mode,
    lines: [],
    scroll: { cursor: 0, top: 0 },
    helpScroll: 0,
    menu: false,
    pending: new Map(),
    queued: new Map(),
    refreshSeq: 0,
    cli: { input: EMPTY_LINE, history: h, output: WELCOME, scroll: 0, busy: false },
    filter: "",
    filterEditing: false,
    detail: false,
    detailScroll: 0,
    trends: new Map(),
    trendRound: 0,
    instances: instances.map((id) => ({ id, name: id, connected: true })),
    grouping: "proxy",
  };
}

/** Advances the state by one event. */
export function update(s: State, e: Event): Step {
  s = { ...s, now: e.now };
  if (s.message && e.now - s.message.at > MESSAGE_MS) s = { ...s, message: undefined };
  switch (e.type) {
    case "tick":
      return [s, []];
    case "notice":
      return [{ ...s, message: message(e.text, "error", e.now) }, []];
    case "resize":
      return [rescroll({ ...s, size: e.size }), []];
    case "level":
      return [instanceLevel(s, e), []];
    case "refreshFailed":
      return [instanceFailed(s, e), []];
    case "snapshot":
      return sendQueued(instanceSnapshot(s, e));
    case "sent":
      return sent(s, e);
    case "key":
      return key(s, e.key);
  }
}

function sent(s: State, e: Extract<Event, { type: "sent" }>): Step {
  const log: string[] = [`* ${ctime(s.now)}`];
  for (const r of e.results) log.push(`> ${r.command}`, ...(r.output === "" ? [] : r.output.split("\n")), "");
  if (e.error) log.push(`! ${e.error}`, "");
  let next = appendOutput(s, log);
  if (e.origin === "cli") next = { ...next, cli: { ...next.cli, busy: false } };
  const seq = s.refreshSeq + 1;
  const pending = new Map(next.pending);
  for (const k of e.rowKeys) pending.set(k, seq);
  next = { ...next, pending, refreshSeq: seq };
  if (e.origin === "action") {
    const result = actionResult(s, e);
    next = { ...next, message: result };
    // The weight keys queued behind a change that failed would be planned on a weight nobody confirmed.
    if (result.tone === "error") {
      for (const k of e.rowKeys) next = dropQueue(next, k, `the change before them failed: ${result.text}`);
    }
  }
  return [next, [{ type: "refresh", seq }]];
}

/** What the operator is told about an action: done, HAProxy's refusal, or its error text. */
function actionResult(s: State, e: Extract<Event, { type: "sent" }>): Message {
  const denied = e.results.find((r) => isPermissionDenied(r.output));
  const failed = e.results.find((r) => r.output.trim() !== "");
  if (e.error) return message(`not done: ${e.error}`, "error", s.now);
  if (denied) {
    return message(
      `HAProxy refused "${denied.command}": Permission denied (this socket's level is too low; admin needed)`,
      "error",
      s.now,
    );
  }
  if (failed) return message(`${failed.command}: ${failed.output.trim().split("\n")[0]}`, "error", s.now);
  const what = e.results.length === 1 ? e.results[0].command : `${e.results.length} commands`;
  return message(`done: ${what}`, "ok", s.now);
}

function quit(s: State): Step {
  return [{ ...s, quit: 0 }, [{ type: "quit", code: 0 }]];
}

function key(s: State, k: Key): Step {
  if (s.quit !== undefined) return [s, []];
  if (k.name === "ctrl" && k.text === "c") return quit(s);
  if (tooSmall(s.size)) {
    if (k.name === "char" && (k.text === "q" || k.text === "Q")) return quit(s);
    return [s, []];
  }
  if (s.dialog) return dialogKey(s, s.dialog, k);
  if (
    k.name === "mouse" && k.mouse && !k.mouse.release && k.mouse.button === 0 &&
    k.mouse.y === screenLayout(s.size).footer.y
  ) {
    const mode = footerTabAt(s, k.mouse.x);
    return [mode === undefined ? s : switchMode({ ...s, menu: false }, mode as ModeId), []];
  }
  if (s.filterEditing) return filterKey(s, k);
  if (s.detail) return [detailKey(s, k), []];
  if (s.menu) {
    const r = menuKey(s, k);
    if (Array.isArray(r)) return r;
    s = r.pass;
  }
  const loneEscape = k.name === "escape" && !k.alt;
  // ALT-x works everywhere (in the CLI too); the bare key only outside the CLI, where it is text.
  if (k.alt && k.name === "char") return globalChar(s, k.text ?? "") ?? [s, []];
  if (k.name === "escape") {
    // In the stat modes a lone ESC first closes what is open (the dialog, filter prompt, detail view and
    // hotkey menu are handled above), here the message, then the filter; only then it goes back a mode.
    // ESC ESC (the original's key for the previous mode) does not stop at the message or the menu.
    if (loneEscape && isStatMode(s.mode) && s.message) return [{ ...s, message: undefined }, []];
    if (s.filter !== "" && isStatMode(s.mode)) return [relayout({ ...s, filter: "" }), []];
    return [switchMode(s, s.previousMode), []];
  }
  if (k.name === "tab") return [switchMode(s, nextMode(s, 1)), []];
  if (k.name === "backtab") return [switchMode(s, nextMode(s, -1)), []];
  if (s.mode === 5) return cliKey(s, k);
  if (k.name === "char") {
    const step = globalChar(s, k.text ?? "");
    if (step) return step;
  }
  if (s.mode === 0) return [helpKey(s, k), []];
  return statKey(s, k);
}

/** q quits, h/H/? opens the help, 1-5 switch modes; undefined for any other character. */
function globalChar(s: State, t: string): Step | undefined {
  if (t === "q" || t === "Q") return quit(s);
  if (t === "h" || t === "H" || t === "?") return [help(s), []];
  if (/^[1-5]$/.test(t)) return [switchMode(s, Number(t) as ModeId), []];
  return undefined;
}

function help(s: State): State {
  return s.mode === 0 ? s : switchMode(s, 0);
}
