/**
 * `--batch --view NAME` for a view whose rows come from runtime-API commands (certificates, errors, process,
 * resolvers, peers, event rings, sessions, tables...): each instance's rows once, as an aligned text table
 * of the view's columns (every value whole) or as JSON, through src/app's generic reader (no code per view).
 *
 * @module
 */
import { route } from "../haproxy/master.ts";
import { describeAddress } from "../haproxy/address.ts";
import { fetchSnapshot } from "../stats/read_snapshot.ts";
import { parseCliLevel } from "../runtime/mod.ts";
import { readViewRows, type ViewDef, viewName, type ViewRows, VIEWS } from "../app/mod.ts";
import { jsonValue } from "./batch.ts";
import { type Connected, EXIT, type Io } from "./connect.ts";

/** One instance's rows, with its name and address. */
export interface NamedRows {
  readonly name: string;
  readonly address: string;
  readonly rows: ViewRows;
}

/** One table: the view's columns that have a value, widths that fit the longest value. */
export function rowsText(rows: ViewRows): string {
  if (rows.rows.length === 0) return `${rows.unsupported ?? rows.empty ?? "no rows"}\n`;
  const columns = rows.columns;
  const cell = (r: Readonly<Record<string, string>>, field: string) => r[field] ?? "-";
  const widths = columns.map((c) =>
    Math.max(c.header.length, ...rows.rows.map((r) => cell(r, c.field).length))
  );
  const pad = (text: string, i: number) =>
    columns[i].align === "left" ? text.padEnd(widths[i]) : text.padStart(widths[i]);
  const line = (cells: string[]) => cells.map(pad).join(" ").trimEnd();
  return [
    line(columns.map((c) => c.header)),
    ...rows.rows.map((r) => line(columns.map((c) => cell(r, c.field)))),
  ]
    .join("\n") + "\n";
}

function rowsJson(rows: ViewRows) {
  return {
    rows: rows.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, jsonValue(v)]))),
    ...(rows.unsupported ? { unsupported: rows.unsupported } : {}),
  };
}

/**
 * The view's rows of every instance: `{view, rows}` (and `unsupported`: why there are none) for one instance,
 * `{view, instances: [{instance, address, rows}]}` for several.
 */
export function viewBatchJson(view: string, all: readonly NamedRows[]): string {
  const body = all.length === 1
    ? rowsJson(all[0].rows)
    : { instances: all.map((i) => ({ instance: i.name, address: i.address, ...rowsJson(i.rows) })) };
  return JSON.stringify({ view, ...body }, null, 2) + "\n";
}

/** The rows as text: the table alone for one instance, one under `=== name (address) ===` per instance else. */
export function viewBatchText(all: readonly NamedRows[]): string {
  if (all.length === 1) return rowsText(all[0].rows);
  return all.map((i) => `=== ${i.name} (${i.address}) ===\n${rowsText(i.rows)}`).join("\n");
}

/** Reads the view's rows on every instance (a master CLI: its current worker). */
export async function readAll(view: ViewDef, instances: readonly Connected[]): Promise<NamedRows[]> {
  return await Promise.all(instances.map(async (i) => {
    const { sender } = await route(i.client);
    const snapshot = await fetchSnapshot(sender, []);
    const level = parseCliLevel(await sender.send("show cli level"));
    const node = snapshot.info.get("node");
    const address = describeAddress(i.address);
    const rows = await readViewRows(VIEWS, view, { sender, snapshot, level }, Date.now());
    return { name: instances.length > 1 && node ? node : address, address, rows };
  }));
}

/** Prints the view's rows; 1 when some instance could not show them (its reason is printed), else 0. */
export async function runViewBatch(
  view: ViewDef,
  format: "text" | "json",
  instances: readonly Connected[],
  io: Io,
): Promise<number> {
  const all = await readAll(view, instances);
  io.out(format === "json" ? viewBatchJson(viewName(view), all) : viewBatchText(all));
  const refused = all.filter((i) => i.rows.unsupported);
  for (const i of refused) io.err(`${viewName(view)} on ${i.address}: ${i.rows.unsupported}\n`);
  return refused.length > 0 ? EXIT.failure : EXIT.ok;
}
