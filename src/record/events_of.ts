/**
 * The events of a whole recording, in order: events.ts' diff between the moments of each instance where
 * anything it looks at changed, and an instance unreachable and back from the recording's error records.
 *
 * @module
 */
import { type CheckCodes, type EventKind, events, type Observed, type StateEvent } from "./events.ts";
import type { Recording } from "./reader.ts";
import { type InstanceState, materialize } from "./state.ts";

/** The fields whose change can make an event. */
const WATCHED = ["status", "check_status", "check_code", "weight", "act", "bck", "stot", "pxname", "svname"];

/** Whether two states of one instance differ in anything {@linkcode events} looks at. */
function mayDiffer(a: InstanceState, b: InstanceState): boolean {
  if (a.values.length !== b.values.length || a.keys !== b.keys) return true;
  if (a.info.get("Pid") !== b.info.get("Pid")) return true;
  if (Number(b.info.get("Uptime_sec")) < Number(a.info.get("Uptime_sec"))) return true;
  if (
    JSON.stringify(a.workers?.map((p) => [p.pid, p.old])) !==
      JSON.stringify(b.workers?.map((p) => [p.pid, p.old]))
  ) {
    return true;
  }
  for (let r = 0; r < b.values.length; r++) {
    const fields = b.shapes[r].fields;
    for (const f of WATCHED) {
      const at = fields.indexOf(f);
      if (at >= 0 && a.values[r][at] !== b.values[r][at]) return true;
    }
  }
  return false;
}

/** Every event of a recording, oldest first (unreachable / reachable from its error records). */
export async function eventsOf(recording: Recording): Promise<StateEvent[]> {
  const out: StateEvent[] = [];
  const last = new Map<string, { state: InstanceState; observed: Observed; codes: CheckCodes }>();
  const down = new Map<string, string>();
  for await (const step of recording.replay()) {
    const { entry, header } = step;
    if (entry.kind === "end") continue;
    const key = `${entry.session}:${entry.instance}`;
    const instance = header.instances[entry.instance].name;
    const event = (kind: EventKind, before: string, after: string) =>
      out.push({
        time: entry.time,
        instance,
        proxy: "",
        service: "",
        kind,
        field: "connection",
        before,
        after,
      });
    if (step.error !== undefined) {
      if (!down.has(key)) event("unreachable", "", step.error);
      down.set(key, step.error);
      continue;
    }
    const after = step.after;
    if (!after) continue;
    if (down.has(key)) {
      event("reachable", down.get(key)!, "");
      down.delete(key);
    }
    const previous = last.get(key);
    if (previous && !mayDiffer(previous.state, after)) {
      last.set(key, { ...previous, state: after });
      continue;
    }
    const observed = {
      snapshot: await materialize(after),
      ...(after.workers ? { workers: after.workers } : {}),
    };
    const codes = previous?.codes ?? new Map();
    if (previous) out.push(...events(previous.observed, observed, { time: entry.time, instance }, codes));
    last.set(key, { state: after, observed, codes });
  }
  return out;
}
