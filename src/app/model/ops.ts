/**
 * Small state transitions and questions shared by the key and event handlers: messages, the CLI's log,
 * switching views, the worker shown.
 *
 * @module
 */
import type { ProcEntry } from "../../haproxy/master.ts";
import {
  CLI_SCROLLBACK,
  type Command,
  type Dialog,
  type Message,
  type Overlay,
  type State,
  type ViewId,
} from "./state.ts";

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
 * Shows another view; what was open over the old one closes. Whether the configuration allows the view is
 * for the caller to know (the registry offers only the views it allows).
 */
export function showView(s: State, view: ViewId): State {
  if (view === s.view) return s;
  return { ...s, view, previousView: s.view, overlays: [] };
}

/** The overlay on top (it gets the keys first), if any. */
export function topOverlay(s: State): Overlay | undefined {
  return s.overlays.at(-1);
}

/** The open overlay of a kind, if any. */
export function overlayOf<K extends Overlay["kind"]>(
  s: State,
  kind: K,
): Extract<Overlay, { kind: K }> | undefined {
  return s.overlays.find((o): o is Extract<Overlay, { kind: K }> => o.kind === kind);
}

/** Whether an overlay of a kind is open. */
export function isOpen(s: State, kind: Overlay["kind"]): boolean {
  return s.overlays.some((o) => o.kind === kind);
}

/** Opens an overlay on top (one of its kind that was open is replaced). */
export function openOverlay(s: State, overlay: Overlay): State {
  return { ...s, overlays: [...s.overlays.filter((o) => o.kind !== overlay.kind), overlay] };
}

/** Replaces the open overlay of the same kind, where it is. */
export function replaceOverlay(s: State, overlay: Overlay): State {
  return { ...s, overlays: s.overlays.map((o) => (o.kind === overlay.kind ? overlay : o)) };
}

/** Closes the overlays of these kinds. */
export function closeOverlay(s: State, ...kinds: Overlay["kind"][]): State {
  if (!s.overlays.some((o) => kinds.includes(o.kind))) return s;
  return { ...s, overlays: s.overlays.filter((o) => !kinds.includes(o.kind)) };
}

/** The open dialog, if any. */
export function openDialog(s: State): Dialog | undefined {
  return overlayOf(s, "dialog")?.dialog;
}

/** The worker on screen when it is an old one still draining (a master CLI socket after `w`). */
export function drainingWorker(s: State): ProcEntry | undefined {
  const inst = s.instances.find((i) => i.workers);
  const shown = inst?.workers?.find((p) => p.pid === inst.worker);
  return shown?.old ? shown : undefined;
}
