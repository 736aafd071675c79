/**
 * `update(state, event)`: the only place the monitor's state changes. Pure: it returns the next state and
 * the commands for the edges (socket, terminal) to run.
 *
 * @module
 */
import type { Key } from "../tui/types.ts";
import type { Snapshot } from "../stats/types.ts";
import { infoNumber } from "../stats/info.ts";
import { splitCommands } from "../haproxy/framing.ts";
import { isPermissionDenied } from "../haproxy/client.ts";
import { type BodyLine, bodyLines, isServerRow } from "./body.ts";
import { clampScroll, moveScroll, scrollEnd, scrollHome, type ScrollState } from "./scroll.ts";
import { bodyHeight, cliOutputHeight, tooSmall } from "./geometry.ts";
import {
  editLine,
  EMPTY_HISTORY,
  EMPTY_LINE,
  historyBack,
  historyForward,
  insertText,
  remember,
} from "./line_editor.ts";
import { refusal } from "./cli_policy.ts";
import { isHotkey, planHotkey } from "./hotkeys.ts";
import { wrappedCount } from "./wrap.ts";
import { ctime } from "./clock.ts";
import { HELP_LINES } from "./help_text.ts";
import {
  CLI_SCROLLBACK,
  type Command,
  type Config,
  type Event,
  type Message,
  type ModeId,
  type Size,
  type State,
} from "./state.ts";

/** What update returns. */
export type Step = [State, Command[]];

export const WELCOME = [
  "Welcome to the embedded HAProxy command line.",
  "Type `help' for HAProxy's command reference. Commands separated by ';' run one after another.",
  "Keys: ENTER run (empty: marker)  UP/DOWN history  PGUP/PGDOWN scroll  Ctrl-A/E/U/K/W edit",
  "      ESC ESC or ALT-n leave the CLI  TAB next mode  Ctrl-C quit",
  "",
];

/** The first state. */
export function init(config: Config, size: Size, mode: ModeId, now: number): State {
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
    refreshSeq: 0,
    connected: true,
    cli: { input: EMPTY_LINE, history: EMPTY_HISTORY, output: WELCOME, scroll: 0, busy: false },
  };
}

function message(text: string, tone: Message["tone"], now: number): Message {
  return { text, tone, at: now };
}

/** How long a message stays on screen. */
export const MESSAGE_MS = 8000;

/** The body line under the cursor in the stat modes. */
export function selectedLine(s: State): BodyLine | undefined {
  return s.lines[s.scroll.cursor];
}

function withScroll(s: State, scroll: ScrollState): State {
  return { ...s, scroll, selectedKey: s.lines[scroll.cursor]?.key };
}

function appendOutput(s: State, lines: readonly string[]): State {
  const output = [...s.cli.output, ...lines].slice(-CLI_SCROLLBACK);
  return { ...s, cli: { ...s.cli, output, scroll: 0 } };
}

function switchMode(s: State, mode: ModeId): State {
  if (mode === s.mode) return s;
  if (mode === 5 && s.config.readOnly) return s;
  return { ...s, mode, previousMode: s.mode, menu: false };
}

function nextMode(s: State, step: 1 | -1): ModeId {
  const last = s.config.readOnly ? 4 : 5;
  if (s.mode === 0) return 1;
  if (step === 1) return (s.mode >= last ? 1 : s.mode + 1) as ModeId;
  return (s.mode <= 1 ? last : s.mode - 1) as ModeId;
}

/** Advances the state by one event. */
export function update(s: State, e: Event): Step {
  const now = e.now;
  s = { ...s, now };
  if (s.message && now - s.message.at > MESSAGE_MS) s = { ...s, message: undefined };
  switch (e.type) {
    case "tick":
      return [s, []];
    case "resize":
      return [rescroll({ ...s, size: e.size }), []];
    case "level":
      return [{ ...s, level: e.level }, []];
    case "refreshFailed":
      return [{ ...s, connected: false, connectionError: e.error }, []];
    case "snapshot":
      return [applySnapshot(s, e.snapshot, e.seq), []];
    case "sent":
      return sent(s, e);
    case "key":
      return key(s, e.key);
  }
}

function rescroll(s: State): State {
  return withScroll(s, clampScroll(s.scroll, s.lines.length, bodyHeight(s.size)));
}

function applySnapshot(s: State, snapshot: Snapshot, seq: number): State {
  const lines = bodyLines(snapshot.proxies);
  const visible = bodyHeight(s.size);
  let scroll = s.scroll;
  let msg = changeMessage(s, snapshot) ?? warningMessage(s, snapshot) ?? s.message;
  let menu = s.menu;
  if (s.selectedKey !== undefined) {
    const index = lines.findIndex((l) => l.key === s.selectedKey);
    if (index >= 0) {
      const rel = s.scroll.cursor - s.scroll.top;
      scroll = { cursor: index, top: index - rel };
    } else if (s.lines.length > 0) {
      const old = s.lines[s.scroll.cursor];
      if (old?.kind === "row") {
        msg = message(`${old.row.pxname}/${old.row.svname} is gone from HAProxy's stats`, "error", s.now);
        const proxyIndex = lines.findIndex((l) => l.kind === "proxy" && l.name === old.row.pxname);
        scroll = { cursor: proxyIndex >= 0 ? proxyIndex : s.scroll.cursor, top: s.scroll.top };
      }
      menu = false;
    }
  }
  scroll = clampScroll(scroll, lines.length, visible);
  const pending = new Map([...s.pending].filter(([, due]) => due > seq));
  return {
    ...s,
    snapshot,
    snapshotAt: s.now,
    lines,
    scroll,
    selectedKey: lines[scroll.cursor]?.key,
    menu: menu && lines[scroll.cursor]?.kind === "row",
    message: msg,
    pending,
    connected: true,
    connectionError: undefined,
  };
}

/** HAProxy's reply had problems (garbage values, a filter that matches nothing): say so when they change. */
function warningMessage(s: State, snapshot: Snapshot): Message | undefined {
  const w = snapshot.warnings;
  if (w.length === 0 || w.join("\n") === s.snapshot?.warnings.join("\n")) return undefined;
  return message(w.length === 1 ? w[0] : `${w[0]} (+${w.length - 1} more)`, "info", s.now);
}

/** A message when HAProxy restarted (new pid) or its configuration changed (counts differ). */
function changeMessage(s: State, snapshot: Snapshot): Message | undefined {
  const previous = s.snapshot;
  if (!previous) return undefined;
  const oldPid = infoNumber(previous.info, "Pid");
  const newPid = infoNumber(snapshot.info, "Pid");
  if (oldPid !== undefined && newPid !== undefined && oldPid !== newPid) {
    return message(`HAProxy restarted or reloaded: pid ${oldPid} -> ${newPid}`, "info", s.now);
  }
  if (previous.services !== snapshot.services || previous.proxies.length !== snapshot.proxies.length) {
    const sign = (n: number) => (n >= 0 ? `+${n}` : `${n}`);
    const dp = snapshot.proxies.length - previous.proxies.length;
    const ds = snapshot.services - previous.services;
    return message(`configuration changed: proxies ${sign(dp)}, services ${sign(ds)}`, "info", s.now);
  }
  return undefined;
}

function sent(s: State, e: Extract<Event, { type: "sent" }>): Step {
  const log: string[] = [`* ${ctime(s.now)}`];
  for (const r of e.results) {
    log.push(`> ${r.command}`);
    log.push(...(r.output === "" ? [] : r.output.split("\n")), "");
  }
  if (e.error) log.push(`! ${e.error}`, "");
  let next = appendOutput(s, log);
  next = { ...next, cli: { ...next.cli, busy: e.origin === "cli" ? false : next.cli.busy } };
  const seq = s.refreshSeq + 1;
  const pending = new Map(next.pending);
  for (const k of e.rowKeys) pending.set(k, seq);
  next = { ...next, pending, refreshSeq: seq };
  if (e.origin === "action") {
    const denied = e.results.find((r) => isPermissionDenied(r.output));
    const failed = e.results.find((r) => r.output.trim() !== "");
    let msg: Message;
    if (e.error) msg = message(`not done: ${e.error}`, "error", s.now);
    else if (denied) {
      msg = message(
        `HAProxy refused "${denied.command}": Permission denied (this socket's level is too low; admin needed)`,
        "error",
        s.now,
      );
    } else if (failed) {
      msg = message(`${failed.command}: ${failed.output.trim().split("\n")[0]}`, "error", s.now);
    } else {
      const what = e.results.length === 1 ? e.results[0].command : `${e.results.length} commands`;
      msg = message(`done: ${what}`, "ok", s.now);
    }
    next = { ...next, message: msg };
  }
  return [next, [{ type: "refresh", seq }]];
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
  if (s.menu && !isHotkey(k.name)) {
    s = { ...s, menu: false };
    if (k.name === "enter") return [s, []];
  }
  if (k.alt && k.name === "char") {
    const t = k.text ?? "";
    if (t === "q" || t === "Q") return quit(s);
    if (t === "h" || t === "H" || t === "?") return [help(s), []];
    if (/^[1-5]$/.test(t)) return [switchMode(s, Number(t) as ModeId), []];
    return [s, []];
  }
  if (k.name === "escape") return [switchMode(s, s.previousMode), []];
  if (k.name === "tab") return [switchMode(s, nextMode(s, 1)), []];
  if (k.name === "backtab") return [switchMode(s, nextMode(s, -1)), []];
  if (s.mode === 5) return cliKey(s, k);
  if (k.name === "char" && !k.alt) {
    const t = k.text ?? "";
    if (t === "q" || t === "Q") return quit(s);
    if (t === "h" || t === "H" || t === "?") return [help(s), []];
    if (/^[1-5]$/.test(t)) return [switchMode(s, Number(t) as ModeId), []];
  }
  if (s.mode === 0) return [helpKey(s, k), []];
  return statKey(s, k);
}

function help(s: State): State {
  return s.mode === 0 ? s : switchMode(s, 0);
}

function helpKey(s: State, k: Key): State {
  const visible = bodyHeight(s.size);
  const max = Math.max(0, HELP_LINES.length - visible);
  const step: Partial<Record<Key["name"], number>> = { up: -1, down: 1, pageup: -visible, pagedown: visible };
  if (k.name === "home") return { ...s, helpScroll: 0 };
  if (k.name === "end") return { ...s, helpScroll: max };
  const d = step[k.name];
  if (d === undefined) return s;
  return { ...s, helpScroll: Math.max(0, Math.min(max, s.helpScroll + d)) };
}

function statKey(s: State, k: Key): Step {
  const visible = bodyHeight(s.size);
  const n = s.lines.length;
  const page = 10;
  switch (k.name) {
    case "up":
      return [withScroll(s, moveScroll(s.scroll, -1, n, visible)), []];
    case "down":
      return [withScroll(s, moveScroll(s.scroll, 1, n, visible)), []];
    case "pageup":
      return [withScroll(s, moveScroll(s.scroll, -page, n, visible)), []];
    case "pagedown":
      return [withScroll(s, moveScroll(s.scroll, page, n, visible)), []];
    case "home":
      return [withScroll(s, scrollHome()), []];
    case "end":
      return [withScroll(s, scrollEnd(n, visible)), []];
    case "ctrl":
      if (k.text === "a") return [withScroll(s, scrollHome()), []];
      if (k.text === "e") return [withScroll(s, scrollEnd(n, visible)), []];
      return [s, []];
    case "enter": {
      const line = selectedLine(s);
      if (s.config.readOnly || line?.kind !== "row" || !isServerRow(line.row)) return [s, []];
      return [{ ...s, menu: true }, []];
    }
    case "char":
      if (k.text === " ") return [paste(s), []];
      return [s, []];
  }
  if (isHotkey(k.name)) return hotkey(s, k.name);
  return [s, []];
}

function paste(s: State): State {
  const line = selectedLine(s);
  if (s.config.readOnly || line?.kind !== "row" || !isServerRow(line.row)) return s;
  const input = insertText(s.cli.input, `${line.row.pxname}/${line.row.svname}`);
  return switchMode({ ...s, cli: { ...s.cli, input } }, 5);
}

function hotkey(s: State, name: Parameters<typeof planHotkey>[0]): Step {
  if (s.config.readOnly) return [s, []];
  const line = selectedLine(s);
  if (line?.kind !== "row" || !isServerRow(line.row)) return [s, []];
  if (!s.connected) {
    return [{ ...s, message: message("not sent: HAProxy is not connected", "error", s.now) }, []];
  }
  if (s.level !== undefined && s.level !== "admin") {
    return [{
      ...s,
      message: message(
        `not sent: this socket's level is ${s.level}; server actions need level admin`,
        "error",
        s.now,
      ),
    }, []];
  }
  const plan = planHotkey(name, line.row, s.lines);
  if ("refused" in plan) return [{ ...s, message: message(plan.refused, "info", s.now) }, []];
  const pending = new Map(s.pending);
  for (const k of plan.rowKeys) pending.set(k, Infinity);
  return [{ ...s, pending }, [{
    type: "send",
    origin: "action",
    commands: plan.commands,
    rowKeys: plan.rowKeys,
  }]];
}

function cliKey(s: State, k: Key): Step {
  const cli = s.cli;
  const width = s.size.columns;
  switch (k.name) {
    case "enter":
      return execute(s);
    case "up": {
      const r = historyBack(cli.history, cli.input.text);
      if (!r) return [s, []];
      return [
        { ...s, cli: { ...cli, history: r.history, input: { text: r.text, cursor: r.text.length } } },
        [],
      ];
    }
    case "down": {
      const r = historyForward(cli.history);
      if (!r) return [s, []];
      return [
        { ...s, cli: { ...cli, history: r.history, input: { text: r.text, cursor: r.text.length } } },
        [],
      ];
    }
    case "pageup":
    case "pagedown": {
      const page = Math.max(1, cliOutputHeight(s.size) - 1);
      const max = Math.max(0, wrappedCount(cli.output, width) - cliOutputHeight(s.size));
      const scroll = Math.max(0, Math.min(max, cli.scroll + (k.name === "pageup" ? page : -page)));
      return [{ ...s, cli: { ...cli, scroll } }, []];
    }
  }
  const edited = editLine(cli.input, k);
  if (edited) return [{ ...s, cli: { ...cli, input: edited } }, []];
  return [s, []];
}

function execute(s: State): Step {
  const cli = s.cli;
  const text = cli.input.text;
  if (text.trim() === "") {
    return [appendOutput(s, [`- ${ctime(s.now)} ${"-".repeat(50)}`, ""]), []];
  }
  const commands = splitCommands(text);
  for (const c of commands) {
    const why = refusal(c);
    if (why) {
      const next = appendOutput(s, [`* ${why}`, ""]);
      return [{ ...next, message: message(why, "error", s.now) }, []];
    }
  }
  if (cli.busy) return [{ ...s, message: message("a command is still running", "info", s.now) }, []];
  const next: State = {
    ...s,
    cli: { ...cli, input: EMPTY_LINE, history: remember(cli.history, text), busy: true, scroll: 0 },
  };
  return [next, [{ type: "send", origin: "cli", commands, rowKeys: [] }]];
}
