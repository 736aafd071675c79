/**
 * End-to-end tests of `--check --wait N` against real HAProxy labs, through a recording relay that counts the
 * polls (each is a connection of its own): it waits the full N seconds (N + 1 polls, one per second), and its exit code says whether the
 * servers were not healthy (1) or a socket never answered (2). Polls are counted, never timed.
 *
 * @module
 */
import { assertEquals, assertMatch } from "../support/assert.ts";
import { startMixedLab } from "../support/lab.ts";
import { runHatop, spawnHatop } from "../support/program.ts";
import { startRecorder } from "../support/recorder.ts";
import { poll } from "../support/poll.ts";

Deno.test("--check --wait 1 on servers that stay unhealthy polls twice, then exits 1 listing them", async () => {
  await using lab = await startMixedLab();
  await using relay = await startRecorder(lab.sockets.admin);
  const r = await runHatop(["-s", relay.path, "--check", "--wait", "1"]);
  assertEquals(r.code, 1, r.stderr);
  assertMatch(r.stdout, /^be_app\/s2 {2}DOWN {2}last check: L4CON/m);
  // Each poll is a connection of its own.
  assertEquals(relay.connections(), 2, "one poll at the start, one once the second has passed");
});

Deno.test("--check --wait 1 on a socket that never answers tries twice, then exits 2 with one message", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hatop-nowhere-" });
  try {
    // A relay to a socket that does not exist hangs up on every connection: it counts the attempts.
    await using relay = await startRecorder(`${dir}/missing.sock`);
    const r = await runHatop(["-s", relay.path, "--check", "--wait", "1"]);
    assertEquals(r.code, 2, r.stdout);
    assertEquals(relay.connections(), 2);
    assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);
    assertMatch(r.stderr, /closed the connection before the prompt/);
    const missing = await runHatop(["-s", `${dir}/missing.sock`, "--check", "--wait", "1"]);
    assertEquals(missing.code, 2);
    assertMatch(missing.stderr, /^hatop: cannot connect to .*missing\.sock: no such file/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--check --wait keeps polling until a server comes out of maintenance, then exits 0", async () => {
  await using lab = await startMixedLab();
  await using relay = await startRecorder(lab.sockets.admin);
  // be_tcp's only server tracks be_app/s3, which is in maintenance: healthy once s3 is enabled.
  const child = spawnHatop(["-s", relay.path, "-p", "be_tcp", "--check", "--wait", "60"]);
  const output = child.output();
  try {
    // The second poll has begun, so the first one (s3 still in maintenance) was not healthy.
    await poll("a second poll", 30_000, () => relay.connections() >= 2 || undefined);
    await lab.command("enable server be_app/s3");
  } catch (e) {
    child.kill();
    await output;
    throw e;
  }
  const out = await output;
  const stdout = new TextDecoder().decode(out.stdout);
  assertEquals(out.code, 0, stdout);
  assertMatch(stdout, /^1\/1 servers healthy$/m);
});
