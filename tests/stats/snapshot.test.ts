import assert from "node:assert/strict";
import { parseStat } from "../../src/stats/csv.ts";
import { parseInfo } from "../../src/stats/info.ts";
import { buildSnapshot } from "../../src/stats/snapshot.ts";
import { fixture, shortTable as table, svnames as names } from "./_helpers.ts";

Deno.test("buildSnapshot groups the 2.6 fixture like the original", () => {
  const info = parseInfo(fixture("haproxy-2.6/show-info.txt"));
  const snap = buildSnapshot(info, [parseStat(fixture("haproxy-2.6/show-stat.csv"))]);
  assert.equal(snap.info, info);
  assert.equal(snap.services, 19);
  assert.deepEqual(snap.warnings, []);
  assert.deepEqual(snap.proxies.map((p) => [p.iid, p.name]), [
    [2, "www"],
    [3, "web"],
    [4, "api"],
    [5, "tcp-db"],
    [6, "empty-backend"],
    [7, "odd.name_with-chars:9"],
  ]);
  const web = snap.proxies[1];
  assert.equal(web.frontend, undefined);
  assert.equal(web.backend?.svname, "BACKEND");
  assert.deepEqual(names(web.servers), ["web1", "web2", "web3", "web4-dead", "web5-maint", "web6-backup"]);
  const www = snap.proxies[0];
  assert.equal(www.frontend?.svname, "FRONTEND");
  assert.deepEqual(www.servers, []);
  assert.equal(www.backend, undefined);
  const tcp = snap.proxies[3];
  assert.equal(tcp.frontend?.svname, "FRONTEND");
  assert.deepEqual(names(tcp.servers), ["db1", "db2"]);
  assert.equal(tcp.backend?.svname, "BACKEND");
});

Deno.test("buildSnapshot orders FRONTEND, servers and listeners by sid, BACKEND, whatever the input order", () => {
  const snap = buildSnapshot(new Map(), [
    table(
      ["px", "BACKEND", "UP", "4", "0", "1"],
      ["px", "s3", "UP", "4", "3", "2"],
      ["px", "listen1", "OPEN", "4", "2", "3"],
      ["other", "FRONTEND", "OPEN", "9", "0", "0"],
      ["px", "s1", "UP", "4", "1", "2"],
      ["px", "FRONTEND", "OPEN", "4", "0", "0"],
      ["px", "s10", "UP", "4", "10", "2"],
    ),
  ]);
  assert.deepEqual(snap.proxies.map((p) => p.name), ["px", "other"]);
  const [px, other] = snap.proxies;
  assert.equal(px.frontend?.svname, "FRONTEND");
  assert.deepEqual(names(px.servers), ["s1", "listen1", "s3", "s10"]);
  assert.equal(px.backend?.svname, "BACKEND");
  assert.equal(other.frontend?.iid, 9);
  assert.equal(snap.services, 7);
});

Deno.test("buildSnapshot merges two filters on the same proxy without losing either", () => {
  // `show stat 3 2 -1` (backend only) and `show stat 3 4 -1` (servers only).
  const backendOnly = table(["web", "BACKEND", "UP", "3", "0", "1"]);
  const serversOnly = table(["web", "web1", "UP", "3", "1", "2"], ["web", "web2", "DOWN", "3", "2", "2"]);
  const snap = buildSnapshot(new Map(), [backendOnly, serversOnly]);
  assert.equal(snap.proxies.length, 1);
  assert.equal(snap.proxies[0].backend?.svname, "BACKEND");
  assert.deepEqual(names(snap.proxies[0].servers), ["web1", "web2"]);
  assert.equal(snap.services, 3);
});

Deno.test("buildSnapshot deduplicates rows returned by overlapping filters, first reply wins", () => {
  const all = table(["web", "web1", "UP", "3", "1", "2"], ["web", "BACKEND", "UP", "3", "0", "1"]);
  const again = table(["web", "web1", "DOWN", "3", "1", "2"], ["web", "web2", "UP", "3", "2", "2"]);
  const snap = buildSnapshot(new Map(), [all, again]);
  assert.equal(snap.services, 3);
  const web = snap.proxies[0];
  assert.deepEqual(names(web.servers), ["web1", "web2"]);
  assert.equal(web.servers[0].get("status"), "UP");
});

Deno.test("buildSnapshot keeps rows with garbage ids, grouped by name, and carries warnings once", () => {
  const bad = table(
    ["px", "FRONTEND", "OPEN", "x", "0", "0"],
    ["px", "s1", "UP", "x", "y", "2"],
    ["px", "BACKEND", "UP", "x", "0", "zz"],
  );
  const empty = parseStat("");
  const snap = buildSnapshot(new Map(), [bad, bad, empty]);
  assert.equal(snap.proxies.length, 1);
  const px = snap.proxies[0];
  assert.ok(Number.isNaN(px.iid));
  assert.equal(px.frontend?.svname, "FRONTEND");
  assert.equal(px.backend?.svname, "BACKEND"); // type garbage: placed by its svname
  assert.deepEqual(names(px.servers), ["s1"]);
  assert.equal(snap.services, 3);
  assert.equal(new Set(snap.warnings).size, snap.warnings.length);
  assert.ok(snap.warnings.includes("show stat: empty reply"));
  assert.ok(snap.warnings.some((w) => /garbage iid/.test(w)));
});

Deno.test("buildSnapshot of nothing is empty", () => {
  const snap = buildSnapshot(new Map(), []);
  assert.deepEqual(snap.proxies, []);
  assert.equal(snap.services, 0);
  assert.deepEqual(snap.warnings, []);
});
