/**
 * The performance benchmark: starts a real HAProxy with about 1,000, 10,000 and 50,000 services, measures
 * the monitor against it (and the original hatop at about 1,000 services), prints the results and writes
 * them to docs/benchmark.md.
 *
 * `deno task bench` (full run, a few minutes) or `deno task bench --quick` (fewer repeats, 10 s CPU windows).
 * The recording's size is measured by `deno task bench:record` (scripts/bench/record.ts), a fleet of 20
 * instances by `deno task bench:fleet` (scripts/bench/fleet.ts); their sections of the document are kept.
 *
 * @module
 */
import { startLab } from "./lab/haproxy.ts";
import { manyServersBody } from "./lab/configs.ts";
import { measurePipeline } from "./bench/pipeline.ts";
import { firstFrame, keyLatencies, type Program, startProgram, usage } from "./bench/tui.ts";
import { clockTicksPerSecond, median } from "./bench/stats.ts";
import { type PeerResult, renderReport, type SizeResult } from "./bench/report.ts";
import { sectionOf, withSection } from "./bench/record.ts";
import { FLEET_BEGIN, FLEET_END, fleetSectionOf } from "./bench/fleet.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const OUTPUT = `${ROOT}docs/benchmark.md`;

/** Server counts giving about 1k, 10k and 50k services (servers + a backend per 100 + 3 frontends). */
const SIZES = [
  { label: "~1k", servers: 960 },
  { label: "10k", servers: 9900 },
  { label: "50k", servers: 49500 },
];

async function text(cmd: string, args: string[]): Promise<string> {
  try {
    const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
    const dec = new TextDecoder();
    return (dec.decode(out.stdout) + dec.decode(out.stderr)).trim();
  } catch {
    return "";
  }
}

async function wallMs(args: string[], runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = await new Deno.Command(Deno.execPath(), { args, cwd: ROOT, stdout: "null", stderr: "piped" })
      .output();
    if (!out.success) throw new Error(`${args.join(" ")}: ${new TextDecoder().decode(out.stderr).trim()}`);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Sends `n` HTTP requests to the port (they fail with 503: the servers do not exist) to move counters. */
async function traffic(port: number, n = 10): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        await res.body?.cancel();
      } catch {
        // counters moved anyway
      }
    }),
  );
}

function log(message: string) {
  console.error(`bench: ${message}`);
}

async function main(): Promise<number> {
  const quick = Deno.args.includes("--quick");
  const runs = quick ? 3 : 9;
  const windowMs = quick ? 10_000 : 30_000;
  const keySamples = quick ? 8 : 20;
  const ticks = await clockTicksPerSecond();
  const hatop = (await text("sh", ["-c", "command -v hatop"])) || undefined;
  const results: SizeResult[] = [];
  let peer: PeerResult | undefined;
  const ready = (s: string) => s.includes("srv_00000");

  for (const size of SIZES) {
    log(`${size.label}: starting HAProxy with ${size.servers} servers`);
    await using lab = await startLab(manyServersBody(size.servers), { startTimeoutMs: 120_000 });
    const sock = lab.sockets.admin;
    const port = Number(/frontend fe_0\n\s+bind 127\.0\.0\.1:(\d+)/.exec(lab.config)?.[1]);

    log(`${size.label}: refresh stages`);
    const pipeline = await measurePipeline(sock, runs, () => traffic(port));

    const ours: Program = {
      name: "hatop (ours)",
      command: [Deno.execPath(), "run", "-A", "main.ts", "-s", sock, "-i", "1"],
      cwd: ROOT,
    };
    log(`${size.label}: start to first frame`);
    const firstFrameMs = await firstFrame(ours, ready, quick ? 3 : 5);

    log(`${size.label}: CPU and memory over ${windowMs / 1000} s, then key latency`);
    const { tmux } = await startProgram(ours, ready);
    let used;
    let keyMs;
    try {
      await new Promise((r) => setTimeout(r, 2_000));
      used = await usage(await tmux.pid(), windowMs, ticks);
      keyMs = await keyLatencies(tmux, keySamples, 1_000);
    } finally {
      await tmux.kill();
    }

    log(`${size.label}: --batch and --format json`);
    const batchRuns = quick ? 1 : 3;
    const batchTextMs = await wallMs(["run", "-A", "main.ts", "-s", sock, "--batch"], batchRuns);
    const batchJsonMs = await wallMs(
      ["run", "-A", "main.ts", "-s", sock, "--batch", "--format", "json"],
      batchRuns,
    );
    results.push({ label: size.label, pipeline, firstFrameMs, usage: used, keyMs, batchTextMs, batchJsonMs });

    if (size === SIZES[0] && hatop) {
      log(`${size.label}: the original hatop (${hatop}), first frame, CPU and memory`);
      const theirs: Program = { name: "hatop 0.8.2", command: [hatop, "-s", sock, "-i", "1"] };
      const peerFirst = await firstFrame(theirs, ready, quick ? 2 : 3);
      const session = await startProgram(theirs, ready);
      try {
        await new Promise((r) => setTimeout(r, 2_000));
        const peerUsage = await usage(await session.tmux.pid(), windowMs, ticks);
        const version = (await text(hatop, ["--version"])).split("\n")[0] || "hatop";
        peer = { version, services: pipeline.services, firstFrameMs: peerFirst, usage: peerUsage };
      } finally {
        await session.tmux.kill();
      }
    } else if (size === SIZES[0]) {
      log("the original hatop is not installed (apt-get install hatop): no peer comparison");
    }
  }

  const cpu = (await text("sh", ["-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"])) ||
    "unknown CPU";
  const report = renderReport(
    {
      date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
      command: "deno task bench",
      machine: `${navigator.hardwareConcurrency} cores (${cpu.trim()}), ${Deno.build.os}`,
      deno: `deno ${Deno.version.deno}`,
      haproxy: (await text("haproxy", ["-v"])).split("\n")[0] || "haproxy",
      runs,
      cpuWindowS: windowMs / 1000,
      quick,
    },
    results,
    peer,
  );
  console.log(report);
  await Deno.mkdir(`${ROOT}docs`, { recursive: true });
  // The recording's section is measured by its own script (`deno task bench:record`): kept as it was.
  const before = await Deno.readTextFile(OUTPUT).catch(() => "");
  const recording = sectionOf(before);
  const fleet = fleetSectionOf(before);
  const kept = recording ? withSection(report, recording) : report;
  await Deno.writeTextFile(OUTPUT, fleet ? withSection(kept, fleet, FLEET_BEGIN, FLEET_END) : kept);
  log(`wrote ${OUTPUT}`);
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (e) {
    console.error(`bench: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
