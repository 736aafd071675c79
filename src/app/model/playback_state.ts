/**
 * What the screen shows of `--record` (the file, and whether its writes fail) and of `--replay` (the moment
 * shown, paused or playing, the speed), and the controls the replay's keys give the edge; apart from
 * model/state.ts so that it stays short (model/playback.ts applies them).
 *
 * @module
 */
import type { Snapshot } from "../../stats/types.ts";
import type { TimelineEvent } from "./timeline_state.ts";

/** `--record FILE` while monitoring: the file, and the last write's error while writes fail. */
export interface RecordStatus {
  readonly path: string;
  readonly error?: string;
}

/** `--replay FILE`: where the replay is. */
export interface ReplayStatus {
  readonly path: string;
  /** The moment shown (epoch ms, the recording's time), and the first and last of the recording. */
  readonly time: number;
  readonly start: number;
  readonly end: number;
  /** Which moment it is (0-based) of how many. */
  readonly index: number;
  readonly count: number;
  readonly paused: boolean;
  /** 1 to 100: recorded seconds played per second. */
  readonly speed: number;
}

/** `--record` and `--replay` as the state knows them (only one of them is ever set). */
export interface Playback {
  readonly record?: RecordStatus;
  readonly replay?: ReplayStatus;
  /** A replay: every event of the recording, oldest first (the events view shows those up to the moment). */
  readonly recorded?: readonly TimelineEvent[];
}

/** A recorded moment before the one shown: the snapshots of the instances that answered then. */
export interface HistoryFrame {
  readonly time: number;
  readonly snapshots: readonly { readonly instance: string; readonly snapshot: Snapshot }[];
}

/**
 * What the edge says changed (a replay's events come with its first position). When a replay moved other
 * than one moment forward, `history` holds the moments the charts need before the one shown (one per chart
 * point, oldest first): the charts and trends are rebuilt from them, not continued.
 */
export type PlaybackChange =
  | { readonly record: RecordStatus }
  | {
    readonly replay: ReplayStatus;
    readonly events?: readonly TimelineEvent[];
    readonly history?: readonly HistoryFrame[];
  };

/** What a replay key asks the edge to do. */
export type ReplayControl =
  | { readonly kind: "pause" }
  | { readonly kind: "resume" }
  /** One moment back (-1) or forward (1); it pauses. */
  | { readonly kind: "step"; readonly by: 1 | -1 }
  /** The moment at or before this time (epoch ms); it pauses. */
  | { readonly kind: "at"; readonly time: number }
  /** The next speed up (1) or down (-1) of model/replay_keys.ts' REPLAY_SPEEDS. */
  | { readonly kind: "speed"; readonly by: 1 | -1 };
