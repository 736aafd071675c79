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
  return serviceKey(row.type, row.pxname, row.svname, row.instance);
}

/** The {@linkcode rowKey} of a service known by its type, names and instance (undefined with one socket). */
export function serviceKey(type: number, pxname: string, svname: string, instance?: string): string {
  const key = `${type}|${pxname}|${svname}`;
  return instance === undefined ? key : `${instance}|${key}`;
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
 * Builds the body lines for the given proxies. `previous` are the lines built before (of the same table): a
 * refresh usually brings the same services in the same order, so a row's key is taken over from the row at
 * the same place there when it is the same service, instead of being built again (the lines are the same
 * either way).
 */
export function bodyLines(proxies: readonly ProxyGroup[], previous: readonly BodyLine[] = []): BodyLine[] {
  // The count is known before the lines are made: one array of that size, not one grown push by push.
  let count = 0;
  for (const px of proxies) {
    const rows = (px.frontend ? 1 : 0) + px.servers.length + (px.backend ? 1 : 0);
    if (rows > 0) count += rows + (count > 0 ? 2 : 1);
  }
  const lines = new Array<BodyLine>(count);
  let n = 0;
  let at = 0;
  const keyOf = (row: StatRow): string => {
    while (at < previous.length && previous[at].kind !== "row") at++;
    const before = previous[at++];
    return before?.kind === "row" && sameRowKey(before.row, row) ? before.key : rowKey(row);
  };
  for (const px of proxies) {
    if (!px.frontend && !px.backend && px.servers.length === 0) continue;
    if (n > 0) lines[n++] = { kind: "blank", key: `blank|${px.name}|${px.iid}` };
    lines[n++] = { kind: "proxy", name: px.name, key: `proxy|${px.name}|${px.iid}` };
    if (px.frontend) lines[n++] = { kind: "row", row: px.frontend, key: keyOf(px.frontend) };
    for (const row of px.servers) lines[n++] = { kind: "row", row, key: keyOf(row) };
    if (px.backend) lines[n++] = { kind: "row", row: px.backend, key: keyOf(px.backend) };
  }
  return lines;
}
