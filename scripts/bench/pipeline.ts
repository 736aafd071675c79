/**
 * In-process measures of one refresh, stage by stage, with the program's own functions in the order
 * `src/app/edge/scheduler.ts` calls them: read (`show info` + `show stat` over one prompt-mode connection),
 * parse, model (grouping + `update`), view (layout and formatting of the visible rows) and diff (ANSI
 * output). Also the raw socket read (the floor HAProxy sets) and the bytes of a full repaint against a
 * steady-state refresh.
 *
 * @module
 */
import { HaproxyClient } from "../../src/haproxy/client.ts";
import { Refresher, type Stage } from "./refresh.ts";
import { median } from "./stats.ts";

/** Medians over the runs, in milliseconds (bytes where named so). */
export interface PipelineResult {
  /** Rows (services) in the reply. */
  services: number;
  /** Size of the `show info` + `show stat` replies. */
  replyBytes: number;
  /** Raw read of `show info;show stat` on a fresh connection to EOF, bytes only (no decoding). */
  rawRead: number;
  /** Read through the program's client: both replies, decoded and framed. */
  read: number;
  parse: number;
  model: number;
  view: number;
  diff: number;
  /** read + parse + model + view + diff, timed end to end. */
  refresh: number;
  /** view + diff of one steady-state frame. */
  frame: number;
  /** Bytes of the first frame with data (a full repaint). */
  fullBytes: number;
  /** Bytes of a refresh where only counters (and the clock) changed. */
  steadyBytes: number;
}

const encoder = new TextEncoder();

/** Reads `show info;show stat` raw in non-interactive mode; returns the byte count. */
export async function rawRead(path: string): Promise<number> {
  const conn = await Deno.connect({ transport: "unix", path });
  try {
    await conn.write(encoder.encode("show info;show stat\n"));
    const buf = new Uint8Array(256 * 1024);
    let total = 0;
    for (;;) {
      const n = await conn.read(buf);
      if (n === null) return total;
      total += n;
    }
  } finally {
    conn.close();
  }
}

/**
 * Runs `runs` refreshes against the socket (after one warm-up), calling `traffic()` before each so that
 * counters change between refreshes, and returns the medians.
 */
export async function measurePipeline(
  path: string,
  runs: number,
  traffic: () => Promise<void>,
  size = { columns: 120, rows: 40 },
): Promise<PipelineResult> {
  const raws: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    await rawRead(path);
    if (i > 0) raws.push(performance.now() - t);
  }

  const client = new HaproxyClient({ transport: "unix", path }, { timeoutMs: 60_000 });
  await client.connect();
  const refresher = new Refresher(`unix socket ${path}`, size);
  // When each stage ended, for the refresh under way.
  const ended = {} as Record<Stage, number>;
  const stamp = (stage: Stage) => (ended[stage] = performance.now());
  const t: Record<string, number[]> = {};
  const add = (k: string, v: number) => (t[k] ??= []).push(v);
  let services = 0;
  let replyBytes = 0;
  let fullBytes = 0;
  try {
    for (let i = 0; i < runs + 1; i++) {
      await traffic();
      const t0 = performance.now();
      const infoText = await client.send("show info");
      const statText = await client.send("show stat");
      const t1 = performance.now();
      const refreshed = refresher.run(infoText, statText, Date.now(), stamp);
      const [t2, t3, t4, t5] = [ended.parse, ended.update, ended.view, ended.diff];
      const written = encoder.encode(refreshed.out).length;
      services = refreshed.services;
      replyBytes = encoder.encode(infoText).length + encoder.encode(statText).length;
      if (i === 0) {
        fullBytes = written;
        continue;
      }
      add("read", t1 - t0);
      add("parse", t2 - t1);
      add("model", t3 - t2);
      add("view", t4 - t3);
      add("diff", t5 - t4);
      add("refresh", t5 - t0);
      add("frame", t5 - t3);
      add("steadyBytes", written);
    }
  } finally {
    await client.close();
  }
  return {
    services,
    replyBytes,
    rawRead: median(raws),
    read: median(t.read),
    parse: median(t.parse),
    model: median(t.model),
    view: median(t.view),
    diff: median(t.diff),
    refresh: median(t.refresh),
    frame: median(t.frame),
    fullBytes,
    steadyBytes: median(t.steadyBytes),
  };
}
