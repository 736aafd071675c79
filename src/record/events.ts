/**
 * Events: the state transitions between two snapshots of one instance (a server's status, its admin state,
 * its last check, its weight, a backend losing its last server, a reload seen by the master CLI, counters
 * reset by a restart), each with its time, instance, proxy and service, field and before → after
 * (events_of.ts: the events of a whole recording).
 *
 * @module
 */
import { currentWorker, type ProcEntry } from "../haproxy/master.ts";
import type { Snapshot, StatRow } from "../stats/types.ts";
import { ROW_TYPE } from "../stats/types.ts";
import { readRanges } from "../stats/stat_row.ts";
import { STATE_FIELDS } from "../stats/shape.ts";
import { newRanges, type Ranges, rangeValue, sameRange } from "../stats/ranges.ts";
import { numberIn } from "../stats/scan.ts";
import { snapshotRows } from "./format.ts";

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

/**
 * The fields of a row an event can be about, found while the reply was parsed (src/stats' STATE_FIELDS:
 * readRanges answers this list without reading the record again).
 */
const FIELDS = STATE_FIELDS;
const [STATUS, CHECK_STATUS, CHECK_CODE, WEIGHT, ACT, BCK, STOT] = FIELDS.map((_, i) => i);

/** A row's {@linkcode FIELDS}. */
function read(row: StatRow, out: Ranges): Ranges {
  readRanges(row, FIELDS, out);
  return out;
}

/** Value `i` of `r` as a number (scan.ts' numberOf), without a string for plain digits. */
function num(r: Ranges, i: number): number {
  return r.from[i] < 0 ? NaN : numberIn(r.text, r.from[i], r.to[i]);
}

/**
 * The code of a row's last finished check, or undefined when the snapshot does not tell it: no check yet, or a
 * check running on 3.x, whose code reads 0 until it ends (2.x keeps the last result's code while a check runs).
 */
function finishedCode(r: Ranges): string | undefined {
  const code = rangeValue(r, CHECK_CODE);
  if (!code) return undefined;
  return code === "0" && (rangeValue(r, CHECK_STATUS) ?? "").startsWith("* ") ? undefined : code;
}

/**
 * The last finished check code of the rows of one instance whose newest snapshot does not tell it (a check
 * running, see finishedCode), by `pxname/svname/type`, as a pass over snapshots goes: a code change is an
 * event between two known codes even when the snapshot between them caught a check running.
 */
export type CheckCodes = Map<string, string>;

/** Adds an event about a row (or the instance itself: `row` undefined). */
type Emit = (row: StatRow | undefined, kind: EventKind, field: string, before: string, after: string) => void;

/** The events of one row between two snapshots, given its {@linkcode FIELDS} before (`a`) and after (`b`). */
function rowEvents(
  row: StatRow,
  a: Ranges,
  b: Ranges,
  emit: Emit,
  codes: CheckCodes,
) {
  if (!sameRange(a, b, STATUS) && a.from[STATUS] >= 0 && b.from[STATUS] >= 0) {
    const [x, y] = [rangeValue(a, STATUS)!, rangeValue(b, STATUS)!];
    emit(row, adminState(x) !== adminState(y) ? "admin" : "status", "status", x, y);
  }
  // `* L7OK`: a check is running, L7OK was the last result. Empty is a check paused (MAINT) or not run yet,
  // not a result. Codes are compared between known ones (finishedCode), the last one kept in `codes`.
  if (!sameRange(a, b, CHECK_STATUS)) {
    const [x, y] = [a, b].map((r) => (rangeValue(r, CHECK_STATUS) ?? "").replace(/^\* /, ""));
    if (x && y && x !== y) emit(row, "check", "check_status", x, y);
  }
  if (!sameRange(a, b, CHECK_CODE) || !sameRange(a, b, CHECK_STATUS) || codes.size > 0) {
    const id = codes.size > 0 ? rowId(row) : "";
    const [codeA, codeB] = [(id && codes.get(id)) || finishedCode(a), finishedCode(b)];
    if (codeA !== undefined && codeB !== undefined && codeA !== codeB) {
      emit(row, "check", "check_code", codeA, codeB);
    }
    // Kept only while the snapshot does not tell it; the next pass reads it from the snapshot otherwise.
    if (codeB === undefined && codeA !== undefined) codes.set(id || rowId(row), codeA);
    else if (id) codes.delete(id);
  }
  if (
    row.type === ROW_TYPE.server && !sameRange(a, b, WEIGHT) && a.from[WEIGHT] >= 0 && b.from[WEIGHT] >= 0
  ) {
    emit(row, "weight", "weight", rangeValue(a, WEIGHT)!, rangeValue(b, WEIGHT)!);
  }
  if (row.type === ROW_TYPE.backend) {
    const x = num(a, ACT) + num(a, BCK);
    const y = num(b, ACT) + num(b, BCK);
    if (x > 0 && y === 0) emit(row, "last-server", "act+bck", String(x), "0");
  }
}

/** The instance's own events: reload, worker exit, restart (then true: the rows' counters mean nothing). */
function instanceEvents(
  previous: Observed,
  next: Observed,
  emit: Emit,
): boolean {
  const event = (kind: EventKind, field: string, x: string, y: string) => emit(undefined, kind, field, x, y);
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
  if (pa !== undefined && pb !== undefined && pa !== pb) return event("restart", "Pid", pa, pb), true;
  if (ub < ua) return event("restart", "Uptime_sec", String(ua), String(ub)), true;
  return false;
}

/**
 * The rows of `next` paired with the same row (`pxname/svname/type`) of `previous`, or undefined for a row
 * that is new; and the rows of `previous` that went away. When both list the same rows in the same order (a
 * refresh where nothing was added or removed), they pair by position without a map of ids.
 */
function pairRows(previous: readonly StatRow[], next: readonly StatRow[]) {
  const same = previous.length === next.length &&
    next.every((r, i) => {
      const o = previous[i];
      return r.pxname === o.pxname && r.svname === o.svname && r.type === o.type;
    });
  if (same) return { olds: previous as readonly (StatRow | undefined)[], gone: [] as StatRow[] };
  const before = new Map(previous.map((r) => [rowId(r), r]));
  const seen = new Set<string>();
  const olds = next.map((r) => {
    const id = rowId(r);
    seen.add(id);
    return before.get(id);
  });
  return { olds, gone: [...before].filter(([id]) => !seen.has(id)).map(([, r]) => r) };
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
  const { time, instance } = where;
  const emit: Emit = (row, kind, field, before, after) =>
    out.push({
      time,
      instance,
      proxy: row?.pxname ?? "",
      service: row?.svname ?? "",
      kind,
      field,
      before,
      after,
    });
  const rows = snapshotRows(next.snapshot);
  const { olds, gone } = pairRows(snapshotRows(previous.snapshot), rows);
  const restarted = instanceEvents(previous, next, emit);
  const [before, after] = [newRanges(FIELDS.length), newRanges(FIELDS.length)];
  // Counters that went back without a restart: `clear counters all` (the rows' events come after it).
  const counters = out.length;
  let sa = 0;
  let sb = 0;
  let back = false;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const old = olds[i];
    if (!old) {
      emit(row, "added", "status", "", row.get("status") ?? "");
      continue;
    }
    // No array destructuring in this loop: V8 allocates those arrays, three per row and refresh.
    const a = read(old, before);
    const b = read(row, after);
    const x = num(a, STOT);
    const y = num(b, STOT);
    if (Number.isFinite(x) && Number.isFinite(y)) {
      sa += x;
      sb += y;
      back ||= y < x;
    }
    rowEvents(row, a, b, emit, codes);
  }
  if (back && !restarted) {
    const reset = { time, instance, proxy: "", service: "", kind: "counters-reset" as const, field: "stot" };
    out.splice(counters, 0, { ...reset, before: String(sa), after: String(sb) });
  }
  for (const row of gone) {
    emit(row, "removed", "status", row.get("status") ?? "", "");
    codes.delete(rowId(row));
  }
  return out;
}
