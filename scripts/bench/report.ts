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

/** Everything measured at one size. */
export interface SizeResult {
  label: string;
  pipeline: PipelineResult;
  /** Bytes allocated per refresh, by stage. */
  allocated: Allocation;
  firstFrameMs: number;
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
  usage: Measured;
}

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

const pct = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} %` : "n/a");
const ratio = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : "n/a");

/** One target line: what, measured, limit, and whether it is met (with the margin when missed). */
function target(what: string, measured: number, limit: number, show: (v: number) => string): string {
  const met = measured <= limit;
  const by = met
    ? "met"
    : `**missed** by ${show(measured - limit)} (${((measured / limit - 1) * 100).toFixed(0)} %)`;
  return `| ${what} | ${show(measured)} | ≤ ${show(limit)} | ${by} |`;
}

/** Why the memory targets are missed, what was tried, and what would close them. */
const MEMORY_NOTE = [
  "- **Resident memory at ~1k.** VmRSS is two parts (the table splits them). File-backed: the pages of the",
  "  deno binary that this run touched (runtime, sockets, the JIT tiers, the builtins used; the kernel maps",
  "  code in 64 kB blocks around each page used): about 28 MB for a script that only waits, 41 MB for the",
  "  monitor; they are clean, shared by every Deno process and evictable, but VmRSS counts them. Anonymous:",
  "  V8's heap (about 18 MB, 7 MB of it live after a full GC at ~1k), malloc's and the stacks, about 30 MB.",
  "  Measured side by side on one HAProxy: the idle script holds 38 MB, a loop that only reads `show stat`",
  "  once a second 40 MB, one that also parses it 57 MB. So 45 MB at ~1k is below what the Deno runtime holds",
  "  for this work, whatever the program does; V8 flags that turn JIT tiers off save 1-3 MB at 3x the CPU",
  "  (`--no-opt,--no-maglev`), `--lite-mode` 10 MB at 3x the CPU.",
  "- **Resident memory at 10k and 50k.** Here it is the anonymous part: every refresh's reply and rows live",
  "  exactly one refresh (the next snapshot replaces them), the worst case of a generational GC: they survive",
  "  scavenges, so V8 grows the young generation to 2 x 16 MB and promotes them, and lets the old generation",
  "  reach a few times the live data before a full GC. The shipped flags remove both (the rows with and",
  "  without them): `--max-semi-space-size=1` alone takes 10k from about 150 to 120 MB and does nothing at",
  "  50k; with `--heap-growing-percent=20` 10k is near 95 MB and 50k near 150 MB, for 10-20 % more CPU there",
  "  (nothing measured at ~1k). `--optimize-for-size` brings 10k near 90 MB for 2x the CPU; adding",
  "  `--single-threaded` gives the semi-space gain back. A refresh also allocates less (the allocation rows:",
  "  rates pre-read into one typed array per table, arrays of known size, no sort of servers HAProxy already",
  "  lists by sid, cells padded without arrays).",
  "  What would close it: keep the rows across refreshes (the previous snapshot's row objects updated in",
  "  place when a record's service is the same), so that nothing of a refresh lives one refresh; that needs",
  "  copy-on-change where the recording and the trends read the previous snapshot. And parse from the reply's",
  "  bytes, without a 2.3 MB string per refresh at 10k (11.6 MB at 50k) in V8's large-object space.",
];
const CPU_NOTE = [
  "- **CPU against hatop 0.8.2.** Where the running monitor's CPU goes at ~1k (`--cpu-prof` of the monitor",
  "  in its pane, /proc/<pid>/task/*/stat per thread): parse about 20 %, applying the snapshot (body lines,",
  "  trends) 20 %, the frame (view, diff, the write) 22 %, GC on the main thread 23 %, and V8's worker",
  "  threads (concurrent compiles and GC) about a fifth of the process's ticks. The same stages in a hot loop",
  "  cost about 2.3 ms a refresh: most of the cost is running once a second, cold. `--single-threaded` saves",
  "  15-20 % of the CPU but gives back the memory flag's gain, so it is not shipped. Found and fixed: once",
  "  the monitor had run about 15 s, the record loop of src/stats/records.ts was deoptimized every few",
  "  seconds (`--trace-deopt`: no type feedback at a store after its on-stack-replaced loop) and compiled",
  "  again. What would close the gap: rows kept across refreshes (nothing to re-key, re-group or collect),",
  "  lines rebuilt only when the rows changed, and less garbage for the GC (see the memory note).",
];
/** What the whole-process rows include since issue #18: the charts' history and the events diff. */
const TIMELINE_NOTE = [
  "- **The detail view's charts (issue #18).** Their history grows for 10 minutes and then stays: 8 values",
  "  of 4 bytes per row and point, 120 points at ~1k services (3.8 MB), fewer and longer points from ~1,500",
  "  rows on, never more than 1.5 million values (6 MB) at any size (src/app/domain/charts.ts, tested in",
  "  tests/app/domain/charts.test.ts). A refresh inside a point reads nothing for them; the first one after",
  "  it reads eight fields of every row once (every 5 s at `-i 1`). The RSS rows above are taken 20 s after",
  "  the start, with at most four points: the full history adds up to the sizes above.",
  "- **The events diff on every refresh (issue #18's timeline).** The monitor compares each refresh of every",
  "  instance with the one before to find its events (src/record/events.ts); the whole-process rows include",
  "  it. It used to split every row's record into its ~100 values and key the rows by id (5.4 ms a refresh",
  "  at ~1k, 36 ms at 10k: `deno run -A scripts/bench/events.ts`, counters moving, no event). Rows in the",
  "  same order now pair by position, and the seven fields an event can be about are found while the reply",
  "  is parsed (src/stats/shape.ts, STATE_FIELDS), so the diff compares text ranges and reads no record",
  "  again: 0.65-0.88 ms at ~1k, 2.8-3.5 ms at 10k (2026-12-04, idle machine, three runs; 1.1-1.8 and",
  "  6.0-6.9 ms when it scanned both records of every row, for 0.5 ms more parse at 10k).",
];
const LATENCY_NOTE = [
  "- **Keys at 50k services.** Key latency is measured through tmux (send-keys and capture-pane each cost",
  "  a few ms), so the figures are an upper bound. The parse runs in slices of about 8 ms with event-loop",
  "  turns in between; the stretches that still run in one piece are decoding the reply (about 10 ms for",
  "  11 MB), grouping (3-5 ms) and applying the snapshot (trends and body lines, about 10 ms), plus GC.",
];

/** CPU as a percentage of one core over the window. */
const cpuPercent = (m: Measured) => 100 * m.cpuSeconds / m.windowSeconds;
/** CPU per refresh in ms: at `-i 1` a second of the window is one refresh. */
const cpuPerRefresh = (m: Measured) => 1000 * m.cpuSeconds / m.windowSeconds;
const mb = (v: number) => `${v.toFixed(1)} MB`;

/** Renders the whole document. */
export function renderReport(
  run: RunInfo,
  sizes: readonly SizeResult[],
  peer: PeerResult | undefined,
  idle: Measured | undefined,
): string {
  const head = `| measure (median of ${run.runs}) | ${sizes.map((s) => s.label).join(" | ")} |`;
  const rule = `|---|${sizes.map(() => "---:").join("|")}|`;
  const row = (name: string, f: (s: SizeResult) => string) => `| ${name} | ${sizes.map(f).join(" | ")} |`;
  const p = (s: SizeResult) => s.pipeline;
  const lines = [
    "# Benchmark",
    "",
    `Reproduce with \`${run.command}\` (about 12 minutes; \`--quick\` for a short, rougher run). It must run on an`,
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
    row("start to first frame", (s) => ms(s.firstFrameMs)),
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
      `| start to first frame | ${ms(peer.firstFrameMs)} | ${ms(ours.firstFrameMs)} | ${
        ratio(ours.firstFrameMs / peer.firstFrameMs)
      } | |`,
      "",
    );
  }
  const by = (label: string) => sizes.find((s) => s.label === label);
  const targets = ["## Targets", "", "| target | measured | limit | |", "|---|---:|---:|---|"];
  const memoryLimits: Record<string, number> = { "~1k": 45, "10k": 70, "50k": 160 };
  let memoryMissed = false;
  for (const s of sizes) {
    const limit = memoryLimits[s.label];
    if (limit === undefined) continue;
    memoryMissed ||= s.usage.rss.total / 1e6 > limit;
    targets.push(target(`${s.label}: resident memory 20 s after start`, s.usage.rss.total / 1e6, limit, mb));
  }
  const cpuMissed = peer !== undefined && cpuPercent(sizes[0].usage) / cpuPercent(peer.usage) > 1 / 3;
  if (peer) {
    targets.push(
      target(
        "~1k: CPU / hatop's (same run)",
        cpuPercent(sizes[0].usage) / cpuPercent(peer.usage),
        1 / 3,
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
  if (one) targets.push(target("~1k: start to first frame", one.firstFrameMs, 120, ms));
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
    "- Start to first frame: from launching the tmux session to the first `capture-pane` showing the first",
    "  server row (`srv_00000`), polled back to back (each poll costs a few ms), median of several starts.",
    "- Key answered: `Down` sent with `tmux send-keys` at random moments of the 1 s refresh cycle, timed until",
    "  `capture-pane` shows the moved cursor; includes tmux's own send and capture time (a few ms).",
    "- `--batch` wall times: the whole process, `deno run -A main.ts -s <sock> --batch`, start to exit.",
    "",
  );
  return lines.join("\n");
}
