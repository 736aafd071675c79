/**
 * `update(state, event)`: the only place the monitor's state changes. Pure: it returns the next state and
 * the commands for the edges (socket, terminal) to run. Events go to the model; a key goes to the topmost
 * thing that takes it: a dialog, a click on a footer tab, the filter prompt, the detail view, the hotkey
 * menu, then the keys that work everywhere (quit, help, the views' keys, ESC, TAB), then the view shown.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import { EMPTY_HISTORY, EMPTY_LINE, type History } from "../widgets/line_editor.ts";
import { instanceFailed, instanceLevel, instanceSnapshot } from "../model/instances.ts";
import { screenLayout, tooSmall } from "../model/layout.ts";
import {
  closeOverlay,
  message,
  MESSAGE_MS,
  openOverlay,
  showView,
  type Step,
  topOverlay,
} from "../model/ops.ts";
import { paletteEntries } from "../model/palette.ts";
import { applyPlayback } from "../model/playback.ts";
import { replayKey } from "../model/replay_keys.ts";
import { replied } from "../model/replies.ts";
import { bulkDone } from "../model/bulk.ts";
import { pruneTags } from "../model/tags.ts";
import { rescroll } from "../model/stat_table.ts";
import { sendQueued } from "../model/weight_queue.ts";
import type { Config, Event, Size, State, ViewId } from "../model/state.ts";
import type { ViewDef } from "../model/view_def.ts";
import { footerTabAt, footerTabs } from "../chrome/footer.ts";
import { WELCOME } from "../views/cli.ts";
import {
  currentView,
  enabledViews,
  nextView,
  overlayDef,
  viewById,
  viewForKey,
  viewName,
} from "./registry.ts";

/** An instance of the first state: its id (the socket's address), with the config file's label if any. */
export type InstanceSeed = string | { readonly id: string; readonly label?: string };

/**
 * The first state, showing `view`. `history` is the CLI history kept from earlier runs, oldest first;
 * `instances` the sockets by id (default: one, named after the config's socket).
 */
export function init(
  views: readonly ViewDef[],
  config: Config,
  size: Size,
  view: ViewId,
  now: number,
  history: readonly string[] = [],
  instances: readonly InstanceSeed[] = [config.socketName],
): State {
  viewById(views, view);
  const h: History = history.length ? { ...EMPTY_HISTORY, entries: history.slice(-100) } : EMPTY_HISTORY;
  return {
    config,
    size,
    now,
    view,
    previousView: view,
    views: {},
    overlays: [],
    lines: [],
    scroll: { cursor: 0, top: 0 },
    pending: new Map(),
    queued: new Map(),
    refreshSeq: 0,
    cli: { input: EMPTY_LINE, history: h, output: WELCOME, scroll: 0, busy: false },
    filter: "",
    trends: new Map(),
    trendRound: 0,
    instances: instances.map((seed) => {
      const { id, label } = typeof seed === "string" ? { id: seed, label: undefined } : seed;
      return { id, name: label ?? id, connected: true, ...(label ? { label } : {}) };
    }),
    grouping: "proxy",
  };
}

/** Advances the state by one event. */
export function update(views: readonly ViewDef[], s: State, e: Event): Step {
  s = { ...s, now: e.now };
  if (s.message && e.now - s.message.at > MESSAGE_MS) s = { ...s, message: undefined };
  switch (e.type) {
    case "tick":
      return [s, []];
    case "notice":
      return [{ ...s, message: message(e.text, "error", e.now) }, []];
    case "playback":
      return [applyPlayback(s, e.change), []];
    case "resize":
      return [rescroll({ ...s, size: e.size }), []];
    case "level":
      return [instanceLevel(s, e), []];
    case "refreshFailed":
      return [instanceFailed(s, e), []];
    case "snapshot":
      return sendQueued(pruneTags(instanceSnapshot(s, e), e.instance ?? s.instances[0].id));
    case "bulkDone":
      return bulkDone(s, e);
    case "sent":
      return replied(s, e);
    case "sourceData": {
      const view = views.find((v) => v.id === e.view);
      return [view?.onData?.(s, e) ?? s, []];
    }
    case "key": {
      const [next, commands] = key(views, s, e.key);
      // A view whose rows come from its own commands is read at once when it is shown, or when a key changed
      // what it reads (a table chosen, a detail opened, HAProxy's filter typed), not a refresh later.
      const source = currentView(views, next).source;
      const changed = source !== undefined &&
        (next.view !== s.view || source.commands(next).join("\n") !== source.commands(s).join("\n"));
      const asked = commands.some((c) => c.type === "refresh");
      return [next, changed && !asked ? [...commands, { type: "refresh", seq: next.refreshSeq }] : commands];
    }
  }
}

function quit(s: State): Step {
  return [{ ...s, quit: 0 }, [{ type: "quit", code: 0 }]];
}

/** Whether a key is a left click on the footer. */
function footerClick(s: State, k: Key): k is Key & { mouse: NonNullable<Key["mouse"]> } {
  const m = k.mouse;
  return k.name === "mouse" && m !== undefined && !m.release && m.button === 0 &&
    m.y === screenLayout(s.size).footer.y;
}

function key(views: readonly ViewDef[], s: State, k: Key): Step {
  if (s.quit !== undefined) return [s, []];
  if (k.name === "ctrl" && k.text === "c") return quit(s);
  if (tooSmall(s.size)) {
    if (k.name === "char" && (k.text === "q" || k.text === "Q")) return quit(s);
    return [s, []];
  }
  const shown = currentView(views, s);
  const top = topOverlay(s);
  const def = top && overlayDef(top);
  if (top && def?.modal) {
    const r = def.onKey(s, top, k, shown);
    return Array.isArray(r) ? r : [r.pass, []];
  }
  if (footerClick(s, k)) {
    const tab = footerTabAt(footerTabs(enabledViews(views, s.config), s.view), k.mouse.x);
    // The hotkey menu stands where the tabs are: a click there closes it, and shows the tab's view.
    return [tab === undefined ? s : showView(closeOverlay(s, "hotkeys"), tab), []];
  }
  if (top && def) {
    const r = def.onKey(s, top, k, shown);
    if (Array.isArray(r)) return r;
    s = r.pass;
    if (r.view) return [showView(s, r.view), []];
    if (r.key) k = r.key;
  }
  const replaying = replayKey(s, k);
  if (replaying) return replaying;
  // ALT-x works everywhere (in the CLI too); the bare key only where characters are not text.
  if (k.alt && k.name === "char") return globalChar(views, s, k.text ?? "") ?? [s, []];
  if (k.name === "escape") {
    return [shown.onEscape?.(s, !k.alt) ?? showView(s, s.previousView), []];
  }
  if (k.name === "tab" || k.name === "backtab") {
    return [showView(s, nextView(views, s, k.name === "tab" ? 1 : -1).id), []];
  }
  if (k.name === "char" && !shown.textInput) {
    const step = globalChar(views, s, k.text ?? "");
    if (step) return step;
  }
  return shown.onKey(s, k) ?? [s, []];
}

/** q quits, `:` opens the palette, and a view's key shows it; undefined for any other character. */
function globalChar(views: readonly ViewDef[], s: State, t: string): Step | undefined {
  if (t === "q" || t === "Q") return quit(s);
  if (t === ":") {
    const entries = paletteEntries(enabledViews(views, s.config), currentView(views, s), s.config, viewName);
    return [openOverlay(s, { kind: "palette", entries, input: EMPTY_LINE, index: 0 }), []];
  }
  const view = viewForKey(views, s.config, t);
  return view && [showView(s, view.id), []];
}
