/**
 * The body of the stat modes as a list of lines, derived once per snapshot: for each proxy a `>>> name`
 * line, its FRONTEND, its servers and listeners, its BACKEND, and a blank line between proxies.
 *
 * @module
 */
import type { ProxyGroup, StatRow } from "../../stats/types.ts";
import { ROW_TYPE } from "../../stats/types.ts";

/** One line of the stat body. */
export type BodyLine =
  | { readonly kind: "proxy"; readonly name: string; readonly key: string }
  | { readonly kind: "row"; readonly row: StatRow; readonly key: string }
  | { readonly kind: "blank"; readonly key: string };

/**
 * A service's identity across refreshes: its type and names (ids can change when HAProxy reloads), and with
 * several instances the instance it comes from.
 */
export function rowKey(row: StatRow): string {
  const key = `${row.type}|${row.pxname}|${row.svname}`;
  return row.instance === undefined ? key : `${row.instance}|${key}`;
}

/** Whether two rows have the same {@linkcode rowKey}, without building the keys. */
export function sameRowKey(a: StatRow, b: StatRow): boolean {
  return Object.is(a.type, b.type) && a.pxname === b.pxname && a.svname === b.svname &&
    a.instance === b.instance;
}

/** True for rows an action may target: servers (and listeners, as the original allowed). */
export function isServerRow(row: StatRow): boolean {
  return row.type === ROW_TYPE.server && row.pxname !== "" && row.svname !== "";
}

/**
 * The rows and keys of the last {@linkcode bodyLines} call, by position: a refresh usually brings the same
 * services in the same order, so their keys are taken over instead of being built again (a memo; the lines
 * are the same either way).
 */
const lastKeys: { rows: StatRow[]; keys: string[] } = { rows: [], keys: [] };

/** Builds the body lines for the given proxies. */
export function bodyLines(proxies: readonly ProxyGroup[]): BodyLine[] {
  const lines: BodyLine[] = [];
  const { rows, keys } = lastKeys;
  let at = 0;
  const keyOf = (row: StatRow): string => {
    const before = rows[at];
    const key = before !== undefined && sameRowKey(before, row) ? keys[at] : rowKey(row);
    rows[at] = row;
    keys[at++] = key;
    return key;
  };
  for (const px of proxies) {
    if (!px.frontend && !px.backend && px.servers.length === 0) continue;
    if (lines.length > 0) lines.push({ kind: "blank", key: `blank|${px.name}|${px.iid}` });
    lines.push({ kind: "proxy", name: px.name, key: `proxy|${px.name}|${px.iid}` });
    if (px.frontend) lines.push({ kind: "row", row: px.frontend, key: keyOf(px.frontend) });
    for (const row of px.servers) lines.push({ kind: "row", row, key: keyOf(row) });
    if (px.backend) lines.push({ kind: "row", row: px.backend, key: keyOf(px.backend) });
  }
  rows.length = at;
  keys.length = at;
  return lines;
}
