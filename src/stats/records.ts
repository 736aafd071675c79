/**
 * The record layer of `show stat` CSV: the reply's lines as records (blank and `#` lines skipped, a `\r`
 * before the line break dropped), the header's field names, and the quoted records. Values are quoted with
 * `"` only when they hold a comma or a quote, which is rare (a check message with a comma), so csv-parse,
 * which unquotes them, is an npm module loaded when the first one appears ({@linkcode loadQuoting}), not at
 * start. A quoted value may hold a line break: a record whose quotes do not balance takes the next line only
 * when that line balances them; otherwise it is a damaged line, read on its own with a warning (joining
 * lines until the quotes balance would swallow every following row).
 *
 * @module
 */
import { loadCsvParse } from "../../deps.ts";
import { countQuotes } from "./scan.ts";

/** Upper bound on warnings kept per table; the rest are counted in one summary line. */
export const MAX_WARNINGS = 20;

/** Collects warnings up to a cap, then only counts them. */
export class Warnings {
  readonly list: string[] = [];
  #dropped = 0;
  /** Keeps a warning, or counts it once {@linkcode MAX_WARNINGS} are kept. */
  add(message: string): void {
    if (this.list.length < MAX_WARNINGS) this.list.push(message);
    else this.#dropped++;
  }
  /** The warnings kept, and a line counting the others. */
  done(): string[] {
    if (this.#dropped > 0) this.list.push(`show stat: ${this.#dropped} more warnings not shown`);
    return this.list;
  }
}

/** A short, single-line excerpt of untrusted text for a message. */
export function excerpt(text: string, max = 60): string {
  // deno-lint-ignore no-control-regex
  const line = text.replace(/[\x00-\x1f\x7f]/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

/** The field names of a header line (`# pxname,svname,...,`), trimmed, without the trailing comma's. */
export function parseHeader(line: string): string[] {
  const names = line.replace(/^#\s*/, "").split(",").map((name) => name.trim());
  if (names.length > 0 && names[names.length - 1] === "") names.pop();
  return names;
}

/** A record with quotes, as it stands: its line number and text. */
export interface QuotedRecord {
  readonly lineNo: number;
  readonly text: string;
}

/** Records handled at once: the parse yields between two batches. */
export const BATCH_RECORDS = 1000;

/**
 * A batch of records in reply order: an unquoted one is kept as offsets into the text (no string until a
 * field is read); a quoted one (`starts[i]` = -1) as text, in `quoted`, in order.
 */
export class RecordBatch {
  count = 0;
  readonly starts = new Int32Array(BATCH_RECORDS);
  readonly ends = new Int32Array(BATCH_RECORDS);
  readonly lineNos = new Int32Array(BATCH_RECORDS);
  quoted: QuotedRecord[] = [];
}

/** Where {@linkcode Lines} is: the next line's offset, the last line's number, the next `"` and how far it was sought. */
const POS = 0;
const LINE_NO = 1;
const NEXT_QUOTE = 2;
const QUOTE_SEARCHED = 3;

/** The lines of a reply, read one after the other: first the header's, then batches of records. */
export class Lines {
  readonly text: string;
  // Where the next line starts, the number of the line last read (1-based), and where the next '"' is (so
  // that telling a quoted record costs no search per line): see POS, LINE_NO, NEXT_QUOTE, QUOTE_SEARCHED.
  readonly #at = Int32Array.of(0, 0, -1, -1);

  constructor(text: string) {
    this.text = text;
  }

  /** Reads the next line and returns it (without its `\n`); undefined at the end. */
  nextLine(): string | undefined {
    const text = this.text;
    const at = this.#at;
    if (at[POS] > text.length) return undefined;
    const nl = text.indexOf("\n", at[POS]);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(at[POS], end);
    at[POS] = end + 1;
    at[LINE_NO]++;
    return line;
  }

  /** Fills `batch` with the next records (count 0 at the end). */
  readRecords(batch: RecordBatch, warnings: Warnings): void {
    const quoted: QuotedRecord[] = [];
    batch.count = readBatch(this.text, this.#at, batch, quoted, warnings);
    batch.quoted = quoted;
  }
}

/**
 * The loop of {@linkcode Lines.readRecords}: fills the batch's offsets and `quoted` from `at`, moves `at`
 * on and returns the number of records. The position is stored at the top of every turn and the loop ends
 * by returning from inside it: V8 compiles this loop on the fly, and a store after it, never run before
 * that, would throw the compiled code away on every refresh.
 */
function readBatch(
  text: string,
  at: Int32Array,
  batch: RecordBatch,
  quoted: QuotedRecord[],
  warnings: Warnings,
): number {
  const length = text.length;
  const { starts, ends, lineNos } = batch;
  let pos = at[POS];
  let lineNo = at[LINE_NO];
  let nextQuote = at[NEXT_QUOTE];
  let quoteSearched = at[QUOTE_SEARCHED];
  let count = 0;
  for (;;) {
    at[POS] = pos;
    at[LINE_NO] = lineNo;
    at[NEXT_QUOTE] = nextQuote;
    at[QUOTE_SEARCHED] = quoteSearched;
    if (count >= BATCH_RECORDS || pos > length) return count;
    const nl = text.indexOf("\n", pos);
    const start = pos;
    let end = nl < 0 ? length : nl;
    pos = end + 1;
    const line = ++lineNo;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (end === start || text.charCodeAt(start) === 35) continue;
    if (text.charCodeAt(start) <= 32 && text.slice(start, end).trim() === "") continue;
    if (nextQuote < start && quoteSearched < length) {
      nextQuote = text.indexOf('"', start);
      if (nextQuote < 0) nextQuote = quoteSearched = length;
      else quoteSearched = nextQuote;
    }
    if (nextQuote >= start && nextQuote < end) {
      let record = text.slice(start, end);
      if (countQuotes(record) % 2 === 1) {
        const after = text.indexOf("\n", pos);
        const next = pos > length ? "" : text.slice(pos, after < 0 ? length : after);
        if (countQuotes(next) % 2 === 1) {
          // The next line closes the quote: it is part of this record.
          record += "\n" + next;
          pos = (after < 0 ? length : after) + 1;
          lineNo++;
        } else {
          warnings.add(`show stat: line ${line}: unbalanced quotes, read as they stand`);
        }
      }
      quoted.push({ lineNo: line, text: record });
      starts[count] = -1;
    } else {
      starts[count] = start;
      ends[count] = end;
    }
    lineNos[count] = line;
    count++;
  }
}

/** csv-parse's parser once loaded, or why it could not be loaded. */
let csvParse: { parse: Awaited<ReturnType<typeof loadCsvParse>>["parse"] } | { error: string } | undefined;

/**
 * Loads csv-parse, which unquotes quoted records, unless it is loaded already. A failure is kept, and told
 * in a warning of each reply with quoted records.
 */
export async function loadQuoting(): Promise<void> {
  try {
    csvParse ??= { parse: (await loadCsvParse()).parse };
  } catch (error) {
    csvParse = { error: excerpt(String(error), 80) };
  }
}

/** Whether loading csv-parse was tried (it may have failed). */
export function quotingTried(): boolean {
  return csvParse !== undefined;
}

/**
 * CSV-unquotes the records that hold a `"`, all in one csv-parse call (one call per record is slow), falling
 * back to one call per record when the batch does not line up; the values by line number.
 */
export function splitQuoted(records: readonly QuotedRecord[], warnings: Warnings): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (records.length === 0) return out;
  if (csvParse === undefined || "error" in csvParse) {
    const why = csvParse ? `could not be loaded (${csvParse.error})` : "is not loaded (use parseStatAsync)";
    warnings.add(`show stat: quoted values read as they stand: csv-parse ${why}`);
    return out;
  }
  const parseCsv = csvParse.parse;
  const options = { relax_column_count: true, relax_quotes: true };
  try {
    const parsed = parseCsv(records.map((r) => r.text).join("\n"), options) as string[][];
    if (parsed.length === records.length) {
      records.forEach((r, i) => out.set(r.lineNo, parsed[i]));
      return out;
    }
  } catch {
    // Fall through to one record at a time, to tell which line is broken.
  }
  for (const r of records) {
    try {
      const parsed = parseCsv(r.text, options) as string[][];
      out.set(r.lineNo, parsed[0] ?? []);
    } catch (error) {
      warnings.add(`show stat: line ${r.lineNo}: bad CSV quoting (${excerpt(String(error), 40)})`);
    }
  }
  return out;
}
