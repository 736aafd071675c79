import assert from "node:assert/strict";
import {
  ensureHaproxy,
  findHaproxy,
  freePort,
  manyServersBody,
  mixedBody,
  oneShot,
  startLab,
} from "../support/lab.ts";

function isRunning(pid: number): boolean {
  assert.ok(pid > 0, `not a pid: ${pid}`);
  try {
    Deno.kill(pid, "SIGCONT");
    return true;
  } catch {
    return false;
  }
}

Deno.test("lab: findHaproxy and ensureHaproxy return an executable haproxy", async () => {
  const found = await findHaproxy();
  assert.ok(found, "haproxy is installed in this environment");
  assert.equal(await ensureHaproxy(), found);
  const out = await new Deno.Command(found, { args: ["-v"], stdout: "piped" }).output();
  // 2.2 spells itself "HA-Proxy"; the runner says which release it chose.
  const version = new TextDecoder().decode(out.stdout).match(/^HA-?Proxy version (\S+)/)?.[1];
  assert.ok(version, "haproxy -v names its version");
  const chosen = Deno.env.get("HATOP_HAPROXY_VERSION");
  if (chosen) assert.equal(version, chosen);
});

Deno.test("lab: freePort gives a loopback port that can be listened on", async () => {
  const port = await freePort();
  assert.ok(port > 0 && port < 65536);
  const listener = Deno.listen({ hostname: "127.0.0.1", port });
  listener.close();
});

Deno.test("lab: a config haproxy -c rejects fails with haproxy's own message", async () => {
  await assert.rejects(
    startLab(() => "frontend broken\n    bind 127.0.0.1:notaport\n"),
    /haproxy -c rejected the lab config:[\s\S]*notaport/,
  );
});

Deno.test("lab: sockets at every level, node and description, stop() is idempotent and cleans up", async () => {
  const lab = await startLab(mixedBody, { node: "n1" });
  const pid = lab.pid;
  try {
    assert.ok(lab.dir.startsWith("/tmp/hatop-lab-"));
    assert.ok(isRunning(lab.pid));
    const info = await lab.command("show info");
    assert.match(info, /^node: n1$/m);
    assert.match(info, /^description: hatop test instance$/m);
    assert.equal((await oneShot(lab.sockets.operator, "show cli level")).trim(), "operator");
    assert.equal((await oneShot(lab.sockets.user, "show cli level")).trim(), "user");
    assert.match(lab.config, new RegExp(`stats socket ipv4@127.0.0.1:${lab.sockets.tcp.port} level admin`));
  } finally {
    await lab.stop();
  }
  await lab.stop();
  assert.equal(lab.pid, pid);
  assert.equal(isRunning(pid), false);
  await assert.rejects(Deno.stat(lab.dir), Deno.errors.NotFound);
});

Deno.test("lab: waitForStat returns the matching text, or throws with the last one", async () => {
  await using lab = await startLab(mixedBody);
  const csv = await lab.waitForStat((text) => text.includes("be_app,s5,"));
  assert.match(csv, /^# pxname,svname,/);
  await assert.rejects(
    lab.waitForStat(() => false, 300),
    /condition not met within 300 ms; last show stat:\n# pxname,svname,/,
  );
});

Deno.test("lab: master mode exposes the master CLI", async () => {
  await using lab = await startLab(mixedBody, { master: true });
  assert.ok(lab.sockets.master);
  const proc = await oneShot(lab.sockets.master, "show proc");
  assert.match(proc, new RegExp(`^${lab.pid}\\s+master\\s`, "m"));
  assert.match(proc, /^# workers$/m);
  assert.match(await lab.command("show info"), /^Name: HAProxy$/m);
  assert.match(lab.version, /^\d+\.\d+\.\d+/);
});

Deno.test("lab: manyServersBody spreads servers 100 per backend, with three frontends", async () => {
  let next = 20000;
  const text = await manyServersBody(250)({
    dir: "/tmp/x",
    port: () => Promise.resolve(next++),
    closedPort: () => Promise.resolve(9000),
  });
  assert.deepEqual(text.match(/^backend \S+$/gm), ["backend be_0000", "backend be_0001", "backend be_0002"]);
  assert.deepEqual(text.match(/^frontend \S+$/gm), ["frontend fe_0", "frontend fe_1", "frontend fe_2"]);
  const servers = text.match(/^ {4}server srv_\d{5} /gm) ?? [];
  assert.equal(servers.length, 250);
  assert.match(text, /backend be_0002\n {4}server srv_00200 /);
  assert.doesNotMatch(text, / check/);
});
