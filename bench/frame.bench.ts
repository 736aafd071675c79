/**
 * `deno bench bench/frame.bench.ts`: one frame, `view()` then `renderDiff()`, at 1k and 50k services (the
 * cost should not grow with the number of services), and `bodyLines()` of a whole snapshot.
 *
 * @module
 */
import { view } from "../src/app/mod.ts";
import { bodyLines } from "../src/app/domain/body_lines.ts";
import { renderDiff } from "../src/tui/render.ts";
import { syntheticSnapshot, syntheticState } from "./_synthetic.ts";

for (const n of [1_000, 50_000]) {
  const snapshot = syntheticSnapshot(n);
  const state = syntheticState(snapshot);
  const previous = view(state).buffer;
  const later = { ...state, now: 1000, scroll: { cursor: state.scroll.cursor + 1, top: state.scroll.top } };
  Deno.bench({
    name: `view + renderDiff, ${n} services`,
    group: "frame",
    fn: () => void renderDiff(previous, view(later).buffer, { color: true }),
  });
  Deno.bench({
    name: `full repaint, ${n} services`,
    group: "frame",
    fn: () => void renderDiff(undefined, view(later).buffer, { color: true }),
  });
  // A refresh builds the lines with those of the refresh before at hand, whose keys it takes over.
  const before = bodyLines(snapshot.proxies);
  Deno.bench({
    name: `bodyLines, ${n} services`,
    group: "body",
    fn: () => void bodyLines(snapshot.proxies, before),
  });
}
