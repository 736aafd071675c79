/**
 * Small state transitions shared by the key handlers and the event handlers.
 *
 * @module
 */
import type { BodyLine } from "./body.ts";
import { bodyLines } from "./body.ts";
import { clampScroll, type ScrollState } from "./scroll.ts";
import { bodyHeight } from "./geometry.ts";
import { compileFilter, filterProxies, sortProxies } from "./selection.ts";
import { CLI_SCROLLBACK, type Command, type Message, type ModeId, type State } from "./state.ts";
import type { ProcEntry } from "../haproxy/master.ts";

/** What update returns: the next state and the commands for the edges. */
export type Step = [State, Command[]];

/** How long a message stays on screen. */
export const MESSAGE_MS = 8000;

export function message(text: string, tone: Message["tone"], now: number): Message {
  return { text, tone, at: now };
}

/** Sets a message on the state. */
export function say(s: State, text: string, tone: Message["tone"] = "info"): State {
  return { ...s, message: message(text, tone, s.now) };
}

/** The body line under the cursor in the stat modes. */
export function selectedLine(s: State): BodyLine | undefined {
  return s.lines[s.scroll.cursor];
}

export function withScroll(s: State, scroll: ScrollState): State {
  return { ...s, scroll, selectedKey: s.lines[scroll.cursor]?.key };
}

export function appendOutput(s: State, lines: readonly string[]): State {
  const output = [...s.cli.output, ...lines].slice(-CLI_SCROLLBACK);
  return { ...s, cli: { ...s.cli, output, scroll: 0 } };
}

/** Modes 1-4: the stat tables. */
export function isStatMode(mode: ModeId): boolean {
  return mode >= 1 && mode <= 4;
}

/** Switches mode; what belongs to the table (hotkey menu, detail view, filter prompt) closes. */
export function switchMode(s: State, mode: ModeId): State {
  if (mode === s.mode) return s;
  if (mode === 5 && s.config.readOnly) return s;
  return { ...s, mode, previousMode: s.mode, menu: false, detail: false, filterEditing: false };
}

export function nextMode(s: State, step: 1 | -1): ModeId {
  const last = s.config.readOnly ? 4 : 5;
  if (s.mode === 0) return 1;
  if (step === 1) return (s.mode >= last ? 1 : s.mode + 1) as ModeId;
  return (s.mode <= 1 ? last : s.mode - 1) as ModeId;
}

/** Keeps the cursor valid after the size or the lines changed. */
export function rescroll(s: State): State {
  return withScroll(s, clampScroll(s.scroll, s.lines.length, bodyHeight(s.size)));
}

/**
 * Rebuilds the body lines from the snapshot, the filter and the sort, keeping the cursor on the selected
 * line (by its key) at the same screen row when it is still there.
 */
export function relayout(s: State): State {
  let proxies = s.snapshot?.proxies ?? [];
  let matches: number | undefined;
  let filterError: string | undefined;
  if (s.filter !== "") {
    const m = compileFilter(s.filter);
    if ("error" in m) filterError = m.error;
    else ({ proxies, matches } = filterProxies(proxies, m.test));
  }
  if (s.sort) proxies = sortProxies(proxies, s.sort);
  const lines = bodyLines(proxies);
  let scroll = s.scroll;
  const index = s.selectedKey === undefined ? -1 : lines.findIndex((l) => l.key === s.selectedKey);
  if (index >= 0) scroll = { cursor: index, top: index - (s.scroll.cursor - s.scroll.top) };
  scroll = clampScroll(scroll, lines.length, bodyHeight(s.size));
  const next = { ...s, lines, scroll, matches, filterError, selectedKey: lines[scroll.cursor]?.key };
  return { ...next, menu: next.menu && lines[scroll.cursor]?.kind === "row" };
}

/** The worker on screen when it is an old one still draining (a master CLI socket after `w`). */
export function drainingWorker(s: State): ProcEntry | undefined {
  const inst = s.instances.find((i) => i.workers);
  const shown = inst?.workers?.find((p) => p.pid === inst.worker);
  return shown?.old ? shown : undefined;
}
