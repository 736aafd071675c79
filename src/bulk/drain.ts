/**
 * One step of a drain wait (`--wait-drained`): given the targets and the latest snapshot of each instance, who
 * still has current sessions (`scur` > 0). The caller polls, prints the step and decides on the timeout; the
 * step itself knows no clock.
 *
 * @module
 */
import { ROW_TYPE, type Snapshot, type StatRow } from "../stats/types.ts";
import type { Target } from "./plan.ts";

/** A target that still has sessions; `scur` is NaN when HAProxy's value is not a number. */
export interface Busy extends Target {
  readonly scur: number;
}

/** Who is left after one poll. */
export interface DrainStep {
  /** Targets with current sessions (or an unreadable count), in target order. */
  readonly busy: readonly Busy[];
  /** Targets whose instance gave no snapshot this time: not known to be drained. */
  readonly unknown: readonly Target[];
  /**
   * Targets whose ids no longer name the same server (removed, or renumbered by a reload): there is nothing
   * of theirs left to wait for, and they are reported.
   */
  readonly gone: readonly Target[];
}

function rowOf(snapshot: Snapshot, t: Target): StatRow | undefined {
  const px = snapshot.proxies.find((p) => p.iid === t.iid);
  return px?.servers.find((r) => r.sid === t.sid && r.type === ROW_TYPE.server);
}

/**
 * Sorts the targets by what `snapshots` (instance id → its latest snapshot, undefined when it did not answer)
 * says of them: busy (scur > 0 or not a number), unknown, gone; every other target is drained.
 */
export function drainStep(
  targets: readonly Target[],
  snapshots: ReadonlyMap<string, Snapshot | undefined>,
): DrainStep {
  const busy: Busy[] = [];
  const unknown: Target[] = [];
  const gone: Target[] = [];
  for (const t of targets) {
    const snapshot = snapshots.get(t.instance);
    if (!snapshot) {
      unknown.push(t);
      continue;
    }
    const row = rowOf(snapshot, t);
    if (!row || row.pxname !== t.proxy || row.svname !== t.server) {
      gone.push(t);
      continue;
    }
    const text = row.get("scur") ?? "";
    const scur = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(scur === 0)) busy.push({ ...t, scur });
  }
  return { busy, unknown, gone };
}

/** Whether the wait is over: no target busy or unknown. */
export function isDrained(step: DrainStep): boolean {
  return step.busy.length === 0 && step.unknown.length === 0;
}
