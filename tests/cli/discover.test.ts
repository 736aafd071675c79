/**
 * Discovery on this host against real HAProxy processes: a running lab is found through /proc and its -f,
 * its master CLI through -S, and the socket chosen is the one with the highest level, named with its file
 * and line. Other processes of the machine (other labs) are left out by looking at the lab's pid only.
 *
 * @module
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startLab } from "../support/lab.ts";
import { smallBody } from "../support/fleet.ts";
import { type ConfigHost, discover, LOCAL_HOST, sshHost } from "../../src/cli/discover.ts";
import { startSshd } from "../support/sshd.ts";
import { fakeEnv } from "../support/env.ts";
import { foundAt } from "../../src/haproxy/haproxy_cfg.ts";

/** This host, with only the running processes of `pids` (the machine runs other labs too). */
function only(pids: () => readonly number[]): ConfigHost {
  return {
    haproxies: async () => (await LOCAL_HOST.haproxies()).filter((p) => pids().includes(p.pid)),
    read: LOCAL_HOST.read,
  };
}

/** The 1-based line of `text` in the lab's config. */
function lineOf(config: string, text: string): number {
  return config.split("\n").findIndex((l) => l.includes(text)) + 1;
}

Deno.test("a running haproxy is found through /proc: its -f file, the admin socket chosen", async () => {
  await using lab = await startLab(smallBody({}));
  const running = (await LOCAL_HOST.haproxies()).find((p) => p.pid === lab.pid);
  assert(running, `pid ${lab.pid} is among the running haproxies`);
  assert(running.argv.includes(`${lab.dir}/haproxy.cfg`), running.argv.join(" "));
  const found = await discover(only(() => [lab.pid]));
  assertEquals(found.socket?.address, { transport: "unix", path: lab.sockets.admin });
  assertEquals(found.socket?.level, "admin");
  assertEquals(foundAt(found.socket!), `${lab.dir}/haproxy.cfg:${lineOf(lab.config, "admin.sock")}`);
  assertEquals(found.looked, [
    `running haproxy (pid ${lab.pid}): ${running.argv.join(" ")}`,
    `${lab.dir}/haproxy.cfg: 4 stats sockets`,
  ]);
  // Only a user-level socket allowed: that one.
  const user = await discover(only(() => [lab.pid]), undefined, (s) => s.level === "user");
  assertEquals(user.socket?.address, { transport: "unix", path: lab.sockets.user });
});

Deno.test("a master-worker haproxy: its -S master CLI is found too, a stats socket preferred at one level", async () => {
  await using lab = await startLab(smallBody({}), { master: true });
  const found = await discover(only(() => [lab.pid]), undefined, (s) => s.kind === "master");
  assertEquals(found.socket?.address, { transport: "unix", path: lab.sockets.master! });
  assertEquals(foundAt(found.socket!), `-S of haproxy pid ${lab.pid}`);
  assertEquals((await discover(only(() => [lab.pid]))).socket?.kind, "stats");
});

Deno.test("no running haproxy: the default file is looked at; a given file is read instead of /proc", async () => {
  const none = await discover(only(() => []));
  assertEquals(none.looked[0], "running haproxy processes: none");
  assert(none.looked[1].startsWith("/etc/haproxy/haproxy.cfg: "), none.looked[1]);
  await using lab = await startLab(smallBody({}));
  const given = await discover(only(() => []), `/nonexistent.cfg:${lab.dir}`);
  assertEquals(given.socket?.address, { transport: "unix", path: lab.sockets.admin });
  assertEquals(given.looked, [
    `HATOP_HAPROXY_CONFIG=/nonexistent.cfg:${lab.dir}`,
    "/nonexistent.cfg: no such file",
    `${lab.dir}: 4 stats sockets`,
  ]);
});

Deno.test("over ssh: the remote host's running haproxies (argv, cwd) and its config files, read with BatchMode", async () => {
  await using lab = await startLab(smallBody({}));
  await using sshd = await startSshd();
  const host = sshHost(
    { transport: "ssh", host: "127.0.0.1", port: sshd.port, path: "" },
    5000,
    fakeEnv({ HATOP_SSH_COMMAND: sshd.sshCommand }),
  );
  const local = (await LOCAL_HOST.haproxies()).find((p) => p.pid === lab.pid);
  const remote = (await host.haproxies()).find((p) => p.pid === lab.pid);
  assertEquals(remote, local);
  assertEquals(await host.read(`${lab.dir}/haproxy.cfg`), await LOCAL_HOST.read(`${lab.dir}/haproxy.cfg`));
  assertEquals(await host.read(lab.dir), await LOCAL_HOST.read(lab.dir));
  const found = await discover(only(() => [lab.pid]));
  const remoteFound = await discover({ haproxies: () => Promise.resolve([remote!]), read: host.read });
  assertEquals(remoteFound, found);
  let missing: unknown;
  await host.read(`${lab.dir}/none.cfg`).catch((e) => (missing = e));
  assert(missing instanceof Deno.errors.NotFound, String(missing));
});
