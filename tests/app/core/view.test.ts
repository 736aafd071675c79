import { assert, assertEquals, assertMatch } from "../../support/assert.ts";
import { init, update } from "../../../src/app/mod.ts";
import { view } from "../../../src/app/mod.ts";
import type { Config, Event, State, ViewId } from "../../../src/app/model/state.ts";
import type { Key } from "../../../src/tui/types.ts";
import { BOLD, FG, fgOf, REVERSE } from "../../../src/tui/types.ts";
import { fixtureSnapshot } from "../../support/snapshots.ts";
import { screen } from "../../support/app.ts";

const config: Config = { readOnly: false, intervalMs: 3000, color: true, socketName: "/tmp/admin.sock" };

function state(
  columns: number,
  rows: number,
  view: ViewId = "status",
  cfg: Partial<Config> = {},
  keys: Key[] = [],
) {
  let s: State = init({ ...config, ...cfg }, { columns, rows }, view, Date.UTC(2026, 10, 25, 8, 0, 0));
  const events: Event[] = [
    { type: "snapshot", snapshot: fixtureSnapshot(), seq: 0, now: s.now },
    ...keys.map((key): Event => ({ type: "key", key, now: s.now })),
  ];
  for (const e of events) [s] = update(s, e);
  return s;
}

Deno.test("80x25 STATUS screen: title, header, info, columns, the first proxies and the footer", () => {
  const lines = screen(state(80, 25));
  assertEquals(lines.length, 25);
  for (const l of lines) assertEquals(l.length, 80);
  assertMatch(lines[0], /^ hatop version \d+\.\d+\.\d+ .* 2026 $/);
  assertMatch(
    lines[2],
    /HAProxy Version: 2\.6\.12-1\+deb12u4 {2}\(released: 2026\/10\/17\) {2}PID: 21654 \(proc 1\)/,
  );
  assertMatch(lines[4], /Node: lab-node \(uptime 0d 0h00m26s\)/);
  assertMatch(lines[7], /Connections: \[ +0\/9979\]/);
  assertMatch(lines[9], /Proxies: +\d+ +Services: +19/);
  assertMatch(lines[11], /^NAME +W STATUS +CHECK +ACT BCK +QCUR +QMAX +SCUR +SMAX +SLIM +STOT$/);
  assertEquals(lines[13].trimEnd(), ">>> www");
  assertMatch(lines[14], /^FRONTEND +OPEN/);
  assert(lines[24].startsWith(" 1-STATUS  2-TRAFFIC  3-HTTP  4-ERRORS  5-CLI "));
  assert(lines[24].endsWith("I=INFO /=FILTER S=SORT [#2/#0] "), "the cursor starts on the first row");
});

Deno.test("nothing overlaps when the version string is long: PID moves right of it", () => {
  const s = state(120, 25);
  const info = new Map(s.snapshot!.info);
  info.set("Version", "3.2.0-1ppa1~jammy-with-a-very-long-vendor-suffix");
  const lines = screen({ ...s, snapshot: { ...s.snapshot!, info } });
  assertMatch(lines[2], /suffix {2}\(released: 2026\/10\/17\) {2}PID: 21654/);
});

Deno.test("the cursor row is reversed and the status cell is coloured by state", () => {
  // The cursor starts on www's FRONTEND; one line down is web1 (the blank and `>>> web` lines are passed).
  const s = state(80, 30, "status", {}, [{ name: "down" }]);
  const { buffer } = view(s);
  const y = 13 + 4;
  assertMatch(buffer.text(y), /^web1 +100 UP/);
  assert((buffer.styleAt(0, y) & REVERSE) !== 0, "cursor row reversed");
  const statusX = buffer.text(11).indexOf("STATUS");
  assertEquals(fgOf(buffer.styleAt(statusX, y)), FG.green);
  const downY = buffer.height === 30 ? 13 + 7 : -1;
  assertMatch(buffer.text(downY), /^web4-dead +1 DOWN/);
  assertEquals(fgOf(buffer.styleAt(statusX, downY)), FG.red);
  const mono = view({ ...s, config: { ...s.config, color: false } }).buffer;
  assertEquals(fgOf(mono.styleAt(statusX, downY)), 0);
  assert((mono.styleAt(statusX, downY) & BOLD) !== 0, "DOWN is bold without colour");
});

Deno.test("every mode fits exactly, at 78 to 400 columns", () => {
  for (const columns of [78, 80, 100, 137, 200, 400]) {
    for (const view of ["help", "status", "traffic", "http", "errors", "cli"]) {
      for (const l of screen(state(columns, 24, view))) assertEquals(l.length, columns);
    }
  }
});

Deno.test("below 78x20 a notice replaces the screen, without drawing past the edge", () => {
  for (const [c, r] of [[60, 15], [77, 40], [200, 19], [1, 1], [0, 0]]) {
    const lines = screen(state(c, r));
    assertEquals(lines.length, r);
    if (r >= 3 && c >= 18) assert(lines.some((l) => l.includes("terminal too small")));
  }
});

Deno.test("the hotkey menu fits any width: long labels when they fit, short ones otherwise", () => {
  const down: Key[] = [{ name: "down" }];
  const wide = screen(state(160, 25, "status", {}, [...down, { name: "enter" }]));
  assertMatch(wide[24], /HOTKEYS: +F1=ENABLE {2}F2=DISABLE .*F11=DRAIN \(HERE\)/);
  const narrow = screen(state(80, 25, "status", {}, [...down, { name: "enter" }]));
  assertMatch(narrow[24], /HOTKEYS: +F1=ENA F2=DIS/);
  assertEquals(narrow[24].length, 80);
});

Deno.test("read-only footer: no CLI tab, READ-ONLY and the service id", () => {
  const down: Key[] = [{ name: "down" }];
  const lines = screen(state(80, 25, "status", { readOnly: true }, down));
  assert(!lines[24].includes("5-CLI"));
  assertMatch(lines[24], /READ-ONLY \[#3\/#1\] $/);
});

Deno.test("CLI screen: welcome text, prompt and the cursor at the input", () => {
  const s = state(
    80,
    25,
    "cli",
    {},
    [...Array.from("show info")].map((t): Key => ({ name: "char", text: t })),
  );
  const frame = view(s);
  const lines = screen(s);
  assert(lines.some((l) => l.includes("Welcome to the embedded HAProxy command line")));
  assertEquals(lines[22].trimEnd(), "> show info");
  assertEquals(frame.cursor, { x: 11, y: 22 });
});

Deno.test("help screen scrolls and lists every hotkey", () => {
  let s = state(80, 25, "help");
  const all: string[] = [];
  for (let i = 0; i < 40; i++) {
    all.push(...screen(s).slice(13, 23));
    [s] = update(s, { type: "key", key: { name: "pagedown" }, now: s.now });
  }
  for (const f of ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11"]) {
    assert(all.some((l) => l.trimStart().startsWith(`${f} `)), `help lists ${f}`);
  }
});

Deno.test("disconnected: the screen says so and when the data shown is from", () => {
  let s = state(80, 25);
  [s] = update(s, { type: "refreshFailed", error: "connection closed by HAProxy", now: s.now });
  const lines = screen(s);
  assert(lines[0].includes("DISCONNECTED"));
  assertMatch(
    lines[23],
    /^ DISCONNECTED: connection closed by HAProxy\. Data shown is from \d\d:\d\d:\d\d\./,
  );
});
