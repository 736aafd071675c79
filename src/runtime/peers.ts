/**
 * `show peers [<section>]`: each peers section, its peers and the tables they share.
 *
 * Section: `0x<addr>: [<date>] id=<name> state=<n>|disabled=<n> flags=0x… resync_timeout=… task_calls=…`
 * (2.2 prints `state`, later `disabled`; the date is not reliable: 3.0 and later print dates far from now).
 * Peer: `  0x<addr>: id=<name>(<local|remote>,<active|inactive>) addr=<ip:port> …` with more `key=value`
 * tokens on the following lines (2.6 and later wrap them; 3.0 adds `app_state`, `learn_state`), then
 * `shared tables:` with per table a `0x<addr> local_id=…` line, a `last_acked=…` line and
 * `table:0x<addr> id=<table> update=…`. 2.2 then dumps a 128-slot dictionary cache, later releases print
 * `Dictionary cache not dumped`. Keyed on names.
 *
 * @module
 */
import { keyValues, replyLines } from "./text.ts";

/** One table a peer shares. */
export interface SharedTable {
  /** The stick table's name. */
  readonly table: string;
  /** Every token of its lines by name (`local_id`, `last_acked`, `update`, …). */
  readonly fields: Readonly<Record<string, string>>;
}

/** One peer of a section. */
export interface Peer {
  readonly name: string;
  /** The local peer is this HAProxy itself. */
  readonly local: boolean;
  /** Whether HAProxy counts the peer as active. */
  readonly active: boolean;
  readonly address?: string;
  /** Result of the last connection attempt (`NONE`, `CONN`, `HSHK`, `SUCC`, …). */
  readonly lastStatus?: string;
  /** Time since the last handshake, as printed, e.g. `1s` or `<NEVER>`. */
  readonly lastHandshake?: string;
  /** Until the next reconnect, as printed. */
  readonly reconnect?: string;
  /** Every token of the peer's lines before `shared tables:` by name. */
  readonly fields: Readonly<Record<string, string>>;
  readonly tables: readonly SharedTable[];
}

/** One peers section. */
export interface PeersSection {
  readonly name: string;
  /** The section's own tokens (`state` or `disabled`, `flags`, `resync_timeout`, …). */
  readonly fields: Readonly<Record<string, string>>;
  readonly peers: readonly Peer[];
}

const SECTION = /^(0x[0-9a-fA-F]+): \[[^\]]*\] (.*)$/;
const PEER = /^\s+(0x[0-9a-fA-F]+): id=([^(\s]+)\((\w+),(\w+)\)(.*)$/;
const TABLE_START = /^\s+0x[0-9a-fA-F]+ local_id=/;
const DICTIONARY = /dictionary cache|Dictionary cache/;

interface PeerDraft {
  name: string;
  local: boolean;
  active: boolean;
  fields: Record<string, string>;
  tables: { table: string; fields: Record<string, string> }[];
  inTables: boolean;
  done: boolean;
}

function finish(p: PeerDraft): Peer {
  return {
    name: p.name,
    local: p.local,
    active: p.active,
    address: p.fields.addr,
    lastStatus: p.fields.last_status,
    lastHandshake: p.fields.last_hdshk,
    reconnect: p.fields.reconnect,
    fields: p.fields,
    tables: p.tables.map((t) => ({ table: t.table, fields: t.fields })),
  };
}

/** Parses `show peers`. */
export function parsePeers(text: string): PeersSection[] {
  const sections: { name: string; fields: Record<string, string>; peers: PeerDraft[] }[] = [];
  for (const line of replyLines(text)) {
    const s = line.match(SECTION);
    if (s) {
      const fields = keyValues(s[2]);
      sections.push({ name: fields.id ?? "", fields, peers: [] });
      continue;
    }
    const section = sections.at(-1);
    if (!section) continue;
    const p = line.match(PEER);
    if (p) {
      section.peers.push({
        name: p[2],
        local: p[3] === "local",
        active: p[4] === "active",
        fields: keyValues(p[5]),
        tables: [],
        inTables: false,
        done: false,
      });
      continue;
    }
    const peer = section.peers.at(-1);
    if (!peer || peer.done) continue;
    const trimmed = line.trim();
    if (DICTIONARY.test(trimmed)) peer.done = true;
    else if (trimmed === "shared tables:") peer.inTables = true;
    else if (!peer.inTables) Object.assign(peer.fields, { ...keyValues(trimmed), ...peer.fields });
    else if (TABLE_START.test(line)) peer.tables.push({ table: "", fields: keyValues(trimmed) });
    else {
      const table = peer.tables.at(-1);
      if (!table) continue;
      const tokens = keyValues(trimmed.replace(/^table:(0x[0-9a-fA-F]+)/, "table=$1"));
      if (trimmed.startsWith("table:")) table.table = tokens.id ?? "";
      Object.assign(table.fields, { ...tokens, ...table.fields });
    }
  }
  return sections.map((s) => ({ name: s.name, fields: s.fields, peers: s.peers.map(finish) }));
}
