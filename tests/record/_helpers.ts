/**
 * Snapshots for the recording tests, built from a few rows through the real parser, and a way to compare
 * two snapshots by everything a view reads (info, grouping, every field of every row, warnings).
 *
 * @module
 */
import { parseInfo } from "../../src/stats/info.ts";
import { loadQuoting, parseStat } from "../../src/stats/csv.ts";
import { buildSnapshot } from "../../src/stats/snapshot.ts";
import type { Snapshot } from "../../src/stats/types.ts";
import { snapshotRows } from "../../src/record/format.ts";

// As the monitor does (parseStatAsync), so that quoted values are unquoted.
await loadQuoting();

/** The fields of the test rows, in header order. */
const FIELDS = [
  "pxname",
  "svname",
  "scur",
  "stot",
  "status",
  "weight",
  "act",
  "bck",
  "lastchg",
  "downtime",
  "iid",
  "sid",
  "type",
  "check_status",
  "check_code",
  "lastsess",
  "check_desc",
] as const;

/** A test row: names, ids and the fields that matter, the rest defaulted. */
export interface Row {
  readonly px: string;
  readonly sv: string;
  readonly iid: number;
  readonly sid: number;
  /** 0 frontend, 1 backend, 2 server. */
  readonly type: number;
  readonly status?: string;
  readonly weight?: number | "";
  readonly act?: number | "";
  readonly bck?: number | "";
  readonly lastchg?: number | "";
  readonly downtime?: number | "";
  readonly check?: string;
  readonly code?: string;
  readonly stot?: number;
  readonly lastsess?: number | "";
  readonly desc?: string;
}

function csvValue(v: string): string {
  return /[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** The `show stat` text of rows. */
export function statText(rows: readonly Row[]): string {
  const lines = [`# ${FIELDS.join(",")},`];
  for (const r of rows) {
    const server = r.type === 2;
    const values: Record<(typeof FIELDS)[number], string | number> = {
      pxname: r.px,
      svname: r.sv,
      scur: 0,
      stot: r.stot ?? 0,
      status: r.status ?? (r.type === 0 ? "OPEN" : "UP"),
      weight: r.weight ?? (r.type === 0 ? "" : 1),
      act: r.act ?? (r.type === 0 ? "" : 1),
      bck: r.bck ?? (r.type === 0 ? "" : 0),
      lastchg: r.lastchg ?? (r.type === 0 ? "" : 100),
      downtime: r.downtime ?? (r.type === 0 ? "" : 0),
      iid: r.iid,
      sid: r.sid,
      type: r.type,
      check_status: r.check ?? (server ? "L7OK" : ""),
      check_code: r.code ?? (server ? "200" : ""),
      lastsess: r.lastsess ?? (r.type === 0 ? "" : -1),
      check_desc: r.desc ?? "",
    };
    lines.push(`${FIELDS.map((f) => csvValue(String(values[f]))).join(",")},`);
  }
  return lines.join("\n") + "\n";
}

/** `show info` of the test snapshots. */
export function infoText(info: { pid?: number; uptime?: number; node?: string } = {}): string {
  const up = info.uptime ?? 100;
  const clock = `0d ${Math.floor(up / 3600)}h${String(Math.floor((up % 3600) / 60)).padStart(2, "0")}m${
    String(up % 60).padStart(2, "0")
  }s`;
  return `Name: HAProxy\nVersion: 2.6.12\nPid: ${info.pid ?? 100}\nUptime: ${clock}\nUptime_sec: ${up}\n` +
    `node: ${info.node ?? "lb1"}\n`;
}

/** A snapshot of rows, with Pid, uptime and node. */
export function snapshotOf(
  rows: readonly Row[],
  info: { pid?: number; uptime?: number; node?: string } = {},
) {
  return buildSnapshot(parseInfo(infoText(info)), [parseStat(statText(rows))]);
}

/** A small lab: frontend, backend `web` with servers w1, w2, w3; `change` overrides fields by server name. */
export function webSnapshot(
  change: Partial<Record<string, Partial<Row>>> = {},
  info: { pid?: number; uptime?: number; node?: string } = {},
): Snapshot {
  const rows: Row[] = [
    { px: "fe", sv: "FRONTEND", iid: 2, sid: 0, type: 0 },
    { px: "web", sv: "w1", iid: 3, sid: 1, type: 2 },
    { px: "web", sv: "w2", iid: 3, sid: 2, type: 2 },
    { px: "web", sv: "w3", iid: 3, sid: 3, type: 2 },
    { px: "web", sv: "BACKEND", iid: 3, sid: 0, type: 1, act: 3 },
  ];
  return snapshotOf(rows.map((r) => ({ ...r, ...change[r.sv] })), info);
}

/** Everything a view reads of a snapshot, as plain data for assertEquals. */
export function snapshotData(s: Snapshot) {
  return {
    info: [...s.info],
    proxies: s.proxies.map((p) => ({
      iid: p.iid,
      name: p.name,
      frontend: p.frontend?.svname,
      servers: p.servers.map((r) => r.svname),
      backend: p.backend?.svname,
    })),
    rows: snapshotRows(s).map((r) => ({
      ids: [r.pxname, r.svname, r.iid, r.sid, r.type],
      entries: r.entries(),
    })),
    services: s.services,
    warnings: s.warnings,
  };
}

/** A fresh temporary directory for a test's files; removed by the returned dispose. */
export function tempDir(): { dir: string } & Disposable {
  const dir = Deno.makeTempDirSync({ prefix: "hatop-record-test-" });
  return { dir, [Symbol.dispose]: () => Deno.removeSync(dir, { recursive: true }) };
}

/** The refreshes of a small recording: web snapshots one second apart, w1 going DOWN at the third. */
export function webSteps(count: number, t0: number): { time: number; snapshot: Snapshot }[] {
  return Array.from({ length: count }, (_, k) => {
    const clock = { lastchg: 100 + k };
    const w1 = k >= 2 ? { lastchg: k - 2, status: "DOWN", check: "L4CON", code: "" } : clock;
    return {
      time: t0 + k * 1000,
      snapshot: webSnapshot({ w1, w2: clock, w3: clock, BACKEND: { ...clock, act: k >= 2 ? 2 : 3 } }, {
        uptime: 100 + k,
      }),
    };
  });
}
