/**
 * Several monitors on one real HAProxy at the same time, each in its own tmux pane: resident memory 20 s
 * after its start and CPU (utime + stime from /proc) over one common window. Running them together puts
 * every program under the same load, so their ratio holds on a busy machine where timings taken one after
 * another would not compare; `deno task bench` uses it for ours against hatop 0.8.2, and by hand it compares
 * two checkouts or V8 flags:
 *
 * `deno run -A scripts/bench/side_by_side.ts --servers 960 --window 60 [--hatop] [--idle] [--tree DIR]...
 * [--flags F]...`
 *
 * `--tree DIR` adds a monitor run from another checkout (e.g. `git archive main | tar -x -C /tmp/base`),
 * `--flags F` one run from this checkout with `deno run F` (e.g. `--v8-flags=--max-semi-space-size=1,--heap-growing-percent=20`).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { startTmux, type TmuxSession } from "../../tests/support/tmux.ts";
import { cpuTicks, type Resident, resident } from "./stats.ts";

/** Pane size every program draws into (the side-by-side run). */
export const PANE = { columns: 160, rows: 50 };

/** How long after its start a program's resident memory is read. */
export const RSS_AFTER_MS = 20_000;

/**
 * `deno run` checks for a newer Deno at start (a DNS lookup and an HTTPS request to dl.deno.land in the
 * background, about 2 MB resident); the compiled binary and `deno task start` do not, so neither do the runs
 * measured here.
 */
export const NO_UPDATE_CHECK = ["env", "DENO_NO_UPDATE_CHECK=1"];

/** A command line to run in a pane, with a name for the table. */
export interface Program {
  name: string;
  command: string[];
  cwd?: string;
}

/** What one program used. */
export interface Measured {
  name: string;
  /** Resident memory 20 s after the start. */
  rss: Resident;
  /** CPU seconds (user + system) used during the window. */
  cpuSeconds: number;
  /** The window's length, seconds. */
  windowSeconds: number;
}

/**
 * Our monitor on `sock` at `-i 1`, from the checkout at `root`, with deno flags before the script
 * (`script`: main.ts there, or another entry such as the bundled hatop.js in a directory of its own).
 */
export function ours(
  name: string,
  root: string,
  sock: string,
  flags: readonly string[] = [],
  script = "main.ts",
): Program {
  return {
    name,
    command: [...NO_UPDATE_CHECK, Deno.execPath(), "run", "-A", ...flags, script, "-s", sock, "-i", "1"],
    cwd: root,
  };
}

/** A Deno script that only waits (one timer a second): the floor any Deno program starts from. */
export function idleDeno(): Program {
  const script = new URL("./idle.ts", import.meta.url).pathname;
  return { name: "deno, idle", command: [...NO_UPDATE_CHECK, Deno.execPath(), "run", script] };
}

/**
 * scripts/bench/floor.ts: the monitor's modules loaded and nothing run (`modules`), or reads only (`read`),
 * with deno `flags` (the benchmark gives the monitor's shipped V8 flags).
 */
export function floor(what: "modules" | "read", sock: string, flags: readonly string[] = []): Program {
  const script = new URL("./floor.ts", import.meta.url).pathname;
  const args = what === "read" ? ["read", "-s", sock] : ["modules"];
  const name = what === "read" ? "deno, read + parse each second" : "deno, the monitor's modules loaded";
  return { name, command: [...NO_UPDATE_CHECK, Deno.execPath(), "run", "-A", ...flags, script, ...args] };
}

/** hatop 0.8.2 on `sock` at `-i 1`. */
export function original(path: string, sock: string): Program {
  return { name: "hatop 0.8.2", command: [path, "-s", sock, "-i", "1"] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts every program at once, reads each one's RSS 20 s after the start, then CPU over `windowMs` for all
 * together (from the same moment); `ready` is text of the first frame with data.
 */
export async function sideBySide(
  programs: readonly Program[],
  ready: string,
  windowMs: number,
  ticksPerSecond: number,
): Promise<Measured[]> {
  const sessions: TmuxSession[] = [];
  try {
    const t0 = performance.now();
    for (const p of programs) sessions.push(await startTmux(p.command, { ...PANE, cwd: p.cwd }));
    await Promise.all(sessions.map((s) => s.waitFor(ready, 60_000)));
    const pids = await Promise.all(sessions.map((s) => s.pid()));
    await sleep(Math.max(0, t0 + RSS_AFTER_MS - performance.now()));
    const memory = pids.map(resident);
    const before = pids.map(cpuTicks);
    const w0 = performance.now();
    await sleep(windowMs);
    const after = pids.map(cpuTicks);
    const windowSeconds = (performance.now() - w0) / 1000;
    return programs.map((p, i) => ({
      name: p.name,
      rss: memory[i],
      cpuSeconds: (after[i] - before[i]) / ticksPerSecond,
      windowSeconds,
    }));
  } finally {
    for (const s of sessions) await s.kill();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      servers: { type: "string", default: "960" },
      window: { type: "string", default: "60" },
      hatop: { type: "boolean", default: false },
      tree: { type: "string", multiple: true, default: [] },
      flags: { type: "string", multiple: true, default: [] },
      idle: { type: "boolean", default: false },
    },
  });
  const { startLab } = await import("../lab/haproxy.ts");
  const { manyServersBody } = await import("../lab/configs.ts");
  const { clockTicksPerSecond } = await import("./stats.ts");
  const root = new URL("../..", import.meta.url).pathname;
  await using lab = await startLab(manyServersBody(Number(values.servers)), { startTimeoutMs: 120_000 });
  const sock = lab.sockets.admin;
  const programs = [ours("this checkout", root, sock)];
  for (const tree of values.tree) programs.push(ours(tree, tree, sock));
  for (const f of values.flags) programs.push(ours(`this, ${f}`, root, sock, f.split(" ").filter((a) => a)));
  if (values.hatop) programs.push(original("/usr/bin/hatop", sock));
  if (values.idle) programs.push(idleDeno());
  const results = await sideBySide(
    programs,
    "srv_00000",
    Number(values.window) * 1000,
    await clockTicksPerSecond(),
  );
  for (const r of results) {
    console.log(
      `${r.name}: RSS ${(r.rss.total / 1e6).toFixed(1)} MB (anon ${(r.rss.anon / 1e6).toFixed(1)}, file ${
        (r.rss.file / 1e6).toFixed(1)
      }), CPU ${r.cpuSeconds.toFixed(2)} s in ${r.windowSeconds.toFixed(0)} s (${
        (1000 * r.cpuSeconds / r.windowSeconds).toFixed(1)
      } ms/s)`,
    );
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main());
