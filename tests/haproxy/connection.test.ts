import assert from "node:assert/strict";
import { HaproxyClient } from "../../src/haproxy/client.ts";
import { HaproxyConnection } from "../../src/haproxy/connection.ts";
import { HaproxyError } from "../../src/haproxy/errors.ts";
import { handshake, withFakePeer } from "../support/fake_peer.ts";

function isError(kind: string, pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof HaproxyError, `not a HaproxyError: ${err}`);
    assert.equal(err.kind, kind);
    assert.match(err.message, pattern);
    assert.ok(!err.message.includes("\n"), "one line");
    return true;
  };
}

Deno.test("connection: open() sends prompt, then set timeout cli 60; replies come back per command", async () => {
  const seen = await withFakePeer(
    handshake((c) => c === "show version" ? ["2.6.12\n", "\n> "] : ["Unknown command.\n\n> "]),
    async (path) => {
      const conn = await HaproxyConnection.open({ transport: "unix", path }, { timeoutMs: 5000 });
      const [a, b, c] = await Promise.all([
        conn.send("show version"),
        conn.send("nope"),
        conn.send("show version"),
      ]);
      assert.deepEqual([a, b, c], ["2.6.12", "Unknown command.", "2.6.12"]);
      await assert.rejects(conn.send("show info\nshow stat"), isError("protocol", /line break/));
      conn.close();
      conn.close();
      assert.equal(conn.closed, true);
      await assert.rejects(conn.send("show info"), isError("closed", /closed/));
      await conn.finished;
    },
  );
  assert.deepEqual(seen, ["prompt", "set timeout cli 60", "show version", "nope", "show version"]);
});

Deno.test("connection: a peer that hangs up mid-reply gives 'closed'", async () => {
  await withFakePeer(
    handshake(() => ["Name: HAProxy\nVersion: 2.", "hang-up"]),
    async (path) => {
      const conn = await HaproxyConnection.open({ transport: "unix", path }, { timeoutMs: 5000 });
      await assert.rejects(
        conn.send("show info"),
        isError("closed", /closed the connection in the middle of a reply$/),
      );
      assert.equal(conn.closed, true);
      await conn.finished;
    },
  );
});

Deno.test("connection: a peer that hangs up before replying gives 'closed'", async () => {
  await withFakePeer(
    handshake(() => ["hang-up"]),
    async (path) => {
      const conn = await HaproxyConnection.open({ transport: "unix", path }, { timeoutMs: 5000 });
      await assert.rejects(
        conn.send("show info"),
        isError("closed", /closed the connection before replying$/),
      );
      await conn.finished;
    },
  );
});

Deno.test("connection: a peer that never answers a command gives 'timeout' and closes the connection", async () => {
  await withFakePeer(
    handshake(() => []),
    async (path) => {
      const conn = await HaproxyConnection.open({ transport: "unix", path }, { timeoutMs: 300 });
      await assert.rejects(
        conn.send("show stat"),
        isError("timeout", new RegExp(`^no reply from ${path} to "show stat" within 300 ms$`)),
      );
      assert.equal(conn.closed, true);
      await assert.rejects(conn.send("show info"), isError("closed", /within 300 ms/));
      await conn.finished;
    },
  );
});

Deno.test("client: a peer that never answers the prompt fails connect() with a timeout message", async () => {
  await withFakePeer(
    () => [],
    async (path) => {
      const client = new HaproxyClient({ transport: "unix", path }, { timeoutMs: 300 });
      await assert.rejects(
        client.connect(),
        isError("connect", new RegExp(`^cannot connect to ${path}: no answer within the timeout`)),
      );
      await client.close();
    },
  );
});

Deno.test("client: a peer that hangs up before the prompt is not taken for HAProxy", async () => {
  await withFakePeer(
    () => ["hang-up"],
    async (path) => {
      const client = new HaproxyClient({ transport: "unix", path }, { timeoutMs: 5000 });
      await assert.rejects(
        client.connect(),
        isError(
          "connect",
          /the peer closed the connection before the prompt \(is it an HAProxy stats socket\?\)$/,
        ),
      );
      await client.close();
    },
  );
});

Deno.test("client: hang-up mid-reply after connecting is 'closed; reconnecting in Ns', never an exit", async () => {
  await withFakePeer(
    handshake(() => ["# pxname,svname\nbe_app,s1", "hang-up"]),
    async (path) => {
      const client = new HaproxyClient({ transport: "unix", path }, { timeoutMs: 5000, now: () => 0 });
      await client.connect();
      await assert.rejects(
        client.send("show stat"),
        isError("closed", /closed the connection in the middle of a reply; reconnecting in 0\.5s$/),
      );
      assert.equal(client.status.connected, false);
      assert.equal(client.status.nextAttemptAt, 500);
      await client.close();
    },
  );
});

Deno.test("client: a command timing out after connecting is 'timeout; reconnecting in Ns'", async () => {
  await withFakePeer(
    handshake(() => []),
    async (path) => {
      const client = new HaproxyClient({ transport: "unix", path }, {
        timeoutMs: 300,
        backoff: { initialMs: 2000, maxMs: 8000 },
      });
      await client.connect();
      await assert.rejects(
        client.send("show stat"),
        isError("timeout", /within 300 ms; reconnecting in 2s$/),
      );
      assert.equal(client.status.connected, false);
      await client.close();
    },
  );
});
