/**
 * Events: the state transitions between two snapshots of one instance (a server's status, its admin state,
 * its last check, its weight, a backend losing its last server, a reload seen by the master CLI, counters
 * reset by a restart), each with its time, instance, proxy and service, field and before → after; and the
 * events of a whole recording, in order.
 *
 * @module
 */
import { currentWorker, type ProcEntry } from "../haproxy/master.ts";
import type { Snapshot, StatRow } from "../stats/types.ts";
import { ROW_TYPE } from "../stats/types.ts";
import { snapshotRows } from "./format.ts";
import type { Recording } from "./reader.ts";
import { type InstanceState, materialize } from "./state.ts";

/** What an event is about. */
export type EventKind =
  /** `status` changed (UP, DOWN, NOLB, OPEN, transitional `UP 1/3`…), the admin state staying the same. */
  | "status"
  /** `status` changed into or out of MAINT or DRAIN (an operator's or a tracked server's admin state). */
  | "admin"
  /** The last health check's `check_status` or `check_code`, from one result to another. */
  | "check"
  /** A server's `weight`. */
  | "weight"
  /** A backend whose last usable server went away (`act` + `bck` fell to 0). */
  | "last-server"
  /** The master CLI's current worker changed: HAProxy was reloaded. */
  | "reload"
  /** A worker the master CLI listed is gone (an old worker done draining). */
  | "worker-exit"
  /** HAProxy's `Pid` changed or its uptime went back: it restarted, and its counters with it. */
  | "restart"
  /** Session counters went back without a restart (`clear counters all`). */
  | "counters-reset"
  /** A proxy or service appeared or went away (a reload with another config, `add server`). */
  | "added"
  | "removed"
  /** The instance stopped answering, or answered again. */
  | "unreachable"
  | "reachable";

/** One state transition. */
export interface StateEvent {
  /** Epoch ms of the first snapshot that shows the change. */
  readonly time: number;
  readonly instance: string;
  /** Proxy and service (`FRONTEND`, `BACKEND`, a server); empty for the instance itself. */
  readonly proxy: string;
  readonly service: string;
  readonly kind: EventKind;
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/** A snapshot of one instance as {@linkcode events} compares them: stats, and the master's processes. */
export interface Observed {
  readonly snapshot: Snapshot;
  readonly workers?: readonly ProcEntry[];
}

/** `ready`, `drain` or `maint`, as the status shows an admin state. */
export function adminState(status: string): "ready" | "drain" | "maint" {
  if (status.startsWith("MAINT")) return "maint";
  if (status.startsWith("DRAIN") && !status.includes("(agent)")) return "drain";
  return "ready";
}

function rowId(row: StatRow): string {
  return `${row.pxname}/${row.svname}/${row.type}`;
}

function num(row: StatRow, field: string): number {
  const v = row.get(field);
  return v === undefined || v === "" ? NaN : Number(v);
}

/**
 * The code of a row's last finished check, or undefined when the snapshot does not tell it: no check yet, or a
 * check running on 3.x, whose code reads 0 until it ends (2.x keeps the last result's code while a check runs).
 */
function finishedCode(row: StatRow): string | undefined {
  const code = row.get("check_code");
  if (!code) return undefined;
  return code === "0" && (row.get("check_status") ?? "").startsWith("* ") ? undefined : code;
}

/**
 * The last finished check code of each row of one instance, as a pass over snapshots goes: a code change is an
 * event between two known codes even when the snapshot between them caught a check running.
 */
export type CheckCodes = Map<string, string>;

/** The events of one row between two snapshots. */
function rowEvents(
  a: StatRow,
  b: StatRow,
  event: (kind: EventKind, field: string, x: string, y: string) => void,
  codes: CheckCodes,
) {
  const status = [a.get("status"), b.get("status")];
  if (status[0] !== undefined && status[1] !== undefined && status[0] !== status[1]) {
    event(
      adminState(status[0]) !== adminState(status[1]) ? "admin" : "status",
      "status",
      status[0],
      status[1],
    );
  }
  // `* L7OK`: a check is running, L7OK was the last result. Empty is a check paused (MAINT) or not run yet,
  // not a result. Codes are compared between known ones (finishedCode), the last one kept in `codes`.
  const [ca, cb] = [a.get("check_status") ?? "", b.get("check_status") ?? ""];
  const [x, y] = [ca.replace(/^\* /, ""), cb.replace(/^\* /, "")];
  if (x && y && x !== y) event("check", "check_status", x, y);
  const id = rowId(b);
  const [codeA, codeB] = [codes.get(id) ?? finishedCode(a), finishedCode(b)];
  if (codeA !== undefined && codeB !== undefined && codeA !== codeB) {
    event("check", "check_code", codeA, codeB);
  }
  const known = codeB ?? codeA;
  if (known !== undefined) codes.set(id, known);
  if (b.type === ROW_TYPE.server) {
    const [x, y] = [a.get("weight"), b.get("weight")];
    if (x !== undefined && y !== undefined && x !== y) event("weight", "weight", x, y);
  }
  if (b.type === ROW_TYPE.backend) {
    const [x, y] = [num(a, "act") + num(a, "bck"), num(b, "act") + num(b, "bck")];
    if (x > 0 && y === 0) event("last-server", "act+bck", String(x), "0");
  }
}

/** The events of the instance itself: reload, worker exit, restart, counters reset. */
function instanceEvents(
  previous: Observed,
  next: Observed,
  common: readonly (readonly [StatRow, StatRow])[],
  event: (kind: EventKind, field: string, x: string, y: string) => void,
) {
  if (previous.workers && next.workers) {
    const [x, y] = [currentWorker(previous.workers)?.pid, currentWorker(next.workers)?.pid];
    if (x !== undefined && y !== undefined && x !== y) event("reload", "worker", String(x), String(y));
    const listed = new Set(next.workers.map((p) => p.pid));
    for (const p of previous.workers) {
      if (p.type === "worker" && !listed.has(p.pid)) event("worker-exit", "worker", String(p.pid), "");
    }
  }
  const [ia, ib] = [previous.snapshot.info, next.snapshot.info];
  const [pa, pb] = [ia.get("Pid"), ib.get("Pid")];
  const [ua, ub] = [Number(ia.get("Uptime_sec")), Number(ib.get("Uptime_sec"))];
  if (pa !== undefined && pb !== undefined && pa !== pb) return event("restart", "Pid", pa, pb);
  if (ub < ua) return event("restart", "Uptime_sec", String(ua), String(ub));
  let [sa, sb, back] = [0, 0, false];
  for (const [a, b] of common) {
    const [x, y] = [num(a, "stot"), num(b, "stot")];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    [sa, sb] = [sa + x, sb + y];
    back ||= y < x;
  }
  if (back) event("counters-reset", "stot", String(sa), String(sb));
}

/**
 * The state transitions from `previous` to `next`, two snapshots of the instance `where.instance`, dated
 * `where.time`: the instance's own first (reload, worker exit, restart or counters reset), then each row's in
 * display order (added, status or admin, check, weight, last server), then the rows that went away. A pass
 * over many snapshots of the instance gives the same `codes` to each call (see {@linkcode CheckCodes}).
 */
export function events(
  previous: Observed,
  next: Observed,
  where: { time: number; instance: string },
  codes: CheckCodes = new Map(),
): StateEvent[] {
  const out: StateEvent[] = [];
  const emit =
    (proxy: string, service: string) => (kind: EventKind, field: string, before: string, after: string) =>
      out.push({ time: where.time, instance: where.instance, proxy, service, kind, field, before, after });
  const before = new Map(snapshotRows(previous.snapshot).map((r) => [rowId(r), r]));
  const rows = snapshotRows(next.snapshot);
  const common: [StatRow, StatRow][] = [];
  for (const row of rows) {
    const old = before.get(rowId(row));
    if (old) common.push([old, row]);
  }
  instanceEvents(previous, next, common, emit("", ""));
  const seen = new Set<string>();
  for (const row of rows) {
    const id = rowId(row);
    seen.add(id);
    const old = before.get(id);
    if (!old) emit(row.pxname, row.svname)("added", "status", "", row.get("status") ?? "");
    else rowEvents(old, row, emit(row.pxname, row.svname), codes);
  }
  for (const [id, row] of before) {
    if (!seen.has(id)) emit(row.pxname, row.svname)("removed", "status", row.get("status") ?? "", "");
  }
  return out;
}

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
