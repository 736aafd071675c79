/**
 * What a table shows of its rows: those matching the `/` filter (a name, case-insensitive, or a regular
 * expression after `~`), sorted by the chosen column. In the stat table servers sort within their proxy,
 * and FRONTEND and BACKEND rows keep their places.
 *
 * @module
 */
import type { ProxyGroup, StatRow } from "../../stats/types.ts";

/** The sort of servers within each proxy. */
export interface SortOrder {
  readonly field: string;
  readonly reverse: boolean;
}

/** A compiled filter: a predicate on names, or why the text is not a valid regular expression. */
export type Matcher = { readonly test: (name: string) => boolean } | { readonly error: string };

/** Compiles a filter text; an empty text matches everything. */
export function compileFilter(text: string): Matcher {
  if (text.startsWith("~")) {
    try {
      const re = new RegExp(text.slice(1), "i");
      return { test: (name) => re.test(name) };
    } catch (e) {
      return { error: `invalid regular expression: ${(e as Error).message}` };
    }
  }
  const needle = text.toLowerCase();
  return { test: (name) => name.toLowerCase().includes(needle) };
}

/**
 * The proxies and rows that match: a proxy whose name matches keeps all its rows; otherwise only its rows
 * whose name (or `proxy/name`) matches, under the proxy's line. `matches` counts the rows kept.
 */
export function filterProxies(
  proxies: readonly ProxyGroup[],
  test: (name: string) => boolean,
): { proxies: ProxyGroup[]; matches: number } {
  const out: ProxyGroup[] = [];
  let matches = 0;
  for (const px of proxies) {
    if (test(px.name)) {
      out.push(px);
      matches += px.servers.length + (px.frontend ? 1 : 0) + (px.backend ? 1 : 0);
      continue;
    }
    const hit = (r: StatRow) => test(r.svname) || test(`${r.pxname}/${r.svname}`);
    const frontend = px.frontend && hit(px.frontend) ? px.frontend : undefined;
    const backend = px.backend && hit(px.backend) ? px.backend : undefined;
    const servers = px.servers.filter(hit);
    const n = servers.length + (frontend ? 1 : 0) + (backend ? 1 : 0);
    if (n === 0) continue;
    matches += n;
    out.push({ iid: px.iid, name: px.name, frontend, backend, servers });
  }
  return { proxies: out, matches };
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Compares two field values: numbers numerically, text alphabetically, empty values last. */
export function compareValues(a: string | undefined, b: string | undefined): number {
  const x = a ?? "";
  const y = b ?? "";
  if (x === "" || y === "") return x === y ? 0 : x === "" ? 1 : -1;
  const nx = NUMBER.test(x);
  const ny = NUMBER.test(y);
  if (nx && ny) return Number(x) - Number(y);
  if (nx !== ny) return nx ? -1 : 1;
  return x.localeCompare(y);
}

/**
 * Items sorted by the value of `order.field` that `value` reads (stable; ties keep their order; empty values
 * last either way).
 */
export function sortBy<T>(
  items: readonly T[],
  value: (item: T) => string | undefined,
  order: SortOrder,
): T[] {
  const sign = order.reverse ? -1 : 1;
  const compare = (a: T, b: T) => {
    const x = value(a) ?? "";
    const y = value(b) ?? "";
    return x === "" || y === "" ? compareValues(x, y) : sign * compareValues(x, y);
  };
  return [...items].sort(compare);
}

/** Servers sorted within each proxy (see {@linkcode sortBy}); FRONTEND and BACKEND keep their places. */
export function sortProxies(proxies: readonly ProxyGroup[], order: SortOrder): ProxyGroup[] {
  const value = (row: StatRow) => row.get(order.field);
  return proxies.map((px) => ({ ...px, servers: sortBy(px.servers, value, order) }));
}
