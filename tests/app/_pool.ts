/**
 * What the tests of tags and bulk actions share: a small pool of servers with ids, a state showing it, and the
 * screen line of a row.
 *
 * @module
 */
import { run, screen } from "../support/app.ts";
import { smallSnapshot } from "../support/snapshots.ts";
import { init } from "../../src/app/mod.ts";
import type { Config, Event, State } from "../../src/app/model/state.ts";

export const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };
export const SIZE = { columns: 100, rows: 30 };

/** A row of smallSnapshot: `[px, sv, status, weight, iid, sid, type]`. */
export type PoolRow = [string, string, string, number, number, number, number];
/** be_pool (iid 3): web1..web3; be_api (iid 4): api1; each with its BACKEND row. */
export const POOL: PoolRow[] = [
  ["be_pool", "web1", "UP", 10, 3, 1, 2],
  ["be_pool", "web2", "UP", 20, 3, 2, 2],
  ["be_pool", "web3", "UP", 30, 3, 3, 2],
  ["be_pool", "BACKEND", "UP", 60, 3, 0, 1],
  ["be_api", "api1", "UP", 1, 4, 1, 2],
  ["be_api", "BACKEND", "UP", 1, 4, 0, 1],
];

/** A snapshot event of these rows (for `instance`, when given). */
export const pool = (rows: PoolRow[] = POOL, instance?: string): Event => ({
  type: "snapshot",
  snapshot: smallSnapshot(rows),
  seq: 0,
  now: 2,
  ...(instance ? { instance } : {}),
});

/** STATUS over the pool. */
export function started(cfg: Partial<Config> = {}): State {
  return run(init({ ...config, ...cfg }, SIZE, "status", 0), pool())[0];
}

/** The screen line of a row whose NAME is `name` (its first word, with or without the tag's `*`). */
export function rowOf(s: State, name: string): string {
  const line = screen(s).find((l) => l.split(/\s+/)[0].replace(/\*$/, "") === name);
  if (line === undefined) throw new Error(`no row ${name}:\n${screen(s).join("\n")}`);
  return line;
}
