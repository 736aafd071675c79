import assert from "node:assert/strict";
import { startWatched } from "../../src/haproxy/watchdog.ts";
import { poll } from "../support/poll.ts";

const WATCHDOG_MODULE = new URL("../../src/haproxy/watchdog.ts", import.meta.url).href;

/** Pids whose command line is exactly `argv`. */
function processesRunning(argv: readonly string[]): number[] {
  const want = argv.join("\0");
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid)) continue;
    try {
      if (Deno.readTextFileSync(`/proc/${pid}/cmdline`).replace(/\0$/, "") === want) found.push(pid);
    } catch {
      // Exited meanwhile.
    }
  }
  return found;
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** A `sleep` no other test runs, so that it can be found in /proc. */
function uniqueSleep(): string[] {
  return ["sleep", `${900 + Math.floor(Math.random() * 99)}.${Date.now() % 100_000}`];
}

Deno.test("watchdog: stop() ends the program and removes its directory", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hatop-watchdog-" });
  const sleep = uniqueSleep();
  const watched = startWatched(sleep, dir);
  try {
    await poll("the program to run", 5000, () => processesRunning(sleep).length === 1 || undefined);
    assert.equal(watched.exited, false);
    await watched.stop();
    assert.equal(await watched.status, 143, "killed with SIGTERM");
    assert.equal(watched.exited, true);
    assert.deepEqual(processesRunning(sleep), []);
    assert.equal(await exists(dir), false);
  } finally {
    await watched.stop();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});

Deno.test("watchdog: a program that exits by itself gives its code and output, and its directory goes", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hatop-watchdog-" });
  const watched = startWatched(["sh", "-c", "echo out; echo err >&2; exit 3"], dir);
  try {
    assert.equal(await watched.status, 3);
    assert.equal(watched.stdout(), "out\n");
    assert.equal(watched.stderr(), "err\n");
    await poll("the directory to be removed", 5000, async () => !(await exists(dir)) || undefined);
  } finally {
    await watched.stop();
  }
});

for (const how of ["SIGKILL of the owner alone", "SIGKILL of the owner's process group", "exit"] as const) {
  Deno.test(`watchdog: ${how} ends the program and removes its directory`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "hatop-watchdog-" });
    const sleep = uniqueSleep();
    const script = `import { startWatched } from ${JSON.stringify(WATCHDOG_MODULE)};
startWatched(${JSON.stringify(sleep)}, ${JSON.stringify(dir)});
console.log("started");
${
      how === "exit"
        ? 'Deno.addSignalListener("SIGUSR1", () => Deno.exit(0));\n'
        : ""
    }setInterval(() => {}, 1000);
`;
    const owner = new Deno.Command(Deno.execPath(), {
      args: ["eval", "--no-lock", script],
      stdin: "null",
      stdout: "piped",
      stderr: "inherit",
      // Its own process group, so that the group kill reaches the owner and not this test.
      detached: true,
    }).spawn();
    try {
      await poll("the program to run", 10_000, () => processesRunning(sleep).length === 1 || undefined);
      if (how === "SIGKILL of the owner alone") Deno.kill(owner.pid, "SIGKILL");
      if (how === "SIGKILL of the owner's process group") Deno.kill(-owner.pid, "SIGKILL");
      // The owner exits by itself once the test has seen the program run (on a signal, not a timer).
      if (how === "exit") Deno.kill(owner.pid, "SIGUSR1");
      await owner.status;
      await poll("the program to end", 10_000, () => processesRunning(sleep).length === 0 || undefined);
      await poll("the directory to be removed", 10_000, async () => !(await exists(dir)) || undefined);
    } finally {
      try {
        owner.kill("SIGKILL");
      } catch {
        // Exited.
      }
      await owner.status;
      await owner.stdout.cancel();
      for (const pid of processesRunning(sleep)) Deno.kill(pid, "SIGKILL");
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  });
}
