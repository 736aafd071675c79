/**
 * Each instance's state in a fleet, as the header says it: connecting (no answer yet), up, lost (the last
 * refresh failed, once), reconnecting (failing again while the client retries with backoff). An instance
 * that fails is only marked: the others keep updating (model/instances.ts merges those that answer).
 *
 * @module
 */
import type { InstanceState } from "./state.ts";

/** How an instance has been failing: consecutive failed refreshes, and when the first of them ended. */
export type InstanceHealth = NonNullable<InstanceState["health"]>;

/** An instance's state. */
export type InstancePhase = "connecting" | "up" | "lost" | "reconnecting";

/** The state of `i` (see the module's doc). */
export function instancePhase(i: InstanceState): InstancePhase {
  const failures = i.health?.failures ?? 0;
  if (failures === 0) return i.snapshot ? "up" : "connecting";
  return failures === 1 && i.snapshot ? "lost" : "reconnecting";
}

/** The health after one more failed refresh at `now`. */
export function failedOnce(health: InstanceHealth | undefined, now: number): InstanceHealth {
  return { failures: (health?.failures ?? 0) + 1, since: health?.since ?? now };
}

/** `name`, or `name (lost)` and the like when it is not up: how the header lists an instance. */
export function nameWithPhase(i: InstanceState): string {
  const phase = instancePhase(i);
  return phase === "up" ? i.name : `${i.name} (${phase})`;
}
