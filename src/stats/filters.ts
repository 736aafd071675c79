/**
 * Command-line stat filters (`-f "<iid> <type> <sid>"`, `-p <proxy>`) and the `show stat` commands they
 * produce for one refresh.
 *
 * The filter `type` is HAProxy's bit mask (1 frontends, 2 backends, 4 servers, -1 all), not the CSV `type`
 * column.
 *
 * @example
 * ```ts
 * import { parseStatFilter, statCommands } from "./filters.ts";
 * statCommands([parseStatFilter("3 -1 -1")], [5]); // ["show stat 3 -1 -1", "show stat 5 -1 -1"]
 * ```
 *
 * @module
 */
import { atLeast } from "../haproxy/version.ts";
import type { StatRow } from "./types.ts";

/** One `show stat <iid> <type> <sid>` filter. */
export interface StatFilter {
  /** Proxy id, -1 for all proxies. */
  iid: number;
  /** Bit mask: 1 frontends, 2 backends, 4 servers, -1 everything. */
  type: number;
  /** Server id, -1 for all servers. */
  sid: number;
}

const FILTER_INTEGER = /^(?:-1|\d{1,9})$/;
const PROXY_NAME = /^[A-Za-z0-9_.:-]+$/;

/**
 * Parses a stat filter given as three whitespace-separated integers (each -1 or more).
 *
 * @param text E.g. `"3 -1 -1"`.
 * @returns The filter.
 * @throws {Error} `invalid stat filter: "<text>" (expected "<iid> <type> <sid>", e.g. "3 -1 -1")`.
 */
export function parseStatFilter(text: string): StatFilter {
  const parts = String(text).trim().split(/\s+/);
  if (parts.length !== 3 || !parts.every((part) => FILTER_INTEGER.test(part))) {
    throw new Error(`invalid stat filter: "${text}" (expected "<iid> <type> <sid>", e.g. "3 -1 -1")`);
  }
  const [iid, type, sid] = parts.map(Number);
  return { iid, type, sid };
}

/**
 * Checks a proxy name against the characters HAProxy allows in names (`[A-Za-z0-9_.:-]`).
 *
 * @param text The name, surrounding whitespace ignored.
 * @returns The trimmed name.
 * @throws {Error} `invalid proxy filter: "<text>"`.
 */
export function parseProxyName(text: string): string {
  const name = String(text).trim();
  if (!PROXY_NAME.test(name)) throw new Error(`invalid proxy filter: "${text}"`);
  return name;
}

/**
 * The `show stat` commands for one refresh.
 *
 * With no filters and no proxy ids this is `["show stat"]`. Otherwise one `show stat <iid> <type> <sid>` per
 * distinct stat filter, then one `show stat <iid> -1 -1` per proxy id, with duplicates removed (a proxy id
 * already asked for by an identical stat filter is not asked for twice).
 *
 * @param filters Parsed stat filters.
 * @param proxyIids Proxy ids resolved from `-p` names (see {@linkcode resolveProxies}), or the names
 *   themselves where HAProxy accepts a name in `show stat` (1.7+), which survives a reload that renumbers.
 * @returns The commands, in that order.
 */
export function statCommands(
  filters: readonly StatFilter[],
  proxyIids: readonly (number | string)[],
): string[] {
  const commands = new Set<string>();
  for (const f of filters) commands.add(`show stat ${f.iid} ${f.type} ${f.sid}`);
  for (const iid of proxyIids) commands.add(`show stat ${iid} -1 -1`);
  return commands.size === 0 ? ["show stat"] : [...commands];
}

/** True when `show stat` takes a proxy name instead of an id: HAProxy 1.7 and later (from `show info`'s Version). */
export function statTakesNames(version: string | undefined): boolean {
  return atLeast(version, "1.7");
}

/**
 * Resolves proxy names to their ids from parsed rows (of an unfiltered `show stat`).
 *
 * @param names Proxy names, as given by the user (case-sensitive, like HAProxy).
 * @param rows Rows whose `pxname` and `iid` are used; rows with a garbage iid are skipped.
 * @returns `iids`: name → iid for every name found; `missing`: the names not found, each once, in order.
 */
export function resolveProxies(
  names: readonly string[],
  rows: readonly StatRow[],
): { iids: Map<string, number>; missing: string[] } {
  const wanted = new Set(names);
  const found = new Map<string, number>();
  for (const row of rows) {
    if (wanted.has(row.pxname) && !found.has(row.pxname) && Number.isFinite(row.iid)) {
      found.set(row.pxname, row.iid);
    }
  }
  const iids = new Map<string, number>();
  const missing: string[] = [];
  for (const name of wanted) {
    const iid = found.get(name);
    if (iid === undefined) missing.push(name);
    else iids.set(name, iid);
  }
  return { iids, missing };
}
