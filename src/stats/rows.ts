/**
 * Builds the typed rows of one `show stat` reply (stat_row.ts) from its records, in reply order: each row's
 * key fields (names, ids, type) and rates are read, and where its state fields are kept, while its record
 * is scanned, and a row that is short, long, or has a garbage `iid`/`sid`/`type` gets a warning naming its
 * line.
 *
 * @module
 */
import type { StatRow } from "./types.ts";
import { excerpt, type Warnings } from "./records.ts";
import { integerAt, isInteger, numberIn, scanRecord } from "./scan.ts";
import { Row } from "./stat_row.ts";
import { KEY_FIELDS, SCANNED, type Shape, shapeOf } from "./shape.ts";

/** The record being added: its text and line, and its values when it was unquoted (undefined: offsets). */
interface Current {
  text: string;
  lineNo: number;
  values: readonly string[] | undefined;
}

/** The rows of one reply, added record by record. */
export interface RowBuilder {
  /** The rows so far, in reply order. */
  readonly rows: StatRow[];
  /** Adds the row of the unquoted record `text[start, end)` of line `lineNo`. */
  addUnquoted(start: number, end: number, lineNo: number): void;
  /** Adds the row of a quoted record, given its values (as csv-parse read them, or split as they stand). */
  addQuoted(record: string, lineNo: number, values: string[]): void;
}

/** The rows of the reply `text` with this `header`; warns of key fields the header lacks. */
export function rowBuilder(text: string, header: readonly string[], warnings: Warnings): RowBuilder {
  const shape: Shape = shapeOf(header);
  const width = header.length;
  for (const name of KEY_FIELDS) {
    if (!shape.index.has(name)) warnings.add(`show stat: header has no "${name}" column`);
  }
  // The header column of each of SCANNED, and the slot of each column (-1: not scanned).
  const columns = SCANNED.map((name) => shape.index.get(name) ?? -1);
  const slotOf = new Int8Array(header.length + 1).fill(-1);
  columns.forEach((column, slot) => {
    if (column >= 0) slotOf[column] = slot;
  });
  const lastKey = Math.max(...columns);
  const keyFrom = new Int32Array(SCANNED.length);
  const keyTo = new Int32Array(SCANNED.length);
  const rows: StatRow[] = [];
  // The current unquoted record is the reply's text (one object, reused).
  const unquoted: Current = { text, lineNo: 0, values: undefined };
  let current = unquoted;

  const keyText = (slot: number): string | undefined => {
    const { values } = current;
    if (values !== undefined) return columns[slot] < 0 ? undefined : values[columns[slot]];
    return keyFrom[slot] < 0 ? undefined : current.text.slice(keyFrom[slot], keyTo[slot]);
  };
  const label = () => `${keyText(0) ?? "?"}/${keyText(1) ?? "?"}`;
  const id = (slot: number): number => {
    if (columns[slot] < 0) return NaN;
    if (current.values === undefined && keyFrom[slot] >= 0) {
      const number = integerAt(current.text, keyFrom[slot], keyTo[slot]);
      if (!Number.isNaN(number)) return number;
    }
    const value = keyText(slot);
    if (value !== undefined && isInteger(value)) return Number(value);
    if (value !== undefined) {
      const line = current.lineNo;
      warnings.add(
        `show stat: line ${line}: ${label()} has a garbage ${KEY_FIELDS[slot]}: "${excerpt(value, 20)}"`,
      );
    }
    return NaN;
  };
  const add = (start: number, end: number, count: number) => {
    if (count < width) {
      warnings.add(`show stat: line ${current.lineNo}: ${label()} has ${count} of ${width} fields`);
    } else if (count > width) {
      warnings.add(
        `show stat: line ${current.lineNo}: ${label()} has ${count - width} values beyond the header`,
      );
    }
    const iid = id(2);
    const sid = id(3);
    const type = id(4);
    const pxname = columns[0] < 0 ? "" : keyText(0) ?? "";
    const svname = columns[1] < 0 ? "" : keyText(1) ?? "";
    const row = new Row(shape, current.text, start, end, current.values, pxname, svname, iid, sid, type);
    if (current.values === undefined) {
      const slot = KEY_FIELDS.length;
      row.preRead(
        keyFrom[slot] < 0 ? NaN : numberIn(current.text, keyFrom[slot], keyTo[slot]),
        keyFrom[slot + 1] < 0 ? NaN : numberIn(current.text, keyFrom[slot + 1], keyTo[slot + 1]),
        keyFrom,
      );
    }
    rows.push(row);
  };

  return {
    rows,
    addUnquoted(start, end, lineNo) {
      const n = scanRecord(text, start, end, slotOf, lastKey, width, keyFrom, keyTo);
      unquoted.lineNo = lineNo;
      current = unquoted;
      add(start, end, n);
    },
    addQuoted(record, lineNo, values) {
      if (values.length > width && values[values.length - 1] === "") values.pop();
      current = { text: record, lineNo, values };
      add(0, record.length, values.length);
    },
  };
}
