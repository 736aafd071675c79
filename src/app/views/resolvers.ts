/**
 * The resolvers view: each nameserver of each `resolvers` section and HAProxy's counters of its answers
 * (`show resolvers`): sent, valid, errors, NXDOMAIN, timeouts, refusals. The operator's question: does DNS
 * resolution work? Without a resolvers section it says none is configured (from 2.6 HAProxy adds a `default`
 * section from /etc/resolv.conf by itself).
 *
 * @module
 */
import { type Nameserver, parseResolvers } from "../../runtime/mod.ts";
import { sourceTable } from "../model/source_table.ts";
import { fieldsDetail, numberColumn, type RecordRow, recordRow, textColumn } from "../model/record_row.ts";
import { sourceTableView } from "./table.ts";

/** A nameserver of a section. */
interface NameserverRow extends Nameserver {
  readonly section: string;
}

/** The counters shown as columns, in HAProxy's order (the detail has them all). */
const COUNTERS = [
  "sent",
  "snd_error",
  "valid",
  "update",
  "any_err",
  "nx",
  "timeout",
  "refused",
  "other",
  "invalid",
  "truncated",
  "outdated",
];

/** The resolvers' table. */
export const RESOLVERS = sourceTable<RecordRow<NameserverRow>>({
  id: "resolvers",
  commands: () => ["show resolvers"],
  parse: ([reply]) =>
    parseResolvers(reply ?? "").flatMap((section) =>
      section.nameservers.map((ns) =>
        recordRow({ ...ns, section: section.name }, {
          section: section.name,
          nameserver: ns.name,
          ...ns.counters,
        })
      )
    ),
  key: (row) => `${row.value.section}|${row.value.name}`,
  names: (row) => [row.value.section, row.value.name],
  detail: (row) =>
    fieldsDetail(
      `nameserver ${row.value.name} of resolvers ${row.value.section}`,
      Object.entries(row.value.counters).map(([k, v]) => [k, String(v)]),
    ),
});

/** The resolvers view. */
export const resolversView = sourceTableView({
  id: "resolvers",
  keys: ["R"],
  tab: "RESOLVERS",
  help: { summary: "DNS nameservers and their answer counters (show resolvers)" },
  model: RESOLVERS,
  columns: [
    textColumn("SECTION", "section", 10, 24, "the resolvers section"),
    textColumn("NAMESERVER", "nameserver", 10, 24),
    ...COUNTERS.map((c, i) => ({
      ...numberColumn(c.toUpperCase(), c, 5, `HAProxy's ${c} counter`),
      ...(i > 7 ? { optional: true } : {}),
    })),
  ],
  none: "no resolvers section is configured",
  describe: (_s, row) => `nameserver ${row.value.name} of resolvers ${row.value.section}`,
});
