/**
 * The monitor's one state object, and the events and commands that move it (the Elm architecture):
 * `update(state, event)` returns the next state and the commands for the edges to run.
 *
 * @module
 */
import type { Snapshot } from "../../stats/types.ts";
import type { Key } from "../../tui/types.ts";
import type { BodyLine } from "../domain/body_lines.ts";
import type { ScrollState } from "../widgets/scroll.ts";
import type { History, LineEditor } from "../widgets/line_editor.ts";
import type { SortOrder } from "../domain/selection.ts";
import type { PromptAction, Target } from "../domain/actions.ts";
import type { ProcEntry } from "../../haproxy/master.ts";
import type { Grouping } from "../../stats/fleet.ts";
import type { HotkeyName } from "../domain/hotkeys.ts";
import type { Trend } from "../domain/trends.ts";
import type { ChartHistory } from "../domain/charts.ts";
import type { Plan, Target as BulkTarget, TargetResult } from "../../bulk/mod.ts";
import type { Timeline } from "./timeline_state.ts";
import type { BulkStage } from "./bulk_stage.ts";
import type { PaletteEntry } from "./palette_entry.ts";
export type { PaletteEntry } from "./palette_entry.ts";
import type { Playback, PlaybackChange, ReplayControl } from "./playback_state.ts";

export type { BulkStage } from "./bulk_stage.ts";

/** A view's id, as core/registry.ts lists the views ("status", "cli", "help", ...). */
export type ViewId = string;

/** Raw CLI output lines kept for scrollback. */
export const CLI_SCROLLBACK = 5000;

/** A screen's size in cells. */
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
  /** `--replay FILE`: the recording shown. There is no socket: actions, the CLI and writes are refused. */
  readonly replay?: string;
}

/**
 * What is open over the view, each kind drawn and given keys by its overlay (src/app/overlays): the hotkey
 * menu in the footer, the `/` filter prompt on the message line, the detail view of the selected row, a
 * dialog in a box.
 */
export type Overlay =
  | { readonly kind: "hotkeys" }
  | { readonly kind: "filter" }
  /** `wide`: the chart widened to the whole body (`c` in the detail view), by its place among the row's. */
  | { readonly kind: "detail"; readonly scroll: number; readonly wide?: number }
  | { readonly kind: "dialog"; readonly dialog: Dialog }
  | { readonly kind: "bulk"; readonly bulk: BulkStage }
  /** A replay's `J` prompt for a time to jump to (overlays/jump.ts). */
  | { readonly kind: "jump"; readonly input: LineEditor; readonly error?: string }
  /** The `:` palette: its entries (made when it opened), the text typed, the chosen entry among those matching. */
  | {
    readonly kind: "palette";
    readonly entries: readonly PaletteEntry[];
    readonly input: LineEditor;
    readonly index: number;
  };

/** A dialog over the body: the actions menu, a value prompt, or a confirmation. */
export type Dialog =
  | { readonly kind: "actions"; readonly target: Target; readonly index: number }
  | {
    readonly kind: "prompt";
    readonly action: PromptAction;
    readonly target: Target;
    readonly input: LineEditor;
    readonly error?: string;
  }
  | {
    /** A line to type for a runtime-API write (a map entry, an ACL pattern), previewed before it is sent. */
    readonly kind: "entry";
    readonly title: string;
    readonly input: LineEditor;
    readonly error?: string;
    /** The command the typed text makes (shown in a confirmation), or why it cannot be sent. */
    readonly plan: (text: string) => { readonly command: string; readonly title: string } | {
      readonly error: string;
    };
    readonly instance: string;
  }
  | {
    readonly kind: "confirm";
    readonly title: string;
    readonly lines: readonly string[];
    readonly commands: readonly string[];
    readonly rowKeys: readonly string[];
    readonly instance?: string;
    /**
     * Why the commands no longer do what was shown, checked on the latest data when `y` is pressed (a
     * session gone since: HAProxy gives its id to the next stream); undefined: they still do.
     */
    readonly stale?: (s: State) => string | undefined;
  };

/** One HAProxy instance (one socket) as the monitor sees it. */
export interface InstanceState {
  /** The socket address, as text: the instance's identity. */
  readonly id: string;
  /** The config file's label, else (several sockets) `show info`'s node, else the address. */
  readonly name: string;
  readonly label?: string;
  /** While its refreshes fail: how many in a row, since when (model/instance_health.ts). */
  readonly health?: { readonly failures: number; readonly since: number };
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

/** A socket's privilege level, as `show cli level` says it. */
export type Level = "user" | "operator" | "admin";

/** A transient message shown above the footer. */
export interface Message {
  readonly text: string;
  readonly tone: "info" | "ok" | "error";
  readonly at: number;
}

/** The embedded CLI: its input line, history and output log. */
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

/** A line of a table: its key identifies what it shows across refreshes. */
export interface TableLine {
  readonly key: string;
}

/** What a table view keeps. */
export interface TableState<L extends TableLine = TableLine> {
  readonly lines: readonly L[];
  readonly scroll: ScrollState;
  /** Key of the selected line, so the cursor follows it. */
  readonly selectedKey?: string;
  /** The `/` filter ("" = none), how many rows match it, or why it is invalid. */
  readonly filter: string;
  readonly matches?: number;
  readonly filterError?: string;
  readonly sort?: SortOrder;
}

/** Everything the monitor knows; at its top the stat table's state, shared by the four stat views. */
export interface State extends TableState<BodyLine> {
  readonly config: Config;
  readonly size: Size;
  readonly now: number;
  /** The view shown, and the one before it (ESC goes back to it). */
  readonly view: ViewId;
  readonly previousView: ViewId;
  /** Each view's own state, by view id (see model/view_def.ts: viewState). */
  readonly views: Readonly<Record<ViewId, unknown>>;
  /**
   * What is open over the view, the topmost last; it gets the keys first. Only a dialog opens over another
   * overlay (an F-key's confirmation over the hotkey menu, which is there again once it closes).
   */
  readonly overlays: readonly Overlay[];
  readonly snapshot?: Snapshot;
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
  readonly trends: ReadonlyMap<string, Trend>;
  /** The detail view's charts of every row over the last minutes (domain/charts.ts); absent: none yet. */
  readonly charts?: ChartHistory;
  /** The refresh round whose first answer added the newest trend point (0: none yet). */
  readonly trendRound: number;
  /** Every socket given (one in the common case). */
  readonly instances: readonly InstanceState[];
  /** With several instances: one view by proxy (aggregates) or by instance. */
  readonly grouping: Grouping;
  /** The tagged servers (`t`, `T`; model/tags.ts) by `instance #iid/#sid`, in order; bulk actions act on them. */
  readonly tags?: ReadonlyMap<string, BulkTarget>;
  /** The state transitions seen between snapshots, newest first (model/timeline.ts); absent: none yet. */
  readonly timeline?: Timeline;
  /** `--record` and `--replay` as the screen shows them (model/playback.ts); absent: neither. */
  readonly playback?: Playback;
}

/** Everything that happens to the monitor. */
export type Event =
  | { readonly type: "key"; readonly key: Key; readonly now: number }
  | { readonly type: "resize"; readonly size: Size; readonly now: number }
  | { readonly type: "tick"; readonly now: number }
  /** Something the edges want the operator to know (e.g. the history file cannot be written). */
  | { readonly type: "notice"; readonly text: string; readonly now: number }
  /** The recording's writes, or the replay's position, changed (edge/recording.ts, edge/replay.ts). */
  | { readonly type: "playback"; readonly change: PlaybackChange; readonly now: number }
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
    /** The refresh round it answers (its first merged answer adds the trend point); absent: its own. */
    readonly round?: number;
    /** Another answer follows at once (edge/scheduler.ts holds a round's): keep it, merge with that one. */
    readonly defer?: boolean;
  }
  | {
    readonly type: "refreshFailed";
    readonly error: string;
    readonly now: number;
    readonly instance?: string;
  }
  | { readonly type: "level"; readonly level?: Level; readonly now: number; readonly instance?: string }
  /** A view's source commands were sent to an instance (model/view_def.ts: ViewSource): their replies, or why not. */
  | {
    readonly type: "sourceData";
    readonly view: ViewId;
    readonly instance: string;
    readonly commands: readonly string[];
    readonly replies?: readonly string[];
    readonly error?: string;
    readonly now: number;
  }
  | {
    readonly type: "sent";
    readonly origin: "cli" | "action";
    readonly results: readonly { readonly command: string; readonly output: string }[];
    readonly error?: string;
    readonly rowKeys: readonly string[];
    readonly now: number;
  }
  /** A bulk plan was sent (model/bulk.ts): each target's outcome, in plan order. */
  | {
    readonly type: "bulkDone";
    readonly results: readonly TargetResult[];
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
  /** Send a bulk plan exactly as previewed, each command to its target's instance (src/bulk executePlan). */
  | { readonly type: "bulk"; readonly plan: Plan; readonly rowKeys: readonly string[] }
  | { readonly type: "quit"; readonly code: number }
  /** Move the replay: pause, resume, step, jump, speed (edge/replay.ts). */
  | { readonly type: "replay"; readonly control: ReplayControl }
  /** A CLI line was run: keep it in the persistent history. */
  | { readonly type: "remember"; readonly line: string };
