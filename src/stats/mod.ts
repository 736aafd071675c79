/**
 * Stats: `show info` and `show stat` read into snapshots, and what a table of them looks like. The CSV reply
 * is read in three layers (scan.ts bytes, records.ts records and quoting, rows.ts, shape.ts and stat_row.ts
 * typed rows) by csv.ts; snapshot.ts groups rows by proxy, fleet.ts merges several instances,
 * read_snapshot.ts is one refresh over a socket; header_block.ts the header block the monitor draws and
 * --batch prints; columns.ts, layout.ts and format.ts are the columns and cells; ranges.ts where values are,
 * to compare rows without strings; filters.ts, fields.ts, status.ts and info.ts the rest. It imports nothing
 * of the program but src/haproxy/version.ts (and deps.ts for csv-parse, loaded when first needed).
 *
 * @module
 */
export {};
