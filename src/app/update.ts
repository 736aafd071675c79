/**
 * `update(state, event)`: the only place the monitor's state changes. Pure: it returns the next state and
 * the commands for the edges (socket, terminal) to run. Keys go to the topmost thing that takes them: a
 * dialog, the filter prompt, the detail view, then the mode.
 *
 * @module
 */
import type { Key } from "../tui/types.ts";
import { isPermissionDenied } from "../haproxy/client.ts";
import { bodyHeight, tooSmall } from "./geometry.ts";
import { EMPTY_HISTORY, EMPTY_LINE, type History } from "./line_editor.ts";
import { isHotkey } from "./hotkeys.ts";
import { ctime } from "./clock.ts";
import { HELP_LINES } from "./help_text.ts";
import { detailLines } from "./detail.ts";
import { cycleWorker, instanceFailed, instanceLevel, instanceSnapshot, toggleGrouping } from "./instances.ts";
import { cliKey } from "./cli_keys.ts";
import { filterKey, statKey } from "./stat_keys.ts";
import { dialogKey } from "./dialog_keys.ts";
import { dropQueue, sendQueued } from "./weight_queue.ts";
import { footerTabAt } from "./footer.ts";
import {
  appendOutput,
  isStatMode,
  message,
  MESSAGE_MS,
  nextMode,
  relayout,
  rescroll,
  selectedLine,
  type Step,
  switchMode,
} from "./state_ops.ts";
import type { Config, Event, Message, ModeId, Size, State } from "./state.ts";

export { cycleWorker, MESSAGE_MS, selectedLine, type Step, toggleGrouping };

export const WELCOME = [
  "Welcome to the embedded HAProxy command line.",
  "Type `help' for HAProxy's command reference. Commands separated by ';' run one after another.",
  "Keys: ENTER run (empty: marker)  UP/DOWN history  PGUP/PGDOWN scroll  Ctrl-A/E/U/K/W edit",
  "      ESC ESC or ALT-n leave the CLI  TAB next mode  Ctrl-C quit",
  "",
];

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
    k.name === "mouse" && k.mouse && !k.mouse.release && k.mouse.button === 0 && k.mouse.y === s.size.rows - 1
  ) {
    const mode = footerTabAt(s, k.mouse.x);
    return [mode === undefined ? s : switchMode({ ...s, menu: false }, mode as ModeId), []];
  }
  if (s.filterEditing) return filterKey(s, k);
  if (s.detail) return [detailKey(s, k), []];
  const loneEscape = k.name === "escape" && !k.alt;
  if (s.menu && !isHotkey(k.name)) {
    s = { ...s, menu: false };
    if (k.name === "enter" || loneEscape) return [s, []];
  }
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

/** Scrolls a text view of `length` lines: arrows, pages, HOME/END and the wheel. */
function scrollText(k: Key, at: number, length: number, visible: number): number | undefined {
  const max = Math.max(0, length - visible);
  const wheel = k.name === "mouse" ? (k.mouse?.button === 64 ? -3 : k.mouse?.button === 65 ? 3 : 0) : 0;
  const step: Partial<Record<Key["name"], number>> = { up: -1, down: 1, pageup: -visible, pagedown: visible };
  if (k.name === "home") return 0;
  if (k.name === "end") return max;
  const d = wheel || step[k.name];
  if (d === undefined || d === 0) return undefined;
  return Math.max(0, Math.min(max, at + d));
}

function helpKey(s: State, k: Key): State {
  const at = scrollText(k, s.helpScroll, HELP_LINES.length, bodyHeight(s.size));
  return at === undefined ? s : { ...s, helpScroll: at };
}

/** The detail view: scroll it; `i`, `q` or ESC closes it. */
function detailKey(s: State, k: Key): State {
  if (k.name === "escape" || (k.name === "char" && ["i", "q", "Q"].includes(k.text ?? ""))) {
    return { ...s, detail: false };
  }
  const line = selectedLine(s);
  const length = line?.kind === "row" ? detailLines(line.row).length : 0;
  const at = scrollText(k, s.detailScroll, length, bodyHeight(s.size));
  return at === undefined ? s : { ...s, detailScroll: at };
}
