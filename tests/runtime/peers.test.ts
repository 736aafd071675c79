import assert from "node:assert/strict";
import { parsePeers } from "../../src/runtime/peers.ts";
import { RELEASE_LINES, reply, scenario } from "./_fixtures.ts";

for (const line of RELEASE_LINES) {
  const s = scenario(line);

  Deno.test(`${line}: show peers gives the lab's section, its local and remote peer and the shared table`, () => {
    const text = reply(line, "show-peers");
    const sections = parsePeers(text);
    assert.deepEqual(sections.map((x) => x.name), [s.names.peers]);
    const [section] = sections;
    assert.match(section.fields.flags, /^0x[0-9a-f]+$/);
    assert.deepEqual(section.peers.map((p) => p.name).sort(), [s.node, s.names.remotePeer].sort());
    const local = section.peers.find((p) => p.local)!;
    const remote = section.peers.find((p) => !p.local)!;
    assert.equal(local.name, s.node);
    assert.equal(local.address, `127.0.0.1:${s.ports.peer}`);
    assert.equal(local.active, false);
    assert.equal(local.lastStatus, "NONE");
    assert.equal(remote.name, s.names.remotePeer);
    assert.equal(remote.address, `127.0.0.1:${s.ports.remotePeer}`);
    assert.equal(remote.active, true);
    assert.ok(remote.lastStatus && remote.lastStatus !== "SUCC", "nothing listens on the remote peer's port");
    for (const peer of section.peers) {
      assert.deepEqual(peer.tables.map((t) => t.table), [s.names.table]);
      assert.ok("local_id" in peer.tables[0].fields && "last_acked" in peer.tables[0].fields);
      assert.ok(
        peer.fields.reconnect !== undefined && peer.fields.new_conn !== undefined,
        JSON.stringify(peer.fields),
      );
    }
  });
}

Deno.test("a reply that is not a peers dump gives no section", () => {
  assert.deepEqual(parsePeers("Permission denied\n\n"), []);
  assert.deepEqual(parsePeers("  0x1: id=a(local,inactive) addr=x\n"), []);
});
