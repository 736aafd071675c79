/**
 * Synthetic `show stat` replies for the micro-benchmarks, in the row shape of the HAProxy 2.6 fixture:
 * backends of 100 servers, each followed by its BACKEND row.
 *
 * @module
 */
import { parseInfo } from "../src/stats/info.ts";
import { parseStat } from "../src/stats/csv.ts";
import { buildSnapshot } from "../src/stats/snapshot.ts";
import type { Snapshot } from "../src/stats/types.ts";
import { init, type State, update } from "../src/app/mod.ts";

const FIXTURES = Deno.env.get("HATOP_FIXTURES") ?? "/work/shared/fixtures";

/** A `show stat` reply with `n` rows, copied from the 2.6 fixture's `web/web1` and `web/BACKEND` rows. */
export function syntheticStat(n: number): string {
  const lines = Deno.readTextFileSync(`${FIXTURES}/haproxy-2.6/show-stat.csv`).split("\n");
  const header = lines[0];
  const names = header.replace(/^#\s*/, "").split(",");
  const col = (name: string) => names.indexOf(name);
  const server = lines.find((l) => l.startsWith("web,web1,"))!.split(",");
  const backend = lines.find((l) => l.startsWith("web,BACKEND,"))!.split(",");
  const out = [header];
  for (let i = 0; i < n; i++) {
    const b = Math.floor(i / 101);
    const isBackend = i % 101 === 100;
    const row = [...(isBackend ? backend : server)];
    row[col("pxname")] = `be_${String(b).padStart(4, "0")}`;
    row[col("svname")] = isBackend ? "BACKEND" : `srv_${String(i).padStart(5, "0")}`;
    row[col("iid")] = String(b + 3);
    row[col("sid")] = isBackend ? "0" : String((i % 101) + 1);
    out.push(row.join(","));
  }
  return out.join("\n") + "\n\n";
}

/** A `show info` reply good enough for the title and info lines. */
export const INFO =
  "Name: HAProxy\nVersion: 2.6.12\nRelease_date: 2023/03/20\nPid: 42\nUptime: 0d 0h01m00s\n";

/** The snapshot of {@linkcode syntheticStat}(n). */
export function syntheticSnapshot(n: number): Snapshot {
  return buildSnapshot(parseInfo(INFO), [parseStat(syntheticStat(n))]);
}

/** The monitor's state (a 120x40 screen, the STATUS view) after its first refresh showed `snapshot`. */
export function syntheticState(snapshot: Snapshot): State {
  const config = { readOnly: false, intervalMs: 1000, color: true, socketName: "unix socket /bench.sock" };
  return update(init(config, { columns: 120, rows: 40 }, "status", 0), {
    type: "snapshot",
    snapshot,
    seq: 0,
    now: 0,
  })[0];
}
