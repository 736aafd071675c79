/**
 * `--check`: are all selected servers healthy?
 *
 * @module
 */
import { isHealthy } from "../stats/status.ts";
import { ROW_TYPE, type Snapshot, type StatRow } from "../stats/types.ts";

export interface CheckResult {
  readonly healthy: boolean;
  readonly servers: number;
  readonly unhealthy: readonly StatRow[];
}

/** Judges the servers (type 2 rows) of a snapshot. No server at all is not healthy. */
export function checkSnapshot(snapshot: Snapshot): CheckResult {
  const servers = snapshot.proxies.flatMap((px) => px.servers.filter((r) => r.type === ROW_TYPE.server));
  const unhealthy = servers.filter((r) => !isHealthy(r.get("status") ?? ""));
  return { healthy: servers.length > 0 && unhealthy.length === 0, servers: servers.length, unhealthy };
}

function lastCheck(row: StatRow): string {
  const parts = [row.get("check_status"), row.get("check_desc"), row.get("last_chk")]
    .filter((p): p is string => !!p);
  return [...new Set(parts)].join(", ") || "no check result";
}

/** Text report: one line per unhealthy server, then a summary. */
export function checkText(r: CheckResult): string {
  const lines = r.unhealthy.map((row) =>
    `${row.pxname}/${row.svname}  ${row.get("status") ?? "?"}  last check: ${lastCheck(row)}`
  );
  if (r.servers === 0) lines.push("no server matched the selection");
  else lines.push(`${r.servers - r.unhealthy.length}/${r.servers} servers healthy`);
  return lines.join("\n") + "\n";
}

/** JSON report. */
export function checkJson(r: CheckResult): string {
  return JSON.stringify(
    {
      healthy: r.healthy,
      servers: r.servers,
      unhealthy: r.unhealthy.map((row) => ({
        proxy: row.pxname,
        server: row.svname,
        status: row.get("status") ?? null,
        check_status: row.get("check_status") || null,
        check_desc: row.get("check_desc") || null,
        last_chk: row.get("last_chk") || null,
      })),
    },
    null,
    2,
  ) + "\n";
}
