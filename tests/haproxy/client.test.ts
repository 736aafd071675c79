import assert from "node:assert/strict";
import { HaproxyClient, isPermissionDenied } from "../../src/haproxy/client.ts";
import { HaproxyError } from "../../src/haproxy/errors.ts";
import { manyServersBody, mixedBody, startLab, startMixedLab } from "../support/lab.ts";

const TIMEOUT = { timeoutMs: 5000 };

Deno.test("client: show info over the admin unix socket and over TCP", async () => {
  await using lab = await startLab(mixedBody, { node: "lab-node" });
  for (
    const addr of [
      { transport: "unix" as const, path: lab.sockets.admin },
      { transport: "tcp" as const, ...lab.sockets.tcp },
    ]
  ) {
    const client = new HaproxyClient(addr, TIMEOUT);
    try {
      await client.connect();
      assert.equal(client.status.connected, true);
      const info = await client.send("show info");
      assert.match(info, /^Name: HAProxy$/m);
      assert.match(info, new RegExp(`^Pid: ${lab.pid}$`, "m"));
      assert.match(info, /^node: lab-node$/m);
      assert.ok(!info.endsWith("\n"), "the terminating empty line is not part of the output");
    } finally {
      await client.close();
    }
    assert.equal(client.status.connected, false);
  }
});

Deno.test("client: a ';' line via sendLine yields one output per command and stays in step", async () => {
  await using lab = await startLab(mixedBody);
  const client = new HaproxyClient({ transport: "unix", path: lab.sockets.admin }, TIMEOUT);
  try {
    await client.connect();
    const results = await client.sendLine("show cli level; get weight be_app/s2 ;show backend");
    assert.deepEqual(results.map((r) => r.command), [
      "show cli level",
      "get weight be_app/s2",
      "show backend",
    ]);
    assert.equal(results[0].output, "admin");
    assert.equal(results[1].output, "50 (initial 50)");
    assert.equal(results[2].output, "# name\nfake_app\nbe_app\nbe_tcp");
    // The next command gets its own reply, not a leftover of the line above.
    assert.equal(await client.send("get weight be_app/s6"), "20 (initial 20)");
    // An empty successful reply is the empty string.
    assert.equal(await client.send("set weight be_app/s2 10"), "");
    assert.equal(await client.send("get weight be_app/s2"), "10 (initial 50)");
  } finally {
    await client.close();
  }
});

Deno.test("client: level() and Permission denied on the admin, operator and user sockets", async () => {
  await using lab = await startLab(mixedBody);
  const cases = [
    { path: lab.sockets.admin, level: "admin", denied: false },
    { path: lab.sockets.operator, level: "operator", denied: true },
    { path: lab.sockets.user, level: "user", denied: true },
  ];
  for (const c of cases) {
    const client = new HaproxyClient({ transport: "unix", path: c.path }, TIMEOUT);
    try {
      await client.connect();
      assert.equal(await client.level(), c.level);
      const out = await client.send("set weight be_app/s1 10");
      assert.equal(isPermissionDenied(out), c.denied, `${c.level}: ${JSON.stringify(out)}`);
    } finally {
      await client.close();
    }
  }
});

Deno.test("client: the mixed lab shows every server state", async () => {
  await using lab = await startMixedLab();
  const client = new HaproxyClient({ transport: "unix", path: lab.sockets.admin }, TIMEOUT);
  try {
    await client.connect();
    const rows = (await client.send("show stat")).split("\n").map((l) => l.split(","));
    const status = (px: string, sv: string) => rows.find((r) => r[0] === px && r[1] === sv)?.[17];
    assert.equal(status("be_app", "s1"), "UP");
    assert.equal(status("be_app", "s2"), "DOWN");
    assert.equal(status("be_app", "s3"), "MAINT");
    assert.equal(status("be_app", "s4"), "UP");
    assert.equal(status("be_app", "s5"), "no check");
    assert.equal(status("be_app", "s6"), "DRAIN");
    assert.equal(status("be_tcp", "t1"), "MAINT (via be_app/s3)");
    assert.equal(status("fe_main", "FRONTEND"), "OPEN");
  } finally {
    await client.close();
  }
});

Deno.test("client: show stat of a 10,000-server config returns every row", async () => {
  await using lab = await startLab(manyServersBody(10_000));
  const client = new HaproxyClient({ transport: "unix", path: lab.sockets.admin }, { timeoutMs: 30_000 });
  try {
    await client.connect();
    const lines = (await client.send("show stat")).split("\n");
    assert.ok(lines[0].startsWith("# pxname,svname,"));
    const rows = lines.slice(1);
    assert.equal(rows.filter((l) => /^be_\d{4},srv_\d{5},/.test(l)).length, 10_000);
    assert.equal(rows.filter((l) => /^be_\d{4},BACKEND,/.test(l)).length, 100);
    assert.equal(rows.filter((l) => /^fe_\d,FRONTEND,/.test(l)).length, 3);
    assert.equal(rows.length, 10_103);
    assert.ok(rows.some((l) => l.startsWith("be_0099,srv_09999,")));
    // Still in step after the big reply.
    assert.equal(await client.send("show cli level"), "admin");
  } finally {
    await client.close();
  }
});

Deno.test("client: HAProxy killed while connected, then restarted on the same socket: reconnects", async () => {
  await using lab = await startLab(mixedBody);
  let now = 1_000_000;
  const client = new HaproxyClient({ transport: "unix", path: lab.sockets.admin }, {
    timeoutMs: 5000,
    backoff: { initialMs: 500, maxMs: 8000 },
    now: () => now,
  });
  try {
    await client.connect();
    const firstPid = lab.pid;
    assert.match(await client.send("show info"), new RegExp(`^Pid: ${firstPid}$`, "m"));

    await lab.kill();
    await assert.rejects(client.send("show info"), (err: unknown) => {
      assert.ok(err instanceof HaproxyError);
      assert.equal(err.kind, "closed");
      assert.match(err.message, /; reconnecting in 0\.5s$/);
      return true;
    });
    const lost = client.status;
    assert.equal(lost.connected, false);
    assert.equal(lost.nextAttemptAt, now + 500);
    assert.ok(lost.lastError);

    // Before the attempt is due, sends fail fast without trying.
    now += 200;
    await assert.rejects(client.send("show info"), /reconnecting in 0\.3s$/);

    // Due, but HAProxy is still down: the attempt fails and the back-off doubles.
    now += 300;
    await assert.rejects(client.send("show info"), (err: unknown) => {
      assert.ok(err instanceof HaproxyError);
      assert.equal(err.kind, "closed");
      assert.match(
        err.message,
        new RegExp(`cannot connect to ${lab.sockets.admin}: .*; reconnecting in 1s$`),
      );
      return true;
    });
    assert.equal(client.status.nextAttemptAt, now + 1000);
    assert.equal(client.status.reconnects, 0);

    await lab.restart();
    assert.notEqual(lab.pid, firstPid);
    now += 1000;
    // Two senders at once share one reconnect attempt (a second socket would count a second reconnect).
    const [info, level] = await Promise.all([client.send("show info"), client.send("show cli level")]);
    assert.match(info, new RegExp(`^Pid: ${lab.pid}$`, "m"));
    assert.equal(level, "admin");
    assert.deepEqual(client.status, { connected: true, reconnects: 1 });

    // The back-off was reset by the success: the next loss waits the initial 0.5 s again.
    await lab.kill();
    await assert.rejects(client.send("show info"), /; reconnecting in 0\.5s$/);
  } finally {
    await client.close();
  }
});
