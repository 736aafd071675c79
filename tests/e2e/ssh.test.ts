/**
 * `-s ssh://host/path` end to end: the real program, a real HAProxy lab and a real sshd started by the test
 * (tests/support/sshd.ts; the client uses `HATOP_SSH_COMMAND="ssh -F <its config>"`, never ~/.ssh). Through
 * ssh, --batch, --check and the monitor show what the local socket shows; a dropped link reconnects; start
 * errors name the host; and however hatop ends, no ssh of it and no private directory is left.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { type Lab, manyServersBody, startLab } from "../support/lab.ts";
import { START_MS } from "../support/lab_queries.ts";
import { looksLikeCrash, rowLine, rowMatches, runHatop, startHatop } from "../support/program.ts";
import { clientProcesses, type Sshd, startSshd, tunnelDirs } from "../support/sshd.ts";
import { poll } from "../support/poll.ts";
import type { TmuxSession } from "../support/tmux.ts";

/**
 * A lab without health checks, so that two reads of it differ only in clocks and counters: be_0000 with
 * srv_00000..srv_00002, the last one put in maintenance.
 */
async function startQuietLab(): Promise<Lab> {
  const lab = await startLab(manyServersBody(3));
  try {
    assertEquals((await lab.command("disable server be_0000/srv_00002")).trim(), "");
    return lab;
  } catch (e) {
    await lab.stop();
    throw e;
  }
}

/** `show info` fields that move between two reads (clocks, counters of our own CLI sessions, memory pools). */
const VOLATILE_INFO =
  /^(Uptime|Uptime_sec|Cum\w+|TotalBytesOut|TotalSplicedBytesOut|Pool\w+|Idle_pct|Run_queue|Tasks|\w*Rate\w*)$/;
/** `show stat` fields that move without traffic: seconds since the last change. */
const VOLATILE_STAT = /^(lastchg)$/;

type BatchJson = { info: Record<string, unknown>; stats: Record<string, unknown>[]; warnings: unknown[] };

function stable(json: BatchJson): BatchJson {
  const keep = (o: Record<string, unknown>, volatile: RegExp) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, volatile.test(k) ? "(volatile)" : v]));
  return {
    info: keep(json.info, VOLATILE_INFO),
    stats: json.stats.map((row) => keep(row, VOLATILE_STAT)),
    warnings: json.warnings,
  };
}

function env(sshd: Sshd, wrongKey = false): Record<string, string> {
  return { HATOP_SSH_COMMAND: wrongKey ? sshd.wrongKeyCommand : sshd.sshCommand };
}

/** Waits until no ssh of hatop's (nor its watchdog) runs and none of `dirs` exists. */
async function nothingLeft(sshd: Sshd, dirs: readonly string[]): Promise<void> {
  const exists = (d: string) => Deno.stat(d).then(() => true, () => false);
  await poll("no ssh process and no private directory left", 10_000, async () => {
    if (clientProcesses(sshd.port).length > 0) return undefined;
    for (const d of dirs) if (await exists(d)) return undefined;
    return true;
  }, { detail: () => JSON.stringify(clientProcesses(sshd.port)) });
}

Deno.test("ssh: --batch --format=json through ssh:// equals the local socket's, field for field", async () => {
  await using lab = await startQuietLab();
  await using sshd = await startSshd();
  const local = await runHatop(["-s", lab.sockets.admin, "--batch", "--format=json"]);
  const remote = await runHatop(["-s", sshd.url(lab.sockets.admin), "--batch", "--format=json"], env(sshd));
  assertEquals(remote.stderr, "");
  assertEquals(remote.code, 0);
  assertEquals(local.code, 0);
  const [a, b] = [JSON.parse(local.stdout) as BatchJson, JSON.parse(remote.stdout) as BatchJson];
  assertEquals(b.stats.map((r) => `${r.pxname}/${r.svname}`), a.stats.map((r) => `${r.pxname}/${r.svname}`));
  assert(b.stats.some((r) => r.svname === "srv_00002" && r.status === "MAINT"), remote.stdout);
  assertEquals(stable(b), stable(a));
  await nothingLeft(sshd, []);
});

Deno.test("ssh: --check and text --batch through ssh:// say what they say locally, mixed with a local socket", async () => {
  await using lab = await startQuietLab();
  await using sshd = await startSshd();
  const local = await runHatop(["-s", lab.sockets.admin, "--check"]);
  const remote = await runHatop(["-s", sshd.url(lab.sockets.admin), "--check"], env(sshd));
  assertEquals(local.code, 1, "srv_00002 is in maintenance");
  assertEquals([remote.code, remote.stdout], [local.code, local.stdout]);
  assertMatch(remote.stdout, /^be_0000\/srv_00002 {2}MAINT /m);

  const both = await runHatop(
    ["-s", lab.sockets.admin, "-s", sshd.url(lab.sockets.user), "--batch"],
    env(sshd),
  );
  assertEquals(both.code, 0, both.stderr);
  assertMatch(both.stdout, new RegExp(`^=== hatop-lab \\(${lab.sockets.admin}\\) ===$`, "m"));
  assert(both.stdout.includes(`=== hatop-lab (${sshd.url(lab.sockets.user)}) ===`), both.stdout);
  await nothingLeft(sshd, []);
});

Deno.test("ssh: a wrong key, and a missing remote socket, are clear start errors (exit 2) naming the host", async () => {
  await using lab = await startQuietLab();
  await using sshd = await startSshd();
  const denied = await runHatop(["-s", sshd.url(lab.sockets.admin), "--batch"], env(sshd, true));
  assertEquals(denied.code, 2);
  assertMatch(
    denied.stderr,
    /^hatop: cannot connect to ssh:\/\/127\.0\.0\.1:\d+\/\S+: ssh authentication to \S+@127\.0\.0\.1 was refused \(Permission denied \(publickey\)\)/,
  );
  const missing = `${lab.dir}/gone.sock`;
  const gone = await runHatop(["-s", sshd.url(missing), "--batch"], env(sshd));
  assertEquals(gone.code, 2);
  assertEquals(
    gone.stderr,
    `hatop: cannot connect to ${sshd.url(missing)}: remote socket ${missing} missing on 127.0.0.1 (or not ` +
      `visible to the ssh user): is HAProxy running there with "stats socket ${missing}"?\n`,
  );
  assert(!looksLikeCrash(denied.stderr + gone.stderr));
  await nothingLeft(sshd, []);
});

/** A fixture around the program that SIGUSR1 makes throw an uncaught error (tests/e2e/fixtures). */
const CRASHING = new URL("./fixtures/crash_on_usr1.ts", import.meta.url).pathname;

/**
 * Starts the monitor through ssh (main.ts, or `entry`) and waits for the lab's rows; returns it and its
 * tunnel's directory.
 */
async function monitorThroughSsh(
  lab: { sockets: { admin: string } },
  sshd: Sshd,
  columns = 100,
  entry?: string,
) {
  const tmux = await startHatop(["-s", sshd.url(lab.sockets.admin), "-i", "1"], { columns, rows: 30 }, {
    env: env(sshd),
    entry,
  });
  try {
    await tmux.waitFor((s) => rowLine(s, "srv_00001") !== undefined, START_MS);
    await tmux.waitForAll(
      ">>> be_0000",
      rowMatches("srv_00001", /^srv_00001\s+1 no check\s/),
      rowMatches("srv_00002", /^srv_00002\s+1 MAINT\s/),
    );
    const dirs = tunnelDirs(clientProcesses(sshd.port));
    assertEquals(dirs.length, 1, JSON.stringify(clientProcesses(sshd.port)));
    const info = await Deno.stat(dirs[0]);
    assertEquals((info.mode ?? 0) & 0o777, 0o700, "the tunnel's directory is private");
    assert((await Deno.stat(`${dirs[0]}/socket`)).isSocket, "the local end of the tunnel is in it");
    return { tmux, dir: dirs[0] };
  } catch (e) {
    await tmux.kill();
    throw e;
  }
}

/** The process group of the program in the pane. */
async function processGroup(tmux: TmuxSession): Promise<number> {
  const stat = await Deno.readTextFile(`/proc/${await tmux.pid()}/stat`);
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
}

/** Ways hatop ends; `entry` runs a fixture around it, `shows` is what the screen says once it has ended. */
const ENDINGS: {
  name: string;
  end: (tmux: TmuxSession) => Promise<void>;
  status?: number;
  entry?: string;
  shows?: string;
}[] = [
  { name: "q", end: (tmux) => tmux.send("q"), status: 0 },
  { name: "SIGTERM", end: async (tmux) => Deno.kill(await tmux.pid(), "SIGTERM"), status: 0 },
  { name: "SIGINT", end: async (tmux) => Deno.kill(await tmux.pid(), "SIGINT"), status: 0 },
  { name: "SIGHUP", end: async (tmux) => Deno.kill(await tmux.pid(), "SIGHUP"), status: 129 },
  {
    name: "an uncaught error",
    end: async (tmux) => Deno.kill(await tmux.pid(), "SIGUSR1"),
    status: 1,
    entry: CRASHING,
    shows: "boom (uncaught, on SIGUSR1)",
  },
  { name: "SIGKILL of hatop alone", end: async (tmux) => Deno.kill(await tmux.pid(), "SIGKILL") },
  {
    name: "SIGKILL of its process group",
    end: async (tmux) => Deno.kill(-(await processGroup(tmux)), "SIGKILL"),
  },
];

for (const ending of ENDINGS) {
  Deno.test(`ssh: the monitor shows the lab's rows through ssh://; after ${ending.name}, no ssh of it is left`, async () => {
    await using lab = await startQuietLab();
    await using sshd = await startSshd();
    const { tmux, dir } = await monitorThroughSsh(lab, sshd, 100, ending.entry);
    await using _tmux = tmux;
    await ending.end(tmux);
    const status = await tmux.exitStatus();
    if (ending.status !== undefined) assertEquals(status, ending.status);
    if (ending.shows) assert((await tmux.capture()).includes(ending.shows), await tmux.capture());
    await nothingLeft(sshd, [dir]);
  });
}

Deno.test("ssh: a killed sshd shows DISCONNECTED and reconnecting, and the data comes back after its restart", async () => {
  await using lab = await startQuietLab();
  await using sshd = await startSshd();
  const { tmux, dir } = await monitorThroughSsh(lab, sshd, 250);
  await using _tmux = tmux;
  await sshd.kill();
  await tmux.waitFor(/DISCONNECTED: .*reconnecting in/, 20_000);
  // The last data stays on screen.
  await tmux.waitForAll(
    /DISCONNECTED: .*reconnecting in/,
    rowMatches("srv_00001", /^srv_00001\s+1 no check\s/),
  );
  // The dropped link's ssh ended and took its directory along; attempts against the dead port fail cleanly.
  await poll(
    "the dropped tunnel's directory to go",
    10_000,
    async () => (await Deno.stat(dir).then(() => false, () => true)) || undefined,
  );
  await tmux.waitFor(/ssh cannot reach 127\.0\.0\.1 port \d+: connection refused/, 20_000);
  await tmux.waitForAll(/ssh cannot reach 127\.0\.0\.1 port \d+: connection refused.*reconnecting in/);

  // A change made while the link is down shows once it is back: the data is fresh, not the last kept.
  assertEquals((await lab.command("enable server be_0000/srv_00002")).trim(), "");
  await sshd.restart();
  await tmux.waitFor(
    (s) => !s.includes("DISCONNECTED") && rowMatches("srv_00002", /^srv_00002\s+1 no check\s/)(s),
    30_000,
  );
  const dirs = tunnelDirs(clientProcesses(sshd.port));
  assertEquals(dirs.length, 1, "one tunnel again");
  await tmux.send("q");
  assertEquals(await tmux.exitStatus(), 0);
  await nothingLeft(sshd, dirs);
});
