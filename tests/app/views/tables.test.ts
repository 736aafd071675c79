/**
 * The stick tables view on the captured replies: the list, ENTER on a table and its entries with a column
 * per data type, HAProxy's own data filter passed on (a plain text matched here), the confirmed clear, and
 * the reasons a level or a bad filter give.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../../support/assert.ts";
import { ch, key, opened, run, typeText } from "../../support/app.ts";
import { answered, body, commandsOf, messageLine, reply, sends, started } from "./_runtime.ts";
import { RELEASE_LINES } from "../../runtime/_fixtures.ts";
import type { State } from "../../../src/app/model/state.ts";

/** The entries of fe_rt on a release's capture. */
function entries(line = "2.6", opts?: Parameters<typeof started>[0]): State {
  let [s] = run(started(opts), ch("7"));
  [s] = answered(s, reply(line, "show-table"));
  [s] = run(s, key("enter"));
  [s] = answered(s, reply(line, "show-table-entries"));
  return s;
}

const filter = (s: State, text: string) => run(s, ch("/"), ...typeText(text), key("enter"));

for (const line of RELEASE_LINES) {
  Deno.test(`${line}: the tables, then an entry with each data value show table printed`, () => {
    let [s] = run(started(), ch("7"));
    assertEquals(commandsOf(s), ["show table"]);
    [s] = answered(s, reply(line, "show-table"));
    const [, name, type, size, used] = reply(line, "show-table").match(
      /^# table: (\S+), type: (\S+), size:(\d+), used:(\d+)/,
    )!;
    assertMatch(body(s)[0], /^TABLE +TYPE +SIZE +USED$/);
    assertMatch(body(s)[2], new RegExp(`^${name} +${type} +${size} +${used}$`));
    let c;
    [s, c] = run(s, key("enter"));
    assertEquals(commandsOf(s), [`show table ${name}`]);
    assert(c.some((x) => x.type === "refresh"), "read at once");
    assertEquals(body(s)[2].trim(), "waiting for HAProxy...");
    [s] = answered(s, reply(line, "show-table-entries"));
    const raw = reply(line, "show-table-entries").split("\n")[1];
    const data = [...raw.matchAll(/ (\w+)(?:\(\d+\))?=(\d+)/g)].filter(([, n]) =>
      !["key", "use", "exp", "shard"].includes(n)
    );
    assertMatch(body(s)[0], new RegExp(`^KEY +USE +EXP +${data.map(([, n]) => n).join(" +")}$`));
    assertMatch(body(s)[2], new RegExp(`^127\\.0\\.0\\.1 +0 +\\S+ +${data.map(([, , v]) => v).join(" +")}$`));
    [s] = run(s, key("escape"));
    assertEquals(commandsOf(s), ["show table"], "ESC: back to the list");
  });
}

Deno.test("a data.<type> <op> <value> filter is HAProxy's: sent with show table, rows not matched again", () => {
  let s = entries();
  [s] = filter(s, "data.http_req_cnt gt 3");
  assertEquals(commandsOf(s), ["show table fe_rt data.http_req_cnt gt 3"]);
  [s] = answered(s, reply("2.6", "show-table-filter"));
  assertMatch(body(s)[2], /^127\.0\.0\.1 /);
  [s] = answered(s, reply("2.6", "show-table-filter-none"));
  assertEquals(body(s)[2].trim(), `nothing matches "data.http_req_cnt gt 3"`);
  [s] = run(s, key("escape"));
  [s] = filter(s, "data.nosuch gt 1");
  [s] = answered(s, reply("2.6", "show-table-bad-filter"));
  assertEquals(
    body(s)[2].trim(),
    "Filter entry #1: Unknown data type",
    "HAProxy's error is said, not shown as rows",
  );
  [s] = run(s, key("escape"));
  [s] = answered(s, reply("2.6", "show-table-entries"));
  [s] = filter(s, "10.0.0");
  assertEquals(commandsOf(s), ["show table fe_rt"], "a plain text filters here");
  assertEquals(body(s)[2].trim(), `nothing matches "10.0.0"`);
});

Deno.test("c asks before clearing the selected entry; refused in -n and below level operator", () => {
  let [s, c] = run(entries(), ch("c"));
  const dialog = opened(s).dialog;
  assert(dialog?.kind === "confirm");
  assertEquals(dialog.title, "Clear the entry 127.0.0.1 of table fe_rt?");
  [s, c] = run(s, ch("y"));
  assertEquals(sends(c), ["clear table fe_rt key 127.0.0.1"]);
  [s, c] = run(entries("2.6", { readOnly: true, level: "admin" }), ch("c"));
  assertEquals([opened(s).dialog, sends(c)], [undefined, []]);
  assertMatch(messageLine(s), /^read-only mode: .*: clear table fe_rt key 127\.0\.0\.1$/);
  // HAProxy 3.0.11 leaks an entry on a key command refused for its level: none is sent when the level is
  // unknown or too low.
  [s, c] = run(entries("3.0", { version: "3.0.11" }), ch("c"));
  assertEquals([opened(s).dialog, sends(c)], [undefined, []]);
  assertMatch(messageLine(s), /^not sent: this socket's level is not known yet/);
});

Deno.test("at level user the list is read, a table's entries are not, and the view says why", () => {
  let [s] = run(started({ level: "user" }), ch("7"));
  [s] = answered(s, reply("2.6", "show-table"));
  [s] = run(s, key("enter"));
  assertEquals(body(s)[2].trim(), "needs level operator (this socket is at level user)");
  [s] = run(started({}), ch("7"));
  [s] = answered(s, reply("2.6", "show-table"));
  [s] = run(s, key("enter"));
  [s] = answered(s, reply("2.6", "show-table-entries-user"));
  assertEquals(body(s)[2].trim(), "needs level operator");
});
