/**
 * Bulk actions in the monitor: the menu on the tagged servers (or the selected one), the preview of every
 * target and its exact command, the `bulk` command carrying exactly that plan, the results with HAProxy's
 * refusal, and what is refused before any preview (level, read-only). Each test drives `update` and reads
 * what `view` draws.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../../support/assert.ts";
import { ch, cursorOn, key, run, screen, typeText } from "../../support/app.ts";
import { init } from "../../../src/app/mod.ts";
import { screenLayout } from "../../../src/app/model/layout.ts";
import type { Command, Event, State } from "../../../src/app/model/state.ts";
import type { TargetResult } from "../../../src/bulk/mod.ts";
import { config, POOL, pool, type PoolRow, started } from "../_pool.ts";

const text = (s: State) => screen(s).join("\n");
const messageLine = (s: State) => screen(s)[screenLayout(s.size).message.y];
/** The plans the commands carry, as `instance: command` lines. */
const plans = (c: Command[]) =>
  c.flatMap((x) =>
    x.type === "bulk"
      ? x.plan.instances.flatMap((i) => i.targets.map((t) => `${i.instance}: ${t.command}`))
      : []
  );
const bulkOf = (c: Command[]) => c.find((x): x is Extract<Command, { type: "bulk" }> => x.type === "bulk")!;

/** Every web server tagged through the filter. */
function taggedWebs(s = started()): State {
  return run(s, ch("/"), ...typeText("web"), key("enter"), ch("T"), key("escape"), key("escape"))[0];
}

Deno.test("a with tags: the bulk menu, a preview of every target and command; y sends exactly that plan", () => {
  let s = taggedWebs();
  [s] = run(s, ch("a"));
  assertMatch(text(s), /\| Bulk actions on 3 servers +\|/);
  assertMatch(text(s), /\| > r {2}ready: back in load balancing +\|/);
  let c: Command[];
  [s, c] = run(s, ch("d"));
  assertEquals(c, [], "nothing is sent before the confirmation");
  const shown = text(s);
  assertMatch(shown, /\| Preview: drain for 3 servers +\|/);
  for (const [sv, ref] of [["web1", "#3/#1"], ["web2", "#3/#2"], ["web3", "#3/#3"]]) {
    assertMatch(shown, new RegExp(`\\| be_pool/${sv} \\[${ref}\\]  set server ${ref} state drain +\\|`));
  }
  assertMatch(shown, /y sends exactly these, n or ESC cancels/);
  assertMatch(screen(s)[screenLayout(s.size).footer.y], / UP\/DOWN=SCROLL Y=SEND N=CANCEL $/);
  [s, c] = run(s, ch("y"));
  assertEquals(plans(c), [
    "/a.sock: set server #3/#1 state drain",
    "/a.sock: set server #3/#2 state drain",
    "/a.sock: set server #3/#3 state drain",
  ]);
  assertEquals(bulkOf(c).rowKeys, ["2|be_pool|web1", "2|be_pool|web2", "2|be_pool|web3"]);
  assert(s.pending.has("2|be_pool|web2"), "the rows show as updating");
  assertMatch(text(s), /Sending: drain for 3 servers/);

  // The replies: one refused, the others done; the result list says so, with HAProxy's text.
  const plan = bulkOf(c).plan;
  const results: TargetResult[] = plan.instances[0].targets.map((t, i) =>
    i === 1 ? { ...t, outcome: "refused", message: "No such server." } : { ...t, outcome: "ok" }
  );
  const done: Event = { type: "bulkDone", results, rowKeys: bulkOf(c).rowKeys, now: 3 };
  [s, c] = run(s, done);
  assertEquals(c.map((x) => x.type), ["refresh"]);
  const result = text(s);
  assertMatch(result, /\| Result: drain: 2 ok, 1 refused +\|/);
  assertMatch(result, /\| be_pool\/web1 \[#3\/#1\] {2}ok +\|/);
  assertMatch(result, /\| be_pool\/web2 \[#3\/#2\] {2}refused: No such server\. +\|/);
  assertMatch(messageLine(s), /bulk actions: 2 ok, 1 refused/);
  assertEquals(s.cli.output.slice(-7), [
    "> set server #3/#1 state drain",
    "",
    "> set server #3/#2 state drain",
    "! refused: No such server.",
    "",
    "> set server #3/#3 state drain",
    "",
  ]);
  [s] = run(s, key("escape"));
  assertEquals(s.overlays, []);
});

Deno.test("the preview is the plan sent: a refresh while it is open, or tags changed, do not change it", () => {
  let s = taggedWebs();
  [s] = run(s, ch("b"), ch("m"));
  // The refresh renames web3 (its tag is dropped) and adds web9: the plan stays as previewed.
  [s] = run(s, pool([POOL[0], POOL[1], ["be_pool", "web9", "UP", 1, 3, 3, 2], ...POOL.slice(3)]));
  const [, c] = run(s, ch("y"));
  assertEquals(plans(c), [
    "/a.sock: set server #3/#1 state maint",
    "/a.sock: set server #3/#2 state maint",
    "/a.sock: set server #3/#3 state maint",
  ]);
});

Deno.test("b without tags acts on the selected server; n, ESC cancel at every step and send nothing", () => {
  const s = cursorOn(started(), "be_api", "api1");
  const [preview] = run(s, ch("b"), ch("H"));
  assertMatch(text(preview), /\| be_api\/api1 \[#4\/#1\] {2}disable health #4\/#1 +\|/);
  for (const keys of [[ch("n")], [key("escape")]]) {
    const [after, c] = run(preview, ...keys);
    assertEquals([c, after.overlays], [[], []]);
    assertMatch(messageLine(after), /cancelled: nothing was sent/);
  }
  for (const stage of [[ch("b")], [ch("b"), ch("w")]]) {
    const [after, c] = run(s, ...stage, key("escape"));
    assertEquals([c, after.overlays], [[], []]);
  }
  const [row] = run(cursorOn(started(), "be_pool", "BACKEND"), ch("b"));
  assertEquals(row.overlays, []);
  assertMatch(messageLine(row), /bulk actions work on tagged servers \(t, T\) or a server row/);
});

Deno.test("the weight is asked and checked, absolute or percent; agent and health checks on and off", () => {
  const s = taggedWebs();
  let [w] = run(s, ch("a"), ch("w"), ...typeText("300"), key("enter"));
  assertMatch(text(w), /! an absolute weight is at most 256/);
  [w] = run(w, key("backspace"), key("backspace"), key("backspace"), ...typeText("50%"), key("enter"));
  assertMatch(text(w), /\| Preview: weight 50% for 3 servers +\|/);
  assertEquals(plans(run(w, ch("y"))[1])[0], "/a.sock: set weight #3/#1 50%");
  const cases: [string, string][] = [
    ["r", "set server #3/#1 state ready"],
    ["h", "enable health #3/#1"],
    ["H", "disable health #3/#1"],
    ["g", "enable agent #3/#1"],
    ["G", "disable agent #3/#1"],
  ];
  for (const [k, command] of cases) {
    assertEquals(plans(run(s, ch("a"), ch(k), ch("y"))[1])[0], `/a.sock: ${command}`);
  }
});

Deno.test("a socket below level admin is said before any preview; read-only refuses before anything", () => {
  const level: Event = { type: "level", level: "operator", now: 2 };
  const [s, c] = run(taggedWebs(), level, ch("a"));
  assertEquals([c, s.overlays], [[], []]);
  assertMatch(messageLine(s), /level is operator; server actions need level admin/);
  const [ro, c2] = run(taggedWebs(started({ readOnly: true })), ch("b"), ch("d"), ch("y"));
  assertEquals([c2, ro.overlays], [[], []]);
  assertMatch(messageLine(ro), /read-only mode: no actions/);
});

Deno.test("two sockets: an aggregate row tags the server on both; the preview groups targets by instance", () => {
  const [A, B] = ["/a.sock", "/b.sock"];
  const size = { columns: 100, rows: 30 };
  // On B, web2 has other ids: each instance's target has its own.
  const onB = POOL.map((r): typeof r => (r[1] === "web2" ? ["be_pool", "web2", "UP", 20, 3, 7, 2] : r));
  let [s] = run(
    init({ readOnly: false, intervalMs: 1000, color: false, socketName: A }, size, "status", 0, [], [A, B]),
    pool(POOL, A),
    pool(onB, B),
  );
  s = cursorOn(s, "be_pool", "web2");
  assertEquals(s.lines[s.scroll.cursor].key, "*|2|be_pool|web2", "the aggregate row");
  [s] = run(s, ch("t"));
  assertEquals([...s.tags!.keys()], [`${A} #3/#2`, `${B} #3/#7`]);
  [s] = run(s, ch("a"), ch("d"));
  const shown = text(s);
  assertMatch(shown, /\| Preview: drain for 2 servers on 2 instances +\|/);
  const at = screen(s).findIndex((l) => l.includes(`| ${A}:`));
  assert(at > 0, shown);
  assertMatch(screen(s)[at + 1], /\| {3}be_pool\/web2 \[#3\/#2\] {2}set server #3\/#2 state drain +\|/);
  assertMatch(screen(s)[at + 2], new RegExp(`\\| ${B}: +\\|`));
  assertMatch(screen(s)[at + 3], /\| {3}be_pool\/web2 \[#3\/#7\] {2}set server #3\/#7 state drain +\|/);
  const [, c] = run(s, ch("y"));
  assertEquals(plans(c), [`${A}: set server #3/#2 state drain`, `${B}: set server #3/#7 state drain`]);
  assertEquals(bulkOf(c).rowKeys, [`${A}|2|be_pool|web2`, `${B}|2|be_pool|web2`]);
});

Deno.test("a long preview and result list scroll; the window says how many lines are above and below", () => {
  const rows: PoolRow[] = Array.from({ length: 30 }, (_, i) => ["be_big", `s${i + 1}`, "UP", 1, 5, i + 1, 2]);
  let [s] = run(init(config, { columns: 100, rows: 24 }, "status", 0), pool(rows));
  [s] = run(s, ch("/"), ...typeText("be_big"), key("enter"), ch("T"), ch("a"), ch("m"));
  assertMatch(text(s), /\| Preview: maint for 30 servers +\|/);
  assertMatch(text(s), /\| be_big\/s1 \[#5\/#1\] {2}set server #5\/#1 state maint +\|/);
  const window = (st: State) => /\((\d+) above, (\d+) below\)/.exec(text(st))!.slice(1).map(Number);
  const [, below] = window(s);
  assertEquals(window(s)[0], 0);
  [s] = run(s, key("down"), key("down"));
  assertEquals(window(s), [2, below - 2]);
  assert(!text(s).includes("be_big/s1 "), "s1 scrolled out");
  [s] = run(s, key("end"));
  assertEquals(window(s)[1], 0);
  assertMatch(text(s), /\| be_big\/s30 \[#5\/#30\] {2}set server #5\/#30 state maint +\|/);
  [s] = run(s, key("pageup"), key("home"));
  assertEquals(window(s), [0, below]);
  const [sending, c] = run(s, ch("y"));
  const plan = bulkOf(c).plan;
  const results: TargetResult[] = plan.instances[0].targets.map((t) => ({ ...t, outcome: "ok" }));
  [s] = run(sending, { type: "bulkDone", results, rowKeys: bulkOf(c).rowKeys, now: 3 });
  assertMatch(text(s), /\| Result: maint: 30 ok +\|/);
  [s] = run(s, key("end"));
  assertMatch(text(s), /\| be_big\/s30 \[#5\/#30\] {2}ok +\|/);
  assertEquals(window(s)[1], 0);
  [s] = run(s, key("escape"));
  assertEquals(s.overlays, []);
});
