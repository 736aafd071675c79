/**
 * The `a` actions menu with its prompts and confirmations, and the y/N question of F1-F3 on several backends:
 * the exact commands sent, and what is refused. Each test drives `update` with events and reads what `view`
 * draws.
 *
 * @module
 */
import { ch, cursorOn, key, opened, run, screen, snap, typeText as type } from "../support/app.ts";
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { fixture, messageLine, sent, start } from "./_stat_views.ts";
import type { Command, Event, State } from "../../src/app/model/state.ts";
import { fixtureSnapshot, smallSnapshot } from "../support/snapshots.ts";

Deno.test("actions: each key of the menu sends its exact command for the selected server", () => {
  const s = cursorOn(fixture(), "web", "web2");
  const cases: [string, string][] = [
    ["r", "set server web/web2 state ready"],
    ["d", "set server web/web2 state drain"],
    ["m", "set server web/web2 state maint"],
    ["h", "enable health web/web2"],
    ["H", "disable health web/web2"],
    ["g", "enable agent web/web2"],
    ["G", "disable agent web/web2"],
  ];
  for (const [k, command] of cases) {
    const [after, c] = run(s, ch("a"), ch(k));
    assertEquals(c, [{ type: "send", origin: "action", commands: [command], rowKeys: ["2|web|web2"] }], k);
    assertEquals(opened(after).dialog, undefined);
    assert(after.pending.has("2|web|web2"), "the row shows as updating");
  }
  const [, c] = run(s, ch("a"), key("down"), key("down"), key("enter"));
  assertEquals(sent(c), [["set server web/web2 state maint"]], "UP/DOWN + ENTER picks too");
  const [up, c2] = run(s, ch("a"), key("up"), key("enter"));
  assertEquals(c2, [], "UP wraps to the last entry, shutdown sessions, which asks first");
  const question = opened(up).dialog;
  assert(question?.kind === "confirm");
  assertEquals(question.commands, ["shutdown sessions server web/web2"]);
});

Deno.test("actions: the menu is drawn over the table; ESC cancels and sends nothing", () => {
  let [s] = run(start("status", {}, { columns: 80, rows: 30 }), snap(fixtureSnapshot()));
  s = cursorOn(s, "web", "web2");
  [s] = run(s, ch("a"));
  const text = screen(s).join("\n");
  assert(text.includes("Actions on web/web2"), text);
  assertMatch(text, /\| > r {2}ready: back in load balancing +\|/);
  assertMatch(text, /\| {3}k {2}shutdown sessions \(kills every session\) +\|/);
  assert(text.includes("key or UP/DOWN+ENTER picks, ESC cancels"));
  const [after, c] = run(s, key("escape"));
  assertEquals(c, []);
  assertEquals(opened(after).dialog, undefined);
  assertEquals(after.view, "status");
  assertMatch(messageLine(after), /cancelled: nothing was sent/);
  const [x, cx] = run(s, ch("x"));
  assertEquals(cx, []);
  assertEquals(opened(x).dialog?.kind, "actions", "an unknown key leaves the menu open");
});

Deno.test("actions: weight prompt refuses 300, accepts 50% and 0-256; maxconn refuses abc", () => {
  let s = cursorOn(fixture(), "web", "web2");
  let c: Command[];
  [s, c] = run(s, ch("a"), ch("w"), ...type("300"), key("enter"));
  assertEquals(c, []);
  assertEquals(opened(s).dialog?.kind, "prompt");
  let d = opened(s).dialog;
  assert(d?.kind === "prompt" && d.error?.includes("at most 256"));
  assertMatch(screen(s).join("\n"), /! an absolute weight is at most 256/);
  [s] = run(s, key("backspace"), key("backspace"), key("backspace"), ...type("50%"));
  d = opened(s).dialog;
  assert(d?.kind === "prompt" && d.error === undefined, "typing clears the error");
  assertMatch(screen(s).join("\n"), /> 50%/);
  [s, c] = run(s, key("enter"));
  assertEquals(sent(c), [["set weight web/web2 50%"]]);
  assertEquals(opened(s).dialog, undefined);
  [, c] = run(cursorOn(s, "web", "web2"), ch("a"), ch("w"), ...type("256"), key("enter"));
  assertEquals(sent(c), [["set weight web/web2 256"]]);
  [, c] = run(cursorOn(s, "web", "web2"), ch("a"), ch("w"), ...type("x1"), key("enter"));
  assertEquals(c, [], "not a number");

  [s, c] = run(cursorOn(s, "web", "web2"), ch("a"), ch("c"), ...type("abc"), key("enter"));
  assertEquals(c, []);
  d = opened(s).dialog;
  assert(d?.kind === "prompt" && d.error?.includes("whole number"));
  assertMatch(screen(s).join("\n"), /! maxconn is a whole number/);
  [s, c] = run(s, key("ctrl", "u"), ...type("10"), key("enter"));
  assertEquals(sent(c), [["set maxconn server web/web2 10"]]);
  [s, c] = run(cursorOn(s, "web", "web2"), ch("a"), ch("c"), ...type("5"), key("escape"));
  assertEquals(c, [], "ESC in a prompt sends nothing");
  assertEquals(opened(s).dialog, undefined);
});

Deno.test("actions: shutdown sessions asks y/N first: n and ESC send nothing, y sends it", () => {
  const s = cursorOn(fixture(), "web", "web2");
  const [asked, none] = run(s, ch("a"), ch("k"));
  assertEquals(none, []);
  assertEquals(opened(asked).dialog?.kind, "confirm");
  const text = screen(asked).join("\n");
  assert(text.includes("shutdown sessions server web/web2"), text);
  assert(text.includes("y sends, n or ESC cancels"), text);
  for (const no of [ch("n"), ch("N"), key("escape")]) {
    const [after, c] = run(asked, no);
    assertEquals(c, []);
    assertEquals(opened(after).dialog, undefined);
    assertMatch(messageLine(after), /cancelled: nothing was sent/);
  }
  const [still, c0] = run(asked, ch("x"), key("enter"));
  assertEquals(c0, [], "other keys (ENTER too) do not confirm");
  assertEquals(opened(still).dialog?.kind, "confirm");
  const [, c] = run(asked, ch("y"));
  assertEquals(c, [{
    type: "send",
    origin: "action",
    commands: ["shutdown sessions server web/web2"],
    rowKeys: ["2|web|web2"],
  }]);
});

Deno.test("actions: refused with a message for read-only, level operator or user, and when disconnected", () => {
  const on = (s: State) => cursorOn(s, "web", "web2");
  const level = (l: "user" | "operator" | "admin"): Event => ({ type: "level", level: l, now: 1 });
  const cases: [string, State, RegExp][] = [
    [
      "read-only",
      on(run(start("status", { readOnly: true }), snap(fixtureSnapshot()))[0]),
      /read-only mode: no actions/,
    ],
    [
      "operator",
      on(run(fixture(), level("operator"))[0]),
      /level is operator; server actions need level admin/,
    ],
    ["user", on(run(fixture(), level("user"))[0]), /level is user/],
    [
      "disconnected",
      on(run(fixture(), { type: "refreshFailed", error: "connection refused", now: 1 })[0]),
      /HAProxy is not connected/,
    ],
  ];
  for (const [name, s, re] of cases) {
    const [after, c] = run(s, ch("a"), ch("m"));
    assertEquals(c, [], name);
    assertEquals(opened(after).dialog, undefined, name);
    assert(re.test(after.message?.text ?? ""), `${name}: ${after.message?.text}`);
  }
  const [admin] = run(on(run(fixture(), level("admin"))[0]), ch("a"));
  assertEquals(opened(admin).dialog?.kind, "actions", "level admin may act");
  const [backend] = run(cursorOn(fixture(), "web", "BACKEND"), ch("a"));
  assertEquals(opened(backend).dialog, undefined);
  assertMatch(backend.message?.text ?? "", /actions work on server rows/);
});

Deno.test("F1/F2/F3 on a server in several backends ask first, listing the commands; on one they act at once", () => {
  const small = smallSnapshot([
    ["a", "app1", "UP", 1, 3, 1, 2],
    ["b", "app1", "UP", 1, 4, 1, 2],
    ["b", "solo", "UP", 1, 4, 2, 2],
  ]);
  let [s] = run(start(), snap(small));
  s = cursorOn(s, "b", "app1");
  for (const [f, verb] of [["f1", "enable server"], ["f2", "disable server"]] as const) {
    const [asked, none] = run(s, key(f));
    assertEquals(none, [], f);
    const question = opened(asked).dialog;
    assert(question?.kind === "confirm");
    assertEquals(question.commands, [`${verb} a/app1`, `${verb} b/app1`]);
    const text = screen(asked).join("\n");
    assert(text.includes(`${f.toUpperCase()} acts on 2 backends:`), text);
    assert(text.includes(`${verb} a/app1`) && text.includes(`${verb} b/app1`), text);
    const [no, c] = run(asked, ch("n"));
    assertEquals(c, []);
    assertEquals(opened(no).dialog, undefined);
    const [, yes] = run(asked, ch("y"));
    assertEquals(sent(yes), [[`${verb} a/app1`, `${verb} b/app1`]]);
  }
  const [, c3] = run(cursorOn(s, "b", "solo"), key("f3"));
  assertEquals(sent(c3), [["set server b/solo state drain"]], "one backend: at once");
});
