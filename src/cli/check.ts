/**
 * `--check`: are all selected servers healthy, on every instance?
 *
 * @module
 */
import { isHealthy } from "../stats/status.ts";
import { ROW_TYPE, type Snapshot, type StatRow } from "../stats/types.ts";
import type { NamedSnapshot } from "./batch.ts";

/** The clock `--wait` runs on; injectable for tests. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * `--wait SECONDS`: calls `poll` at 0, 1, ..., SECONDS seconds after the start until `final` says a result
 * is the answer (healthy), and returns the last result. So there are SECONDS + 1 polls (one with 0), the
 * last never before SECONDS have passed, whatever the polls cost. A poll due while the one before still runs
 * starts as soon as that one ends; once the polls are so slow that the time is up, the next poll is the last
 * one, so slow polls do not stretch the wait much past SECONDS.
 */
export async function pollEverySecond<T>(
  seconds: number,
  poll: () => Promise<T>,
  final: (result: T) => boolean,
  clock: Clock = SYSTEM_CLOCK,
): Promise<T> {
  const start = clock.now();
  const end = start + seconds * 1000;
  for (let k = 0;;) {
    const wait = start + k * 1000 - clock.now();
    if (wait > 0) await clock.sleep(wait);
    const result = await poll();
    if (final(result) || k >= seconds) return result;
    k = clock.now() >= end ? seconds : k + 1;
  }
}

/** A server that is not healthy, and on which instance (when there are several). */
export interface Unhealthy {
  readonly instance?: string;
  readonly row: StatRow;
}

/** With `--cert-days`: a certificate that expires too soon, or an instance whose certificates could not be read. */
export interface CertProblem {
  readonly instance?: string;
  readonly file?: string;
  readonly subject?: string;
  readonly daysLeft?: number;
  readonly notAfter?: string;
  /** Why the certificates could not be read. */
  readonly unreadable?: string;
}

export interface CheckResult {
  readonly healthy: boolean;
  readonly servers: number;
  readonly unhealthy: readonly Unhealthy[];
  /** With `--cert-days N`: N, and the certificates that expire within N days (none: they passed). */
  readonly certDays?: number;
  readonly certificates?: readonly CertProblem[];
}

/** The result with the certificates judged too: healthy only when the servers are and no certificate is a problem. */
export function withCertificates(
  r: CheckResult,
  days: number,
  problems: readonly CertProblem[],
): CheckResult {
  return { ...r, healthy: r.healthy && problems.length === 0, certDays: days, certificates: problems };
}

/** One line per certificate problem, for the check's report. */
export function certProblemText(p: CertProblem): string {
  const at = p.instance ? `${p.instance}: ` : "";
  if (p.unreadable) return `${at}certificates cannot be read: ${p.unreadable}`;
  const left = p.daysLeft! < 0 ? `expired ${-p.daysLeft!} days ago` : `expires in ${p.daysLeft} days`;
  return `${at}certificate ${p.file} (${p.subject ?? "?"}) ${left}, on ${p.notAfter ?? "?"}`;
}

/** Judges the servers (type 2 rows) of a snapshot. No server at all is not healthy. */
export function checkSnapshot(snapshot: Snapshot, instance?: string): CheckResult {
  const servers = snapshot.proxies.flatMap((px) => px.servers.filter((r) => r.type === ROW_TYPE.server));
  const unhealthy = servers.filter((r) => !isHealthy(r.get("status") ?? "")).map((row) => ({
    instance,
    row,
  }));
  return { healthy: servers.length > 0 && unhealthy.length === 0, servers: servers.length, unhealthy };
}

/** Judges every instance: healthy only when each is. */
export function checkSnapshots(instances: readonly NamedSnapshot[]): CheckResult {
  const results = instances.map((i) => checkSnapshot(i.snapshot, instances.length > 1 ? i.name : undefined));
  return {
    healthy: results.every((r) => r.healthy),
    servers: results.reduce((n, r) => n + r.servers, 0),
    unhealthy: results.flatMap((r) => r.unhealthy),
  };
}

/** The last finished check: HAProxy's `* ` prefix only says that the next one is running now. */
function lastCheck(row: StatRow): string {
  const parts = [row.get("check_status")?.replace(/^\* /, ""), row.get("check_desc"), row.get("last_chk")]
    .filter((p): p is string => !!p);
  return [...new Set(parts)].join(", ") || "no check result";
}

/** Text report: one line per unhealthy server, then a summary. */
export function checkText(r: CheckResult): string {
  const lines = r.unhealthy.map(({ instance, row }) =>
    `${instance ? `${instance}: ` : ""}${row.pxname}/${row.svname}  ${row.get("status") ?? "?"}  ` +
    `last check: ${lastCheck(row)}`
  );
  if (r.servers === 0) lines.push("no server matched the selection");
  else lines.push(`${r.servers - r.unhealthy.length}/${r.servers} servers healthy`);
  if (r.certificates) {
    lines.push(...r.certificates.map(certProblemText));
    const soon = r.certificates.filter((p) => !p.unreadable).length;
    lines.push(`${soon} certificate${soon === 1 ? "" : "s"} expiring within ${r.certDays} days`);
  }
  return lines.join("\n") + "\n";
}

/** JSON report. */
export function checkJson(r: CheckResult): string {
  return JSON.stringify(
    {
      healthy: r.healthy,
      servers: r.servers,
      unhealthy: r.unhealthy.map(({ instance, row }) => ({
        ...(instance ? { instance } : {}),
        proxy: row.pxname,
        server: row.svname,
        status: row.get("status") ?? null,
        check_status: row.get("check_status") || null,
        check_desc: row.get("check_desc") || null,
        last_chk: row.get("last_chk") || null,
      })),
      ...(r.certificates
        ? {
          cert_days: r.certDays,
          certificates: r.certificates.map((p) => ({
            ...(p.instance ? { instance: p.instance } : {}),
            ...(p.unreadable ? { unreadable: p.unreadable } : {
              file: p.file,
              subject: p.subject ?? null,
              days_left: p.daysLeft,
              not_after: p.notAfter ?? null,
            }),
          })),
        }
        : {}),
    },
    null,
    2,
  ) + "\n";
}
