/**
 * `show pools`: HAProxy's memory pools.
 *
 * `Dumping pools usage. Use SIGQUIT to flush them.`, then one line per pool:
 * `  - Pool <name> (<size> bytes[/<align>]) : <n> allocated (<bytes> bytes), <n> used[ (~<n> by thread
 * caches)], needed_avg <n>, <n> failures, <n> users, @0x<addr>[=<index>][ [SHARED]]` (2.2 has `=<index>` and
 * no thread caches; 3.4 adds `/<align>`), then `Total: <n> pools, <bytes> bytes allocated, <bytes> used[ (~<bytes>
 * by thread caches)].`
 *
 * @module
 */
import { replyLines, toNumber } from "./text.ts";

/** One memory pool. */
export interface PoolRow {
  /** HAProxy's (truncated) pool name, e.g. `buffer`, `quic_conn_c`. */
  readonly name: string;
  /** Size of one object in bytes. */
  readonly size: number;
  /** Alignment (3.4 and later). */
  readonly align?: number;
  /** Objects allocated, and their bytes. */
  readonly allocated: number;
  readonly allocatedBytes: number;
  /** Objects in use, and how many of them sit in thread caches (2.6 and later). */
  readonly used: number;
  readonly cached?: number;
  readonly neededAvg: number;
  readonly failures: number;
  /** How many pool users share it. */
  readonly users: number;
  readonly address: string;
  /** Merged with other pools of the same size (`[SHARED]`). */
  readonly shared: boolean;
}

/** The `Total:` line. */
export interface PoolTotals {
  readonly pools: number;
  readonly allocatedBytes: number;
  readonly usedBytes: number;
  readonly cachedBytes?: number;
}

/** The parsed `show pools`. */
export interface Pools {
  readonly pools: readonly PoolRow[];
  readonly totals?: PoolTotals;
}

const POOL =
  /^\s*- Pool (.+?) \((\d+) bytes(?:\/(\d+))?\) : (\d+) allocated \((\d+) bytes\), (\d+) used(?: \(~(\d+) by thread caches\))?, needed_avg (\d+), (\d+) failures, (\d+) users, @(0x[0-9a-fA-F]+)(?:=\d+)?(.*)$/;
const TOTAL = /^Total: (\d+) pools, (\d+) bytes allocated, (\d+) used(?: \(~(\d+) by thread caches\))?/;

/** Parses `show pools`. */
export function parsePools(text: string): Pools {
  const pools: PoolRow[] = [];
  let totals: PoolTotals | undefined;
  for (const line of replyLines(text)) {
    const p = line.match(POOL);
    if (p) {
      pools.push({
        name: p[1],
        size: Number(p[2]),
        ...(p[3] ? { align: Number(p[3]) } : {}),
        allocated: Number(p[4]),
        allocatedBytes: Number(p[5]),
        used: Number(p[6]),
        ...(p[7] ? { cached: Number(p[7]) } : {}),
        neededAvg: Number(p[8]),
        failures: Number(p[9]),
        users: Number(p[10]),
        address: p[11],
        shared: p[12].includes("[SHARED]"),
      });
      continue;
    }
    const t = line.match(TOTAL);
    if (t) {
      totals = {
        pools: Number(t[1]),
        allocatedBytes: Number(t[2]),
        usedBytes: Number(t[3]),
        ...(t[4] ? { cachedBytes: toNumber(t[4]) } : {}),
      };
    }
  }
  return { pools, totals };
}
