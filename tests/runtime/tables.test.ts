import assert from "node:assert/strict";
import {
  clearTableCommand,
  dataValue,
  type FilterOperator,
  parseDataFilter,
  parseTableDump,
  parseTableEntry,
  parseTables,
  showTableCommand,
} from "../../src/runtime/tables.ts";
import { unsupportedReason } from "../../src/runtime/reply.ts";
import { versionAtLeast } from "../../src/runtime/version.ts";
import { RELEASE_LINES, reply, scenario } from "./_fixtures.ts";

/** The data names `show table` prints for a `store` list: periods in ms, arrays one name per element. */
function printedNames(store: readonly string[]): string[] {
  return store.flatMap((s) => {
    const array = s.match(/^(gp[ct])\((\d+)\)$/);
    if (array) return Array.from({ length: Number(array[2]) }, (_, i) => `${array[1]}${i}`);
    const rate = s.match(/^(\w+)\((\d+)m\)$/);
    return rate ? [`${rate[1]}(${Number(rate[2]) * 60_000})`] : [s];
  }).sort();
}

for (const line of RELEASE_LINES) {
  const s = scenario(line);
  const sent = Object.values(s.requests).reduce((a, b) => a + b, 0);

  Deno.test(`${line}: show table lists the lab's table`, () => {
    assert.deepEqual(parseTables(reply(line, "show-table")), [{
      name: s.names.table,
      type: "ip",
      size: 1024,
      used: 1,
    }]);
  });

  Deno.test(`${line}: the entry of 127.0.0.1 counts the scenario's requests`, () => {
    const dump = parseTableDump(reply(line, "show-table-entries"));
    assert.deepEqual(dump.table, { name: s.names.table, type: "ip", size: 1024, used: 1 });
    assert.equal(dump.entries.length, 1);
    const [entry] = dump.entries;
    assert.equal(entry.key, "127.0.0.1");
    assert.equal(entry.use, 0);
    assert.ok(entry.exp > 0 && entry.exp <= 300_000, String(entry.exp));
    assert.equal(dataValue(entry, "http_req_cnt"), sent);
    assert.equal(dataValue(entry, "http_req_rate"), sent);
    assert.equal(dataValue(entry, "gpc0"), s.requests["/bump"]);
    assert.equal(dataValue(entry, "conn_cur"), 0);
    assert.deepEqual(Object.keys(entry.data).sort(), printedNames(s.store));
    assert.equal(entry.shard !== undefined, versionAtLeast(s.version, "3.0"), "shard= is printed from 3.0");
  });

  Deno.test(`${line}: at level user a table dump has the header and no entries: a refusal`, () => {
    const text = reply(line, "show-table-entries-user");
    const dump = parseTableDump(text);
    assert.equal(dump.table?.name, s.names.table);
    assert.deepEqual(dump.entries, []);
    assert.equal(
      unsupportedReason(s.commands["show-table-entries-user"], text, s.version, "user"),
      "needs level operator (this socket is at level user)",
    );
  });

  Deno.test(`${line}: HAProxy's own data and key filters`, () => {
    assert.equal(parseTableDump(reply(line, "show-table-filter")).entries.length, 1);
    const none = parseTableDump(reply(line, "show-table-filter-none"));
    assert.equal(none.entries.length, 0);
    assert.equal(none.table?.name, s.names.table);
    assert.deepEqual(parseTableDump(reply(line, "show-table-key")).entries.map((e) => e.key), ["127.0.0.1"]);
    assert.equal(reply(line, "show-table-key-missing"), "\n", "a key the table lacks: an empty reply");
    for (const name of ["show-table-bad-filter", "show-table-missing", "show-table-key-missing"]) {
      assert.deepEqual(parseTableDump(reply(line, name)), { table: undefined, entries: [] });
    }
  });

  Deno.test(`${line}: after clear table … key the table is empty`, () => {
    assert.equal(reply(line, "clear-table"), "\n");
    const dump = parseTableDump(reply(line, "show-table-cleared"));
    assert.equal(dump.table?.used, 0);
    assert.deepEqual(dump.entries, []);
  });
}

Deno.test("string keys may hold spaces; data values stay numbers where decimal", () => {
  const e = parseTableEntry("0x1: key=a b use=2 exp=10 server_name=s1 gpc0=7")!;
  assert.equal(e.key, "a b");
  assert.equal(e.use, 2);
  assert.deepEqual(e.data, { server_name: "s1", gpc0: 7 });
  assert.equal(dataValue(e, "gpc1"), undefined);
  assert.equal(parseTableEntry("# table: t, type: ip, size:1, used:0"), undefined);
});

Deno.test("showTableCommand writes HAProxy's filters and refuses what it would misread", () => {
  assert.equal(showTableCommand("fe"), "show table fe");
  assert.equal(showTableCommand("fe", { type: "gpc0", op: "gt", value: 3 }), "show table fe data.gpc0 gt 3");
  assert.equal(showTableCommand("fe", { key: "10.0.0.1" }), "show table fe key 10.0.0.1");
  assert.throws(() => showTableCommand("f e"), /table name must be one word/);
  assert.throws(() => showTableCommand("fe", { type: "gpc0", op: "gt", value: 1.5 }), /integer/);
  assert.throws(
    () => showTableCommand("fe", { type: "gpc0", op: "like" as FilterOperator, value: 1 }),
    /unknown operator/,
  );
});

Deno.test("a filter typed as HAProxy's own is read; any other text is not", () => {
  assert.deepEqual(parseDataFilter("data.http_req_rate gt 10"), {
    type: "http_req_rate",
    op: "gt",
    value: 10,
  });
  assert.deepEqual(parseDataFilter("  data.gpc0  eq -1 "), { type: "gpc0", op: "eq", value: -1 });
  for (
    const text of ["data.http_req_rate gt", "data.gpc0 is 1", "http_req_rate gt 1", "data.gpc0 gt 1.5", ""]
  ) {
    assert.equal(parseDataFilter(text), undefined, text);
  }
  const f = parseDataFilter("data.conn_cur ge 0")!;
  assert.equal(showTableCommand("fe_rt", f), "show table fe_rt data.conn_cur ge 0");
});

Deno.test("clear table names one entry; a key HAProxy would split is refused", () => {
  assert.equal(clearTableCommand("fe_rt", "127.0.0.1"), "clear table fe_rt key 127.0.0.1");
  assert.throws(() => clearTableCommand("fe_rt", "two words"), /the key must be one word: "two words"/);
  assert.throws(() => clearTableCommand("fe_rt", ""), /the key must be one word/);
});
