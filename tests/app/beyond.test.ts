/**
 * Unit tests of the features beyond the original: the `/` filter, `s`/`S` sort, the `i` detail view, the
 * TREND column, the `a` actions menu with its prompts and confirmations, the y/N question of multi-backend
 * hotkeys, and the mouse. Each test drives `update` with events and reads what `view` draws.
 *
 * @module
 */
import { ch, cursorOn, key, mouse, opened, run, screen, snap, typeText as type } from "../support/app.ts";
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { init } from "../../src/app/mod.ts";
import { selectedLine } from "../../src/app/model/stat_table.ts";
import { screenLayout } from "../../src/app/model/layout.ts";
import type { Command, Config, Event, State, ViewId } from "../../src/app/model/state.ts";
import { TREND_LENGTH } from "../../src/app/domain/trends.ts";
import { parseInfo } from "../../src/stats/info.ts";
import { parseStat } from "../../src/stats/csv.ts";
import { buildSnapshot } from "../../src/stats/snapshot.ts";
import type { Snapshot } from "../../src/stats/types.ts";
import { fixtureInfoText, fixtureSnapshot, fixtureStatText, smallSnapshot } from "../support/snapshots.ts";

const config: Config = { readOnly: false, intervalMs: 3000, color: false, socketName: "/tmp/admin.sock" };
const SIZE = { columns: 80, rows: 25 };

function start(view: ViewId = "status", cfg: Partial<Config> = {}, size = SIZE): State {
  return init({ ...config, ...cfg }, size, view, 0);
}

/** The line above the footer (messages, the filter prompt). */
const messageLine = (s: State) => screen(s)[s.size.rows - 2];
/** The visible body rows of the table (below the header, above the message line), trimmed. */
const bodyRows = (s: State) =>
  screen(s).slice(13, 13 + screenLayout(s.size).body.height).map((l) => l.trimEnd());

/** Every line of the stat body as `proxy`, `px/sv` or `` (blank). */
function layout(s: State): string[] {
  return s.lines.map((l) =>
    l.kind === "proxy" ? `>>> ${l.name}` : l.kind === "row" ? `${l.row.pxname}/${l.row.svname}` : ""
  );
}
function selected(s: State): string | undefined {
  const line = selectedLine(s);
  return line?.kind === "row" ? `${line.row.pxname}/${line.row.svname}` : line?.kind;
}
function sent(c: Command[]): readonly string[][] {
  return c.flatMap((x) => (x.type === "send" ? [[...x.commands]] : []));
}
/** The fixture with one field of one row replaced. */
function fixtureWith(px: string, sv: string, field: string, value: string): Snapshot {
  const lines = fixtureStatText.split("\n");
  const header = lines[0].replace(/^# /, "").split(",");
  const i = header.indexOf(field);
  const text = lines.map((l) => {
    if (!l.startsWith(`${px},${sv},`)) return l;
    const cells = l.split(",");
    cells[i] = value;
    return cells.join(",");
  }).join("\n");
  return buildSnapshot(parseInfo(fixtureInfoText), [parseStat(text)]);
}
/** A snapshot of servers with rates: rows `[px, sv, type, sid, rate, req_rate]` (iid 2 for all). */
function rateSnapshot(
  rows: readonly (readonly [string, string, number, number, number, number])[],
): Snapshot {
  const csv = [
    "# pxname,svname,status,weight,iid,sid,type,rate,req_rate,",
    ...rows.map(([px, sv, t, sid, rate, req]) => `${px},${sv},UP,1,2,${sid},${t},${rate},${req},`),
  ].join("\n");
  return buildSnapshot(parseInfo("Name: HAProxy\nVersion: 2.6.12\nPid: 1\n"), [parseStat(csv + "\n")]);
}

const fixture = () => run(start(), snap(fixtureSnapshot()))[0];

// ---------------------------------------------------------------------------------------------- filter

Deno.test("filter: a server name keeps only that server under its proxy line, with the match count", () => {
  let [s] = run(fixture(), ch("/"), ...type("web2"));
  assert(opened(s).filterEditing);
  assertEquals(layout(s), [">>> web", "web/web2"]);
  assertEquals(s.matches, 1);
  assertMatch(messageLine(s), /^ Filter: web2 +1 matching \(ENTER keeps, ESC clears; ~ starts a regex\)/);
  assertEquals(bodyRows(s).filter((l) => l !== ""), [">>> web", bodyRows(s)[1]]);
  assertMatch(bodyRows(s)[1], /^web2 +50 UP/);
  [s] = run(s, key("backspace"), key("backspace"));
  assertEquals(s.filter, "we");
  assert(s.matches! > 1, "the filter applies as it is edited");
});

Deno.test("filter: case-insensitive; a proxy whose name matches keeps all its rows, FE and BE included", () => {
  let [s] = run(fixture(), ch("/"), ...type("WEB2"));
  assertEquals(layout(s), [">>> web", "web/web2"]);
  [s] = run(fixture(), ch("/"), ...type("db"));
  assertEquals(layout(s), [">>> tcp-db", "tcp-db/FRONTEND", "tcp-db/db1", "tcp-db/db2", "tcp-db/BACKEND"]);
  assertEquals(s.matches, 4);
  [s] = run(fixture(), ch("/"), ...type("web"));
  assertEquals(s.matches, 7, "web's six servers and its BACKEND");
  assertEquals(layout(s)[0], ">>> web");
  assertEquals(layout(s).at(-1), "web/BACKEND");
  assertMatch(messageLine(s), /Filter: web +7 matching/);
});

Deno.test("filter: `~` starts a regular expression; an invalid one is reported, not a crash", () => {
  let [s] = run(fixture(), ch("/"), ...type("~^web[13]$"));
  assertEquals(layout(s), [">>> web", "web/web1", "web/web3"]);
  assertEquals(s.matches, 2);
  [s] = run(fixture(), ch("/"), ...type("~dead|MAINT"));
  assertEquals(layout(s), [">>> web", "web/web4-dead", "web/web5-maint"]);
  [s] = run(fixture(), ch("/"), ...type("~web[("));
  assert(s.filterError?.startsWith("invalid regular expression"), s.filterError);
  assertMatch(messageLine(s), /^ Filter: ~web\[\( +invalid regular expression/);
  const lines = screen(s);
  assertEquals(lines.length, 25);
  [s] = run(s, key("enter"));
  assertMatch(messageLine(s), /Filter "~web\[\(": invalid regular expression/);
});

Deno.test("filter: ENTER keeps it, ESC later clears it (the mode stays); ESC while typing clears too", () => {
  const all = layout(fixture());
  let [s] = run(fixture(), ch("3"), ch("/"), ...type("api"), key("enter"));
  assert(!opened(s).filterEditing);
  assertEquals(s.filter, "api");
  assertEquals(layout(s), [">>> api", "api/api1", "api/api2", "api/api3-5xx", "api/BACKEND"]);
  assertMatch(messageLine(s), /^ Filter "api": 4 matching \(\/ edits, ESC clears\)/);
  [s] = run(s, ch("j"));
  assertEquals(s.filter, "api", "keys after ENTER are not typed into the filter");
  [s] = run(s, key("escape"));
  assertEquals(s.filter, "");
  assertEquals(s.view, "http", "the first ESC clears the filter rather than leaving the mode");
  assertEquals(layout(s), all);
  assertEquals(messageLine(s).trim(), "");
  [s] = run(s, ch("/"), ...type("db"), key("escape"));
  assert(!opened(s).filterEditing);
  assertEquals(s.filter, "");
  assertEquals(layout(s), all);
});

Deno.test("filter: no match says so in the body", () => {
  const [s] = run(fixture(), ch("/"), ...type("zzz"));
  assertEquals(s.lines.length, 0);
  assertEquals(s.matches, 0);
  assertEquals(bodyRows(s)[0].trim(), 'nothing matches "zzz"');
  assertMatch(messageLine(s), /Filter: zzz +0 matching/);
});

Deno.test("filter: the cursor follows its row as the filter narrows and when it is cleared", () => {
  let s = cursorOn(fixture(), "web", "web3");
  [s] = run(s, ch("/"), ch("w"));
  assertEquals(selected(s), "web/web3");
  [s] = run(s, ...type("eb3"));
  assertEquals(selected(s), "web/web3");
  assertEquals(layout(s), [">>> web", "web/web3"]);
  [s] = run(s, key("enter"), key("escape"));
  assertEquals(selected(s), "web/web3");
  assertMatch(screen(s)[13 + s.scroll.cursor - s.scroll.top], /^web3 +10 DRAIN/);
});

// ------------------------------------------------------------------------------------------------ sort

Deno.test("sort: `s` cycles none -> NAME -> W -> ... -> none through every column of the mode", () => {
  let [s] = run(fixture(), ch("s"));
  assertEquals(s.sort, { field: "svname", reverse: false });
  assertMatch(screen(s)[11], /^NAME\^ +W STATUS/);
  [s] = run(s, ch("s"));
  assertEquals(s.sort, { field: "weight", reverse: false });
  assertMatch(screen(s)[11], /^NAME +W\^ STATUS/);
  for (let i = 0; i < 10; i++) [s] = run(s, ch("s"));
  assertEquals(s.sort?.field, "stot", "mode 1 has 12 columns");
  [s] = run(s, ch("s"));
  assertEquals(s.sort, undefined);
  assert(!/[\^]|\bv\b/.test(screen(s)[11]), screen(s)[11]);
  // Mode 2 at a width with TREND: the trend column is not a sort column.
  [s] = run(start("traffic", {}, { columns: 120, rows: 25 }), snap(fixtureSnapshot()));
  const fields: string[] = [];
  for (let i = 0; i < 10; i++) {
    [s] = run(s, ch("s"));
    fields.push(s.sort?.field ?? "none");
  }
  assertEquals(fields, [
    "svname",
    "weight",
    "status",
    "lbtot",
    "rate",
    "rate_lim",
    "rate_max",
    "bin",
    "bout",
    "none",
  ]);
});

Deno.test("sort by W: servers numerically within their proxy, FE/BE in place; S reverses (header v)", () => {
  let [s] = run(fixture(), ch("s"), ch("s"));
  const web = () => layout(s).filter((l) => l.startsWith("web/"));
  assertEquals(web(), [
    "web/web4-dead",
    "web/web5-maint",
    "web/web6-backup",
    "web/web3",
    "web/web2",
    "web/web1",
    "web/BACKEND",
  ]);
  assertEquals(layout(s).filter((l) => l.startsWith("tcp-db/")), [
    "tcp-db/FRONTEND",
    "tcp-db/db1",
    "tcp-db/db2",
    "tcp-db/BACKEND",
  ]);
  [s] = run(s, ch("S"));
  assertEquals(s.sort, { field: "weight", reverse: true });
  assertMatch(screen(s)[11], /^NAME +Wv STATUS/);
  assertEquals(web(), [
    "web/web1",
    "web/web2",
    "web/web3",
    "web/web4-dead",
    "web/web5-maint",
    "web/web6-backup",
    "web/BACKEND",
  ]);
  assertEquals(layout(s)[0], ">>> www");
  assertEquals(layout(s)[1], "www/FRONTEND");
  [s] = run(s, ch("S"));
  assertEquals(s.sort, { field: "weight", reverse: false });
});

Deno.test("sort: numbers compare as numbers, empty values last in both directions; S without a sort does nothing", () => {
  const small = smallSnapshot([
    ["be", "FRONTEND", "OPEN", "", 2, 0, 0],
    ["be", "a", "UP", 5, 2, 1, 2],
    ["be", "b", "UP", "", 2, 2, 2],
    ["be", "c", "UP", 30, 2, 3, 2],
    ["be", "d", "UP", 100, 2, 4, 2],
    ["be", "BACKEND", "UP", 135, 2, 0, 1],
  ]);
  let [s] = run(start(), snap(small), ch("S"));
  assertEquals(s.sort, undefined);
  assertEquals(layout(s), [">>> be", "be/FRONTEND", "be/a", "be/b", "be/c", "be/d", "be/BACKEND"]);
  [s] = run(s, ch("s"), ch("s"));
  assertEquals(layout(s), [">>> be", "be/FRONTEND", "be/a", "be/c", "be/d", "be/b", "be/BACKEND"]);
  [s] = run(s, ch("S"));
  assertEquals(layout(s), [">>> be", "be/FRONTEND", "be/d", "be/c", "be/a", "be/b", "be/BACKEND"]);
});

Deno.test("sort: the cursor follows its row when the order changes, and after a refresh", () => {
  let s = cursorOn(fixture(), "web", "web1");
  const before = s.scroll.cursor;
  [s] = run(s, ch("s"), ch("s"));
  assertEquals(selected(s), "web/web1");
  assertEquals(s.scroll.cursor, before + 5, "web1 (weight 100) is now the last web server");
  [s] = run(s, snap(fixtureWith("web", "web1", "weight", "0"), 1));
  assertEquals(selected(s), "web/web1");
  assertEquals(layout(s)[s.scroll.cursor - 1], ">>> web", "weight 0 sorts first after the refresh");
});

// ---------------------------------------------------------------------------------------------- detail

const DETAIL_GROUPS = [
  "Identity and address",
  "Health",
  "State changes",
  "Sessions and limits",
  "Rates",
  "Bytes",
  "HTTP",
  "Timings (ms, averages of the last 1024 requests; max since start)",
  "Errors and denials",
  "Other fields",
];

Deno.test("detail: `i` shows every field by name in groups, in order, and follows refreshes", () => {
  let [s] = run(start("status", {}, { columns: 100, rows: 200 }), snap(fixtureSnapshot()));
  s = cursorOn(s, "web", "web2");
  [s] = run(s, ch("i"));
  assert(opened(s).detail);
  let lines = screen(s);
  assertMatch(lines[11], /^ web\/web2 \[#3\/#2\]: every field, live +i\/ESC=CLOSE $/);
  const titles = lines.slice(13).filter((l) => /^\S/.test(l)).map((l) => l.trimEnd());
  assertEquals(titles, DETAIL_GROUPS);
  const field = (name: string) =>
    lines.find((l) => l.startsWith(`  ${name} `))?.trim().split(/\s+/).slice(1).join(" ");
  assertEquals(field("pxname"), "web");
  assertEquals(field("status"), "UP");
  assertEquals(field("check_desc"), "Layer7 check passed");
  assertEquals(field("weight"), "50");
  assertMatch(field("bin") ?? "", /^5166 \(/);
  assert(lines.some((l) => l.startsWith("  lastchg ")), "state change times");
  assert(!lines.some((l) => /^NAME +W STATUS/.test(l)), "the table is replaced");
  // Live: the next snapshot changes what the view shows, and the view stays open.
  [s] = run(s, snap(fixtureWith("web", "web2", "status", "DOWN"), 1));
  assert(opened(s).detail);
  lines = screen(s);
  assertEquals(field("status"), "DOWN");
});

Deno.test("detail: arrows and pages scroll; i, q and ESC close it (q does not quit)", () => {
  let s = cursorOn(fixture(), "web", "web2");
  [s] = run(s, ch("i"));
  const first = bodyRows(s);
  assertEquals(first[0], "Identity and address");
  [s] = run(s, key("down"));
  assertEquals(bodyRows(s)[0], first[1]);
  [s] = run(s, key("pagedown"));
  assertEquals(opened(s).detailScroll, 1 + screenLayout(s.size).body.height);
  [s] = run(s, key("pageup"), key("up"));
  assertEquals(opened(s).detailScroll, 0);
  [s] = run(s, mouse(65, 10, 15));
  assertEquals(opened(s).detailScroll, 3, "the wheel scrolls the detail view");
  assert(opened(s).detail);
  for (const close of [ch("i"), ch("q"), ch("Q"), key("escape")]) {
    const [after, c] = run(s, close);
    assert(!opened(after).detail, "closed");
    assertEquals(c, [], "nothing quits");
    assertEquals(after.view, "status");
    assertMatch(screen(after)[11], /^NAME +W STATUS/);
  }
});

Deno.test("detail: `i` on a proxy line asks for a row", () => {
  const [s] = run(fixture(), key("home"), ch("i"));
  assert(!opened(s).detail);
  assertMatch(messageLine(s), /select a row first/);
});

// ----------------------------------------------------------------------------------------------- trend

Deno.test("trend: a sparkline of rate (mode 2) / req_rate (mode 3) at 120 columns, none at 80", () => {
  const events: Event[] = [];
  for (let i = 0; i < 8; i++) {
    events.push(snap(rateSnapshot([["be", "s1", 2, 1, i, 7 - i], ["be", "BACKEND", 1, 0, i, 7 - i]]), i));
  }
  let [s] = run(start("traffic", {}, { columns: 120, rows: 25 }), ...events);
  assertMatch(screen(s)[11], /TREND *$/);
  assertMatch(bodyRows(s)[1], /^s1 .* ▁▂▃▄▅▆▇█$/);
  [s] = run(s, ch("3"));
  assertMatch(screen(s)[11], /TREND *$/);
  assertMatch(bodyRows(s)[1], /^s1 .* █▇▆▅▄▃▂▁$/, "mode 3 draws req_rate");
  [s] = run(s, ch("1"));
  assert(!screen(s)[11].includes("TREND"), "mode 1 has no trend");
  const narrow = run(start("traffic", {}, SIZE), ...events)[0];
  assert(!screen(narrow)[11].includes("TREND"), screen(narrow)[11]);
  assert(!screen(narrow).some((l) => /[▁▂▃▄▅▆▇█]/.test(l)));
});

Deno.test("trend: shown only when every column's minimum fits (89 columns in modes 2 and 3)", () => {
  const at = (view: ViewId, columns: number) =>
    screen(run(start(view, {}, { columns, rows: 25 }), snap(fixtureSnapshot()))[0])[11];
  assertMatch(at("traffic", 89), /TREND *$/);
  assert(!at("traffic", 88).includes("TREND"));
  assertMatch(at("http", 89), /TREND *$/);
  assert(!at("http", 88).includes("TREND"));
});

Deno.test("trend: keeps the last 30 refreshes; an all-zero trend is the lowest bar", () => {
  const events: Event[] = [];
  for (let i = 0; i < TREND_LENGTH + 5; i++) {
    events.push(snap(rateSnapshot([["be", "s1", 2, 1, i, 0]]), i));
  }
  const [s] = run(start("traffic", {}, { columns: 120, rows: 25 }), ...events);
  const t = s.trends.get("2|be|s1");
  assertEquals(t?.rate.length, TREND_LENGTH);
  assertEquals(t?.rate[0], 5);
  assertEquals(t?.rate.at(-1), TREND_LENGTH + 4);
  const [m3] = run(s, ch("3"));
  assertMatch(bodyRows(m3)[1], / ▁{10,30}$/, "req_rate stayed 0");
  assertMatch(bodyRows(s)[1], / [▁▂▃▄▅▆▇]+█+$/, "rate grew: the newest value is the highest bar");
});

// --------------------------------------------------------------------------------------------- actions

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

// ----------------------------------------------------------------------------------------------- mouse

Deno.test("mouse: a left click selects the body row under it; release and clicks past the rows do nothing", () => {
  let [s] = run(fixture(), mouse(0, 4, 13 + 5));
  assertEquals(s.scroll.cursor, 5);
  assertEquals(selected(s), "web/web2");
  assert(screen(s)[24].includes("[#3/#2]"), "the footer shows the selected service");
  [s] = run(s, mouse(0, 4, 13 + 1, true));
  assertEquals(s.scroll.cursor, 5, "a release is not a click");
  [s] = run(s, mouse(0, 4, 11));
  assertEquals(s.scroll.cursor, 5, "the header is not a row");
  const [one] = run(start(), snap(smallSnapshot([["be", "s1", "UP", 1, 2, 1, 2]])), mouse(0, 4, 13 + 1));
  const [past] = run(one, mouse(0, 4, 13 + 6));
  assertEquals(past.scroll.cursor, 1, "below the last row");
});

Deno.test("mouse: a click on a footer tab switches mode; read-only has no CLI tab", () => {
  const s = fixture();
  const foot = screen(s)[24];
  for (
    const [tab, view] of [["2-TRAFFIC", "traffic"], ["3-HTTP", "http"], ["4-ERRORS", "errors"], [
      "5-CLI",
      "cli",
    ]] as const
  ) {
    const [after] = run(s, mouse(0, foot.indexOf(tab) + 1, 24));
    assertEquals(after.view, view, tab);
  }
  const [m2] = run(s, ch("2"));
  const [back] = run(m2, mouse(0, screen(m2)[24].indexOf("1-STATUS"), 24));
  assertEquals(back.view, "status");
  const [ro] = run(start("status", { readOnly: true }), snap(fixtureSnapshot()));
  const [after] = run(ro, mouse(0, foot.indexOf("5-CLI") + 1, 24));
  assertEquals(after.view, "status", "no CLI tab in read-only mode");
  const [right] = run(s, mouse(0, 70, 24));
  assertEquals(right.view, "status", "the hints are not tabs");
});

Deno.test("mouse: the wheel moves 3 lines and scrolls help and the CLI output", () => {
  let [s] = run(fixture(), mouse(65, 10, 15));
  assertEquals(s.scroll.cursor, 3);
  [s] = run(s, mouse(65, 10, 15), mouse(65, 10, 15), mouse(65, 10, 15));
  assertEquals(s.scroll.cursor, 12);
  assert(s.scroll.top > 0, "the body scrolls to keep the cursor visible");
  [s] = run(s, mouse(64, 10, 15));
  assertEquals(s.scroll.cursor, 9);
  let [h] = run(s, ch("h"), mouse(65, 10, 15));
  assertEquals(h.views.help, 3);
  [h] = run(h, mouse(64, 10, 15), mouse(64, 10, 15));
  assertEquals(h.views.help, 0);
  let [cli] = run(s, ch("5"), ...type("x"));
  const output = Array.from({ length: 40 }, (_, i) => `line ${i}`);
  cli = { ...cli, cli: { ...cli.cli, output } };
  [cli] = run(cli, mouse(64, 10, 15));
  assertEquals(cli.cli.scroll, 3);
  assert(screen(cli).some((l) => l.startsWith("line 36")), "scrolled up by three lines");
  assert(!screen(cli).some((l) => l.startsWith("line 39")), "the last lines scrolled out");
  [cli] = run(cli, mouse(65, 10, 15));
  assertEquals(cli.cli.scroll, 0);
  assertEquals(cli.cli.input.text, "x", "the wheel does not type");
});
