/**
 * The parsed snapshot of one HAProxy: `show info` and `show stat`, grouped as the monitor shows them.
 *
 * Data flows one way: socket (src/haproxy) -> these types (src/stats) -> state (src/app) -> screen (src/tui).
 *
 * @module
 */

/** CSV `type` column: what a `show stat` row describes. */
export const ROW_TYPE = { frontend: 0, backend: 1, server: 2, listener: 3 } as const;
export type RowType = (typeof ROW_TYPE)[keyof typeof ROW_TYPE];

/**
 * One `show stat` row. Values are looked up by the header's field names, never by position; a field the
 * HAProxy version does not print is `undefined`, an empty field is `""`.
 */
export interface StatRow {
  readonly pxname: string;
  readonly svname: string;
  /** Numeric proxy id (`iid`); NaN when HAProxy sent garbage. */
  readonly iid: number;
  /** Numeric server/listener id (`sid`), 0 for FRONTEND/BACKEND; NaN when garbage. */
  readonly sid: number;
  /** CSV `type` column (0 FE, 1 BE, 2 server, 3 listener); NaN when garbage or missing. */
  readonly type: number;
  /** The raw value of a field by name, as HAProxy printed it (CSV-unquoted). */
  get(field: string): string | undefined;
  /** All fields by name, in header order (module counters included, the `-` marker excluded). */
  entries(): [string, string][];
  /**
   * With several sockets: the id of the HAProxy instance the row comes from, or `*` for a row aggregating
   * every instance. Undefined with one socket.
   */
  readonly instance?: string;
}

/** `show info` as `Key: value` pairs, keys exactly as printed (spaces and misspellings kept). */
export type Info = ReadonlyMap<string, string>;

/** One proxy as the monitor groups it: FRONTEND, then servers and listeners by sid, then BACKEND. */
export interface ProxyGroup {
  readonly iid: number;
  readonly name: string;
  readonly frontend?: StatRow;
  /** Servers (type 2) and listeners (type 3), ascending sid. */
  readonly servers: readonly StatRow[];
  readonly backend?: StatRow;
}

/** One complete refresh. */
export interface Snapshot {
  readonly info: Info;
  /** Proxies in order of first appearance in `show stat`. */
  readonly proxies: readonly ProxyGroup[];
  /** Number of rows (frontends + backends + servers + listeners). */
  readonly services: number;
  /** Non-fatal problems met while parsing (e.g. a row with a garbage iid), shown to the user. */
  readonly warnings: readonly string[];
}
