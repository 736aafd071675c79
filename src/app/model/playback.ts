/**
 * What `--record` and `--replay` do to the state: a recording's write error said on the message line (once,
 * and when writes work again) and kept for the title bar's mark; the replay's position kept for the title
 * bar's REPLAY mark and its clock, which shows the recording's time instead of now.
 *
 * @module
 */
import { message } from "./ops.ts";
import { replayTimeline } from "./timeline.ts";
import { replayHistory } from "./instances.ts";
import type { Playback, PlaybackChange } from "./playback_state.ts";
import type { State } from "./state.ts";

export type {
  HistoryFrame,
  Playback,
  PlaybackChange,
  RecordStatus,
  ReplayControl,
  ReplayStatus,
} from "./playback_state.ts";

/** The playback of `s` (empty when it neither records nor replays). */
export function playbackOf(s: State): Playback {
  return s.playback ?? {};
}

/** Whether `s` is a replay (no socket: actions, the CLI and writes are refused). */
export function isReplay(s: State): boolean {
  return s.config.replay !== undefined;
}

/** The time the screen is about: the replay's moment, else now. */
export function shownTime(s: State): number {
  return s.playback?.replay?.time ?? s.now;
}

/** The edge says the recording or the replay changed. */
export function applyPlayback(s: State, change: PlaybackChange): State {
  if ("replay" in change) {
    const recorded = change.events ?? s.playback?.recorded ?? [];
    const moved = { ...s, playback: { replay: change.replay, recorded } };
    const next = change.history ? replayHistory(moved, change.history) : moved;
    return replayTimeline(next, recorded, change.replay.time);
  }
  const before = s.playback?.record;
  const record = change.record;
  const next: State = { ...s, playback: { record } };
  if (record.error !== undefined && record.error !== before?.error) {
    return {
      ...next,
      message: message(`recording failed, monitoring goes on: ${record.error}`, "error", s.now),
    };
  }
  if (record.error === undefined && before?.error !== undefined) {
    return { ...next, message: message(`recording to ${record.path} goes on`, "ok", s.now) };
  }
  return next;
}

/** The title bar's mark: `REC`, `REC FAILING` while writes fail, `REPLAY` (paused or at its speed). */
export function playbackMark(s: State): { text: string; alarm: boolean } | undefined {
  const { record, replay } = playbackOf(s);
  if (replay) {
    const state = replay.paused ? "paused" : "playing";
    return { text: ` REPLAY ${state} ${replay.speed}x ${replay.index + 1}/${replay.count} `, alarm: false };
  }
  if (record) return record.error ? { text: " REC FAILING ", alarm: true } : { text: " REC ", alarm: false };
  return undefined;
}
