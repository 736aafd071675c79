/**
 * The contracts between the core and what it draws. A view (one per tab, plus the help) is a value: its id,
 * keys, tab, help text, whether the configuration allows it, and its key handler, drawing and hints. The
 * core never names a view: the footer tabs, the digit keys, TAB's order, the help's list of views and the
 * dispatch of keys and drawing all follow from the list in core/registry.ts.
 *
 * A view with state of its own keeps it in `State.views[id]`, read and written through its definition
 * ({@linkcode viewState}, {@linkcode withViewState}), so the State type stays the same when views are added.
 *
 * An overlay (`State.overlays`: the hotkey menu, the filter prompt, the detail view, a dialog) is the same
 * for every view it opens over: {@linkcode OverlayDef} says how it takes keys, draws and hints; the filter
 * and the detail view work on the table of the view under them ({@linkcode ViewDef.table}).
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import type { Region, ScreenLayout } from "./layout.ts";
import type { Step } from "./ops.ts";
import type { Config, Event, Overlay, State } from "./state.ts";
import type { TableModel } from "./table.ts";
import type { Column } from "../../stats/columns.ts";

/** Where the text cursor goes (in the CLI, the filter prompt, a value prompt). */
export interface Cursor {
  readonly x: number;
  readonly y: number;
}

/**
 * The footer's right-hand hints: `tail` is the original's hint (always shown when it fits, else its last
 * word), `extra` our own keys, added in front in this order while they fit.
 */
export interface Hints {
  readonly tail: readonly string[];
  readonly extra: readonly string[];
}

/** A line of a help section: `[keys, what they do]`, or a line of text as it stands. */
export type HelpLine = string | readonly [keys: string, text: string];

/** A titled section of the help. */
export interface HelpSection {
  readonly title: string;
  readonly lines: readonly HelpLine[];
}

/** What the help says of a view. Views that share sections (the stat views) share the same objects. */
export interface ViewHelp {
  /** Its line in the list of views. */
  readonly summary: string;
  /** Its keys and what else it needs said, after the keys that work everywhere. */
  readonly sections?: readonly HelpSection[];
  /** Reference text, after the header's (the stat views: their columns, colours and check codes). */
  readonly reference?: readonly HelpLine[];
}

/** One view. */
export interface ViewDef<S = unknown> {
  /** Its name in the state (`State.view`, `State.views`) and in code that switches to it. */
  readonly id: string;
  /**
   * The characters that show it: bare where characters are not text, and as ALT-x (ESC x) everywhere. The
   * first is its tab's number.
   */
  readonly keys: readonly string[];
  /** Its name for `--view NAME` and the palette; absent: its id. */
  readonly name?: string;
  /** Its footer tab's name; without one it has no tab (the help). Tabs follow the registry's order, as TAB does. */
  readonly tab?: string;
  readonly help: ViewHelp;
  /** Whether the configuration allows it (the CLI: not read-only); absent: always. */
  enabled?(config: Config): boolean;
  /** Its own state before it is first changed. */
  readonly initial?: S;
  /** Characters are text here (the CLI): `q`, `h` and the view keys work only as ALT-x. */
  readonly textInput?: boolean;
  /** Handles a key no overlay and no global key took; undefined when it does not use it. */
  onKey(s: State, k: Key): Step | undefined;
  /** ESC (`alone`: not ESC ESC): closes what the view has open; undefined when nothing was (back a view). */
  onEscape?(s: State, alone: boolean): State | undefined;
  /** Draws the column header row and the body; returns where the text cursor goes. */
  draw(buf: ScreenBuffer, s: State, layout: ScreenLayout): Cursor | undefined;
  /** Draws the message line while there is no message (the stat views: the selected service's name). */
  drawStatus?(buf: ScreenBuffer, s: State, region: Region): void;
  /** The footer's hints. */
  hints(s: State): Hints;
  /** Its table, for a table view: what the filter prompt filters and the detail view shows. */
  readonly table?: TableModel;
  /** What a table view's body says while it has no row. */
  emptyText?(s: State): string;
  /** A table view's columns (what `--batch --view` prints of its rows), or how they follow the state. */
  readonly columns?: readonly Column[] | ((s: State) => readonly Column[]);
  /** Its tab is in the footer whichever view is shown (the classic five); else only while it is shown. */
  readonly permanentTab?: boolean;
  /** Where its rows come from when they are not in `show stat`: commands read while it is shown. */
  readonly source?: ViewSource;
  /** An instance answered its source's commands (or could not). */
  onData?(s: State, data: SourceData): State;
}

/**
 * Runtime-API commands a view reads while it is shown (`show sess`, `show table NAME`, `show ssl cert`...),
 * sent to each instance after each of its refreshes, through the worker on screen. What release and socket
 * level a command needs is src/runtime's to know (COMMANDS): a command the instance cannot run is not sent,
 * and the view says why (model/source_table.ts: blockedReason).
 */
export interface ViewSource {
  /** The commands to send, one reply each, for the state as it is. */
  commands(s: State): readonly string[];
  /**
   * Commands that depend on those replies, sent right after them in the same read, their replies appended
   * (each certificate file's details after `show ssl cert`, each ring's lines after `show events`).
   */
  then?(s: State, replies: readonly string[]): readonly string[];
  /**
   * Command lines of the kind `then` sends (e.g. `show events buf0`), so that a release or level that cannot
   * run them is known before anything is sent, as for `commands`.
   */
  readonly requires?: readonly string[];
  /** Why some instance gave no rows: a release or level that cannot run the commands, HAProxy's refusal. */
  why?(s: State): string | undefined;
}

/** What the shown view reads from an instance: its commands, and those that follow from their replies. */
export interface SourceRequest {
  readonly view: string;
  readonly commands: readonly string[];
  then?(replies: readonly string[]): readonly string[];
}

/** An instance's replies to a view's source commands, as the `sourceData` event carries them. */
export type SourceData = Omit<Extract<Event, { type: "sourceData" }>, "type" | "now">;

/**
 * What a key does to an overlay: a step when the key is used up, else the state the key goes on in (and,
 * from the palette, the key it goes on as: the chosen entry's).
 */
export type OverlayStep = Step | {
  readonly pass: State;
  /** The key to hand on, as if pressed. */
  readonly key?: Key;
  /** Or the view to show (a view without a key of its own, chosen in the palette). */
  readonly view?: string;
};

/** One kind of overlay. `under` is the view it is open over. */
export interface OverlayDef<O extends Overlay = Overlay> {
  /** It takes every key while open, a click on the footer tabs too (a dialog). */
  readonly modal?: boolean;
  /** A key while it is the topmost overlay. */
  onKey(s: State, o: O, k: Key, under: ViewDef): OverlayStep;
  /** Draws it over the frame; returns where the text cursor goes (undefined: where it was). */
  draw?(buf: ScreenBuffer, s: State, o: O, layout: ScreenLayout, under: ViewDef): Cursor | undefined;
  /**
   * Draws the message line in place of a message (the filter prompt); not while the DISCONNECTED line is
   * there. Returns where the text cursor goes.
   */
  drawMessage?(buf: ScreenBuffer, s: State, o: O, region: Region, under: ViewDef): Cursor | undefined;
  /**
   * Draws the message line while no message is shown, in place of the view's `drawStatus` (the hotkey menu
   * says there which F-keys cannot act now, and why); returns false when it has nothing to say there.
   */
  drawStatus?(buf: ScreenBuffer, s: State, o: O, region: Region): boolean;
  /** The footer's hints while it is open; absent: the view's. */
  hints?(s: State, o: O): Hints;
}

/** An overlay definition for each kind. */
export type OverlayDefs = { readonly [K in Overlay["kind"]]: OverlayDef<Extract<Overlay, { kind: K }>> };

/** A view's own state (its `initial` until it was first changed). */
export function viewState<S>(s: State, view: ViewDef<S>): S {
  return (view.id in s.views ? s.views[view.id] : view.initial) as S;
}

/** The state with a view's own state replaced. */
export function withViewState<S>(s: State, view: ViewDef<S>, value: S): State {
  return { ...s, views: { ...s.views, [view.id]: value } };
}

/** A view's (or a table view spec's) columns in `s`: none for a view without a table. */
export function viewColumns(view: Pick<ViewDef, "columns">, s: State): readonly Column[] {
  return typeof view.columns === "function" ? view.columns(s) : view.columns ?? [];
}
