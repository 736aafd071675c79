/**
 * The detail view of one service: every field HAProxy reports for it, by name, in groups an operator reads
 * top-down (identity, health, state changes, sessions, rates, bytes, HTTP, timings, errors, then the rest).
 *
 * @module
 */
import type { StatRow } from "../../stats/types.ts";
import { humanBinary, humanSeconds } from "../../stats/format.ts";
import {
  AGENT_FIELDS,
  BYTE_FIELDS,
  CHECK_FIELDS,
  SECONDS_FIELDS,
  TIMING_FIELDS,
} from "../../stats/fields.ts";

/** Field groups, in display order; fields a version does not print are left out. */
export const DETAIL_GROUPS: readonly { readonly title: string; readonly fields: readonly string[] }[] = [
  {
    title: "Identity and address",
    fields: [
      "pxname",
      "svname",
      "iid",
      "sid",
      "type",
      "addr",
      "cookie",
      "mode",
      "algo",
      "tracked",
      "srid",
      "pid",
    ],
  },
  {
    title: "Health",
    fields: [
      "status",
      ...CHECK_FIELDS,
      "chkfail",
      "chkdown",
      "hanafail",
      ...AGENT_FIELDS,
      "agg_server_status",
      "agg_check_status",
      "agg_server_check_status",
    ],
  },
  { title: "State changes", fields: SECONDS_FIELDS },
  {
    title: "Sessions and limits",
    fields: [
      "scur",
      "smax",
      "slim",
      "stot",
      "qcur",
      "qmax",
      "qlimit",
      "weight",
      "uweight",
      "act",
      "bck",
      "throttle",
      "lbtot",
      "connect",
      "reuse",
      "srv_icur",
      "src_ilim",
      "idle_conn_cur",
      "safe_conn_cur",
      "used_conn_cur",
      "need_conn_est",
      "priv_idle_cur",
    ],
  },
  {
    title: "Rates",
    fields: ["rate", "rate_lim", "rate_max", "req_rate", "req_rate_max", "conn_rate", "conn_rate_max"],
  },
  {
    title: "Bytes",
    fields: [...BYTE_FIELDS, "comp_rsp"],
  },
  {
    title: "HTTP",
    fields: [
      "req_tot",
      "conn_tot",
      "hrsp_1xx",
      "hrsp_2xx",
      "hrsp_3xx",
      "hrsp_4xx",
      "hrsp_5xx",
      "hrsp_other",
      "intercepted",
      "cache_lookups",
      "cache_hits",
      "cache_hint_hits",
    ],
  },
  {
    title: "Timings (ms, averages of the last 1024 requests; max since start)",
    fields: TIMING_FIELDS,
  },
  {
    title: "Errors and denials",
    fields: [
      "ereq",
      "econ",
      "eresp",
      "eint",
      "wretr",
      "wredis",
      "cli_abrt",
      "srv_abrt",
      "wrew",
      "dreq",
      "dresp",
      "dcon",
      "dses",
    ],
  },
];

const BYTES: ReadonlySet<string> = new Set(BYTE_FIELDS);
const SECONDS: ReadonlySet<string> = new Set(SECONDS_FIELDS);

function shown(field: string, value: string): string {
  if (!/^\d+$/.test(value)) return value;
  if (BYTES.has(field)) return `${value} (${humanBinary(Number(value))})`;
  if (SECONDS.has(field)) return `${value} (${humanSeconds(Number(value), 99)})`;
  return value;
}

/** The detail lines of a row: group titles, then `name  value` lines; empty fields are left out. */
export function detailLines(row: StatRow): string[] {
  const values = new Map(row.entries());
  const used = new Set<string>();
  const out: string[] = [];
  const section = (title: string, fields: readonly string[]) => {
    const lines = fields.filter((f) => (values.get(f) ?? "") !== "").map((f) => {
      used.add(f);
      return `  ${f.padEnd(24)} ${shown(f, values.get(f)!)}`;
    });
    if (lines.length === 0) return;
    if (out.length > 0) out.push("");
    out.push(title, ...lines);
  };
  for (const g of DETAIL_GROUPS) section(g.title, g.fields);
  section("Other fields", [...values.keys()].filter((f) => !used.has(f)));
  return out;
}
