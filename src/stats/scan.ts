/**
 * The byte level of `show stat` CSV: finding a record's values by scanning for commas in the reply text,
 * and reading numbers from it, without making a string per value. A reply of 50,000 rows has five million
 * values, and a refresh reads only a few of each row (its keys, its rates): the rest stay unread text.
 *
 * Records here are unquoted (no `"`); quoted ones are split by records.ts.
 *
 * @module
 */

/**
 * `,`. Not exported: a module's exported constant is read through its binding on each use, which costs the
 * scanning loops below about 8% (measured), so every loop over commas lives here.
 */
const COMMA = 44;

const INTEGER = /^-?\d+$/;

/** Splits an unquoted record into values, dropping the trailing comma's empty value beyond the header. */
export function splitRecord(record: string, width: number): string[] {
  const values = record.split(",");
  if (values.length > width && values[values.length - 1] === "") values.pop();
  return values;
}

/**
 * Reads the value at `column` of the unquoted record `text[start, end)` without splitting it; the same value
 * as `splitRecord(text.slice(start, end), width)[column]`.
 */
export function valueAt(
  text: string,
  start: number,
  end: number,
  column: number,
  width: number,
): string | undefined {
  let from = start;
  let at = start;
  for (let seen = 0; seen < column; at++) {
    if (at >= end) return undefined;
    if (text.charCodeAt(at) === COMMA) {
      seen++;
      from = at + 1;
    }
  }
  for (at = from; at < end; at++) if (text.charCodeAt(at) === COMMA) return text.slice(from, at);
  // The last value: the trailing comma's empty value beyond the header does not count.
  return from === end && column >= width ? undefined : text.slice(from, end);
}

/**
 * Finds the values of some columns in the unquoted record `text[start, end)`: `slotOf[column]` is the slot
 * a column's value goes to (-1: not wanted), `last` the last wanted column; each wanted value's offsets go to
 * `from`/`to` at its slot (-1 for a value the record lacks). Returns the record's number of values, without
 * splitting it (no string per value).
 */
export function scanRecord(
  text: string,
  start: number,
  end: number,
  slotOf: Int8Array,
  last: number,
  width: number,
  from: Int32Array,
  to: Int32Array,
): number {
  let commas = rangesAt(text, start, end, slotOf, last, from, to);
  if (commas > last) {
    // The wanted ones found before the end: the rest of the record is only counted.
    for (let i = last < 0 ? start : to[slotOf[last]] + 1; i < end; i++) {
      if (text.charCodeAt(i) === COMMA) commas++;
    }
  }
  const count = commas + 1;
  return count > width && end > start && text.charCodeAt(end - 1) === COMMA ? count - 1 : count;
}

/**
 * {@linkcode scanRecord}'s search, which stops after the last wanted column (reading a few early columns of a
 * long record scans only its start). Returns the commas it passed: `last + 1` when it stopped there, fewer
 * when the record ended before.
 */
export function rangesAt(
  text: string,
  start: number,
  end: number,
  slotOf: Int8Array,
  last: number,
  from: Int32Array,
  to: Int32Array,
): number {
  from.fill(-1);
  let column = 0;
  let at = start;
  // Checked at each comma only, not at each character (this loop is most of the parse).
  for (let i = start; i < end && last >= 0; i++) {
    if (text.charCodeAt(i) !== COMMA) continue;
    const slot = slotOf[column];
    if (slot >= 0) {
      from[slot] = at;
      to[slot] = i;
    }
    column++;
    at = i + 1;
    if (column > last) break;
  }
  if (column <= last && slotOf[column] >= 0) {
    from[slotOf[column]] = at;
    to[slotOf[column]] = end;
  }
  return column;
}

/**
 * Reads the values at `columns` of the unquoted record `text[start, end)` as numbers into `out` (in
 * `columns` order; NaN for a column the record lacks or a value that is not a number), in one pass and
 * without splitting the record.
 */
export function numbersAt(
  text: string,
  start: number,
  end: number,
  width: number,
  columns: Int32Array,
  out: Float64Array,
): void {
  out.fill(NaN);
  let last = -1;
  for (let i = 0; i < columns.length; i++) last = Math.max(last, columns[i]);
  let column = 0;
  let from = start;
  for (let at = from; at <= end && column <= last; at++) {
    if (at < end && text.charCodeAt(at) !== COMMA) continue;
    for (let i = 0; i < columns.length; i++) {
      // The trailing comma's empty value beyond the header is no value.
      if (columns[i] === column && !(at === end && from === end && column >= width)) {
        out[i] = numberIn(text, from, at);
      }
    }
    column++;
    from = at + 1;
  }
}

/** The integer written in `text[start, end)` (`-?\d+`), or NaN when it is something else. */
export function integerAt(text: string, start: number, end: number): number {
  let i = start;
  const negative = i < end && text.charCodeAt(i) === 45;
  if (negative) i++;
  if (i >= end) return NaN;
  if (end - i > 15) return INTEGER.test(text.slice(start, end)) ? Number(text.slice(start, end)) : NaN;
  let value = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/** Whether a value is an integer (`-?\d+`). */
export function isInteger(value: string): boolean {
  return INTEGER.test(value);
}

/** A value as a number: NaN when missing, empty or not a number (`Number`'s reading otherwise). */
export function numberOf(value: string | undefined): number {
  return value === undefined || value === "" ? NaN : Number(value);
}

/** {@linkcode numberOf} of `text[start, end)`, without a string for plain digits. */
export function numberIn(text: string, start: number, end: number): number {
  if (start === end) return NaN;
  if (end - start <= 15) {
    let value = 0;
    let i = start;
    for (; i < end; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (i === end) return value;
  }
  return Number(text.slice(start, end));
}

/** How many `"` a text holds. */
export function countQuotes(s: string): number {
  let n = 0;
  for (let at = s.indexOf('"'); at >= 0; at = s.indexOf('"', at + 1)) n++;
  return n;
}
