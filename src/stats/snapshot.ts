/**
 * Grouping of parsed `show stat` rows into the proxies the monitor shows, merging several filtered replies.
 *
 * @example
 * ```ts
 * import { parseInfo } from "./info.ts";
 * import { parseStat } from "./csv.ts";
 * import { buildSnapshot } from "./snapshot.ts";
 * const snapshot = buildSnapshot(parseInfo("Name: HAProxy\n"), [parseStat("# pxname,svname,iid,sid,type,\n")]);
 * snapshot.proxies.length; // 0
 * ```
 *
 * @module
 */
import { ROW_TYPE } from "./types.ts";
import type { Info, ProxyGroup, Snapshot, StatRow } from "./types.ts";
import type { StatTable } from "./csv.ts";

interface Group {
  iid: number;
  name: string;
  frontend?: StatRow;
  servers: StatRow[];
  backend?: StatRow;
  /**
   * {@linkcode numericKey}s of the servers and listeners taken into this group, once one arrived out of
   * ascending order (before that, `lastServerKey` alone tells a repeat).
   */
  seen: Set<number | undefined> | undefined;
  /** The largest {@linkcode numericKey} of a server or listener taken so far (-Infinity: none). */
  lastServerKey: number;
}

/** Where a row goes: by its `type`, or by its svname when `type` is garbage. */
function kindOf(row: StatRow): "frontend" | "backend" | "server" {
  if (row.type === ROW_TYPE.frontend) return "frontend";
  if (row.type === ROW_TYPE.backend) return "backend";
  if (row.type === ROW_TYPE.server || row.type === ROW_TYPE.listener) return "server";
  if (row.svname === "FRONTEND") return "frontend";
  if (row.svname === "BACKEND") return "backend";
  return "server";
}

/** Identity of a row across filtered replies: (iid, type, sid), or names when the ids are garbage. */
function rowKey(row: StatRow): string {
  if (Number.isFinite(row.iid) && Number.isFinite(row.type) && Number.isFinite(row.sid)) {
    return `${row.iid} ${row.type} ${row.sid}`;
  }
  return `name ${row.pxname}\u0000${row.svname}\u0000${kindOf(row)}`;
}

/**
 * The identity of a row with integer ids within its proxy, as one number (sid * 4 + type, one-to-one for
 * types 0-3); undefined when the ids do not allow it (then {@linkcode rowKey} is used).
 */
function numericKey(row: StatRow): number | undefined {
  const { iid, sid, type } = row;
  if (!Number.isInteger(iid) || !Number.isInteger(sid) || Math.abs(sid) > 2 ** 40) return undefined;
  return type === 0 || type === 1 || type === 2 || type === 3 ? sid * 4 + type : undefined;
}

/** Ascending sid; rows with a garbage sid last, in arrival order (the sort is stable). */
function bySid(a: StatRow, b: StatRow): number {
  const x = Number.isFinite(a.sid) ? a.sid : Infinity;
  const y = Number.isFinite(b.sid) ? b.sid : Infinity;
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Whether the rows are in {@linkcode bySid} order already. */
function sortedBySid(rows: readonly StatRow[]): boolean {
  for (let i = 1; i < rows.length; i++) if (bySid(rows[i - 1], rows[i]) > 0) return false;
  return true;
}

/**
 * Builds one refresh's snapshot as the original groups it: proxies in order of first appearance, each with
 * its FRONTEND, then servers and listeners by ascending sid, then its BACKEND.
 *
 * Several tables (one per `show stat` filter) are merged per proxy: a row seen again, identified by
 * (iid, type, sid), is dropped, so one filter's rows never overwrite another's. Proxies are keyed by iid
 * (by name when the iid is garbage). The tables' warnings are carried over, duplicates removed.
 *
 * @param info Parsed `show info`.
 * @param tables Parsed `show stat` replies of one refresh, in command order.
 * @returns The snapshot.
 */
export function buildSnapshot(info: Info, tables: readonly StatTable[]): Snapshot {
  const groups = new Map<string, Group>();
  const seen = new Set<string>();
  const warnings = new Set<string>();
  let services = 0;
  // Rows of one proxy come together: the last group is looked up once, not per row.
  let lastIid = NaN;
  let last: Group | undefined;

  for (const table of tables) {
    for (const warning of table.warnings) warnings.add(warning);
    for (const row of table.rows) {
      let group: Group | undefined;
      if (last !== undefined && row.iid === lastIid) group = last;
      else {
        const groupKey = Number.isFinite(row.iid) ? `iid ${row.iid}` : `name ${row.pxname}`;
        group = groups.get(groupKey);
        if (group === undefined) {
          group = { iid: row.iid, name: row.pxname, servers: [], seen: undefined, lastServerKey: -Infinity };
          groups.set(groupKey, group);
        }
        if (Number.isFinite(row.iid)) {
          lastIid = row.iid;
          last = group;
        } else {
          last = undefined;
        }
      }
      const id = numericKey(row);
      if (id !== undefined) {
        // Keys hold the type, so only a FRONTEND can repeat a FRONTEND (and a second one is dropped below
        // anyway); servers usually arrive by ascending sid, which needs no set to tell a repeat.
        if (row.type === ROW_TYPE.server || row.type === ROW_TYPE.listener) {
          if (group.seen === undefined && id <= group.lastServerKey) {
            group.seen = new Set(group.servers.map(numericKey));
          }
          if (group.seen !== undefined) {
            if (group.seen.has(id)) continue;
            group.seen.add(id);
          }
          group.lastServerKey = Math.max(group.lastServerKey, id);
        }
      } else {
        const key = rowKey(row);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      const kind = kindOf(row);
      if (kind === "server") group.servers.push(row);
      else if (group[kind] === undefined) group[kind] = row;
      else continue; // A second FRONTEND/BACKEND with garbage ids: keep the first.
      services++;
    }
  }

  const proxies: ProxyGroup[] = [];
  for (const group of groups.values()) {
    // HAProxy lists servers by ascending sid: the sort (which copies the array) only when they are not.
    if (!sortedBySid(group.servers)) group.servers.sort(bySid);
    const { seen: _, lastServerKey: _last, ...proxy } = group;
    proxies.push(proxy);
  }
  return { info, proxies, services, warnings: [...warnings] };
}
