/**
 * The performance benchmark: starts a real HAProxy with about 1,000, 10,000 and 50,000 services, measures
 * the monitor against it (and, at about 1,000 services, the original hatop, an idle Deno script and the
 * floors of scripts/bench/floor.ts running at the same time, in panes of the same size), prints the results
 * and writes them to docs/benchmark.md. Any argument but `--quick` is refused (exit 2) before anything runs.
 *
 * `deno task bench` (full run, about 9 minutes) or `deno task bench --quick` (fewer repeats, 20 s CPU windows).
 * The recording's size is measured by `deno task bench:record` (scripts/bench/record.ts), a fleet of 20
 * instances by `deno task bench:fleet` (scripts/bench/fleet.ts); their sections of the document are kept.
 *
 * @module
 */
import { startLab } from "./lab/haproxy.ts";
import { manyServersBody } from "./lab/configs.ts";
import { measurePipeline } from "./bench/pipeline.ts";
import { firstFrame, firstOutput, keyLatencies, startProgram } from "./bench/tui.ts";
import { floor, idleDeno, original, ours, type Program, sideBySide } from "./bench/side_by_side.ts";
import { ALLOC_FLAGS, type Allocation } from "./bench/alloc.ts";
import { V8_FLAGS } from "./compile.ts";
import { clockTicksPerSecond, median } from "./bench/stats.ts";
import { type Floors, type PeerResult, renderReport, type SizeResult } from "./bench/report.ts";
import { sectionOf, withSection } from "./bench/record.ts";
import { FLEET_BEGIN, FLEET_END, fleetSectionOf } from "./bench/fleet.ts";
import { writeFormatted } from "./lib/formatted.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const OUTPUT = `${ROOT}docs/benchmark.md`;

/** Markers of the hand-written section on profiling (what was measured by hand, before and after changes). */
const PROFILE_BEGIN = "<!-- profile:begin -->";
/** See {@linkcode PROFILE_BEGIN}. */
const PROFILE_END = "<!-- profile:end -->";

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

/** Bytes allocated per refresh (scripts/bench/alloc.ts, in a process of its own for its V8 flags). */
async function allocation(sock: string, refreshes: number): Promise<Allocation> {
  const args = ["run", "-A", ALLOC_FLAGS, "scripts/bench/alloc.ts", "--socket", sock, "--json"];
  const out = await new Deno.Command(Deno.execPath(), {
    args: [...args, "--refreshes", String(refreshes)],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  if (!out.success) throw new Error(`alloc.ts: ${dec.decode(out.stderr).trim()}`);
  return JSON.parse(dec.decode(out.stdout));
}

/** A temporary directory, removed with everything in it when the binding goes out of scope. */
async function tempDir(prefix: string): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.makeTempDir({ prefix });
  return { path, [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }) };
}

/**
 * The text of the first frame with data that every measure waits for: the first server row of the lab (the
 * idle script and scripts/bench/floor.ts print it too).
 */
const READY = "srv_00000";

function log(message: string) {
  console.error(`bench: ${message}`);
}

async function main(): Promise<number> {
  const unknown = Deno.args.filter((a) => a !== "--quick");
  if (unknown.length > 0) {
    console.error(
      `bench: unknown argument ${
        unknown[0]
      }\nusage: deno task bench [--quick]  (writes docs/benchmark.md; ~9 min, --quick ~4)`,
    );
    return 2;
  }
  const quick = Deno.args.includes("--quick");
  const runs = quick ? 3 : 9;
  const windowMs = quick ? 20_000 : 60_000;
  const keySamples = quick ? 8 : 20;
  const ticks = await clockTicksPerSecond();
  const hatop = (await text("sh", ["-c", "command -v hatop"])) || undefined;
  const results: SizeResult[] = [];
  let peer: PeerResult | undefined;
  let floors: Floors | undefined;
  const ready = (s: string) => s.includes(READY);
  // The one-JS-file form users copy to a host (`deno task bundle`), run from a directory of its own.
  await using bundleDir = await tempDir("hatop-bench-bundle-");
  const bundled = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "-o", `${bundleDir.path}/hatop.js`, "main.ts"],
    cwd: ROOT,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!bundled.success) throw new Error(`deno bundle failed: ${new TextDecoder().decode(bundled.stderr)}`);

  for (const size of SIZES) {
    log(`${size.label}: starting HAProxy with ${size.servers} servers`);
    await using lab = await startLab(manyServersBody(size.servers), { startTimeoutMs: 120_000 });
    const sock = lab.sockets.admin;
    const port = Number(/frontend fe_0\n\s+bind 127\.0\.0\.1:(\d+)/.exec(lab.config)?.[1]);

    log(`${size.label}: refresh stages`);
    const pipeline = await measurePipeline(sock, runs, () => traffic(port));
    log(`${size.label}: bytes allocated per refresh`);
    const allocated = await allocation(sock, quick ? 5 : 20);

    // As shipped (`deno task start`, the compiled binary: V8_FLAGS), and as the plain `deno run -A main.ts`.
    const monitor: Program = ours("hatop (ours)", ROOT, sock, V8_FLAGS);
    const plain: Program = ours("hatop (ours), no V8 flags", ROOT, sock);
    log(`${size.label}: start to first frame`);
    const firstFrameMs = await firstOutput(monitor, READY, quick ? 3 : 7);
    const firstFrameTmuxMs = await firstFrame(monitor, ready, quick ? 3 : 5);
    const bundle = ours("hatop.js (ours, one file)", bundleDir.path, sock, V8_FLAGS, "hatop.js");
    const firstFrameBundleMs = await firstOutput(bundle, READY, quick ? 3 : 7);

    const first = size === SIZES[0];
    if (first && !hatop) {
      log("the original hatop is not installed (apt-get install hatop): no peer comparison");
    }
    const theirs = first && hatop ? original(hatop, sock) : undefined;
    const floorPrograms = first
      ? [idleDeno(), floor("modules", sock, V8_FLAGS), floor("read", sock, V8_FLAGS)]
      : [];
    const together = [monitor, plain, ...(theirs ? [theirs] : []), ...floorPrograms];
    log(
      `${size.label}: ${together.map((p) => p.name).join(", ")} at once: memory, CPU over ${
        windowMs / 1000
      } s`,
    );
    const measured = await sideBySide(together, READY, windowMs, ticks);
    if (first) {
      log(`${size.label}: the idle Deno script's first line`);
      const [idle, modules, read] = measured.slice(-floorPrograms.length);
      floors = {
        idle,
        modules,
        read,
        idleFirstFrameMs: await firstOutput(idleDeno(), READY, quick ? 3 : 7),
        idleFirstFrameTmuxMs: await firstFrame(idleDeno(), ready, quick ? 3 : 5),
      };
    }

    log(`${size.label}: key latency`);
    const { tmux } = await startProgram(monitor, ready);
    let keyMs;
    try {
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
    results.push({
      label: size.label,
      pipeline,
      allocated,
      firstFrameMs,
      firstFrameTmuxMs,
      firstFrameBundleMs,
      usage: measured[0],
      plainUsage: measured[1],
      keyMs,
      batchTextMs,
      batchJsonMs,
    });

    if (theirs) {
      log(`${size.label}: the original hatop's first frame`);
      const peerFirst = await firstOutput(theirs, READY, quick ? 2 : 5);
      const peerFirstTmux = await firstFrame(theirs, ready, quick ? 2 : 3);
      const version = (await text(hatop!, ["--version"])).split("\n")[0] || "hatop";
      peer = {
        version,
        services: pipeline.services,
        firstFrameMs: peerFirst,
        firstFrameTmuxMs: peerFirstTmux,
        usage: measured[2],
      };
    }
  }

  const cpu = (await text("sh", ["-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"])) ||
    "unknown CPU";
  const report = renderReport(
    {
      date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
      command: "deno task bench",
      flags: V8_FLAGS.join(" "),
      machine: `${navigator.hardwareConcurrency} cores (${cpu.trim()}), ${Deno.build.os}`,
      deno: `deno ${Deno.version.deno}`,
      haproxy: (await text("haproxy", ["-v"])).split("\n")[0] || "haproxy",
      runs,
      cpuWindowS: windowMs / 1000,
      quick,
    },
    results,
    peer,
    floors,
  );
  console.log(report);
  await Deno.mkdir(`${ROOT}docs`, { recursive: true });
  // The recording's and the fleet's sections are measured by their own scripts (`deno task bench:record`,
  // `deno task bench:fleet`), the profiling notes by hand (between PROFILE_BEGIN and PROFILE_END): all kept.
  const before = await Deno.readTextFile(OUTPUT).catch(() => "");
  let document = report;
  const profile = sectionOf(before, PROFILE_BEGIN, PROFILE_END);
  if (profile) document = withSection(document, profile, PROFILE_BEGIN, PROFILE_END);
  const recording = sectionOf(before);
  if (recording) document = withSection(document, recording);
  const fleet = fleetSectionOf(before);
  if (fleet) document = withSection(document, fleet, FLEET_BEGIN, FLEET_END);
  await writeFormatted(OUTPUT, document);
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
