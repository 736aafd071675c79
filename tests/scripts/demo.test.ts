import assert, { deepEqual, equal, match } from "node:assert/strict";
import { DEMO_USAGE, main, parseDemoArgs } from "../../scripts/demo.ts";
import { demoConfig, type DemoPorts, HEALTH_PATH } from "../../scripts/demo/config.ts";
import { flapIsUp, planResponse } from "../../scripts/demo/backends.ts";
import { pickRequest } from "../../scripts/demo/traffic.ts";
import { oneShot, statusOf } from "../support/lab.ts";
import { startTmux } from "../support/tmux.ts";
import { poll as pollEvery } from "../support/poll.ts";

/** Polls `probe` every 200 ms (the demo's HAProxy is asked each time) until it answers, or throws after `ms`. */
const poll = <T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> =>
  pollEvery(what, ms, probe, { intervalMs: 200 });

const REPO = new URL("../../", import.meta.url).pathname;

// ---- pure parts ------------------------------------------------------------------------------------------

Deno.test("demo args: --no-monitor and help are the demo's, the rest goes to the monitor; -s/-t refused", () => {
  deepEqual(parseDemoArgs(["-m", "2", "--no-monitor", "-n"]), {
    monitor: false,
    help: false,
    monitorArgs: ["-m", "2", "-n"],
  });
  deepEqual(parseDemoArgs([]), { monitor: true, help: false, monitorArgs: [] });
  equal((parseDemoArgs(["--help"]) as { help: boolean }).help, true);
  for (
    const bad of [["-s", "/x.sock"], ["-t", "h:1"], ["--unix-socket=/x"], ["--tcp-socket", "h:1"], ["-s/x"]]
  ) {
    const out = parseDemoArgs(bad);
    assert("error" in out, bad.join(" "));
    match(out.error, /leave out -s\/-t/);
  }
  assert(!("error" in parseDemoArgs(["-i", "1", "--mode=3"])));
  assert(DEMO_USAGE.includes("--no-monitor"));
});

Deno.test("demo main: a socket option is a usage error (exit 2) before anything starts", async () => {
  equal(await main(["-s", "/tmp/nowhere.sock"]), 2);
});

Deno.test("demo config: every kind of server, on the given ports, with its keyword", () => {
  const ports: DemoPorts = {
    http: 1001,
    tcp: 1002,
    web1: 1003,
    web2: 1004,
    slow: 1005,
    flapping: 1006,
    dead: 1007,
    maint: 1008,
    backup: 1009,
    api: 1010,
    failing: 1011,
    echo: 1012,
  };
  const text = demoConfig(ports);
  const lines = text.split("\n").map((l) => l.trim());
  for (
    const want of [
      "bind 127.0.0.1:1001",
      "bind 127.0.0.1:1002",
      "server web1 127.0.0.1:1003 check",
      "server slow1 127.0.0.1:1005 check maxconn 4",
      "server flap1 127.0.0.1:1006 check",
      "server dead1 127.0.0.1:1007 check",
      "server maint1 127.0.0.1:1008 check disabled",
      "server backup1 127.0.0.1:1009 check backup",
      "server fail1 127.0.0.1:1011 check",
      "server echo1 127.0.0.1:1012 check",
      "server track1 127.0.0.1:1012 track be_web/maint1",
      `option httpchk GET ${HEALTH_PATH}`,
    ]
  ) assert(lines.includes(want), want);
  equal(demoConfig(ports), text, "a pure function of the ports");
});

Deno.test("demo backends: what each kind answers", () => {
  const at = (path: string, random = 0.5) => ({ path, random });
  deepEqual(planResponse("healthy", at("/")).status, 200);
  equal(planResponse("healthy", at("/missing/3")).status, 404);
  equal(planResponse("healthy", at(HEALTH_PATH)).status, 200);
  equal(planResponse("failing", at(HEALTH_PATH)).status, 200, "failing stays UP");
  equal(planResponse("failing", at("/api/items/1", 0.1)).status, 500);
  equal(planResponse("failing", at("/api/items/1", 0.9)).status, 503);
  equal(planResponse("slow", at("/", 0)).delayMs, 200);
  equal(planResponse("slow", at("/", 0.999)).delayMs, 799);
  equal(planResponse("healthy", at("/")).delayMs, 0);
  // Flapping: up first, then down, then up again, each phase as long as asked.
  deepEqual([0, 3999, 4000, 7999, 8000].map((t) => flapIsUp(t, 4000)), [true, true, false, false, true]);
});

Deno.test("demo traffic: requests cover pages, the API (GET and POST), 404s and denied paths", () => {
  const picks = Array.from({ length: 100 }, (_, i) => pickRequest(i / 100, (i * 7 % 100) / 100));
  const kinds = new Set(picks.map((r) => `${r.method} ${r.path.split("/")[1]}`));
  deepEqual([...kinds].sort(), ["GET ", "GET admin", "GET api", "GET missing", "GET products", "POST api"]);
  for (const r of picks) equal(r.body !== undefined, r.method === "POST");
  const shares = (prefix: string) => picks.filter((r) => r.path.startsWith(prefix)).length;
  assert(shares("/missing") >= 10 && shares("/admin") >= 5, "some 404s and 403s, not most");
});

// ---- the real demo ---------------------------------------------------------------------------------------

type Row = Record<string, string | number | null>;

/** `main.ts --batch --format json` on the socket: the stat rows. */
async function batchRows(socket: string): Promise<Row[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${REPO}main.ts`, "-s", socket, "--batch", "--format", "json"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(out.stderr);
  assert(out.success, `batch failed (${out.code}): ${err}`);
  return JSON.parse(new TextDecoder().decode(out.stdout)).stats;
}

function row(rows: Row[], px: string, sv: string): Row {
  const found = rows.find((r) => r.pxname === px && r.svname === sv);
  assert(found, `no row ${px}/${sv}`);
  return found;
}

/** Resolves like `promise`, or rejects after `ms` naming `what`. */
async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a process `pid` is alive and its command line mentions `text`. */
function processWith(pid: number, text: string): boolean {
  try {
    return Deno.readTextFileSync(`/proc/${pid}/cmdline`).includes(text);
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads a child's stream into `sink.text` until it ends. */
async function drain(stream: ReadableStream<Uint8Array>, sink: { text: string }): Promise<void> {
  const decoder = new TextDecoder();
  for await (const chunk of stream) sink.text += decoder.decode(chunk, { stream: true });
}

Deno.test("demo --no-monitor: every kind of server in its state, counters move, flap flaps, SIGTERM cleans up", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${REPO}scripts/demo.ts`, "--no-monitor"],
    cwd: REPO,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const out = { text: "" };
  const err = { text: "" };
  const reading = Promise.all([drain(child.stdout, out), drain(child.stderr, err)]);
  let exited = false;
  try {
    const head = await poll("the demo's socket line", 30_000, () => {
      const m = out.text.match(/HAProxy pid (\d+), lab in (\S+)\n {2}admin socket: +(\S+)/);
      return Promise.resolve(m ? { pid: Number(m[1]), dir: m[2], socket: m[3] } : undefined);
    }).catch((e) => {
      throw new Error(`${(e as Error).message}\nstdout: ${out.text}\nstderr: ${err.text}`);
    });
    match(out.text, /TCP stats: +127\.0\.0\.1:\d+/);
    match(out.text, /HTTP frontend: http:\/\/127\.0\.0\.1:\d+\//);
    match(out.text, /TCP frontend: +127\.0\.0\.1:\d+/);
    assert(out.text.includes(`deno run -A main.ts -s ${head.socket}`), out.text);
    assert(processWith(head.pid, head.dir), "HAProxy runs with the lab's config");

    // Checks settle (servers start as "UP 1/2" with check INI) and traffic reaches the failing server.
    const expected: [string, string, string][] = [
      ["be_web", "web1", "UP"],
      ["be_web", "web2", "UP"],
      ["be_web", "slow1", "UP"],
      ["be_web", "dead1", "DOWN"],
      ["be_web", "backup1", "UP"],
      ["be_api", "api1", "UP"],
      ["be_api", "fail1", "UP"],
      ["be_echo", "echo1", "UP"],
    ];
    await poll("settled checks and 5xx on fail1", 20_000, async () => {
      const csv = await oneShot(head.socket, "show stat");
      const fail = csv.split("\n").find((l) => l.startsWith("be_api,fail1,"));
      const settled = expected.every(([px, sv, want]) => statusOf(csv, px, sv) === want);
      return settled && fail && fail.split(",")[43] !== "0" ? true : undefined;
    });

    const first = await batchRows(head.socket);
    const status = (px: string, sv: string) => row(first, px, sv).status;
    for (const [px, sv, want] of expected) equal(status(px, sv), want, `${px}/${sv}`);
    // The last finished check; a "* " prefix only says the next one is running.
    equal(String(row(first, "be_web", "dead1").check_status).replace(/^\* /, ""), "L4CON");
    equal(status("be_web", "maint1"), "MAINT");
    equal(status("be_echo", "track1"), "MAINT (via be_web/maint1)");
    equal(row(first, "be_web", "backup1").bck, 1);
    equal(status("fe_http", "FRONTEND"), "OPEN");
    equal(status("fe_tcp", "FRONTEND"), "OPEN");
    assert(Number(row(first, "be_api", "fail1").hrsp_5xx) > 0, "the failing server answered 5xx");
    assert(Number(row(first, "fe_http", "FRONTEND").hrsp_4xx) > 0, "404s and 403s reach the frontend");

    // Counters move between two reads.
    const second = await poll("counters to grow", 10_000, async () => {
      const rows = await batchRows(head.socket);
      const grew = (px: string, sv: string, field: string) =>
        Number(row(rows, px, sv)[field]) > Number(row(first, px, sv)[field]);
      return grew("fe_http", "FRONTEND", "req_tot") && grew("be_web", "BACKEND", "stot") &&
          grew("fe_tcp", "FRONTEND", "stot") && grew("fe_tcp", "FRONTEND", "bin")
        ? rows
        : undefined;
    });
    assert(Number(row(second, "be_api", "BACKEND").bout) > 0);

    // The flapping server changes state.
    const base = (csv: string) => statusOf(csv, "be_web", "flap1")?.split(" ")[0];
    const before = base(await oneShot(head.socket, "show stat"));
    assert(before === "UP" || before === "DOWN", String(before));
    const after = await poll("flap1 to change state", 15_000, async () => {
      const now = base(await oneShot(head.socket, "show stat"));
      return now !== before && (now === "UP" || now === "DOWN") ? now : undefined;
    });
    assert(after !== before);

    // SIGTERM: the demo exits and leaves nothing behind.
    child.kill("SIGTERM");
    const { code } = await withDeadline(child.status, 15_000, "the demo to exit after SIGTERM");
    exited = true;
    equal(code, 0, err.text);
    await reading;
    assert(!(await exists(head.dir)), `${head.dir} removed`);
    assert(!processWith(head.pid, head.dir), "HAProxy stopped");
    match(err.text, new RegExp(`stopped HAProxy pid ${head.pid}`));
  } finally {
    if (!exited) {
      // After a failed assertion: let the demo clean up (SIGTERM), and only force it when it does not.
      for (const signal of ["SIGTERM", "SIGKILL"] as const) {
        try {
          child.kill(signal);
        } catch {
          // Already gone.
        }
        if (await withDeadline(child.status, 15_000, "the demo to exit").then(() => true, () => false)) break;
      }
      await reading.catch(() => {});
    }
  }
});

/** The haproxy child of `parent`, from /proc: its pid and the lab dir in its command line. */
function haproxyChild(parent: number): { pid: number; dir: string } | undefined {
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${entry.name}/stat`);
      const [, comm, rest] = stat.match(/^\d+ \((.*)\) (.*)$/s) ?? [];
      if (comm !== "haproxy" || Number(rest.split(" ")[1]) !== parent) continue;
      const cmdline = Deno.readTextFileSync(`/proc/${entry.name}/cmdline`).split("\0");
      const cfg = cmdline[cmdline.indexOf("-f") + 1];
      return { pid: Number(entry.name), dir: cfg.replace(/\/haproxy\.cfg$/, "") };
    } catch {
      // The process went away while we looked.
    }
  }
  return undefined;
}

Deno.test("demo with the monitor: extra args reach it, the screen shows the lab live, q quits and cleans up", async () => {
  await using tmux = await startTmux(
    [Deno.execPath(), "run", "-A", "scripts/demo.ts", "-m", "3", "-i", "1"],
    {
      columns: 120,
      rows: 40,
      cwd: REPO,
    },
  );
  // The demo's first start may take long (it starts HAProxy and its servers); then the whole screen is asked for.
  await tmux.waitFor(/^>>> be_web/m, 30_000);
  // RTOT: started in mode 3 (HTTP) as asked with -m 3.
  await tmux.waitForAll(/^>>> be_web/m, /^flap1 /m, /RTOT/, /^>>> fe_http/m, /^>>> be_echo/m);
  const demoPid = await tmux.pid();
  const lab = haproxyChild(demoPid);
  assert(lab, "the demo runs HAProxy as its child");
  assert(await exists(`${lab.dir}/admin.sock`));
  // The monitor refreshes: the dead server's checks fail and it shows DOWN.
  await tmux.waitFor(/^dead1 +1 DOWN/m, 20_000);
  await tmux.send("q");
  equal(await tmux.exitStatus(20_000), 0);
  assert(!processWith(lab.pid, lab.dir), "HAProxy stopped");
  assert(!(await exists(lab.dir)), `${lab.dir} removed`);
  match(await tmux.capture(), new RegExp(`stopped HAProxy pid ${lab.pid} and the servers`));
});

for (const [signal, code] of [["SIGTERM", 0], ["SIGHUP", 129]] as const) {
  Deno.test(`demo with the monitor: ${signal} to the demo ends the monitor (exit ${code}) and cleans up`, async () => {
    await using tmux = await startTmux([Deno.execPath(), "run", "-A", "scripts/demo.ts"], {
      columns: 100,
      rows: 30,
      cwd: REPO,
    });
    await tmux.waitFor(/^>>> be_web/m, 30_000);
    const demoPid = await tmux.pid();
    const lab = haproxyChild(demoPid);
    assert(lab, "the demo runs HAProxy as its child");
    Deno.kill(demoPid, signal);
    equal(await tmux.exitStatus(20_000), code, "the demo exits with the monitor's code");
    assert(!processWith(lab.pid, lab.dir), "HAProxy stopped");
    assert(!(await exists(lab.dir)), `${lab.dir} removed`);
  });
}
