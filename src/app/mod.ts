/**
 * The interactive monitor: its state and the events that move it, the pure `update` and `view` over the
 * views of core/registry.ts, and `runMonitor`, which runs them against sockets and a terminal.
 *
 * Data flows one way: the socket (src/haproxy) gives a snapshot (src/stats), an event carries it to
 * `update`, which returns the next state and commands for the edges; `view` draws the state into a cell
 * buffer that src/tui diffs onto the terminal. docs/architecture.md walks through the folders below.
 *
 * @module
 */
import { createApp } from "./core/app.ts";
import { HELP_VIEW, VIEWS } from "./core/registry.ts";
import type { ViewId } from "./model/state.ts";

export { type App, createApp } from "./core/app.ts";
export { viewName, viewNamed, VIEWS } from "./core/registry.ts";
export { readableView, readViewRows, type ViewReadTarget, type ViewRows } from "./edge/read_view.ts";
export type { Frame } from "./core/view.ts";
export type { Command, Config, Event, Size, State, ViewId } from "./model/state.ts";
export type { ViewDef } from "./model/view_def.ts";
export { type MonitorInstance, type MonitorOptions, runMonitor } from "./edge/monitor.ts";
export { fileHistoryStore, historyPath, type HistoryStore } from "./edge/history_store.ts";

/** The monitor's own app: its views. */
const monitor = createApp(VIEWS);

/** The first state of the monitor (see core/update.ts). */
export const init: typeof monitor.init = monitor.init;
/** The monitor's `update(state, event)`. */
export const update: typeof monitor.update = monitor.update;
/** The monitor's `view(state)`. */
export const view: typeof monitor.view = monitor.view;

/** The help's text (the man page has it too). */
export const HELP_LINES: readonly string[] = HELP_VIEW.lines;

/** The view a key shows (`-m 2`: "traffic"); undefined for a key no view has. */
export function viewOfKey(key: string): ViewId | undefined {
  return VIEWS.find((v) => v.keys.includes(key))?.id;
}
