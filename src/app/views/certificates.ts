/**
 * The certificates view: every TLS certificate HAProxy loaded (`show ssl cert`, then each file's details),
 * soonest expiry first, with its days left marked `WARN` under 30 days and `ALARM` under 7 (in yellow and
 * red when colour is on; the mark is text, so it reads without colour too). The operator's question: which
 * certificate expires next week?
 *
 * @module
 */
import { FG, style } from "../../tui/types.ts";
import { BOLD } from "../../tui/types.ts";
import { type Certificate, certificateCommands, certificatesOf, expiryState } from "../../runtime/mod.ts";
import { sourceTable } from "../model/source_table.ts";
import { fieldsDetail, numberColumn, type RecordRow, recordRow, textColumn } from "../model/record_row.ts";
import { sourceTableView } from "./table.ts";

const MARK = { alarm: "ALARM", warning: "WARN", ok: "ok" } as const;

function certificateRow(c: Certificate): RecordRow<Certificate> {
  const state = expiryState(c.daysLeft);
  return recordRow(c, {
    days: c.daysLeft,
    expiry: state && MARK[state],
    notAfter: c.notAfter?.toISOString().replace(".000Z", "Z"),
    subject: c.commonName ?? c.subject,
    san: c.san.join(" "),
    issuer: c.issuer,
    file: c.file,
    status: c.status,
  });
}

/** The certificates' table: the list, then one `show ssl cert <file>` per file in the same read. */
export const CERTIFICATES = sourceTable<RecordRow<Certificate>>({
  id: "certs",
  commands: () => ["show ssl cert"],
  then: (_s, [list]) => certificateCommands(list ?? ""),
  parse: (replies, { now }) => certificatesOf(replies.slice(1), new Date(now)).map(certificateRow),
  key: (row) => row.value.file,
  names: (row) => [row.value.file, row.value.subject ?? "", row.value.issuer ?? "", ...row.value.san],
  detail: (row) => fieldsDetail(`certificate ${row.value.file}`, row.value.fields),
});

/** The certificates view. */
export const certificatesView = sourceTableView({
  id: "certs",
  keys: ["9"],
  tab: "CERTS",
  help: {
    summary: "TLS certificates by expiry, WARN < 30 days, ALARM < 7 (show ssl cert)",
    sections: [{
      title: "Certificates (9)",
      lines: [
        ["DAYS / EXPIRY", "whole days left; WARN under 30 days (yellow), ALARM under 7 (red)"],
        ["i", "every field of the certificate (show ssl cert <file>)"],
      ],
    }],
  },
  model: CERTIFICATES,
  columns: [
    numberColumn("DAYS", "days", 5, "whole days until notAfter"),
    textColumn("EXPIRY", "expiry", 6, 6, "ALARM under 7 days, WARN under 30, else ok"),
    textColumn("NOT AFTER", "notAfter", 20, 20, "the end of validity (UTC)"),
    textColumn("SUBJECT", "subject", 14, 40, "the subject's common name"),
    textColumn("SAN", "san", 14, 60, "subject alternative names"),
    textColumn("ISSUER", "issuer", 12, 40),
    textColumn("FILE", "file", 12, undefined, "the certificate file HAProxy loaded"),
  ],
  decorate(buf, s, row, _line, y, cells, base) {
    const state = expiryState(row.value.daysLeft);
    if (state === undefined || state === "ok") return;
    const colour = state === "alarm" ? FG.red : FG.yellow;
    for (const cell of cells) {
      if (cell.column.field !== "expiry" && cell.column.field !== "days") continue;
      const text = buf.text(y).slice(cell.x, cell.x + cell.width);
      buf.put(cell.x, y, text, base | BOLD | (s.config.color ? style(0, colour) : 0));
    }
  },
  none: "no certificate is loaded (no bind ... ssl crt)",
  describe: (_s, row) => `${row.value.file}: ${row.value.daysLeft ?? "?"} days left`,
});
