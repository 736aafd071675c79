/**
 * Fields that move with the clock alone, and their prediction: on an idle HAProxy every server's `lastchg`
 * grows by one each second, so a delta that stored it would cost a field per row per refresh. Writer and
 * reader predict these fields from the seconds HAProxy's clock advanced; only a value that differs from
 * the prediction is written. The rules are HAProxy's own: `lastchg` counts up since the last change,
 * `downtime` counts up while the row is stopped (DOWN or MAINT), `lastsess` counts up once a session was
 * seen (-1 before), `Uptime_sec` and `Uptime` count up, and so does each process's uptime in `show proc`.
 *
 * @module
 */
import type { ProcEntry } from "../haproxy/master.ts";

/** The `show stat` fields predicted from the clock. */
export const CLOCK_STAT_FIELDS = ["lastchg", "downtime", "lastsess"] as const;

const INTEGER = /^-?\d+$/;

/** Positions of the clock fields and of `status` in a row's field list. */
export interface ClockColumns {
  readonly lastchg: number;
  readonly downtime: number;
  readonly lastsess: number;
  readonly status: number;
}

/** Finds the clock columns of a field list (-1 where absent). */
export function clockColumns(fields: readonly string[]): ClockColumns {
  return {
    lastchg: fields.indexOf("lastchg"),
    downtime: fields.indexOf("downtime"),
    lastsess: fields.indexOf("lastsess"),
    status: fields.indexOf("status"),
  };
}

/** `value + seconds` when value is an integer, else value unchanged. */
function plus(value: string, seconds: number): string {
  return INTEGER.test(value) ? String(Number(value) + seconds) : value;
}

/** Whether a status means HAProxy counts the row's downtime: stopped (DOWN…, MAINT…). */
function stopped(status: string | undefined): boolean {
  return status !== undefined && (status.startsWith("DOWN") || status.startsWith("MAINT"));
}

/** Whether column `i` holds one of the clock-driven fields. */
export function isClockColumn(at: ClockColumns, i: number): boolean {
  return i === at.lastchg || i === at.downtime || i === at.lastsess;
}

/** The value of column `i` of a row predicted `seconds` later (the value itself for other columns). */
export function predictValue(
  values: readonly string[],
  at: ClockColumns,
  i: number,
  seconds: number,
): string {
  const value = values[i];
  if (seconds === 0 || value === undefined) return value;
  if (i === at.lastchg) return plus(value, seconds);
  if (i === at.downtime) return stopped(values[at.status]) ? plus(value, seconds) : value;
  if (i === at.lastsess) return INTEGER.test(value) && Number(value) >= 0 ? plus(value, seconds) : value;
  return value;
}

/**
 * The values a row is predicted to have `seconds` later: `values` with its clock fields advanced. Returns
 * `values` itself when nothing moves.
 */
export function predictRow(values: readonly string[], at: ClockColumns, seconds: number): readonly string[] {
  let out: string[] | undefined;
  for (const i of [at.lastchg, at.downtime, at.lastsess]) {
    if (i < 0) continue;
    const value = predictValue(values, at, i, seconds);
    if (value === values[i]) continue;
    out ??= [...values];
    out[i] = value;
  }
  return out ?? values;
}

const DURATION = /^(\d+)d(\s*)(\d+)h(\d+)m(\d+)s$/;

/**
 * A HAProxy duration (`0d 0h00m26s` of `show info`, `0d00h00m02s` of `show proc`) `seconds` later, in the
 * same style; the text unchanged when it is not one.
 */
export function advanceDuration(text: string, seconds: number): string {
  const m = DURATION.exec(text.trim());
  if (!m || seconds === 0) return text;
  const total = Number(m[1]) * 86400 + Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5]) + seconds;
  if (total < 0) return text;
  const two = (n: number) => String(n).padStart(2, "0");
  const hours = Math.floor((total % 86400) / 3600);
  // `show info` separates days and hours with a space and does not pad the hours; `show proc` pads them.
  const h = m[2] === "" ? two(hours) : String(hours);
  const body = `${Math.floor(total / 86400)}d${m[2]}${h}h${two(Math.floor((total % 3600) / 60))}m${
    two(total % 60)
  }s`;
  return text.replace(m[0], body);
}

/** `show info` `seconds` later: Uptime_sec and Uptime advanced; the same map when nothing moves. */
export function predictInfo(
  info: ReadonlyMap<string, string>,
  seconds: number,
): ReadonlyMap<string, string> {
  if (seconds === 0) return info;
  const sec = info.get("Uptime_sec");
  const up = info.get("Uptime");
  if (sec === undefined && up === undefined) return info;
  const out = new Map(info);
  if (sec !== undefined) out.set("Uptime_sec", plus(sec, seconds));
  if (up !== undefined) out.set("Uptime", advanceDuration(up, seconds));
  return out;
}

/** `show proc` entries `seconds` later: each uptime advanced. */
export function predictProcs(procs: readonly ProcEntry[], seconds: number): readonly ProcEntry[] {
  if (seconds === 0) return procs;
  return procs.map((p) => ({ ...p, uptime: advanceDuration(p.uptime, seconds) }));
}

/** The default clock advance of a delta: the elapsed milliseconds rounded to seconds. */
export function elapsedSeconds(fromMs: number, toMs: number): number {
  return Math.round((toMs - fromMs) / 1000);
}

/**
 * How far HAProxy's clock moved between two snapshots, as its rows tell it: the most common growth of
 * `lastchg` among rows where it grew or stood (a reset is a change, not the clock); `fallback` when no row
 * tells.
 */
export function observedAdvance(
  before: readonly (readonly string[])[],
  after: readonly (readonly string[])[],
  columns: readonly ClockColumns[],
  fallback: number,
): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < after.length; i++) {
    const column = columns[i].lastchg;
    if (column < 0) continue;
    const a = before[i][column];
    const b = after[i][column];
    if (a === undefined || b === undefined || !INTEGER.test(a) || !INTEGER.test(b)) continue;
    const d = Number(b) - Number(a);
    if (d >= 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = fallback;
  let most = 0;
  for (const [d, n] of counts) {
    if (n > most || (n === most && d === fallback)) [best, most] = [d, n];
  }
  return best;
}
