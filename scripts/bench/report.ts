/**
 * The benchmark's results as a markdown document: one table of measures by size, the peer comparison with
 * the original hatop, and the targets, each marked met or missed.
 *
 * @module
 */
import { bytes, max, median, ms } from "./stats.ts";
import type { PipelineResult } from "./pipeline.ts";
import type { Measured } from "./side_by_side.ts";
import type { Allocation } from "./alloc.ts";
import { PANE } from "./side_by_side.ts";
import { CPU_NOTE, FIRST_FRAME_NOTE, LATENCY_NOTE, MEMORY_NOTE, TIMELINE_NOTE } from "./notes.ts";

/** Everything measured at one size. */
export interface SizeResult {
  label: string;
  pipeline: PipelineResult;
  /** Bytes allocated per refresh, by stage. */
  allocated: Allocation;
  /** Start to first frame straight from a pseudo-terminal (scripts/bench/tui.ts firstOutput). */
  firstFrameMs: number;
  /** The same through a tmux pane (firstFrame), the only one measured before 2026-12-04 21:00 UTC. */
  firstFrameTmuxMs: number;
  /** Start to first frame (pty) of the one-file bundle (`deno task bundle`), same flags. */
  firstFrameBundleMs: number;
  /** The running monitor's memory and CPU, as shipped (with {@linkcode RunInfo.flags}). */
  usage: Measured;
  /** The same, run as `deno run -A main.ts` (no V8 flags), in the same window. */
  plainUsage: Measured;
  keyMs: number[];
  batchTextMs: number;
  batchJsonMs: number;
}

/** The peer (original hatop) at the smallest size. */
export interface PeerResult {
  version: string;
  services: number;
  firstFrameMs: number;
  firstFrameTmuxMs: number;
  usage: Measured;
}

/** The floors, measured beside the monitor at ~1k (scripts/bench/floor.ts, side_by_side.ts idleDeno). */
export interface Floors {
  /** The Deno script that only waits: the floor of any Deno program. */
  idle: Measured;
  /** The monitor's modules loaded and nothing run; reading and parsing only. */
  modules: Measured;
  read: Measured;
  /** Start to the idle script's first line, straight from a pseudo-terminal and through a tmux pane. */
  idleFirstFrameMs: number;
  idleFirstFrameTmuxMs: number;
}

/** The issue's targets (#15), each stated once: resident memory by size, CPU against hatop, first frame. */
const MEMORY_LIMITS_MB: Readonly<Record<string, number>> = { "~1k": 45, "10k": 70, "50k": 160 };
const CPU_SHARE_OF_HATOP = 1 / 3;
const FIRST_FRAME_LIMIT_MS = 120;

/** Where and how the run happened. */
export interface RunInfo {
  date: string;
  command: string;
  /** The V8 flags the monitor is shipped with (scripts/compile.ts). */
  flags: string;
  machine: string;
  deno: string;
  haproxy: string;
  runs: number;
  cpuWindowS: number;
  quick: boolean;
}

const pct = (v: number, digits = 1) => (Number.isFinite(v) ? `${v.toFixed(digits)} %` : "n/a");
const ratio = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : "n/a");

/** One target line: what, measured, limit, and whether it is met (with the margin when missed). */
function target(what: string, measured: number, limit: number, show: (v: number) => string): string {
  const met = measured <= limit;
  const by = met
    ? "met"
    : `**missed** by ${show(measured - limit)} (${((measured / limit - 1) * 100).toFixed(0)} %)`;
  return `| ${what} | ${show(measured)} | ≤ ${show(limit)} | ${by} |`;
}

/** CPU as a percentage of one core over the window. */
const cpuPercent = (m: Measured) => 100 * m.cpuSeconds / m.windowSeconds;
/** CPU per refresh in ms: at `-i 1` a second of the window is one refresh. */
const cpuPerRefresh = (m: Measured) => 1000 * m.cpuSeconds / m.windowSeconds;
const mb = (v: number) => `${v.toFixed(1)} MB`;

/** What any Deno program, and one that only loads or only reads, holds and spends beside the monitor at ~1k. */
function floorTable(floors: Floors, ours: SizeResult, peer: PeerResult | undefined): string[] {
  const all = [floors.idle, floors.modules, floors.read, ours.usage];
  const cells = (f: (m: Measured) => string) => all.map(f).join(" | ");
  return [
    `## Floors at ${ours.pipeline.services} services, in the same run`,
    "",
    "What a Deno program holds and spends before the monitor's own work (scripts/bench/floor.ts): one that",
    "only waits; one that has loaded every module the monitor loads at start and then only waits; one that",
    "connects as the monitor does and reads and parses `show info` and `show stat` once a second with the",
    "program's own client and parser, and nothing else. The last two run with the monitor's V8 flags.",
    "",
    "| measure | idle script | modules loaded | read + parse each second | ours |",
    "|---|---:|---:|---:|---:|",
    `| resident memory 20 s after start | ${cells((m) => bytes(m.rss.total))} |`,
    `| of which anonymous | ${cells((m) => bytes(m.rss.anon))} |`,
    `| of which file-backed | ${cells((m) => bytes(m.rss.file))} |`,
    `| CPU at \`-i 1\` (% of a core) | ${cells((m) => pct(cpuPercent(m), 2))} |`,
    "",
    `The targets at this size: ${MEMORY_LIMITS_MB[ours.label]} MB resident${
      peer
        ? `, CPU ≤ ${pct(CPU_SHARE_OF_HATOP * cpuPercent(peer.usage), 2)} (a third of hatop's ${
          pct(cpuPercent(peer.usage), 2)
        })`
        : ""
    }.`,
    "",
  ];
}

/** Renders the whole document. */
export function renderReport(
  run: RunInfo,
  sizes: readonly SizeResult[],
  peer: PeerResult | undefined,
  floors: Floors | undefined,
): string {
  const idle = floors?.idle;
  const head = `| measure (median of ${run.runs}) | ${sizes.map((s) => s.label).join(" | ")} |`;
  const rule = `|---|${sizes.map(() => "---:").join("|")}|`;
  const row = (name: string, f: (s: SizeResult) => string) => `| ${name} | ${sizes.map(f).join(" | ")} |`;
  const p = (s: SizeResult) => s.pipeline;
  const lines = [
    "# Benchmark",
    "",
    `Reproduce with \`${run.command}\` (about 9 minutes; \`--quick\` for a short, rougher run). It must run on an`,
    "otherwise idle machine: CPU figures of programs that share the cores with other work are not comparable.",
    "",
    `Measured ${run.date} on ${run.machine}; ${run.deno}; ${run.haproxy}.` +
    (run.quick ? " **Quick run: fewer repeats, short CPU windows.**" : ""),
    "",
    "Each size is a real HAProxy started for the run (`scripts/lab`): backends of 100 servers plus three",
    `frontends, no health checks. The monitor runs as shipped (\`deno task start\`, the compiled binary):`,
    `\`deno run -A ${run.flags} main.ts -s <sock> -i 1\`, in a tmux pane of ${PANE.columns}x${PANE.rows}, and at the same`,
    "time without the V8 flags (`deno run -A main.ts`). At ~1k services the original runs as `hatop -s <sock>",
    "-i 1` in a pane of the same size on the same HAProxy at the same time too, next to a Deno script that only",
    "waits (the floor of any Deno program). Memory is read 20 s after each start, CPU over one common window",
    "after that, for all of them together.",
    "",
    "## Refresh, frame, output, process",
    "",
    head,
    rule,
    row("services (rows of `show stat`)", (s) => String(p(s).services)),
    row("reply size (`show info` + `show stat`)", (s) => bytes(p(s).replyBytes)),
    row("raw socket read (floor)", (s) => ms(p(s).rawRead)),
    row("read through the client", (s) => ms(p(s).read)),
    row("parse", (s) => ms(p(s).parse)),
    row("model (group + update)", (s) => ms(p(s).model)),
    row("view (visible rows)", (s) => ms(p(s).view)),
    row("diff (ANSI output)", (s) => ms(p(s).diff)),
    row("**full refresh**", (s) => `**${ms(p(s).refresh)}**`),
    row("full refresh / raw read", (s) => ratio(p(s).refresh / p(s).rawRead)),
    row("frame render (view + diff)", (s) => ms(p(s).frame)),
    row("bytes allocated per refresh (parse to diff)", (s) => bytes(s.allocated.refresh)),
    row("of which parse / snapshot", (s) => `${bytes(s.allocated.parse)} / ${bytes(s.allocated.snapshot)}`),
    row("of which update / view", (s) => `${bytes(s.allocated.update)} / ${bytes(s.allocated.view)}`),
    row("bytes, full repaint", (s) => bytes(p(s).fullBytes)),
    row("bytes, steady-state refresh", (s) => bytes(p(s).steadyBytes)),
    row("steady / full repaint", (s) => pct(100 * p(s).steadyBytes / p(s).fullBytes)),
    row(`CPU at \`-i 1\` over ${run.cpuWindowS} s (% of a core)`, (s) => pct(cpuPercent(s.usage))),
    row("CPU per refresh, whole process", (s) => ms(cpuPerRefresh(s.usage))),
    row("**resident memory 20 s after start (VmRSS)**", (s) => `**${bytes(s.usage.rss.total)}**`),
    row("of which anonymous (heaps, stacks)", (s) => bytes(s.usage.rss.anon)),
    row("of which file-backed (the deno binary)", (s) => bytes(s.usage.rss.file)),
    row("resident memory without the V8 flags", (s) => bytes(s.plainUsage.rss.total)),
    row("CPU without the V8 flags (% of a core)", (s) => pct(cpuPercent(s.plainUsage))),
    row("start to first frame (pty)", (s) => ms(s.firstFrameMs)),
    row("start to first frame (tmux pane)", (s) => ms(s.firstFrameTmuxMs)),
    row("start to first frame, one-file bundle (pty)", (s) => ms(s.firstFrameBundleMs)),
    row("key answered, median (tmux)", (s) => ms(median(s.keyMs))),
    row("key answered, worst (tmux)", (s) => ms(max(s.keyMs))),
    row("`--batch` wall time", (s) => ms(s.batchTextMs)),
    row("`--batch --format json` wall time", (s) => ms(s.batchJsonMs)),
    "",
  ];
  if (peer) {
    const ours = sizes[0];
    const cells = (f: (m: Measured) => string, r: number) =>
      `${f(peer.usage)} | ${f(ours.usage)} | ${ratio(r)} | ${idle ? f(idle) : "n/a"} |`;
    const total = (m: Measured) => bytes(m.rss.total);
    lines.push(
      `## Against the original (${peer.version}) at ${peer.services} services, in the same run`,
      "",
      "| measure | hatop | ours | ours / hatop | idle Deno script |",
      "|---|---:|---:|---:|---:|",
      `| CPU at \`-i 1\` over ${run.cpuWindowS} s | ${
        cells((m) => pct(cpuPercent(m)), cpuPercent(ours.usage) / cpuPercent(peer.usage))
      }`,
      `| resident memory | ${cells(total, ours.usage.rss.total / peer.usage.rss.total)}`,
      `| of which anonymous | ${cells((m) => bytes(m.rss.anon), ours.usage.rss.anon / peer.usage.rss.anon)}`,
      `| of which file-backed | ${
        cells((m) => bytes(m.rss.file), ours.usage.rss.file / peer.usage.rss.file)
      }`,
      `| start to first frame (pty) | ${ms(peer.firstFrameMs)} | ${ms(ours.firstFrameMs)} | ${
        ratio(ours.firstFrameMs / peer.firstFrameMs)
      } | ${floors ? ms(floors.idleFirstFrameMs) : "n/a"} |`,
      `| start to first frame (tmux pane) | ${ms(peer.firstFrameTmuxMs)} | ${ms(ours.firstFrameTmuxMs)} | ${
        ratio(ours.firstFrameTmuxMs / peer.firstFrameTmuxMs)
      } | ${floors ? ms(floors.idleFirstFrameTmuxMs) : "n/a"} |`,
      "",
    );
  }
  if (floors) lines.push(...floorTable(floors, sizes[0], peer));
  const by = (label: string) => sizes.find((s) => s.label === label);
  const targets = ["## Targets", "", "| target | measured | limit | |", "|---|---:|---:|---|"];
  let memoryMissed = false;
  for (const s of sizes) {
    const limit = MEMORY_LIMITS_MB[s.label];
    if (limit === undefined) continue;
    memoryMissed ||= s.usage.rss.total / 1e6 > limit;
    targets.push(target(`${s.label}: resident memory 20 s after start`, s.usage.rss.total / 1e6, limit, mb));
  }
  const cpuMissed = peer !== undefined &&
    cpuPercent(sizes[0].usage) / cpuPercent(peer.usage) > CPU_SHARE_OF_HATOP;
  if (peer) {
    targets.push(
      target(
        "~1k: CPU / hatop's (same run)",
        cpuPercent(sizes[0].usage) / cpuPercent(peer.usage),
        CPU_SHARE_OF_HATOP,
        ratio,
      ),
    );
  }
  const ten = by("10k");
  if (ten) {
    targets.push(
      target("10k: full refresh / raw read", ten.pipeline.refresh / ten.pipeline.rawRead, 1.5, ratio),
      target("10k: CPU per refresh / raw read", cpuPerRefresh(ten.usage) / ten.pipeline.rawRead, 1.5, ratio),
    );
  }
  const one = by("~1k");
  if (one) {
    targets.push(target("~1k: start to first frame (pty)", one.firstFrameMs, FIRST_FRAME_LIMIT_MS, ms));
  }
  for (const s of sizes) targets.push(target(`${s.label}: frame render`, s.pipeline.frame, 5, ms));
  for (const s of sizes) {
    targets.push(
      target(
        `${s.label}: steady / full repaint bytes`,
        100 * s.pipeline.steadyBytes / s.pipeline.fullBytes,
        10,
        pct,
      ),
    );
  }
  for (const s of sizes) {
    targets.push(target(`${s.label}: key answered, worst (one frame)`, max(s.keyMs), 33, ms));
  }
  lines.push(...targets, "", "## Notes on the targets", "");
  if (memoryMissed) lines.push(...MEMORY_NOTE);
  if (cpuMissed) lines.push(...CPU_NOTE);
  if (one && one.firstFrameMs > FIRST_FRAME_LIMIT_MS) lines.push(...FIRST_FRAME_NOTE);
  lines.push(...TIMELINE_NOTE, ...LATENCY_NOTE, "");
  lines.push(
    "## How each figure is taken",
    "",
    "- Raw read: a fresh unix connection, `show info;show stat` in non-interactive mode, read to EOF, bytes",
    "  only. Read through the client: the program's prompt-mode connection, both replies decoded and framed.",
    "- Stages use the program's own functions in the order `src/app/edge/scheduler.ts` calls them (`parseStat`,",
    "  `buildSnapshot` + `update`, `view`, `renderDiff`), in one process, after one warm-up refresh. A few",
    "  HTTP requests to a frontend between refreshes change counters on the visible rows; the steady-state",
    "  bytes are the `renderDiff` output against the previous frame, the full repaint is the first frame.",
    "- CPU: `/proc/<pid>/stat` utime + stime (all threads) over the window, per `getconf CLK_TCK`, for every",
    "  program of the run from the same moment, once each has been up 20 s; memory: `/proc/<pid>/status` VmRSS",
    "  (and its RssAnon / RssFile split) 20 s after the program started.",
    "- Bytes allocated per refresh: `scripts/bench/alloc.ts`, V8's used heap between the stages of one refresh",
    "  (the same functions as above) with a young generation large enough that no GC runs inside it; median.",
    "- Start to first frame (pty): the program in a pseudo-terminal of the pane's size made by script(1), timed",
    "  from the spawn until what it wrote holds the first server row (`srv_00000`; the idle script prints that",
    "  text as its first line), median of several starts. Through a tmux pane: from launching the tmux session",
    "  to the first `capture-pane` showing that row, polled back to back; that adds the tmux server's start",
    "  (about 60 ms for a shell's `echo`) and the polling, which on two cores slows the starting program too.",
    "  The one-file bundle: `deno bundle` of main.ts, run as `deno run -A <flags> hatop.js` from its own directory.",
    "- Key answered: `Down` sent with `tmux send-keys` at random moments of the 1 s refresh cycle, timed until",
    "  `capture-pane` shows the moved cursor; includes tmux's own send and capture time (a few ms).",
    "- `--batch` wall times: the whole process, `deno run -A main.ts -s <sock> --batch`, start to exit.",
    "",
  );
  return lines.join("\n");
}
