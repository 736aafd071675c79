/**
 * The peers view: each peer of each `peers` section (`show peers`): local or remote, active, its address,
 * the last connection's status, the time since its last handshake, and the stick tables it shares. The
 * operator's question: does peer sync work? Without a peers section it says none is configured.
 *
 * @module
 */
import { parsePeers, type Peer } from "../../runtime/mod.ts";
import { sourceTable } from "../model/source_table.ts";
import { fieldsDetail, type RecordRow, recordRow, textColumn } from "../model/record_row.ts";
import { sourceTableView } from "./table.ts";

/** A peer of a section. */
interface PeerRow extends Peer {
  readonly section: string;
}

/** The peers' table. */
export const PEERS = sourceTable<RecordRow<PeerRow>>({
  id: "peers",
  commands: () => ["show peers"],
  parse: ([reply]) =>
    parsePeers(reply ?? "").flatMap((section) =>
      section.peers.map((p) =>
        recordRow({ ...p, section: section.name }, {
          section: section.name,
          peer: p.name,
          side: p.local ? "local" : "remote",
          active: p.active ? "active" : "inactive",
          address: p.address,
          status: p.lastStatus,
          handshake: p.lastHandshake,
          reconnect: p.reconnect,
          tables: p.tables.map((t) => t.table).join(" "),
        })
      )
    ),
  key: (row) => `${row.value.section}|${row.value.name}`,
  names: (row) => [row.value.section, row.value.name, row.value.address ?? ""],
  detail: (row) =>
    fieldsDetail(
      `peer ${row.value.name} of peers ${row.value.section}`,
      Object.entries(row.value.fields),
      row.value.tables.flatMap((t) => [
        "",
        `  shared table ${t.table}`,
        ...Object.entries(t.fields).map(([k, v]) => `    ${k} = ${v}`),
      ]),
    ),
});

/** The peers view. */
export const peersView = sourceTableView({
  id: "peers",
  keys: ["E"],
  tab: "PEERS",
  help: { summary: "peers sections: each peer's state and the tables it shares (show peers)" },
  model: PEERS,
  columns: [
    textColumn("SECTION", "section", 10, 24, "the peers section"),
    textColumn("PEER", "peer", 10, 24),
    textColumn("SIDE", "side", 6, 6, "local (this HAProxy) or remote"),
    textColumn("STATE", "active", 8, 8, "active or inactive"),
    textColumn("ADDRESS", "address", 15, 46),
    textColumn("LAST", "status", 5, 8, "the last connection attempt's result (CONN, HSHK, SUCC, ...)"),
    textColumn("HANDSHAKE", "handshake", 9, 10, "time since the last handshake"),
    textColumn("RECONNECT", "reconnect", 9, 10, "time until the next reconnection"),
    textColumn("TABLES", "tables", 8, undefined, "the stick tables it shares"),
  ],
  none: "no peers section is configured",
  describe: (_s, row) =>
    `peer ${row.value.name} of peers ${row.value.section}: ${row.value.lastStatus ?? "?"}`,
});
