/**
 * The views, in one list, and what follows from it: the footer's tabs (their order, which one a click hits),
 * the digit keys, TAB's order, what the configuration allows (no CLI in read-only mode) and the help's list
 * of views. Nothing else in the monitor names a view to route a key or draw it. Beside them, the overlay of
 * each kind.
 *
 * @module
 */
import { STAT_MODES } from "../../stats/columns.ts";
import type { Config, Overlay, State, ViewId } from "../model/state.ts";
import { blockedReason } from "../model/source_table.ts";
import type { OverlayDef, OverlayDefs, SourceRequest, ViewDef } from "../model/view_def.ts";
import { bulkOverlay } from "../overlays/bulk.ts";
import { detailOverlay } from "../overlays/detail.ts";
import { dialogOverlay } from "../overlays/dialog.ts";
import { filterOverlay } from "../overlays/filter.ts";
import { hotkeyMenu } from "../overlays/hotkey_menu.ts";
import { paletteOverlay } from "../overlays/palette.ts";
import { jumpOverlay } from "../overlays/jump.ts";
import { capturesView } from "../views/captures.ts";
import { certificatesView } from "../views/certificates.ts";
import { cliView } from "../views/cli.ts";
import { eventsView } from "../views/events.ts";
import { peersView } from "../views/peers.ts";
import { processView } from "../views/process.ts";
import { resolversView } from "../views/resolvers.ts";
import { ringsView } from "../views/rings.ts";
import { helpView } from "../views/help.ts";
import { aclsView, mapsView } from "../views/patterns.ts";
import { sessionsView } from "../views/sessions.ts";
import { statView } from "../views/stats.ts";
import { tablesView } from "../views/tables.ts";

/**
 * The views but the help, in tab order; those without a permanent tab are shown by their keys, the palette and
 * --view. A new view is one more entry here.
 */
export const TABS: readonly ViewDef[] = [
  ...STAT_MODES.map(statView),
  cliView,
  eventsView,
  certificatesView,
  capturesView,
  processView,
  resolversView,
  peersView,
  ringsView,
  sessionsView,
  tablesView,
  mapsView,
  aclsView,
];

/** The help, built from the tabs' own help. */
export const HELP_VIEW = helpView(TABS);

/** Every view of the monitor. */
export const VIEWS: readonly ViewDef[] = [HELP_VIEW, ...TABS];

/** The overlay of each kind. */
export const OVERLAYS: OverlayDefs = {
  hotkeys: hotkeyMenu,
  filter: filterOverlay,
  detail: detailOverlay,
  dialog: dialogOverlay,
  bulk: bulkOverlay,
  palette: paletteOverlay,
  jump: jumpOverlay,
};

/** A view's name for the operator (`--view NAME`, the palette): its own, else its id. */
export function viewName(view: ViewDef): string {
  return view.name ?? view.id;
}

/** The view of a `--view` name: a name (or id) of a view, or a view's key (`--view 4`); undefined if none. */
export function viewNamed(views: readonly ViewDef[], name: string): ViewDef | undefined {
  return views.find((v) => viewName(v) === name) ?? views.find((v) => v.keys[0] === name);
}

/** The definition of an open overlay. */
export function overlayDef(o: Overlay): OverlayDef {
  return OVERLAYS[o.kind] as OverlayDef;
}

/**
 * The views the configuration allows, in order. A replay has no socket: the views whose rows come from other
 * commands than `show stat` are not in a recording.
 */
export function enabledViews(views: readonly ViewDef[], config: Config): ViewDef[] {
  return views.filter((v) => (v.enabled?.(config) ?? true) && !(config.replay !== undefined && v.source));
}

/** The view with this id; throws for an id no view has (a bug, not an input). */
export function viewById(views: readonly ViewDef[], id: ViewId): ViewDef {
  const view = views.find((v) => v.id === id);
  if (!view) throw new Error(`no view "${id}"`);
  return view;
}

/** The view shown in `s`. */
export function currentView(views: readonly ViewDef[], s: State): ViewDef {
  return viewById(views, s.view);
}

/** The allowed view a character shows, if any. */
export function viewForKey(views: readonly ViewDef[], config: Config, key: string): ViewDef | undefined {
  return enabledViews(views, config).find((v) => v.keys.includes(key));
}

/**
 * TAB (`step` 1) and SHIFT-TAB (-1): the next allowed permanent tab (the classic modes, as the original's
 * TAB), round; from another view, the first. The other views are their keys and the `:` palette's.
 */
export function nextView(views: readonly ViewDef[], s: State, step: 1 | -1): ViewDef {
  const tabs = enabledViews(views, s.config).filter((v) => v.tab !== undefined && v.permanentTab);
  const at = tabs.findIndex((v) => v.id === s.view);
  if (at < 0) return tabs[0];
  return tabs[(at + step + tabs.length) % tabs.length];
}

/** What the shown view's source asks an instance for: its commands, unless the instance cannot run them. */
export function sourceRequest(
  views: readonly ViewDef[],
  s: State,
  instance: string,
): SourceRequest | undefined {
  const shown = currentView(views, s);
  const source = shown.source;
  if (!source) return undefined;
  const commands = source.commands(s);
  if (commands.length === 0 || blockedReason(s, instance, [...commands, ...source.requires ?? []])) {
    return undefined;
  }
  const then = source.then;
  return { view: shown.id, commands, ...(then ? { then: (replies) => then(s, replies) } : {}) };
}
