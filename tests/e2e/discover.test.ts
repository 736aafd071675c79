/**
 * A start without -s or -t, end to end: the socket is found in a real lab's configuration (given by
 * `$HATOP_HAPROXY_CONFIG`, so that the other labs running on this machine play no part), the file and line
 * are named, and nothing found prints the help and what was looked at; `-s ssh://host` without a path finds
 * a socket in the remote host's running haproxies over a real sshd, and leaves no ssh process behind.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { startLab } from "../support/lab.ts";
import { smallBody } from "../support/fleet.ts";
import { runHatop, startHatop } from "../support/program.ts";
import { clientProcesses, startSshd } from "../support/sshd.ts";
import { poll } from "../support/poll.ts";

Deno.test("discovery: the lab's socket from its config, named with file and line; nothing found: what was looked at", async () => {
  await using lab = await startLab(smallBody({}), { node: "found-me" });
  const cfg = `${lab.dir}/haproxy.cfg`;
  const line = lab.config.split("\n").findIndex((l) => l.includes("admin.sock")) + 1;
  const found = await runHatop(["--batch", "--format=json"], { HATOP_HAPROXY_CONFIG: cfg });
  assertEquals(found.code, 0, found.stderr);
  assertEquals(JSON.parse(found.stdout).info.node, "found-me");
  assertEquals(
    found.stderr,
    `hatop: using the stats socket ${lab.sockets.admin} (level admin) from ${cfg}:${line}\n`,
  );
  // The monitor says it on its message line (stderr is under its screen).
  await using tmux = await startHatop([], { columns: 160, rows: 30 }, { env: { HATOP_HAPROXY_CONFIG: cfg } });
  await tmux.waitForAll(
    `using the stats socket ${lab.sockets.admin} (level admin) from ${cfg}:${line}`,
    /Node: found-me/,
  );
  await tmux.send("q");
  assertEquals(await tmux.exitStatus(), 0);
  const none = await runHatop(["--batch"], { HATOP_HAPROXY_CONFIG: `${lab.dir}/none.cfg` });
  assertEquals([none.code, none.stderr], [0, ""]);
  assertMatch(none.stdout, /^Usage: hatop /);
  assert(
    none.stdout.endsWith(
      `No stats socket was found; looked at:\n  HATOP_HAPROXY_CONFIG=${lab.dir}/none.cfg\n  ${lab.dir}/none.cfg: no such file\n`,
    ),
    none.stdout,
  );
});

Deno.test("discovery over ssh: ssh://host without a path opens the socket found in that host's config", async () => {
  await using lab = await startLab(smallBody({}), { node: "remote-lab" });
  await using sshd = await startSshd();
  const cfg = `${lab.dir}/haproxy.cfg`;
  const line = lab.config.split("\n").findIndex((l) => l.includes("admin.sock")) + 1;
  const env = { HATOP_SSH_COMMAND: sshd.sshCommand, HATOP_HAPROXY_CONFIG: cfg };
  const url = sshd.url("");
  const { code, stdout, stderr } = await runHatop(["-s", url, "--batch", "--format=json"], env);
  assertEquals(code, 0, stderr + (await sshd.log()));
  assertEquals(JSON.parse(stdout).info.node, "remote-lab");
  assertEquals(
    stderr,
    `hatop: using the stats socket ${url}${lab.sockets.admin} (level admin) from ${cfg}:${line}\n`,
  );
  await poll(
    "no ssh client of hatop left",
    10_000,
    () => clientProcesses(sshd.port).length === 0 ? true : undefined,
  );
  const missing = await runHatop(["-s", url, "--batch"], {
    ...env,
    HATOP_HAPROXY_CONFIG: `${lab.dir}/none.cfg`,
  });
  assertEquals(missing.code, 2);
  assertEquals(
    missing.stderr,
    `hatop: ${url}: no stats socket found there; looked at:\n  HATOP_HAPROXY_CONFIG=${lab.dir}/none.cfg\n` +
      `  ${lab.dir}/none.cfg: no such file\n`,
  );
  const denied = await runHatop(["-s", url, "--batch"], { HATOP_SSH_COMMAND: sshd.wrongKeyCommand });
  assertEquals(denied.code, 2);
  assertMatch(
    denied.stderr,
    /^hatop: ssh:\/\/127\.0\.0\.1:\d+: no stats socket found there; looked at:\n {2}running haproxy processes: ssh to 127\.0\.0\.1: .*Permission denied/,
  );
});
