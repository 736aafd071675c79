/**
 * Where a refresh allocates, by call site: V8's sampling heap profiler (through `node:inspector`) over
 * refreshes of real replies, run through the program's own functions in the scheduler's order (parse,
 * snapshot, `update`, `view`, `renderDiff`, as scripts/bench/alloc.ts), printing the bytes per refresh of the
 * sites that allocate most, each with its two callers. Found with it (issue #15): array destructuring in the
 * events diff's row loop, and a closure in `columnsOf` that made V8 allocate its variables on every row read.
 *
 * `deno run -A scripts/bench/heap_sites.ts [--servers 960 | --socket PATH] [--refreshes 50] [--top 25]`
 *
 * Line numbers are those of the JavaScript Deno runs (types stripped), a few lines off the TypeScript.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { Session } from "node:inspector";
import { HaproxyClient } from "../../src/haproxy/client.ts";
import { benchSocket, Refresher, SOCKET_OPTIONS } from "./refresh.ts";

/** A node of V8's sampling heap profile. */
interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/** Refreshes run before the sampled ones (the first frame is a full repaint; V8 optimizes meanwhile). */
const WARM_UP = 30;

/** Bytes per refresh of each allocation site (`function file:line < caller < caller`), most first. */
export async function heapSites(sock: string, refreshes: number): Promise<[string, number][]> {
  const client = new HaproxyClient({ transport: "unix", path: sock }, { timeoutMs: 60_000 });
  await client.connect();
  const replies: [string, string][] = [];
  try {
    for (let i = 0; i < 20; i++) {
      replies.push([await client.send("show info"), await client.send("show stat")]);
    }
  } finally {
    await client.close();
  }
  const refresher = new Refresher(`unix socket ${sock}`);
  const start = Date.now();
  const refresh = (i: number) => {
    const [infoText, statText] = replies[i % replies.length];
    refresher.run(infoText, statText, start + i * 1000);
  };
  for (let i = 0; i < WARM_UP; i++) refresh(i);

  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params, (e: Error | null, r?: object) => (e ? reject(e) : resolve(r as T)))
    );
  await post("HeapProfiler.enable");
  await post("HeapProfiler.startSampling", {
    samplingInterval: 64,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = WARM_UP; i < WARM_UP + refreshes; i++) refresh(i);
  const { profile } = await post<{ profile: { head: ProfileNode } }>("HeapProfiler.stopSampling");
  session.disconnect();

  const sites = new Map<string, number>();
  const walk = (node: ProfileNode, callers: readonly string[]) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || "(anonymous)"} ${url.split("/").at(-1)}:${lineNumber + 1}`;
    const stack = [name, ...callers];
    if (node.selfSize > 0) {
      const key = stack.slice(0, 3).join(" < ");
      sites.set(key, (sites.get(key) ?? 0) + node.selfSize / refreshes);
    }
    for (const child of node.children) walk(child, stack);
  };
  walk(profile.head, []);
  return [...sites].sort((a, b) => b[1] - a[1]);
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      ...SOCKET_OPTIONS,
      refreshes: { type: "string", default: "50" },
      top: { type: "string", default: "25" },
    },
  });
  await using sock = await benchSocket(values.socket, Number(values.servers));
  const sites = await heapSites(sock.path, Number(values.refreshes));
  const total = sites.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(`${(total / 1000).toFixed(1)} kB allocated per refresh (sampled), by site:`);
  for (const [site, bytes] of sites.slice(0, Number(values.top))) {
    console.log(`${(bytes / 1000).toFixed(1).padStart(8)} kB  ${site}`);
  }
}
