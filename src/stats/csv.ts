/**
 * Parsing of the `show stat` CSV reply, by the header's field names, never by position.
 *
 * The reply starts with `# pxname,svname,…,` (a leading `# `, a trailing comma; from HAProxy 2.3 a `-`
 * marker column followed by build-dependent module counters). Data lines end with a trailing comma too, and
 * values are quoted with `"` only when they hold a comma or a quote. Three layers do the work: scan.ts reads
 * values and numbers out of the text without splitting records, records.ts turns lines into records (and
 * unquotes the quoted ones), rows.ts builds the typed rows (stat_row.ts); this module runs them over a reply,
 * in slices.
 *
 * @example
 * ```ts
 * import { parseStat } from "./csv.ts";
 * const table = parseStat("# pxname,svname,status,iid,sid,type,\nweb,web1,UP,3,1,2,\n");
 * table.rows[0].get("status"); // "UP"
 * table.rows[0].sid; // 1
 * ```
 *
 * @module
 */
import type { StatRow } from "./types.ts";
import {
  excerpt,
  Lines,
  loadQuoting,
  parseHeader,
  quotingTried,
  RecordBatch,
  splitQuoted,
  Warnings,
} from "./records.ts";
import { rowBuilder } from "./rows.ts";

export { loadQuoting, MAX_WARNINGS } from "./records.ts";
export { readNumbers } from "./stat_row.ts";

/** One parsed `show stat` reply. */
export interface StatTable {
  /** Field names in column order, trimmed, as printed (the `-` marker included, the trailing empty name not). */
  header: readonly string[];
  /** The data rows in reply order. */
  rows: StatRow[];
  /** Non-fatal problems, one line each (e.g. a garbage `iid`), at most MAX_WARNINGS plus a summary. */
  warnings: string[];
}

/** The warning of a `show stat` reply with a header and no row. */
export const NO_ROWS = "show stat: no data rows";

/** What {@linkcode parseSteps} yields when it meets a quoted record before csv-parse is loaded. */
const NEEDS_QUOTING = Symbol("needs csv-parse");

/**
 * The parser as a generator: it yields after every batch of records so that a caller can hand the event loop
 * a turn ({@linkcode parseStatAsync}), yields {@linkcode NEEDS_QUOTING} before the first quoted record when
 * csv-parse is not loaded yet (and goes on once it is), and returns the table. The quoted records of a batch
 * are unquoted together, in one csv-parse call, then rows are added in reply order.
 */
function* parseSteps(input: string): Generator<void | typeof NEEDS_QUOTING, StatTable> {
  const warnings = new Warnings();
  const lines = new Lines(String(input ?? ""));
  let first: string | undefined;
  while ((first = lines.nextLine()) !== undefined && first.trim() === "");
  if (first === undefined) {
    warnings.add("show stat: empty reply");
    return { header: [], rows: [], warnings: warnings.done() };
  }
  first = first.trim();
  if (!first.startsWith("#")) {
    warnings.add(`show stat: reply has no CSV header: "${excerpt(first)}"`);
    return { header: [], rows: [], warnings: warnings.done() };
  }
  const header = parseHeader(first);
  const rows = rowBuilder(lines.text, header, warnings);
  const batch = new RecordBatch();
  for (;;) {
    lines.readRecords(batch, warnings);
    if (batch.count === 0) break;
    if (batch.quoted.length > 0 && !quotingTried()) yield NEEDS_QUOTING;
    const unquoted = splitQuoted(batch.quoted, warnings);
    let q = 0;
    for (let i = 0; i < batch.count; i++) {
      if (batch.starts[i] >= 0) {
        rows.addUnquoted(batch.starts[i], batch.ends[i], batch.lineNos[i]);
      } else {
        const { lineNo, text } = batch.quoted[q++];
        rows.addQuoted(text, lineNo, unquoted.get(lineNo) ?? text.split(","));
      }
    }
    yield;
  }
  if (rows.rows.length === 0) warnings.add(NO_ROWS);
  return { header, rows: rows.rows, warnings: warnings.done() };
}

/**
 * Parses the `show stat` CSV reply by the header's field names.
 *
 * Tolerates what HAProxy versions and broken replies throw at it: a row with fewer values than the header
 * (missing fields read `undefined`) or more (the extra values have no name), garbage in numeric fields (kept
 * as text), garbage `iid`/`sid`/`type` (NaN, with a warning), no header at all (for example an
 * `Unknown command` or `Permission denied` reply) and empty text (no rows, a warning). Never throws.
 *
 * Quoted records are unquoted once csv-parse is loaded, which {@linkcode parseStatAsync} does (or
 * {@linkcode loadQuoting} before); until then, they are read as they stand, with a warning.
 *
 * @param text The raw reply of one `show stat` command.
 * @returns The header, the rows and the warnings.
 */
export function parseStat(text: string): StatTable {
  const steps = parseSteps(text);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * {@linkcode parseStat} that loads csv-parse when the first quoted record appears, optionally in slices:
 * after each slice of about `sliceMs` milliseconds it awaits `pause()` (for example a zero-delay timer), so
 * that keys are handled while a large reply (50,000 rows) is parsed.
 *
 * @param text The raw reply of one `show stat` command.
 * @param pause Called between slices; the parse goes on when it resolves. Without it, one slice.
 * @param sliceMs Work done between two pauses, in milliseconds; default 8.
 * @returns The same table as {@linkcode parseStat} once csv-parse is loaded.
 */
export async function parseStatAsync(
  text: string,
  pause?: () => Promise<void>,
  sliceMs = 8,
): Promise<StatTable> {
  const steps = parseSteps(text);
  let since = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (next.value === NEEDS_QUOTING) await loadQuoting();
    else if (pause && performance.now() - since >= sliceMs) {
      await pause();
      since = performance.now();
    }
  }
}
