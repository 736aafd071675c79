/**
 * The keys of a replay, in every view: SPACE pauses and resumes, LEFT and RIGHT step one refresh back and
 * forward (and pause), `+` and `-` change the speed (1x to 100x), `J` asks for a time to jump to. Each is a
 * command for the edge that plays the recording (edge/replay.ts); the jump prompt is overlays/jump.ts.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import { EMPTY_LINE } from "../widgets/line_editor.ts";
import { openOverlay, type Step } from "./ops.ts";
import type { ReplayControl } from "./playback_state.ts";
import type { State } from "./state.ts";

/** The speeds `+` and `-` go through: recorded seconds per second. */
export const REPLAY_SPEEDS: readonly number[] = [1, 2, 5, 10, 20, 50, 100];

/** The next speed up (`by` 1) or down (-1) from `speed`, within {@linkcode REPLAY_SPEEDS}. */
export function nextSpeed(speed: number, by: 1 | -1): number {
  const at = REPLAY_SPEEDS.findIndex((v) => v >= speed);
  const i = Math.max(0, Math.min(REPLAY_SPEEDS.length - 1, (at < 0 ? REPLAY_SPEEDS.length - 1 : at) + by));
  return REPLAY_SPEEDS[i];
}

/** A replay key's step, or undefined for a key that is not one (or outside a replay). */
export function replayKey(s: State, k: Key): Step | undefined {
  const replay = s.playback?.replay;
  if (s.config.replay === undefined || !replay) return undefined;
  const control = (c: ReplayControl): Step => [s, [{ type: "replay", control: c }]];
  if (k.name === "left") return control({ kind: "step", by: -1 });
  if (k.name === "right") return control({ kind: "step", by: 1 });
  if (k.name !== "char") return undefined;
  switch (k.text) {
    case " ":
      return control({ kind: replay.paused ? "resume" : "pause" });
    case "+":
      return control({ kind: "speed", by: 1 });
    case "-":
      return control({ kind: "speed", by: -1 });
    case "J":
      return [openOverlay(s, { kind: "jump", input: EMPTY_LINE }), []];
  }
  return undefined;
}
