/**
 * `deno bench bench/parse.bench.ts`: parseStat and buildSnapshot at 1k, 10k and 50k rows.
 *
 * @module
 */
import { parseStat } from "../src/stats/csv.ts";
import { parseInfo } from "../src/stats/info.ts";
import { buildSnapshot } from "../src/stats/snapshot.ts";
import { INFO, syntheticStat } from "./_synthetic.ts";

for (const n of [1_000, 10_000, 50_000]) {
  const text = syntheticStat(n);
  Deno.bench({
    name: `parseStat ${n} rows`,
    group: `parse ${n}`,
    baseline: true,
    fn: () => void parseStat(text),
  });
  const table = parseStat(text);
  const info = parseInfo(INFO);
  Deno.bench({
    name: `buildSnapshot ${n} rows`,
    group: `parse ${n}`,
    fn: () => void buildSnapshot(info, [table]),
  });
}
