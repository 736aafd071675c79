import { assert, assertEquals } from "../../support/assert.ts";
import { ch, cursorOn, key, opened, run, screen, snap } from "../../support/app.ts";
import { connectionError, isConnected } from "../../../src/app/model/instances.ts";
import { init } from "../../../src/app/mod.ts";
import { selectedLine } from "../../../src/app/model/stat_table.ts";
import type { Command, Config, Event, State, ViewId } from "../../../src/app/model/state.ts";
import type { Key } from "../../../src/tui/types.ts";
import { fixtureSnapshot, smallSnapshot } from "../../support/snapshots.ts";

const config: Config = { readOnly: false, intervalMs: 3000, color: true, socketName: "/tmp/admin.sock" };
const size = { columns: 80, rows: 25 };

function start(view: ViewId = "status", cfg: Partial<Config> = {}): State {
  return init({ ...config, ...cfg }, size, view, 0);
}

Deno.test("TAB and SHIFT-TAB cycle the modes; read-only skips the CLI", () => {
  let [s] = run(start(), key("tab"), key("tab"), key("tab"), key("tab"));
  assertEquals(s.view, "cli");
  [s] = run(s, key("tab"));
  assertEquals(s.view, "status");
  [s] = run(s, key("backtab"));
  assertEquals(s.view, "cli");
  let [r] = run(start("status", { readOnly: true }), key("backtab"));
  assertEquals(r.view, "errors");
  [r] = run(r, key("tab"));
  assertEquals(r.view, "status");
  [r] = run(r, ch("5"));
  assertEquals(r.view, "status", "5 does nothing in read-only mode");
});

Deno.test("digits and ALT-n switch modes; ESC goes back; H in help keeps the previous mode", () => {
  let [s] = run(start(), ch("3"));
  assertEquals(s.view, "http");
  [s] = run(s, ch("h"), ch("H"), ch("?"));
  assertEquals(s.view, "help");
  [s] = run(s, key("escape"));
  assertEquals(s.view, "http", "ESC returns to the mode before help");
  [s] = run(s, key("escape", undefined, true));
  assertEquals(s.view, "help", "ESC ESC (one key) toggles back once");
  [s] = run(s, key("escape", undefined, true));
  [s] = run(s, ch("5"), ch("2"));
  assertEquals(s.view, "cli");
  assertEquals(s.cli.input.text, "2", "digits are text in the CLI");
  [s] = run(s, key("char", "2", true));
  assertEquals(s.view, "traffic", "ALT-2 leaves the CLI");
  [s] = run(s, key("char", "x", true));
  assertEquals(s.view, "traffic", "ALT-x does nothing (and does not crash)");
});

Deno.test("q quits in the stat modes but is text in the CLI; Ctrl-C quits everywhere", () => {
  let [s, c] = run(start(), ch("q"));
  assertEquals(c, [{ type: "quit", code: 0 }]);
  [s, c] = run(start("cli"), ch("q"));
  assertEquals(c, []);
  assertEquals(s.cli.input.text, "q");
  [s, c] = run(s, key("ctrl", "c"));
  assertEquals(c, [{ type: "quit", code: 0 }]);
});

Deno.test("the cursor stays on the same server when a refresh reorders and adds rows", () => {
  const a = smallSnapshot([
    ["be", "s1", "UP", 1, 3, 1, 2],
    ["be", "s2", "UP", 1, 3, 2, 2],
    ["be", "s3", "UP", 1, 3, 3, 2],
    ["be", "BACKEND", "UP", 3, 3, 0, 1],
  ]);
  let [s] = run(start(), snap(a));
  s = cursorOn(s, "be", "s2");
  const b = smallSnapshot([
    ["fe", "FRONTEND", "OPEN", "", 2, 0, 0],
    ["be", "s0", "UP", 1, 3, 4, 2],
    ["be", "s1", "UP", 1, 3, 1, 2],
    ["be", "s2", "DOWN", 1, 3, 2, 2],
    ["be", "BACKEND", "UP", 3, 3, 0, 1],
  ]);
  [s] = run(s, snap(b));
  const line = selectedLine(s);
  assert(line?.kind === "row");
  assertEquals(`${line.row.pxname}/${line.row.svname}`, "be/s2");
  assertEquals(line.row.get("status"), "DOWN");
});

Deno.test("when the selected server disappears the cursor goes to its proxy's BACKEND, with a message", () => {
  const backend = ["be", "BACKEND", "UP", 2, 3, 0, 1] as const;
  const a = smallSnapshot([["be", "s1", "UP", 1, 3, 1, 2], ["be", "s2", "UP", 1, 3, 2, 2], backend]);
  let [s] = run(start(), snap(a));
  s = cursorOn(s, "be", "s2");
  [s] = run(s, key("enter"));
  assert(opened(s).menu);
  [s] = run(s, snap(smallSnapshot([["be", "s1", "UP", 1, 3, 1, 2], backend])));
  const line = selectedLine(s);
  assertEquals(line?.kind === "row" ? `${line.row.pxname}/${line.row.svname}` : line?.kind, "be/BACKEND");
  assert(!opened(s).menu, "the hotkey menu closes");
  assert(s.message?.text.includes("be/s2 is gone"));
  const [, c] = run(s, key("f10"));
  assertEquals(c, [], "no action on whatever row is there now");
});

Deno.test("F10 then F9 send exactly disable/enable server for the selected server", () => {
  let [s] = run(start(), snap(fixtureSnapshot()));
  s = cursorOn(s, "web", "web2");
  let c: Command[];
  [s, c] = run(s, key("f10"));
  assertEquals(c, [{
    type: "send",
    origin: "action",
    commands: ["disable server web/web2"],
    rowKeys: ["2|web|web2"],
  }]);
  assert(s.pending.has("2|web|web2"));
  [s, c] = run(s, key("f9"));
  assertEquals(c[0].type === "send" && c[0].commands, ["enable server web/web2"]);
});

Deno.test("F1/F2/F3 act on every backend that has a server of that name; F3 drains each", () => {
  const snapshot = smallSnapshot([
    ["a", "app1", "UP", 1, 3, 1, 2],
    ["b", "app1", "UP", 1, 4, 1, 2],
    ["b", "app2", "UP", 1, 4, 2, 2],
    ["c", "app1", "UP", 1, 5, 7, 2],
  ]);
  let [s] = run(start(), snap(snapshot));
  s = cursorOn(s, "b", "app1");
  let [r, c] = run(s, key("f3"));
  assertEquals(c, [], "several backends: asked first");
  assertEquals(opened(r).dialog?.kind, "confirm");
  [r, c] = run(r, ch("y"));
  assertEquals(c[0].type === "send" && c[0].commands, [
    "set server a/app1 state drain",
    "set server b/app1 state drain",
    "set server c/app1 state drain",
  ]);
  [r, c] = run(s, key("f2"), ch("n"));
  assertEquals(c, [], "n cancels");
  assertEquals(opened(r).dialog, undefined);
  [r, c] = run(s, key("f2"), key("escape"));
  assertEquals(c, [], "ESC cancels");
  [, c] = run(s, key("f2"), ch("Y"));
  assertEquals(c[0].type === "send" && c[0].commands.length, 3);
});

Deno.test("weight hotkeys stay within 0..256 and F4 restores 100%", () => {
  const snapshot = smallSnapshot([["be", "lo", "UP", 5, 3, 1, 2], ["be", "hi", "UP", 250, 3, 2, 2]]);
  let [s] = run(start(), snap(snapshot));
  s = cursorOn(s, "be", "lo");
  const cmds = (k: Key["name"]) => {
    const [, c] = run(s, key(k));
    return c[0]?.type === "send" ? c[0].commands : [];
  };
  assertEquals(cmds("f5"), ["set weight be/lo 0"]);
  assertEquals(cmds("f6"), ["set weight be/lo 4"]);
  assertEquals(cmds("f7"), ["set weight be/lo 6"]);
  assertEquals(cmds("f4"), ["set weight be/lo 100%"]);
  s = cursorOn(s, "be", "hi");
  assertEquals(cmds("f8"), ["set weight be/hi 256"]);
});

Deno.test("read-only: no menu, no hotkey, no paste, no CLI", () => {
  let [s] = run(start("status", { readOnly: true }), snap(fixtureSnapshot()));
  s = cursorOn(s, "web", "web1");
  const [r, c] = run(s, key("enter"), key("f10"), key("f1"), ch(" "), ch("5"));
  assertEquals(c, []);
  assert(!opened(r).menu);
  assertEquals(r.view, "status");
});

Deno.test("a socket below level admin: hotkeys are refused with the reason, nothing is sent", () => {
  let [s] = run(start(), snap(fixtureSnapshot()), { type: "level", level: "operator", now: 1 });
  s = cursorOn(s, "web", "web1");
  const [r, c] = run(s, key("f10"));
  assertEquals(c, []);
  assert(r.message?.text.includes("level is operator"));
});

Deno.test("ENTER opens the menu on a server row only; any other key closes it, ENTER is consumed", () => {
  let [s] = run(start(), snap(fixtureSnapshot()));
  [s] = run(s, key("enter"));
  assert(!opened(s).menu, "not on the proxy line");
  s = cursorOn(s, "web", "web1");
  [s] = run(s, key("enter"));
  assert(opened(s).menu);
  const [afterEnter] = run(s, key("enter"));
  assert(!opened(afterEnter).menu);
  const [afterDown] = run(s, key("down"));
  assert(!opened(afterDown).menu);
  assertEquals(selectedLine(afterDown)?.kind === "row" && selectedLine(afterDown)?.key, "2|web|web2");
});

Deno.test("SPACE pastes proxy/server into the CLI input and opens the CLI", () => {
  let [s] = run(start(), snap(fixtureSnapshot()));
  s = cursorOn(s, "web", "web3");
  [s] = run(s, ch(" "));
  assertEquals(s.view, "cli");
  assertEquals(s.cli.input, { text: "web/web3", cursor: 8 });
});

Deno.test("CLI: a ';' line is sent as separate commands; refused words are refused whatever the spacing", () => {
  let [s] = run(start("cli"));
  for (const t of "show info;show  stat") [s] = run(s, ch(t));
  let c: Command[];
  [s, c] = run(s, key("enter"));
  assertEquals(c, [
    { type: "send", origin: "cli", commands: ["show info", "show  stat"], rowKeys: [] },
    { type: "remember", line: "show info;show  stat" },
  ]);
  assertEquals(s.cli.input.text, "");
  [s] = run(s, { type: "sent", origin: "cli", results: [], rowKeys: [], now: 3 });
  for (const t of "show info; set  timeout   cli 5") [s] = run(s, ch(t));
  [s, c] = run(s, key("enter"));
  assertEquals(c, []);
  assert(s.cli.output.some((l) => l.includes("not allowed: set timeout cli")));
  assertEquals(s.cli.input.text, "", "the refused line leaves the input line, so nothing is glued to it");
  [s] = run(s, key("up"));
  assertEquals(s.cli.input.text, "show info; set  timeout   cli 5", "UP brings it back to be fixed");
});

Deno.test("CLI: empty ENTER logs a timestamped marker and sends nothing", () => {
  const [s, c] = run(start("cli"), key("enter"));
  assertEquals(c, []);
  assert(/^- \w{3} \w{3} .* -{50}$/.test(s.cli.output.at(-2)!));
});

Deno.test("CLI: history is not cyclic and the unsent line comes back", () => {
  let [s] = run(start("cli"));
  const type = (t: string) => {
    for (const x of t) [s] = run(s, ch(x));
  };
  type("show info");
  [s] = run(s, key("enter"), { type: "sent", origin: "cli", results: [], rowKeys: [], now: 3 });
  type("show stat");
  [s] = run(s, key("enter"), { type: "sent", origin: "cli", results: [], rowKeys: [], now: 3 });
  type("draft");
  [s] = run(s, key("up"));
  assertEquals(s.cli.input.text, "show stat");
  [s] = run(s, key("up"), key("up"), key("up"));
  assertEquals(s.cli.input.text, "show info", "stops at the oldest");
  [s] = run(s, key("down"), key("down"));
  assertEquals(s.cli.input.text, "draft");
});

Deno.test("a reply is logged in the CLI; an action's reply is shown as a message; pending clears on refresh", () => {
  let [s] = run(start(), snap(fixtureSnapshot()));
  s = cursorOn(s, "web", "web1");
  [s] = run(s, key("f10"));
  let c: Command[];
  [s, c] = run(s, {
    type: "sent",
    origin: "action",
    results: [{ command: "disable server web/web1", output: "Permission denied" }],
    rowKeys: ["2|web|web1"],
    now: 5,
  });
  assertEquals(c, [{ type: "refresh", seq: 1 }]);
  assert(s.message?.text.includes("Permission denied"));
  assert(s.cli.output.includes("> disable server web/web1"));
  assert(s.pending.has("2|web|web1"));
  [s] = run(s, snap(fixtureSnapshot(), 0));
  assert(s.pending.has("2|web|web1"), "a refresh requested before the reply does not clear it");
  [s] = run(s, snap(fixtureSnapshot(), 1));
  assert(!s.pending.has("2|web|web1"));
});

Deno.test("a refresh failure marks the monitor disconnected; the next snapshot reconnects it", () => {
  let [s] = run(start(), snap(fixtureSnapshot()), {
    type: "refreshFailed",
    error: "connection closed",
    now: 9,
  });
  assert(!isConnected(s));
  assertEquals(connectionError(s), "connection closed");
  [s] = run(s, snap(smallSnapshot([["be", "s1", "UP", 1, 3, 1, 2]], 200)));
  assert(isConnected(s));
  assert(s.message?.text.includes("pid 21654 -> 200"));
});

Deno.test("below 78x20 only quitting works; growing back restores the view", () => {
  let [s] = run(start(), { type: "resize", size: { columns: 60, rows: 15 }, now: 1 }, ch("3"));
  assertEquals(s.view, "status");
  [s] = run(s, { type: "resize", size: { columns: 80, rows: 25 }, now: 1 }, ch("3"));
  assertEquals(s.view, "http");
});

Deno.test("problems in HAProxy's reply are shown once, when they change", () => {
  const bad = smallSnapshot([["be", "s1", "UP", 1, 3, 1, 2]]);
  const withWarning = { ...bad, warnings: ['show stat: row 2: garbage iid "x"'] };
  let [s] = run(start(), snap(withWarning));
  assertEquals(s.message?.text, 'show stat: row 2: garbage iid "x"');
  [s] = run(s, { type: "tick", now: 100000 });
  assertEquals(s.message, undefined, "messages expire");
  [s] = run(s, snap(withWarning));
  assertEquals(s.message, undefined, "the same warning is not repeated every refresh");
});

Deno.test("a click on a footer tab switches mode from help and from the CLI too", () => {
  const click = (x: number): Event => ({
    type: "key",
    key: { name: "mouse", mouse: { button: 0, x, y: 24, release: false } },
    now: 1,
  });
  let [s] = run(start("cli"), click(12));
  assertEquals(s.view, "traffic", "from the CLI to 2-TRAFFIC");
  [s] = run(s, ch("h"), click(1));
  assertEquals(s.view, "status", "from help to 1-STATUS");
});

Deno.test("the actions menu keeps the selected entry visible at the smallest size", () => {
  let s = init(config, { columns: 80, rows: 20 }, "status", 0);
  [s] = run(s, snap(fixtureSnapshot()));
  s = cursorOn(s, "web", "web1");
  [s] = run(s, ch("a"), ...Array.from({ length: 9 }, () => key("down")));
  const lines = screen(s);
  assert(lines.some((l) => l.includes("> k  shutdown sessions")), lines.join("\n"));
});

Deno.test("F1-F3 find the other backends even when a filter hides them", () => {
  const snapshot = smallSnapshot([["a", "app1", "UP", 1, 3, 1, 2], ["b", "app1", "UP", 1, 4, 1, 2]]);
  let [s] = run(start(), snap(snapshot), ch("/"), ch("b"), key("enter"));
  s = cursorOn(s, "b", "app1");
  const [r] = run(s, key("f2"));
  const question = opened(r).dialog;
  assert(question?.kind === "confirm");
  assertEquals(question.commands, ["disable server a/app1", "disable server b/app1"]);
});
