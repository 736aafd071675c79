/**
 * Snapshots for the bulk-action tests: small `show stat` texts with ids and current sessions.
 *
 * @module
 */
import { parseStat } from "../../src/stats/csv.ts";
import { buildSnapshot } from "../../src/stats/snapshot.ts";
import type { InstanceSnapshot } from "../../src/stats/fleet.ts";
import type { Snapshot } from "../../src/stats/types.ts";
import { statText } from "../stats/_helpers.ts";

/** A row: proxy, service, iid, sid, type (2 server, 0 FE, 1 BE, 3 listener), scur. */
export type Row = readonly [string, string, number | string, number | string, number, number | string];

/** A snapshot of these rows. */
export function snapshotOf(rows: readonly Row[]): Snapshot {
  const text = statText(["pxname", "svname", "iid", "sid", "type", "scur"], rows.map((r) => r.map(String)));
  return buildSnapshot(new Map(), [parseStat(text)]);
}

/** A pool `be_app` (iid 3) with web1..web3, a frontend, a listener and `be_api` (iid 4) with web1 and api1. */
export const POOL: readonly Row[] = [
  ["fe_main", "FRONTEND", 2, 0, 0, 5],
  ["fe_main", "sock-1", 2, 1, 3, 0],
  ["be_app", "web1", 3, 1, 2, 0],
  ["be_app", "web2", 3, 2, 2, 0],
  ["be_app", "web3", 3, 3, 2, 0],
  ["be_app", "BACKEND", 3, 0, 1, 0],
  ["be_api", "web1", 4, 1, 2, 0],
  ["be_api", "api1", 4, 2, 2, 0],
  ["be_api", "BACKEND", 4, 0, 1, 0],
];

/** An answering instance named `id` with these rows. */
export function instance(id: string, rows: readonly Row[] = POOL): InstanceSnapshot {
  return { id, name: id, snapshot: snapshotOf(rows), stale: false };
}
