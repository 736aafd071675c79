/**
 * Several HAProxy instances in one view: each proxy once, with per service an aggregate row (counters summed,
 * status as counts such as `UP 3/4`) followed by one row per instance; or, grouped by instance, each
 * instance's proxies one after another.
 *
 * @module
 */
import { classifyStatus, isHealthy, type StatusClass } from "./status.ts";
import { AGENT_FIELDS, CHECK_FIELDS, TIMING_FIELDS } from "./fields.ts";
import { type ProxyGroup, ROW_TYPE, type Snapshot, type StatRow } from "./types.ts";

/** One instance's latest snapshot. */
export interface InstanceSnapshot {
  /** Stable id (the socket address). */
  readonly id: string;
  /** Shown name: `show info`'s node, else the address. */
  readonly name: string;
  readonly snapshot?: Snapshot;
  /** The instance is not answering; its rows are the last ones seen. */
  readonly stale: boolean;
}

export type Grouping = "proxy" | "instance";

/** Fields that are not summed across instances (shown when every instance agrees, else blank). */
const NOT_SUMMED: ReadonlySet<string> = new Set([
  "pxname",
  "svname",
  "iid",
  "sid",
  "type",
  "pid",
  "srid",
  "status",
  "tracked",
  "addr",
  "cookie",
  "mode",
  "algo",
  "weight",
  "uweight",
  "slim",
  "rate_lim",
  "qlimit",
  "throttle",
  "lastchg",
  "lastsess",
  ...CHECK_FIELDS,
  ...AGENT_FIELDS,
  ...TIMING_FIELDS,
]);

/**
 * A row of one instance, its NAME shown as `label`. A stale instance's status is shown as `?` and its last
 * known status (`?UP`): it is what HAProxy said last, not what it says now.
 */
class InstanceRow implements StatRow {
  constructor(
    readonly row: StatRow,
    readonly instance: string,
    readonly label: string,
    readonly stale = false,
  ) {}
  get pxname() {
    return this.row.pxname;
  }
  get svname() {
    return this.row.svname;
  }
  get iid() {
    return this.row.iid;
  }
  get sid() {
    return this.row.sid;
  }
  get type() {
    return this.row.type;
  }
  get(field: string): string | undefined {
    if (field === "svname") return this.label;
    if (field === "status" && this.stale) return `?${this.row.get("status") ?? ""}`;
    return this.row.get(field);
  }
  entries(): [string, string][] {
    return this.row.entries();
  }
}

/** How many instances' rows of a service are healthy, of how many instances that have it. */
export interface Counts {
  readonly healthy: number;
  readonly total: number;
}

/** The worst first: the state an aggregate names when no instance is healthy. */
const WORST: readonly StatusClass[] = [
  "down",
  "maint",
  "drain",
  "nolb",
  "stopped",
  "transitional",
  "unknown",
];

/**
 * One service summed over the instances that answer (`rows`); `stale` instances that have it but do not answer
 * count in the total as not healthy (`UP 2/3` when one of three is unreachable).
 */
export class AggregateRow implements StatRow {
  readonly instance = "*";
  readonly counts: Counts;
  readonly #rows: readonly StatRow[];
  /** The row that names the service (the first answering instance's, else a stale one's). */
  readonly #first: StatRow;
  constructor(rows: readonly StatRow[], stale = 0, identity: StatRow = rows[0]) {
    this.#rows = rows;
    this.#first = rows[0] ?? identity;
    const healthy = rows.filter((r) => isHealthy(r.get("status") ?? "")).length;
    this.counts = { healthy, total: rows.length + stale };
  }

  /** up (nocheck when no instance checks it) when every instance is healthy, down when none is, else transitional. */
  get statusClass(): StatusClass {
    const { healthy, total } = this.counts;
    if (healthy === total) return this.#unchecked() ? "nocheck" : "up";
    return healthy === 0 ? "down" : "transitional";
  }

  /** Every healthy instance says `no check`: the service is up, but nothing checks that it is. */
  #unchecked(): boolean {
    const healthy = this.#rows.filter((r) => isHealthy(r.get("status") ?? ""));
    return healthy.length > 0 && healthy.every((r) => classifyStatus(r.get("status") ?? "") === "nocheck");
  }
  get pxname() {
    return this.#first.pxname;
  }
  get svname() {
    return this.#first.svname;
  }
  get iid() {
    return this.#first.iid;
  }
  get sid() {
    return this.#first.sid;
  }
  get type() {
    return this.#first.type;
  }
  get(field: string): string | undefined {
    if (field === "status") return this.#status();
    if (field === "svname") return this.svname;
    const values = this.#rows.map((r) => r.get(field));
    if (values.every((v) => v === undefined)) return undefined;
    if (!NOT_SUMMED.has(field) && values.every((v) => v === "" || v === undefined || /^-?\d+$/.test(v))) {
      if (values.every((v) => v === "" || v === undefined)) return "";
      return String(values.reduce((sum, v) => sum + (v ? Number(v) : 0), 0));
    }
    return values.every((v) => v === values[0]) ? values[0] : "";
  }
  entries(): [string, string][] {
    const names = this.#first.entries().map(([k]) => k);
    return names.map((k) => [k, this.get(k) ?? ""]);
  }
  #status(): string {
    const { healthy, total } = this.counts;
    if (healthy > 0 || this.#rows.length === 0) {
      const word = this.#rows.length === 0
        ? "?"
        : this.type === ROW_TYPE.frontend
        ? "OPEN"
        : this.#unchecked()
        ? "no check"
        : "UP";
      return `${word} ${healthy}/${total}`;
    }
    const statuses = this.#rows.map((r) => r.get("status") ?? "");
    const rank = (st: string) => {
      const i = WORST.indexOf(classifyStatus(st));
      return i < 0 ? WORST.length : i;
    };
    const worst = statuses.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    return `${worst.split(" ")[0] || "?"} ${healthy}/${total}`;
  }
}

function rowsOf(px: ProxyGroup): StatRow[] {
  return [...(px.frontend ? [px.frontend] : []), ...px.servers, ...(px.backend ? [px.backend] : [])];
}

function serviceKey(row: StatRow): string {
  return `${row.type}|${row.svname}`;
}

/** Merges instance snapshots into one snapshot for the view. */
export function mergeSnapshots(instances: readonly InstanceSnapshot[], grouping: Grouping): Snapshot {
  const live = instances.filter((i) => i.snapshot);
  const info = live.find((i) => !i.stale)?.snapshot?.info ?? live[0]?.snapshot?.info ?? new Map();
  const warnings = live.flatMap((i) => i.snapshot!.warnings.map((w) => `${i.name}: ${w}`));
  if (grouping === "instance") {
    const proxies: ProxyGroup[] = [];
    for (const inst of live) {
      for (const px of inst.snapshot!.proxies) {
        const wrap = (r: StatRow) => new InstanceRow(r, inst.id, r.svname, inst.stale);
        proxies.push({
          iid: px.iid,
          name: `${inst.name}${inst.stale ? " (stale)" : ""}: ${px.name}`,
          frontend: px.frontend && wrap(px.frontend),
          backend: px.backend && wrap(px.backend),
          servers: px.servers.map(wrap),
        });
      }
    }
    return { info, proxies, services: proxies.reduce((n, p) => n + rowsOf(p).length, 0), warnings };
  }
  // By proxy: each proxy once (in order of first appearance), each service once with its instances.
  const order: string[] = [];
  const services = new Map<string, Map<string, { inst: InstanceSnapshot; row: StatRow }[]>>();
  const iids = new Map<string, number>();
  for (const inst of live) {
    for (const px of inst.snapshot!.proxies) {
      if (!services.has(px.name)) {
        order.push(px.name);
        services.set(px.name, new Map());
        iids.set(px.name, px.iid);
      }
      const byService = services.get(px.name)!;
      for (const row of rowsOf(px)) {
        const key = serviceKey(row);
        if (!byService.has(key)) byService.set(key, []);
        byService.get(key)!.push({ inst, row });
      }
    }
  }
  const proxies: ProxyGroup[] = [];
  let count = 0;
  for (const name of order) {
    const groups = [...services.get(name)!.values()];
    const typed = (t: number) => groups.filter((g) => g[0].row.type === t);
    const rowsFor = (entries: { inst: InstanceSnapshot; row: StatRow }[]): StatRow[] => {
      const fresh = entries.filter((e) => !e.inst.stale).map((e) => e.row);
      const own = entries.map((e) => new InstanceRow(e.row, e.inst.id, `  ${e.inst.name}`, e.inst.stale));
      return [new AggregateRow(fresh, entries.length - fresh.length, entries[0].row), ...own];
    };
    // FRONTEND first, then servers and listeners, then BACKEND; each aggregate row followed by its
    // instances. Only the first aggregate FRONTEND is the group's frontend; everything else is a row in
    // order, so each instance row stays right under its aggregate.
    const ordered = [
      ...typed(ROW_TYPE.frontend),
      ...groups.filter((g) => g[0].row.type !== ROW_TYPE.frontend && g[0].row.type !== ROW_TYPE.backend),
      ...typed(ROW_TYPE.backend),
    ].map(rowsFor);
    const flat = ordered.flat();
    count += flat.length;
    const hasFrontend = typed(ROW_TYPE.frontend).length > 0;
    proxies.push({
      iid: iids.get(name)!,
      name,
      frontend: hasFrontend ? flat[0] : undefined,
      servers: hasFrontend ? flat.slice(1) : flat,
    });
  }
  return { info, proxies, services: count, warnings };
}
