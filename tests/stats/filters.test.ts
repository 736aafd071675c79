import assert from "node:assert/strict";
import { parseStat } from "../../src/stats/csv.ts";
import {
  parseProxyName,
  parseStatFilter,
  resolveProxies,
  statCommands,
  statTakesNames,
} from "../../src/stats/filters.ts";
import { fixture } from "./_helpers.ts";

Deno.test("parseStatFilter reads three integers, -1 allowed, any whitespace", () => {
  assert.deepEqual(parseStatFilter("3 -1 -1"), { iid: 3, type: -1, sid: -1 });
  assert.deepEqual(parseStatFilter("  -1\t4  12 "), { iid: -1, type: 4, sid: 12 });
  assert.deepEqual(parseStatFilter("0 7 0"), { iid: 0, type: 7, sid: 0 });
});

Deno.test("parseStatFilter rejects anything else with one clear message", () => {
  for (const bad of ["", "3", "3 -1", "3 -1 -1 4", "a b c", "3 -2 -1", "3.5 1 1", "3,1,1", "1e3 1 1"]) {
    assert.throws(() => parseStatFilter(bad), {
      message: `invalid stat filter: "${bad}" (expected "<iid> <type> <sid>", e.g. "3 -1 -1")`,
    });
  }
});

Deno.test("parseProxyName accepts HAProxy's name characters only", () => {
  assert.equal(parseProxyName("odd.name_with-chars:9"), "odd.name_with-chars:9");
  assert.equal(parseProxyName(" web "), "web");
  for (const bad of ["", "  ", "web app", "be/srv", "a;b", "ä", "x\ny"]) {
    assert.throws(() => parseProxyName(bad), { message: `invalid proxy filter: "${bad}"` });
  }
});

Deno.test("statCommands: no filters asks for everything", () => {
  assert.deepEqual(statCommands([], []), ["show stat"]);
});

Deno.test("statCommands: one command per distinct filter and proxy, deduplicated", () => {
  const filters = [parseStatFilter("3 1 -1"), parseStatFilter("3 4 -1"), parseStatFilter("3  1 -1")];
  assert.deepEqual(statCommands(filters, [5, 3, 5]), [
    "show stat 3 1 -1",
    "show stat 3 4 -1",
    "show stat 5 -1 -1",
    "show stat 3 -1 -1",
  ]);
  assert.deepEqual(statCommands([parseStatFilter("5 -1 -1")], [5]), ["show stat 5 -1 -1"]);
  assert.deepEqual(statCommands([], [7]), ["show stat 7 -1 -1"]);
});

Deno.test("resolveProxies maps names to iids and lists the missing ones", () => {
  const rows = parseStat(fixture("haproxy-2.6/show-stat.csv")).rows;
  const { iids, missing } = resolveProxies(["web", "odd.name_with-chars:9", "nope", "Web", "nope"], rows);
  assert.deepEqual([...iids], [["web", 3], ["odd.name_with-chars:9", 7]]);
  assert.deepEqual(missing, ["nope", "Web"]);
  assert.deepEqual(resolveProxies([], rows), { iids: new Map(), missing: [] });
  assert.deepEqual(resolveProxies(["web"], []).missing, ["web"]);
});

Deno.test("show stat takes proxy names from HAProxy 1.7 on", () => {
  assert.equal(statTakesNames("1.6.16"), false);
  assert.equal(statTakesNames("1.7.0"), true);
  assert.equal(statTakesNames("2.6.12-1+deb12u4"), true);
  assert.equal(statTakesNames("3.4-dev1"), true);
  assert.equal(statTakesNames(undefined), false);
  assert.equal(statTakesNames("garbage"), false);
  assert.deepEqual(statCommands([], ["web", "api"]), ["show stat web -1 -1", "show stat api -1 -1"]);
});
