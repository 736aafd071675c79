/**
 * The fleet benchmark: 20 real HAProxy instances of about 1,000 services each, watched in one view by the
 * monitor at `-i 2` (a tmux pane, as `deno task bench` runs it): CPU per refresh round and resident memory;
 * then, in this process, what one instance's answer costs the model (the merge of all 20 instances and the
 * table built again), since every answer triggers it. Writes its section of docs/benchmark.md (between the
 * `fleet:begin` and `fleet:end` markers; `deno task bench` keeps it).
 *
 * `deno task bench:fleet` (about 2 minutes), `--instances N`, `--seconds N` for the CPU window.
 *
 * @module
 */
import { HaproxyClient } from "../../src/haproxy/client.ts";
import { fetchSnapshot } from "../../src/stats/read_snapshot.ts";
import { createApp, VIEWS } from "../../src/app/mod.ts";
import type { Event, State } from "../../src/app/mod.ts";
import { type Lab, startLab } from "../lab/haproxy.ts";
import { manyServersBody } from "../lab/configs.ts";
import { startProgram } from "./tui.ts";
import type { Program } from "./side_by_side.ts";
import { clockTicksPerSecond, cpuTicks, median, ms, resident } from "./stats.ts";
import { sectionOf, withSection } from "./record.ts";
import { writeFormatted } from "../lib/formatted.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const OUTPUT = `${ROOT}docs/benchmark.md`;
/** The markers around the fleet section of docs/benchmark.md. */
export const FLEET_BEGIN = "<!-- fleet:begin -->";
/** See {@linkcode FLEET_BEGIN}. */
export const FLEET_END = "<!-- fleet:end -->";

/** The fleet section of a benchmark document, or "". */
export function fleetSectionOf(text: string): string {
  return sectionOf(text, FLEET_BEGIN, FLEET_END);
}

/** What one run measured. */
interface FleetResult {
  readonly instances: number;
  readonly servicesEach: number;
  readonly intervalS: number;
  readonly windowS: number;
  readonly cpuPercent: number;
  readonly rss: number;
  readonly firstFrameMs: number;
  /** The 1-minute load average when the CPU window began, and the cores (other work on the machine). */
  readonly load: number;
  readonly cores: number;
  /** Milliseconds of `update` and a frame for one instance's answer merged (all instances), each sample. */
  readonly answerMs: readonly number[];
  /** Milliseconds of the model for a whole round as the scheduler hands it on (one merge), each sample. */
  readonly roundMs: readonly number[];
}

/** Starts `n` labs, a few at a time (so that their starts do not time out on a busy machine). */
async function startLabs(n: number, servers: number): Promise<Lab[]> {
  const labs: Lab[] = [];
  try {
    for (let i = 0; i < n; i += 4) {
      const batch = Array.from(
        { length: Math.min(4, n - i) },
        (_, k) =>
          startLab(manyServersBody(servers), {
            node: `lb${String(i + k + 1).padStart(2, "0")}`,
            startTimeoutMs: 120_000,
          }),
      );
      labs.push(...await Promise.all(batch));
    }
    return labs;
  } catch (e) {
    await Promise.all(labs.map((l) => l.stop()));
    throw e;
  }
}

/**
 * The model's cost of one answer merged (`update` and a frame, once every instance has answered), and of a
 * round of answers as the scheduler hands them on (all but the last deferred).
 */
async function answerCost(
  labs: readonly Lab[],
  samples: number,
): Promise<{ merges: number[]; rounds: number[] }> {
  const snapshots = await Promise.all(labs.map(async (lab) => {
    const client = new HaproxyClient({ transport: "unix", path: lab.sockets.admin }, { timeoutMs: 10_000 });
    await client.connect();
    try {
      return await fetchSnapshot(client, ["show stat"]);
    } finally {
      await client.close();
    }
  }));
  const app = createApp(VIEWS);
  const ids = labs.map((l) => l.sockets.admin);
  const config = { readOnly: false, intervalMs: 2000, color: false, socketName: ids.join(", ") };
  let state: State = app.init(config, { columns: 120, rows: 40 }, "status", 0, [], ids);
  let seq = 0;
  const answer = (i: number): Event => ({
    type: "snapshot",
    snapshot: snapshots[i],
    seq: seq++,
    now: seq,
    instance: ids[i],
    round: Math.floor(seq / ids.length),
  });
  for (let i = 0; i < ids.length; i++) [state] = app.update(state, answer(i));
  const merges: number[] = [];
  for (let k = 0; k < samples; k++) {
    const t0 = performance.now();
    [state] = app.update(state, answer(k % ids.length));
    app.view(state);
    merges.push(performance.now() - t0);
  }
  // A round as the scheduler hands it on: every answer but the last deferred, merged once.
  const rounds: number[] = [];
  for (let k = 0; k < Math.ceil(samples / 10); k++) {
    const t0 = performance.now();
    for (let i = 0; i < ids.length; i++) {
      [state] = app.update(state, { ...answer(i), defer: i < ids.length - 1 } as Event);
    }
    app.view(state);
    rounds.push(performance.now() - t0);
  }
  return { merges, rounds };
}

/** Runs the benchmark. */
async function measureFleet(instances: number, windowS: number): Promise<FleetResult> {
  const labs = await startLabs(instances, 960);
  try {
    const ticks = await clockTicksPerSecond();
    const args = labs.flatMap((l) => ["-s", l.sockets.admin]);
    const program: Program = {
      name: "hatop (ours), fleet",
      command: [Deno.execPath(), "run", "-A", "main.ts", ...args, "-i", "2"],
      cwd: ROOT,
    };
    const ready = (screen: string) => screen.includes(`Instances: ${instances}/${instances} answering`);
    const { tmux, firstFrameMs } = await startProgram(program, ready, 120_000);
    let used;
    let load = 0;
    try {
      await new Promise((r) => setTimeout(r, 4_000));
      load = Deno.loadavg()[0];
      used = await usage(await tmux.pid(), windowS * 1000, ticks);
    } finally {
      await tmux.kill();
    }
    const services = (await labs[0].command("show stat")).trim().split("\n").length - 1;
    return {
      instances,
      servicesEach: services,
      intervalS: 2,
      windowS,
      cpuPercent: used.cpuPercent,
      rss: used.rss,
      firstFrameMs,
      load,
      cores: navigator.hardwareConcurrency,
      ...await answerCost(labs, 60).then(({ merges, rounds }) => ({ answerMs: merges, roundMs: rounds })),
    };
  } finally {
    await Promise.all(labs.map((l) => l.stop()));
  }
}

/** The section of docs/benchmark.md. */
function renderFleet(r: FleetResult, when: string): string {
  const perRound = (r.cpuPercent / 100) * r.intervalS * 1000;
  const answer = median(r.answerMs);
  return [
    FLEET_BEGIN,
    `## A fleet: ${r.instances} instances x ${r.servicesEach} services at \`-i ${r.intervalS}\``,
    "",
    `Measured ${when} by \`deno task bench:fleet\`: ${r.instances} real HAProxy instances of ${r.servicesEach} ` +
    `services each, all in one view (\`-s\` given ${r.instances} times, grouped by proxy: one aggregate row ` +
    `per service and one row per instance below it), in a tmux pane of 120x40, CPU over ${r.windowS} s; ` +
    `the machine's load average was ${r.load.toFixed(1)} on ${r.cores} cores (other work ran meanwhile, so ` +
    `its figures vary from run to run).`,
    "",
    "| measure | value |",
    "| --- | ---: |",
    `| rows merged per answer (instances x services) | ${r.instances * r.servicesEach} |`,
    `| CPU at \`-i ${r.intervalS}\` (% of a core) | ${r.cpuPercent.toFixed(1)} % |`,
    `| **CPU per refresh round** (${r.instances} answers) | **${ms(perRound)}** |`,
    `| CPU per instance answer (round / ${r.instances}) | ${ms(perRound / r.instances)} |`,
    `| in process: one answer merged with all (update + frame, median of ${r.answerMs.length}) | ${
      ms(answer)
    } |`,
    `| in process: a round of ${r.instances} answers as held, merged once (median of ${r.roundMs.length}) | ` +
    `${ms(median(r.roundMs))} |`,
    `| resident memory (VmRSS) | ${(r.rss / 1e6).toFixed(1)} MB |`,
    `| start to first frame with every instance answering | ${ms(r.firstFrameMs)} |`,
    "",
    "A merge takes every instance (src/stats/fleet.ts) and rebuilds the table, so merging on every answer " +
    "cost a round 20 merges (669 ms of CPU per round, 33 % of a core, when first measured). The scheduler " +
    "now holds a round's answers for each other (at most 200 ms, so that a slow or lost instance does not " +
    "hold the others back) and the model merges them once. The in-process lines are the model alone, " +
    "without the socket reads and parses; the CPU lines are everything the monitor does.",
    FLEET_END,
  ].join("\n");
}

/** CPU and memory of a process over a window. */
interface Usage {
  /** CPU time used during the window, as a percentage of one core. */
  cpuPercent: number;
  /** Resident memory at the end of the window, bytes. */
  rss: number;
}

/** Measures CPU (utime + stime deltas) over `windowMs` and RSS at its end. */
async function usage(pid: number, windowMs: number, ticksPerSecond: number): Promise<Usage> {
  const before = cpuTicks(pid);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, windowMs));
  const ticks = cpuTicks(pid) - before;
  const seconds = (performance.now() - t0) / 1000;
  return { cpuPercent: (100 * ticks / ticksPerSecond) / seconds, rss: resident(pid).total };
}

if (import.meta.main) {
  const arg = (name: string, fallback: number) => {
    const at = Deno.args.indexOf(name);
    return at >= 0 ? Number(Deno.args[at + 1]) : fallback;
  };
  const instances = arg("--instances", 20);
  const seconds = arg("--seconds", 30);
  console.error(`bench: starting ${instances} HAProxy instances of 960 servers; CPU over ${seconds} s`);
  const result = await measureFleet(instances, seconds);
  const section = renderFleet(result, new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC");
  console.log(section);
  const old = await Deno.readTextFile(OUTPUT).catch(() => "# Benchmark\n");
  await writeFormatted(OUTPUT, withSection(old, section, FLEET_BEGIN, FLEET_END));
  console.error(`bench: wrote the fleet section of ${OUTPUT}`);
}
