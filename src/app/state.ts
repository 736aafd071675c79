/**
 * The monitor's one state object, and the events and commands that move it (the Elm architecture):
 * `update(state, event)` returns the next state and the commands for the edges to run.
 *
 * @module
 */
import type { Snapshot } from "../stats/types.ts";
import type { Key } from "../tui/types.ts";
import type { BodyLine } from "./body.ts";
import type { ScrollState } from "./scroll.ts";
import type { History, LineEditor } from "./line_editor.ts";
import type { SortOrder } from "./selection.ts";
import type { Target } from "./actions.ts";
import type { ProcEntry } from "../haproxy/master.ts";
import type { Grouping } from "../stats/fleet.ts";
import type { HotkeyName } from "./hotkeys.ts";

/** 0 is the help screen; 1-4 the stat modes; 5 the CLI. */
export type ModeId = 0 | 1 | 2 | 3 | 4 | 5;

export const MIN_COLUMNS = 78;
export const MIN_ROWS = 20;
/** Raw CLI output lines kept for scrollback. */
export const CLI_SCROLLBACK = 5000;

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

/** Settings fixed at start-up. */
export interface Config {
  readonly readOnly: boolean;
  /** Refresh interval in ms. */
  readonly intervalMs: number;
  readonly color: boolean;
  /** "unix socket /path" or "tcp host:port", for messages. */
  readonly socketName: string;
  /** Mouse reporting is on (clicks select, the wheel scrolls). */
  readonly mouse?: boolean;
}

/** A dialog over the body: the actions menu, a value prompt, or a confirmation. */
export type Dialog =
  | { readonly kind: "actions"; readonly target: Target; readonly index: number }
  | {
    readonly kind: "prompt";
    readonly action: string;
    readonly target: Target;
    readonly input: LineEditor;
    readonly error?: string;
  }
  | {
    readonly kind: "confirm";
    readonly title: string;
    readonly lines: readonly string[];
    readonly commands: readonly string[];
    readonly rowKeys: readonly string[];
    readonly instance?: string;
  };

/** Recent values of a row's rates, oldest first, for the TREND column. */
export interface Trend {
  readonly rate: readonly number[];
  readonly req_rate: readonly number[];
}

/** One HAProxy instance (one socket) as the monitor sees it. */
export interface InstanceState {
  /** The socket address, as text: the instance's identity. */
  readonly id: string;
  /** `show info`'s node, else the address. */
  readonly name: string;
  readonly snapshot?: Snapshot;
  readonly snapshotAt?: number;
  readonly connected: boolean;
  readonly error?: string;
  readonly level?: Level;
  /** Master CLI sockets: the processes of `show proc` and the worker whose stats are shown. */
  readonly workers?: readonly ProcEntry[];
  readonly worker?: number;
  /** The worker the operator chose with `w`; unset: follow the current worker across reloads. */
  readonly pinned?: number;
  /** `w` was pressed and the next snapshot may come from another worker: not a reload. */
  readonly switching?: boolean;
  /** The sequence number of the refresh its latest snapshot answered. */
  readonly seq?: number;
}

/** Values kept per trend. */
export const TREND_LENGTH = 30;

export type Level = "user" | "operator" | "admin";

/** A transient message shown above the footer. */
export interface Message {
  readonly text: string;
  readonly tone: "info" | "ok" | "error";
  readonly at: number;
}

export interface CliState {
  readonly input: LineEditor;
  readonly history: History;
  /** Raw output lines (newest last). */
  readonly output: readonly string[];
  /** Wrapped lines scrolled up from the bottom (0 = at the bottom). */
  readonly scroll: number;
  /** A command is being executed. */
  readonly busy: boolean;
}

export interface State {
  readonly config: Config;
  readonly size: Size;
  readonly now: number;
  readonly mode: ModeId;
  readonly previousMode: ModeId;
  readonly snapshot?: Snapshot;
  /** Body lines of the stat modes, derived from the snapshot when it arrives. */
  readonly lines: readonly BodyLine[];
  readonly scroll: ScrollState;
  /** Key of the selected line, so the cursor follows its service across refreshes. */
  readonly selectedKey?: string;
  readonly helpScroll: number;
  readonly menu: boolean;
  /** Row keys with an action sent; shown as pending until a refresh requested after the action arrives. */
  readonly pending: ReadonlyMap<string, number>;
  /**
   * Weight keys (F4-F8) pressed on a row while its last change was pending, by row key, oldest first: each is
   * planned on the weight the next refresh shows (what HAProxy confirmed), then sent, one at a time.
   */
  readonly queued: ReadonlyMap<string, readonly HotkeyName[]>;
  /** Sequence number of the latest refresh requested. */
  readonly refreshSeq: number;
  readonly message?: Message;
  readonly cli: CliState;
  readonly quit?: number;
  /** The `/` filter text ("" = none) and whether it is being typed. */
  readonly filter: string;
  readonly filterEditing: boolean;
  /** Rows matching the filter, or why the filter is invalid. */
  readonly matches?: number;
  readonly filterError?: string;
  readonly sort?: SortOrder;
  /** The detail view of the selected service is open. */
  readonly detail: boolean;
  readonly detailScroll: number;
  readonly dialog?: Dialog;
  readonly trends: ReadonlyMap<string, Trend>;
  /** The refresh round whose first answer added the newest trend point (0: none yet). */
  readonly trendRound: number;
  /** Every socket given (one in the common case). */
  readonly instances: readonly InstanceState[];
  /** With several instances: one view by proxy (aggregates) or by instance. */
  readonly grouping: Grouping;
}

/** Everything that happens to the monitor. */
export type Event =
  | { readonly type: "key"; readonly key: Key; readonly now: number }
  | { readonly type: "resize"; readonly size: Size; readonly now: number }
  | { readonly type: "tick"; readonly now: number }
  /** Something the edges want the operator to know (e.g. the history file cannot be written). */
  | { readonly type: "notice"; readonly text: string; readonly now: number }
  | {
    readonly type: "snapshot";
    readonly snapshot: Snapshot;
    readonly seq: number;
    readonly now: number;
    /** Which instance answered (its id); absent: the only one. */
    readonly instance?: string;
    /** Master CLI: `show proc` and the worker the snapshot came from. */
    readonly workers?: readonly ProcEntry[];
    readonly worker?: number;
    /**
     * The refresh round it answers (the runtime numbers each refresh of every instance); its first answer
     * adds the trend point. Absent: a round of its own.
     */
    readonly round?: number;
  }
  | {
    readonly type: "refreshFailed";
    readonly error: string;
    readonly now: number;
    readonly instance?: string;
  }
  | { readonly type: "level"; readonly level?: Level; readonly now: number; readonly instance?: string }
  | {
    readonly type: "sent";
    readonly origin: "cli" | "action";
    readonly results: readonly { readonly command: string; readonly output: string }[];
    readonly error?: string;
    readonly rowKeys: readonly string[];
    readonly now: number;
  };

/** Work for the edges. */
export type Command =
  /** Read HAProxy now: every instance, or one (after `w` chose another worker). */
  | { readonly type: "refresh"; readonly seq: number; readonly instance?: string }
  | {
    readonly type: "send";
    readonly origin: "cli" | "action";
    /** Each is sent on its own and answered on its own. */
    readonly commands: readonly string[];
    readonly rowKeys: readonly string[];
    /** The instance to send to: its id, `*` for every instance; absent: the only one. */
    readonly instance?: string;
  }
  | { readonly type: "quit"; readonly code: number }
  /** A CLI line was run: keep it in the persistent history. */
  | { readonly type: "remember"; readonly line: string };
