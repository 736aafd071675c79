/**
 * Small state transitions and questions shared by the key and event handlers: messages, the CLI's log,
 * switching views, the worker shown.
 *
 * @module
 */
import type { ProcEntry } from "../../haproxy/master.ts";
import { CLI_SCROLLBACK, type Command, type Message, type State, type ViewId } from "./state.ts";

/** What update returns: the next state and the commands for the edges. */
export type Step = [State, Command[]];

/** How long a message stays on screen. */
export const MESSAGE_MS = 8000;

/** A message said now. */
export function message(text: string, tone: Message["tone"], now: number): Message {
  return { text, tone, at: now };
}

/** Sets a message on the state. */
export function say(s: State, text: string, tone: Message["tone"] = "info"): State {
  return { ...s, message: message(text, tone, s.now) };
}

/** Appends lines to the CLI's log (the last {@linkcode CLI_SCROLLBACK} are kept), scrolled to the end. */
export function appendOutput(s: State, lines: readonly string[]): State {
  const output = [...s.cli.output, ...lines].slice(-CLI_SCROLLBACK);
  return { ...s, cli: { ...s.cli, output, scroll: 0 } };
}

/**
 * Shows another view; what belongs to the table (hotkey menu, detail view, filter prompt) closes. Whether the
 * configuration allows the view is for the caller to know (the registry offers only the views it allows).
 */
export function showView(s: State, view: ViewId): State {
  if (view === s.view) return s;
  return { ...s, view, previousView: s.view, menu: false, detail: false, filterEditing: false };
}

/** The worker on screen when it is an old one still draining (a master CLI socket after `w`). */
export function drainingWorker(s: State): ProcEntry | undefined {
  const inst = s.instances.find((i) => i.workers);
  const shown = inst?.workers?.find((p) => p.pid === inst.worker);
  return shown?.old ? shown : undefined;
}
