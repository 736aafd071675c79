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
import { HaproxyClient } from "../../src/haproxy/client.ts";
import { benchSocket, Refresher, SOCKET_OPTIONS, type Stage, STAGES } from "./refresh.ts";
import { bytes, median } from "./stats.ts";

/** Refreshes run before the measured ones. */
const WARM_UP = 15;

/** The V8 flags this script needs: `gc()`, and a young generation no refresh fills. */
export const ALLOC_FLAGS = "--v8-flags=--expose-gc,--min-semi-space-size=64,--max-semi-space-size=64";

/** Median bytes allocated by each stage of a refresh, and by the whole refresh. */
export type Allocation = Record<Stage | "refresh", number>;

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
  const refresher = new Refresher(`unix socket ${sock}`);
  const per: Record<string, number[]> = {};
  try {
    for (let i = 0; i < refreshes + WARM_UP;) {
      const infoText = await client.send("show info");
      const statText = await client.send("show stat");
      gc();
      const used = [Deno.memoryUsage().heapUsed];
      const mark = () => used.push(Deno.memoryUsage().heapUsed);
      refresher.run(infoText, statText, Date.now(), mark);
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
      ...SOCKET_OPTIONS,
      refreshes: { type: "string", default: "20" },
      json: { type: "boolean", default: false },
    },
  });
  await using sock = await benchSocket(values.socket, Number(values.servers));
  const result = await allocationPerRefresh(sock.path, Number(values.refreshes));
  if (values.json) console.log(JSON.stringify(result));
  else {for (const [stage, n] of Object.entries(result)) {
      console.log(`${stage.padEnd(9)} ${bytes(n).padStart(9)}`);
    }}
}
