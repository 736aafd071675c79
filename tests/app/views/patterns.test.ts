/**
 * The maps and ACLs views on the captured replies: the lists, the entries of one, typed edits previewed with
 * their exact command, values HAProxy would cut refused with the reason, and the level 3.4 needs.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../../support/assert.ts";
import { ch, key, opened, run, typeText } from "../../support/app.ts";
import { answered, body, commandsOf, messageLine, reply, sends, started } from "./_runtime.ts";
import { RELEASE_LINES } from "../../runtime/_fixtures.ts";
import type { State } from "../../../src/app/model/state.ts";

const MAP = "/tmp/hatop-lab-XXXXXXXX/routes.map";
const ACL = "/tmp/hatop-lab-XXXXXXXX/blocklist.acl";

/** The entries of the lab's map on a release's capture. */
function mapEntries(opts?: Parameters<typeof started>[0]): State {
  let [s] = run(started(opts), ch("8"));
  [s] = answered(s, reply("2.6", "show-map"));
  [s] = run(s, key("enter"));
  [s] = answered(s, reply("2.6", "show-map-entries"));
  return s;
}

for (const line of RELEASE_LINES) {
  Deno.test(`${line}: the maps and ACLs lists, and their entries, as show map and show acl print them`, () => {
    let [s] = run(started(), ch("8"));
    assertEquals(commandsOf(s), ["show map"]);
    [s] = answered(s, reply(line, "show-map"));
    const [, id, count] = reply(line, "show-map").match(/^(\d+) \(.*?\).*?(?:entry_cnt=(\d+))?$/m)!;
    assertMatch(body(s)[2], new RegExp(`^ *${id} ${MAP} +${count ?? ""} +pattern loaded from file`));
    [s] = run(s, key("enter"));
    assertEquals(commandsOf(s), [`show map ${MAP}`]);
    [s] = answered(s, reply(line, "show-map-entries"));
    assertEquals(body(s).slice(2, 4).map((l) => l.split(/ +/).join(" ")), ["/api api", "/static static"]);
    [s] = run(s, ch("t"));
    assertEquals(commandsOf(s), ["show acl"]);
    [s] = answered(s, reply(line, "show-acl"));
    assert(body(s).some((l) => new RegExp(`^ *\\d+ ${ACL} `).test(l)), body(s).join("\n"));
    assert(
      body(s).some((l) => /^ *\d+ \(inline\) +\S* *acl 'src'/.test(l)),
      "an inline ACL is named (inline)",
    );
  });
}

Deno.test("a: a map entry typed, shown as its exact command, sent once confirmed", () => {
  let [s, c] = run(mapEntries(), ch("a"), ...typeText("/blocked denied"), key("enter"));
  const dialog = opened(s).dialog;
  assert(dialog?.kind === "confirm");
  assertEquals([dialog.title, dialog.lines], [`Add this entry to ${MAP}?`, [
    `add map ${MAP} /blocked denied`,
  ]]);
  assertEquals(sends(c), [], "nothing before y");
  [s, c] = run(s, ch("y"));
  assertEquals(sends(c), [`add map ${MAP} /blocked denied`]);
});

Deno.test("a value with spaces is refused with the reason; a key alone asks for the value", () => {
  let [s, c] = run(mapEntries(), ch("a"), ...typeText("/x two words"), key("enter"));
  const dialog = opened(s).dialog;
  assert(dialog?.kind === "entry");
  assertEquals(dialog.error, `a value holds no spaces: HAProxy would store "two" and drop the rest`);
  [s, c] = run(s, key("ctrl", "u"), ...typeText("/x"), key("enter"));
  assertEquals((opened(s).dialog as { error?: string }).error, "type the key, a space, then the value");
  [s, c] = run(s, key("escape"));
  assertEquals([opened(s).dialog, sends(c)], [undefined, []]);
});

Deno.test("e sets the selected entry (its value typed over), d deletes it, both confirmed", () => {
  let [s, c] = run(mapEntries(), ch("e"));
  assertEquals((opened(s).dialog as { input: { text: string } }).input.text, "/api api");
  [s, c] = run(s, key("ctrl", "w"), ...typeText("v2"), key("enter"), ch("y"));
  assertEquals(sends(c), [`set map ${MAP} /api v2`]);
  [s, c] = run(s, key("down"), ch("d"));
  assertEquals(opened(s).dialog?.kind === "confirm" && opened(s).dialog, {
    kind: "confirm",
    title: `Delete /static from ${MAP}?`,
    lines: [`del map ${MAP} /static`],
    commands: [`del map ${MAP} /static`],
    rowKeys: [],
    instance: "/a.sock",
  });
  [s, c] = run(s, ch("y"));
  assertEquals(sends(c), [`del map ${MAP} /static`]);
});

Deno.test("ACL patterns: a adds, d deletes; e says an ACL entry has no value", () => {
  let [s] = run(started(), ch("8"), ch("t"));
  [s] = answered(s, reply("2.6", "show-acl"));
  [s] = run(s, key("enter"));
  assertEquals(commandsOf(s), [`show acl ${ACL}`]);
  [s] = answered(s, reply("2.6", "show-acl-entries"));
  let c;
  [s, c] = run(s, ch("a"), ...typeText("203.0.113.7"), key("enter"), ch("y"));
  assertEquals(sends(c), [`add acl ${ACL} 203.0.113.7`]);
  [s, c] = run(s, ch("d"), ch("y"));
  assertEquals(sends(c), [`del acl ${ACL} 192.0.2.1`]);
  [s] = run(s, ch("e"));
  assertEquals(messageLine(s), "an ACL entry has no value: d deletes it, a adds another");
});

Deno.test("3.4 needs level admin for maps: the view says so, and no edit is offered at level operator", () => {
  let [s] = run(started({ level: "operator", version: "3.4.7-1" }), ch("8"));
  assertEquals(body(s)[2].trim(), "needs level admin (this socket is at level operator)");
  [s] = run(started({ level: "operator" }), ch("8"));
  assertEquals(commandsOf(s), ["show map"], "2.6: any level reads maps");
  let c;
  [s, c] = run(mapEntries({ level: "operator", version: "3.4.7-1" }), ch("a"));
  assertEquals([opened(s).dialog, sends(c)], [undefined, []]);
  assertMatch(
    messageLine(s),
    /^not sent: needs level admin \(this socket is at level operator\): add map <file>/,
  );
});
