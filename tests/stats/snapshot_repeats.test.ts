import assert from "node:assert/strict";
import { buildSnapshot } from "../../src/stats/snapshot.ts";
import { shortTable as table, svnames as names } from "./_helpers.ts";

Deno.test("buildSnapshot drops a server repeated in one reply, in order or after later sids", () => {
  const snap = buildSnapshot(new Map(), [
    table(
      ["web", "FRONTEND", "OPEN", "3", "0", "0"],
      ["web", "web1", "UP", "3", "1", "2"],
      ["web", "web1", "DOWN", "3", "1", "2"],
      ["web", "web3", "UP", "3", "3", "2"],
      ["web", "web2", "UP", "3", "2", "2"],
      ["web", "web1", "MAINT", "3", "1", "2"],
      ["web", "web3", "DOWN", "3", "3", "2"],
      ["web", "BACKEND", "UP", "3", "0", "1"],
      ["web", "FRONTEND", "STOP", "3", "0", "0"],
      ["web", "lsn", "OPEN", "3", "1", "3"],
    ),
  ]);
  const web = snap.proxies[0];
  assert.deepEqual(names(web.servers), ["web1", "lsn", "web2", "web3"]);
  assert.deepEqual(web.servers.map((r) => r.get("status")), ["UP", "OPEN", "UP", "UP"]);
  assert.equal(web.frontend?.get("status"), "OPEN");
  assert.equal(snap.services, 6);
});
