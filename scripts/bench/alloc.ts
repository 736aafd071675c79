/**
 * Bytes allocated per refresh, stage by stage: a load-independent measure of the monitor's work (the garbage a
 * refresh leaves is what the GC must collect, and most of what a refresh costs). It reads a real HAProxy's
 * replies once per refresh and runs the program's own functions in the scheduler's order (parse, snapshot,
 * `update`, `view`, `renderDiff`), reading V8's used heap between them with the young generation made large
 * enough that no GC runs inside a refresh (a refresh where one did is measured again).
 *
 * `deno run -A --v8-flags=--expose-gc,--min-semi-space-size=64,--max-semi-space-size=64 scripts/bench/alloc.ts
 * [--servers 960 | --socket PATH] [--refreshes 20] [--json]` ({@linkcode ALLOC_FLAGS}; `deno task bench` runs it
 * with `--socket` and `--json`).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { startLab } from "../lab/haproxy.ts";
import { manyServersBody } from "../lab/configs.ts";
import { HaproxyClient } from "../../src/haproxy/client.ts";
import { parseInfo } from "../../src/stats/info.ts";
import { parseStat } from "../../src/stats/csv.ts";
import { buildSnapshot } from "../../src/stats/snapshot.ts";
import { init, update, view } from "../../src/app/mod.ts";
import { renderDiff } from "../../src/tui/render.ts";
import type { ScreenBuffer } from "../../src/tui/buffer.ts";
import type { State } from "../../src/app/model/state.ts";
import { PANE } from "./side_by_side.ts";
import { bytes, median } from "./stats.ts";

const STAGES = ["parse", "snapshot", "update", "view", "diff"] as const;

/** Refreshes run before the measured ones. */
const WARM_UP = 15;

/** The V8 flags this script needs: `gc()`, and a young generation no refresh fills. */
export const ALLOC_FLAGS = "--v8-flags=--expose-gc,--min-semi-space-size=64,--max-semi-space-size=64";

/** Median bytes allocated by each stage of a refresh, and by the whole refresh. */
export type Allocation = Record<(typeof STAGES)[number] | "refresh", number>;

/** Median bytes allocated by each stage of one refresh (and their sum), over `refreshes` refreshes. */
export async function allocationPerRefresh(
  sock: string,
  refreshes: number,
): Promise<Allocation> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    throw new Error("run with --v8-flags=--expose-gc,--min-semi-space-size=64,--max-semi-space-size=64");
  }
  const client = new HaproxyClient({ transport: "unix", path: sock }, { timeoutMs: 60_000 });
  await client.connect();
  const config = { readOnly: false, intervalMs: 1000, color: true, socketName: `unix socket ${sock}` };
  let state: State = init(config, PANE, "status", Date.now());
  let previous: ScreenBuffer | undefined;
  const per: Record<string, number[]> = {};
  try {
    for (let i = 0; i < refreshes + WARM_UP;) {
      const infoText = await client.send("show info");
      const statText = await client.send("show stat");
      gc();
      const used = [Deno.memoryUsage().heapUsed];
      const mark = () => used.push(Deno.memoryUsage().heapUsed);
      const info = parseInfo(infoText);
      const table = parseStat(statText);
      mark();
      const snapshot = buildSnapshot(info, [table]);
      mark();
      state = update(state, { type: "snapshot", snapshot, seq: state.refreshSeq, now: Date.now() })[0];
      mark();
      const frame = view(state);
      mark();
      renderDiff(previous, frame.buffer, { color: true, cursor: frame.cursor });
      mark();
      previous = frame.buffer;
      // A GC inside the refresh shows as a stage that freed memory: measure that refresh again.
      if (used.some((u, k) => k > 0 && u < used[k - 1])) continue;
      // The first refreshes warm up: the first frame is a full repaint, the first snapshot has no trends, and
      // code that V8 has not optimized yet allocates more than it will in a monitor that has run a while.
      if (i++ < WARM_UP) continue;
      STAGES.forEach((stage, k) => (per[stage] ??= []).push(used[k + 1] - used[k]));
      (per.refresh ??= []).push(used[used.length - 1] - used[0]);
    }
  } finally {
    await client.close();
  }
  return Object.fromEntries(Object.entries(per).map(([k, v]) => [k, median(v)])) as Allocation;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      servers: { type: "string", default: "960" },
      socket: { type: "string" },
      refreshes: { type: "string", default: "20" },
      json: { type: "boolean", default: false },
    },
  });
  await using lab = values.socket
    ? undefined
    : await startLab(manyServersBody(Number(values.servers)), { startTimeoutMs: 120_000 });
  const result = await allocationPerRefresh(values.socket ?? lab!.sockets.admin, Number(values.refreshes));
  if (values.json) console.log(JSON.stringify(result));
  else {for (const [stage, n] of Object.entries(result)) {
      console.log(`${stage.padEnd(9)} ${bytes(n).padStart(9)}`);
    }}
}
