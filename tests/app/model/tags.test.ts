/**
 * Tagging in the stat views (`t`, `T`, `U`): tagged rows are marked and counted in the footer, tags hold by
 * ids across refreshes, sorting and filtering, and a tag whose server is gone is dropped and said. Each test
 * drives `update` and reads what `view` draws.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../../support/assert.ts";
import { ch, cursorOn, key, run, screen, typeText } from "../../support/app.ts";
import { screenLayout } from "../../../src/app/model/layout.ts";
import type { State } from "../../../src/app/model/state.ts";
import { POOL, pool, type PoolRow, rowOf, started } from "../_pool.ts";

const footer = (s: State) => screen(s)[screenLayout(s.size).footer.y];
const messageLine = (s: State) => screen(s)[screenLayout(s.size).message.y];
const tagged = (s: State) =>
  [...(s.tags?.values() ?? [])].map((t) => `${t.proxy}/${t.server} #${t.iid}/#${t.sid}`);

Deno.test("t tags the server row and moves down, t again untags; tagged rows are marked and counted", () => {
  let s = cursorOn(started(), "be_pool", "web1");
  [s] = run(s, ch("t"));
  assertEquals(tagged(s), ["be_pool/web1 #3/#1"]);
  assertMatch(messageLine(s), /tagged be_pool\/web1: 1 tagged \(U clears\)/);
  [s] = run(s, ch("t"));
  assertEquals(tagged(s), ["be_pool/web1 #3/#1", "be_pool/web2 #3/#2"], "the cursor moved to web2");
  assertMatch(rowOf(s, "web1"), /^web1 +\* /);
  assertMatch(rowOf(s, "web2"), /^web2 +\* /);
  assertMatch(rowOf(s, "web3"), /^web3 +\d/, "web3 is not marked");
  assertMatch(footer(s), / 2-TAGGED /);
  s = cursorOn(s, "be_pool", "web1");
  [s] = run(s, ch("t"));
  assertEquals(tagged(s), ["be_pool/web2 #3/#2"]);
  assertMatch(messageLine(s), /untagged be_pool\/web1: 1 tagged/);
  assertMatch(footer(s), / 1-TAGGED /);
  s = cursorOn(s, "be_pool", "BACKEND");
  const [b] = run(s, ch("t"));
  assertEquals(tagged(b), ["be_pool/web2 #3/#2"], "a BACKEND row is not a server");
  assertMatch(messageLine(b), /tags are for server rows/);
});

Deno.test("T tags every server the filter shows; without a filter it says so; U clears every tag", () => {
  let s = started();
  const [none] = run(s, ch("T"));
  assertEquals(none.tags, undefined);
  assertMatch(messageLine(none), /set a filter first/);
  [s] = run(s, ch("/"), ...typeText("web"), key("enter"), ch("T"));
  assertEquals(tagged(s), ["be_pool/web1 #3/#1", "be_pool/web2 #3/#2", "be_pool/web3 #3/#3"]);
  assertMatch(messageLine(s), /tagged 3 servers matching "web": 3 tagged/);
  // ESC closes the message first, then clears the filter.
  [s] = run(s, key("escape"), key("escape"), ch("/"), ...typeText("api"), key("enter"), ch("T"));
  assertEquals(tagged(s).length, 4, "tags add up");
  assertMatch(footer(s), / 4-TAGGED /);
  [s] = run(s, ch("U"));
  assertEquals(s.tags, undefined);
  assertMatch(messageLine(s), /4 tags cleared/);
  assert(!/TAGGED/.test(footer(s)));
});

Deno.test("tags hold by ids across refreshes, sorting and filter changes", () => {
  let s = cursorOn(started(), "be_pool", "web2");
  [s] = run(s, ch("t"));
  // The servers come in another order, with other weights; the filter hides web2, then shows it again.
  const reordered: PoolRow[] = [POOL[2], POOL[0], POOL[1], POOL[3], POOL[4], POOL[5]].map((r) => {
    const copy: PoolRow = [...r];
    copy[3] += 1;
    return copy;
  });
  [s] = run(s, pool(reordered), ch("s"), ch("S"), ch("/"), ...typeText("api"), key("enter"));
  assertEquals(tagged(s), ["be_pool/web2 #3/#2"]);
  [s] = run(s, key("escape"), key("escape"), pool(reordered));
  assertEquals(s.filter, "");
  assertEquals(tagged(s), ["be_pool/web2 #3/#2"]);
  assertMatch(rowOf(s, "web2"), /^web2 +\* /);
  assertMatch(footer(s), / 1-TAGGED /);
});

Deno.test("a tag whose server is gone, or whose ids now name another server, is dropped and said", () => {
  let s = started();
  [s] = run(s, ch("/"), ...typeText("web"), key("enter"), ch("T"), key("escape"));
  // web2 removed; web3's ids #3/#3 now belong to a server called web4.
  const after: PoolRow[] = [POOL[0], ["be_pool", "web4", "UP", 30, 3, 3, 2], POOL[3], POOL[4], POOL[5]];
  [s] = run(s, pool(after));
  assertEquals(tagged(s), ["be_pool/web1 #3/#1"]);
  assertMatch(
    messageLine(s),
    /tag dropped, no such server any more: be_pool\/web2 \[#3\/#2\], be_pool\/web3 \[#3\/#3\]/,
  );
  assertMatch(footer(s), / 1-TAGGED /);
  assertMatch(rowOf(s, "web4"), /^web4 +\d/, "the server that has the ids now is not tagged");
});

Deno.test("tags in read-only mode mark rows; acting on them is refused", () => {
  let s = cursorOn(started({ readOnly: true }), "be_pool", "web1");
  [s] = run(s, ch("t"));
  assertEquals(tagged(s), ["be_pool/web1 #3/#1"]);
  const [after, commands] = run(s, ch("a"), ch("d"), ch("y"));
  assertEquals(commands, []);
  assertEquals(after.overlays, []);
  assertMatch(messageLine(after), /read-only mode/);
});
