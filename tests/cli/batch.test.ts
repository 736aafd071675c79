import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { batchJson, batchText, type NamedSnapshot } from "../../src/cli/batch.ts";
import { checkJson, checkSnapshot, checkSnapshots, checkText } from "../../src/cli/check.ts";
import { fixtureSnapshot, smallSnapshot } from "../support/snapshots.ts";
import { buildSnapshot } from "../../src/stats/snapshot.ts";
import { parseInfo } from "../../src/stats/info.ts";
import { parseStat } from "../../src/stats/csv.ts";

const one = (snapshot: NamedSnapshot["snapshot"], name = "/a.sock"): NamedSnapshot => ({
  name,
  address: name,
  snapshot,
});

Deno.test("batch text: every row, names never cut, no escape codes", () => {
  const text = batchText([one(fixtureSnapshot())], 1, false);
  assert(!text.includes("\x1b"));
  const lines = text.trimEnd().split("\n");
  assertMatch(lines[0], /^NAME +W STATUS +CHECK +ACT BCK QCUR QMAX SCUR SMAX +SLIM STOT$/);
  assert(lines.includes(">>> odd.name_with-chars:9"));
  assert(lines.some((l) => /^x\.y_z-1 /.test(l)));
  assert(lines.some((l) => /^web2 +50 UP +\* L7OK/.test(l)));
  assertEquals(lines.filter((l) => !l.startsWith(">>>") && l !== "").length, 1 + 19);
});

Deno.test("batch text starts with the monitor's header block, then an empty line and the table", () => {
  const text = batchText([one(fixtureSnapshot())], 1, true);
  const lines = text.split("\n");
  assertMatch(
    lines[0],
    /^ {2}HAProxy Version: 2\.6\.12-1\+deb12u4 {2}\(released: 2026\/10\/17\) +PID: 21654 \(proc 1\)$/,
  );
  assertMatch(lines[1], /^ {9}Node: lab-node \(uptime 0d 0h00m26s\) +Threads: 2 {3}Idle: 100%$/);
  assertEquals(lines[2], "        Pipes: 0/0");
  assertEquals(lines[3], "  Connections: 0/9979");
  assertMatch(lines[4], /^ {2}Procs: +1 +Tasks: +30 +Queue: +0 +Proxies: +6 +Services: +19$/);
  assertEquals(lines[5], "");
  assertMatch(lines[6], /^NAME +W STATUS/);
  assertEquals(
    lines.slice(6).join("\n"),
    batchText([one(fixtureSnapshot())], 1, false),
    "then the same table",
  );
  const two = batchText([one(fixtureSnapshot(), "lb1"), one(fixtureSnapshot(), "lb2")], 1, true);
  assertMatch(two, /^=== lb1 \(lb1\) ===\n {2}HAProxy Version: .*\n(.*\n){5}NAME/);
  assertMatch(two, /\n=== lb2 \(lb2\) ===\n {2}HAProxy Version: /, "each instance its own header");
});

Deno.test("batch json: show info and every row with all fields by name", () => {
  const data = JSON.parse(batchJson([one(fixtureSnapshot())]));
  assertEquals(data.info.Version, "2.6.12-1+deb12u4");
  assertEquals(data.info["Unstoppable Jobs"], "0");
  assertEquals(data.stats.length, 19);
  const web3 = data.stats.find((r: Record<string, unknown>) => r.svname === "web3");
  assertEquals([web3.status, web3.weight, web3.check_status, web3.qlimit], ["DRAIN", 10, "L7OK", null]);
  assert("h1_bytes_in" in web3, "module counters too");
  assert(!("-" in web3));
});

Deno.test("check: DOWN, MAINT and DRAIN are not healthy; the report lists them with the last check", () => {
  const r = checkSnapshot(fixtureSnapshot());
  assert(!r.healthy);
  const names = r.unhealthy.map(({ row }) => `${row.pxname}/${row.svname}`);
  for (const n of ["web/web3", "web/web4-dead", "web/web5-maint"]) assert(names.includes(n), n);
  assert(!names.includes("web/web1"));
  assert(!names.includes("tcp-db/db1"), "no check counts as healthy");
  assertMatch(checkText(r), /web\/web4-dead {2}DOWN {2}last check: L4CON, Layer4 connection problem/);
  assertEquals(JSON.parse(checkJson(r)).healthy, false);
});

Deno.test("check: transitional states are not settled; all UP is healthy; no server is not", () => {
  const up = smallSnapshot([["be", "a", "UP", 1, 3, 1, 2], ["be", "b", "no check", 1, 3, 2, 2]]);
  assert(checkSnapshot(up).healthy);
  assert(!checkSnapshot(smallSnapshot([["be", "a", "UP 1/3", 1, 3, 1, 2]])).healthy);
  assert(!checkSnapshot(smallSnapshot([["be", "a", "DOWN 1/2", 1, 3, 1, 2]])).healthy);
  const none = checkSnapshot(smallSnapshot([["fe", "FRONTEND", "OPEN", "", 2, 0, 0]]));
  assert(!none.healthy);
  assertMatch(checkText(none), /no server matched/);
});

Deno.test("several instances: a table each, JSON labelled per instance, check over all of them", () => {
  const a = one(smallSnapshot([["be", "s1", "UP", 1, 3, 1, 2]]), "lb1");
  const b = one(smallSnapshot([["be", "s1", "DOWN", 1, 3, 1, 2]]), "lb2");
  const text = batchText([a, b], 1, false);
  assertMatch(text, /^=== lb1 \(lb1\) ===\nNAME/);
  assertMatch(text, /\n=== lb2 \(lb2\) ===\nNAME/);
  const json = JSON.parse(batchJson([a, b]));
  assertEquals(json.instances.map((i: { instance: string }) => i.instance), ["lb1", "lb2"]);
  assertEquals(json.instances[1].stats[0].status, "DOWN");
  const r = checkSnapshots([a, b]);
  assert(!r.healthy);
  assertMatch(checkText(r), /^lb2: be\/s1 {2}DOWN/);
  assertEquals(JSON.parse(checkJson(r)).unhealthy[0].instance, "lb2");
  assert(checkSnapshots([a]).healthy);
});

Deno.test("check: the last check is the finished one, without HAProxy's `* ` (a check is running) prefix", () => {
  const csv =
    "# pxname,svname,status,iid,sid,type,check_status,check_desc,\nbe,a,DOWN,3,1,2,* L4CON,Layer4 timeout,\n";
  const r = checkSnapshot(buildSnapshot(parseInfo("Name: HAProxy\nVersion: 2.6.12\n"), [parseStat(csv)]));
  assertEquals(checkText(r).split("\n")[0], "be/a  DOWN  last check: L4CON, Layer4 timeout");
});
