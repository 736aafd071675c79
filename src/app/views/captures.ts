/**
 * The errors view: the last request and response HAProxy rejected per proxy (`show errors`): when, the
 * proxy that captured it and the other one of the stream, the server, the source address and HAProxy's event
 * number; the detail view shows the captured bytes, as HAProxy dumps them, with the byte it rejected marked.
 * The operator's question: what did HAProxy reject, and why? (Its id is `captures`, its name for `--view`
 * and the palette `errors`: the stat mode ERRORS is `-m 4`.)
 *
 * @module
 */
import { type ErrorCapture, parseErrors } from "../../runtime/mod.ts";
import { sourceTable } from "../model/source_table.ts";
import { fieldsDetail, numberColumn, type RecordRow, recordRow, textColumn } from "../model/record_row.ts";
import type { RowDetail } from "../model/table.ts";
import { sourceTableView } from "./table.ts";

function captureRow(c: ErrorCapture): RecordRow<ErrorCapture> {
  return recordRow(c, {
    when: c.when,
    proxy: c.proxy,
    direction: c.direction,
    peer: c.peerProxy,
    server: c.server,
    source: c.source,
    event: c.event,
    length: c.length,
    errorAt: c.errorAt,
  });
}

/** The captured buffer as HAProxy dumps it, and a `^` under the byte it rejected. */
function captureDetail(c: ErrorCapture): RowDetail {
  const dump: string[] = [];
  for (const [i, line] of c.dump.entries()) {
    dump.push(`  ${String(line.offset).padStart(5, "0")}  ${line.text}`);
    const next = c.dump[i + 1]?.offset ?? c.length ?? Infinity;
    if (c.errorAt === undefined || c.errorAt < line.offset || c.errorAt >= next) continue;
    // The mark stands under the escaped text: count the characters each byte before it was printed as.
    const escaped = [...line.text.matchAll(/\\x[0-9a-fA-F]{2}|\\.|./g)].map((m) => m[0]);
    const column = escaped.slice(0, c.errorAt - line.offset).join("").length;
    dump.push(`  ${" ".repeat(5)}  ${" ".repeat(column)}^ error at position ${c.errorAt}`);
  }
  const fields: [string, string][] = [
    ["captured", c.when],
    [c.direction === "request" ? "frontend" : "backend", c.proxy],
    [c.direction === "request" ? "backend" : "frontend", c.peerProxy ?? "-"],
    ["server", c.server ?? "-"],
    ["source", c.source ?? "-"],
    ["event", String(c.event ?? "-")],
    ["length", String(c.length ?? "-")],
  ];
  // The bytes first: they are what the operator opens the detail for.
  const { title, lines } = fieldsDetail(`invalid ${c.direction} captured by ${c.proxy}`, fields);
  return { title, lines: [...dump, "", ...lines, "", ...c.state.map((l) => `  ${l}`)] };
}

/** The captures' table. */
export const CAPTURES = sourceTable<RecordRow<ErrorCapture>>({
  id: "captures",
  commands: () => ["show errors"],
  parse: ([reply]) => parseErrors(reply ?? "").captures.map(captureRow),
  key: (row) => `${row.value.proxy}|${row.value.direction}`,
  names: (
    row,
  ) => [row.value.proxy, row.value.peerProxy ?? "", row.value.server ?? "", row.value.source ?? ""],
  detail: (row) => captureDetail(row.value),
});

/** The errors view. */
export const capturesView = sourceTableView({
  id: "captures",
  name: "errors",
  keys: ["0"],
  tab: "CAPTURES",
  help: {
    summary: "requests and responses HAProxy rejected, with their bytes (show errors)",
    sections: [{
      title: "Errors captured (0)",
      lines: [["i", "the captured buffer, the rejected byte marked with ^"]],
    }],
  },
  model: CAPTURES,
  columns: [
    textColumn("TIME", "when", 24, 26, "when HAProxy captured it (its local time)"),
    textColumn("PROXY", "proxy", 10, 30, "the frontend (request) or backend (response) that captured it"),
    textColumn("EVENT", "direction", 8, 8, "invalid request or response"),
    textColumn("OTHER", "peer", 8, 30, "the backend of a request, the frontend of a response"),
    textColumn("SERVER", "server", 6, 30),
    textColumn("SOURCE", "source", 15, 46, "the client (request) or server (response) address"),
    numberColumn("#", "event", 3, "HAProxy's running number of the capture"),
    numberColumn("LEN", "length", 5, "bytes captured"),
    numberColumn("ERR@", "errorAt", 5, "the offset of the byte HAProxy rejected"),
  ],
  none: "HAProxy has captured no invalid request or response",
  describe: (_s, row) =>
    `invalid ${row.value.direction} on ${row.value.proxy} from ${
      row.value.source ?? "?"
    } (i shows the bytes)`,
  hints: () => ({ tail: ["UP/DOWN=SCROLL"], extra: ["I=BYTES", "/=FILTER", "S=SORT", ":=VIEWS"] }),
});
