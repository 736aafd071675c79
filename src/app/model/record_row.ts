/**
 * Rows and columns for the views over runtime-API replies (certificates, errors, process, resolvers, peers,
 * event rings): a row is a record of cells by field, and a column a left or right aligned cell of it. Kept
 * in one place so that every such view builds them alike.
 *
 * @module
 */
import type { CellFormat, Column } from "../../stats/columns.ts";
import type { RowDetail, TableRow } from "./table.ts";

/** A row of a runtime view: its cells by field, and the parsed value it was made from. */
export interface RecordRow<T = unknown> extends TableRow {
  readonly cells: Readonly<Record<string, string>>;
  readonly value: T;
}

/** A row of cells (undefined and empty cells are left out; numbers become their decimal text). */
export function recordRow<T>(
  value: T,
  cells: Record<string, string | number | boolean | undefined>,
): RecordRow<T> {
  const text: Record<string, string> = {};
  for (const [k, v] of Object.entries(cells)) if (v !== undefined && v !== "") text[k] = String(v);
  return { value, cells: text, get: (field) => text[field] };
}

/** A text column, left aligned. */
export function textColumn(header: string, field: string, min: number, max?: number, help = header): Column {
  return { header, field, min, ...(max === undefined ? {} : { max }), align: "left", format: "text", help };
}

/** A number column, right aligned (`format`: as the stat columns format it, e.g. "binary" for bytes). */
export function numberColumn(
  header: string,
  field: string,
  min: number,
  help = header,
  format: CellFormat = "text",
): Column {
  return { header, field, min, max: Math.max(min, 12), align: "right", format, help };
}

/** A detail of `name value` lines, names padded to one width. */
export function fieldsDetail(
  title: string,
  fields: readonly (readonly [string, string])[],
  more: readonly string[] = [],
): RowDetail {
  const width = Math.min(28, Math.max(0, ...fields.map(([k]) => k.length)));
  return { title, lines: [...fields.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), ...more] };
}
