/**
 * Test helpers for src/stats: fixture paths and synthetic `show stat` text.
 *
 * @module
 */
import { parseStat } from "../../src/stats/csv.ts";
import type { StatRow } from "../../src/stats/types.ts";

/** Directory of the shared fixtures (override with HATOP_FIXTURES). */
export const FIXTURES = Deno.env.get("HATOP_FIXTURES") ?? "/work/shared/fixtures";

/** Reads a fixture file by its path under {@linkcode FIXTURES}. */
export function fixture(path: string): string {
  return Deno.readTextFileSync(`${FIXTURES}/${path}`);
}

/**
 * The versions `v` of the files `haproxy-fields/<kind>-<v>.txt` (e.g. `stat-header`), sorted. Throws when
 * there is none, so a loop of tests over them can never register nothing and pass.
 */
export function fieldVersions(kind: string): string[] {
  const pattern = new RegExp(`^${kind}-(.+)\\.txt$`);
  const versions = [...Deno.readDirSync(`${FIXTURES}/haproxy-fields`)]
    .map((entry) => pattern.exec(entry.name)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort();
  if (versions.length === 0) throw new Error(`no haproxy-fields/${kind}-*.txt under ${FIXTURES}`);
  return versions;
}

/** Reads a `<index> <name>` field list (haproxy-fields/*.txt) as names in index order. */
export function fieldList(path: string): string[] {
  const names: string[] = [];
  for (const line of fixture(path).split("\n")) {
    const m = /^(\d+) (.+)$/.exec(line.trimEnd());
    if (m) names[Number(m[1])] = m[2];
  }
  return names;
}

/** CSV-quotes a value as HAProxy does: only when it holds a comma or a quote. */
export function csvValue(value: string): string {
  return /[",]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A `show stat` reply with HAProxy's framing: `# ` header, trailing commas, final blank line. */
export function statText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`# ${header.join(",")},`, ...rows.map((r) => `${r.map(csvValue).join(",")},`)];
  return lines.join("\n") + "\n\n";
}

/** A parsed `show stat` reply with the columns pxname, svname, status, iid, sid, type and these rows. */
export function shortTable(...rows: string[][]): ReturnType<typeof parseStat> {
  return parseStat(statText(["pxname", "svname", "status", "iid", "sid", "type"], rows));
}

/** The svnames of rows, in order. */
export function svnames(rows: readonly { svname: string }[]): string[] {
  return rows.map((r) => r.svname);
}

/** One row with the given fields (every other field empty), parsed. */
export function rowOf(fields: Record<string, string | number>): StatRow {
  const base: Record<string, string> = { pxname: "px", svname: "sv", iid: "1", sid: "1", type: "2" };
  const all = { ...base, ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])) };
  const header = Object.keys(all);
  const table = parseStat(statText(header, [header.map((name) => all[name])]));
  if (table.rows.length !== 1) throw new Error(`rowOf: ${table.warnings.join("; ")}`);
  return table.rows[0];
}
