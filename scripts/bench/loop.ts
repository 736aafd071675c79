/**
 * A fixed amount of the monitor's work, for whole-process comparisons of two builds (before and after a
 * change, measured from outside with `/usr/bin/time` or any runner that alternates the two):
 * `deno run -A scripts/bench/loop.ts parse N` parses a synthetic `show stat` of N rows 20 times;
 * `deno run -A scripts/bench/loop.ts frames N [K]` applies K refreshes (default 50) of an N-service snapshot
 * to the model and draws and diffs each frame, as a refresh of the running monitor does.
 *
 * @module
 */
import { update, view } from "../../src/app/mod.ts";
import { renderDiff } from "../../src/tui/render.ts";
import { parseStat } from "../../src/stats/csv.ts";
import { syntheticSnapshot, syntheticStat, syntheticState } from "../../bench/_synthetic.ts";

const [what, rows, rounds] = Deno.args;
const n = Number(rows);
if (!["parse", "frames"].includes(what) || !Number.isInteger(n) || n < 1) {
  console.error("usage: loop.ts parse|frames ROWS [REFRESHES]");
  Deno.exit(2);
}
if (what === "parse") {
  const text = syntheticStat(n);
  for (let i = 0; i < 20; i++) parseStat(text);
} else {
  const snapshot = syntheticSnapshot(n);
  let state = syntheticState(snapshot);
  let previous = view(state).buffer;
  for (let i = 1; i <= Number(rounds ?? 50); i++) {
    state = update(state, { type: "snapshot", snapshot, seq: i, now: i * 1000 })[0];
    const next = view(state).buffer;
    renderDiff(previous, next, { color: true });
    previous = next;
  }
}
