/**
 * The benchmark document's notes on the targets: why a missed one is missed, what was tried, what would
 * close it. Measured by hand (the dates say when); scripts/bench/report.ts puts them under the targets.
 *
 * @module
 */

/** Why the memory targets are missed, what was tried, and what would close them. */
export const MEMORY_NOTE = [
  "- **Resident memory at ~1k.** VmRSS is two parts (the table splits them). File-backed: the pages of the",
  "  deno binary that this run touched (runtime, sockets, the JIT tiers, the builtins used; the kernel maps",
  "  code in 64 kB blocks around each page used): about 25 MB for a script that only waits, 41 MB for the",
  "  monitor; they are clean, shared by every Deno process and evictable, but VmRSS counts them. Anonymous:",
  "  V8's heap (about 18 MB, 7 MB of it live after a full GC at ~1k), malloc's and the stacks, about 30 MB.",
  "  The floors table measures it in the same run: a script that has loaded the monitor's modules and run",
  "  nothing holds more than 45 MB already, one that also reads and parses the replies once a second more",
  "  still. So 45 MB at ~1k is below what the Deno runtime holds for this work, whatever the program does; V8",
  "  flags that turn JIT tiers off save 1-3 MB at 3x the CPU (`--no-opt,--no-maglev`), `--lite-mode` 10 MB",
  "  at 3x the CPU, `--no-code-cache` 1-3 MB at 10-20 % more CPU (2026-12-04).",
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
  "  At 10k, side by side with the shipped flags (2026-12-04, by hand): a loop that only reads the replies",
  "  (decoded, not parsed) holds 58 MB, one that also parses them (scripts/bench/floor.ts read) 79-81 MB,",
  "  the monitor 105-109 MB; so the parse holds about 21 MB at 10k and the model and frame about 26 MB, where",
  "  the target leaves 12 MB for both over the reads.",
  "  What would close it: keep the rows across refreshes (the previous snapshot's row objects updated in",
  "  place when a record's service is the same), so that nothing of a refresh lives one refresh; that needs",
  "  copy-on-change where the recording and the trends read the previous snapshot. And parse from the reply's",
  "  bytes, without a 2.3 MB string per refresh at 10k (11.6 MB at 50k) in V8's large-object space.",
];
export const CPU_NOTE = [
  "- **CPU against hatop 0.8.2.** Where the running monitor's CPU goes at ~1k (`--cpu-prof` of the monitor",
  "  in its pane, /proc/<pid>/task/*/stat per thread): parse about 20 %, applying the snapshot (body lines,",
  "  trends) 20 %, the frame (view, diff, the write) 22 %, GC on the main thread 23 %, and V8's worker",
  "  threads (concurrent compiles and GC) about a fifth of the process's ticks. The same stages in a hot loop",
  "  cost about 2.3 ms a refresh: most of the cost is running once a second, cold. `--single-threaded` saves",
  "  15-20 % of the CPU but gives back the memory flag's gain, so it is not shipped. Found and fixed: once",
  "  the monitor had run about 15 s, the record loop of src/stats/records.ts was deoptimized every few",
  "  seconds (`--trace-deopt`: no type feedback at a store after its on-stack-replaced loop) and compiled",
  "  again. The floors table shows the budget: reading and parsing the replies once a second with the",
  "  program's own client and parser, and nothing else, already spends about a third of hatop's CPU; the",
  "  model (trends, charts, the events diff) and the frame come on top.",
  "  What would close the gap: rows kept across refreshes (nothing to re-key, re-group or collect),",
  "  lines rebuilt only when the rows changed, and less garbage for the GC (see the memory note).",
];
/** What the whole-process rows include since issue #18: the charts' history and the events diff. */
export const TIMELINE_NOTE = [
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
export const LATENCY_NOTE = [
  "- **Keys at 50k services.** Key latency is measured through tmux (send-keys and capture-pane each cost",
  "  a few ms), so the figures are an upper bound. The parse runs in slices of about 8 ms with event-loop",
  "  turns in between; the stretches that still run in one piece are decoding the reply (about 10 ms for",
  "  11 MB), grouping (3-5 ms) and applying the snapshot (trends and body lines, about 10 ms), plus GC.",
];

/** Where the first frame's time goes, against the floor of any Deno program measured in the same run. */
export const FIRST_FRAME_NOTE = [
  "- **Start to first frame at ~1k.** The idle Deno script's first line is the floor of any Deno program",
  "  (the table beside hatop). Past it (2026-12-04, warm caches): the option parser's module graph (53",
  "  modules, `node:util` among them) adds 49 ms to a script's start and the monitor's 125 modules 28 ms more",
  "  (`farm-bench` of scripts that only import them); Deno reads and compiles them on the main thread (strace),",
  "  so the connection made meanwhile waits for them. Then, by `performance.now()` marks in the monitor, 11 ms",
  "  for the 'connecting' frame and 50-55 ms for the first refresh (read, parse, model, draw): the first run",
  "  of every function is interpreted, 4-5 times slower than warm. The one-file bundle saves part of the",
  "  loader's work (one file instead of 178; 27 ms at ~1k when measured in pairs by hand, the row above in",
  "  this run). Tried without a gain beyond the run-to-run spread: the option parser without `node:util` (15",
  "  ms less to start a script, nothing on the first frame), `--always-sparkplug`,",
  "  `--no-lazy-feedback-allocation`. So 120 ms is less than the floor in the table plus loading the modules",
  "  (77 ms by farm-bench, 2026-12-04) before the monitor does any work.",
];
