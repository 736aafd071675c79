/**
 * `--batch`: one snapshot as plain text (the monitor's header block unless --no-header, then every row, names
 * never cut, no escape codes), or as JSON.
 *
 * @module
 */
import { STAT_MODES } from "../stats/columns.ts";
import { cellValue } from "../stats/layout.ts";
import type { Snapshot, StatRow } from "../stats/types.ts";
import { headerBlock, headerText } from "../stats/header_block.ts";

/** The rows of a proxy in display order. */
function proxyRows(px: Snapshot["proxies"][number]): StatRow[] {
  return [...(px.frontend ? [px.frontend] : []), ...px.servers, ...(px.backend ? [px.backend] : [])];
}

/** One instance's snapshot with its name (node, else address) and address. */
export interface NamedSnapshot {
  readonly name: string;
  readonly address: string;
  readonly snapshot: Snapshot;
}

/**
 * Mode 1-4 as plain text: with `header`, the monitor's header block first (as top -b prints its own), then
 * the table. With several instances, each one's block and table under an `=== name (address) ===` line.
 */
export function batchText(instances: readonly NamedSnapshot[], mode: 1 | 2 | 3 | 4, header: boolean): string {
  const text = (i: NamedSnapshot) => (header ? snapshotHeader(i) : "") + tableText(i.snapshot, mode);
  if (instances.length === 1) return text(instances[0]);
  return instances.map((i) => `=== ${i.name} (${i.address}) ===\n${text(i)}`).join("\n");
}

/** One instance's header block (src/stats/header_block.ts, as the monitor shows it) and an empty line. */
export function snapshotHeader(i: NamedSnapshot): string {
  const { snapshot } = i;
  const block = headerBlock({
    info: snapshot.info,
    connecting: i.address,
    instances: 1,
    proxies: snapshot.proxies.length,
    services: snapshot.services,
  });
  return headerText(block).join("\n") + "\n\n";
}

/** One snapshot as a table: `>>> proxy` lines, then rows; column widths fit the longest value. */
export function tableText(snapshot: Snapshot, mode: 1 | 2 | 3 | 4): string {
  const columns = STAT_MODES[mode - 1].columns.filter((c) => !c.optional);
  const all = snapshot.proxies.flatMap(proxyRows);
  const widths = columns.map((c) => Math.max(c.header.length, ...all.map((r) => cellValue(c, r).length)));
  const pad = (text: string, i: number) =>
    columns[i].align === "left" ? text.padEnd(widths[i]) : text.padStart(widths[i]);
  const line = (cells: string[]) => cells.map(pad).join(" ").trimEnd();
  const out = [line(columns.map((c) => c.header))];
  for (const px of snapshot.proxies) {
    const rows = proxyRows(px);
    if (rows.length === 0) continue;
    out.push("", `>>> ${px.name}`);
    for (const row of rows) out.push(line(columns.map((c) => cellValue(c, row))));
  }
  return out.join("\n") + "\n";
}

/** A CSV value for JSON: integers as numbers, empty as null, anything else as the text HAProxy sent. */
export function jsonValue(text: string): string | number | null {
  if (text === "") return null;
  if (/^-?\d{1,15}$/.test(text)) return Number(text);
  return text;
}

function snapshotJson(snapshot: Snapshot) {
  const info = Object.fromEntries(snapshot.info);
  const stats = snapshot.proxies.flatMap(proxyRows).map((row) =>
    Object.fromEntries(row.entries().map(([k, v]) => [k, jsonValue(v)]))
  );
  return { info, stats, warnings: snapshot.warnings };
}

/**
 * `show info` and every `show stat` row with all fields by name: `{info, stats, warnings}` for one instance;
 * `{instances: [{instance, address, info, stats, warnings}]}` for several.
 */
export function batchObject(instances: readonly NamedSnapshot[]): Record<string, unknown> {
  return instances.length === 1 ? snapshotJson(instances[0].snapshot) : {
    instances: instances.map((i) => ({
      instance: i.name,
      address: i.address,
      ...snapshotJson(i.snapshot),
    })),
  };
}

/** {@linkcode batchObject} as indented JSON text. */
export function batchJson(instances: readonly NamedSnapshot[]): string {
  return JSON.stringify(batchObject(instances), null, 2) + "\n";
}

/** How batch output names an instance: its node when several instances are watched, else its address. */
export function instanceName(address: string, snapshot: Snapshot, instances: number): string {
  const node = snapshot.info.get("node");
  return instances > 1 && node ? node : address;
}
