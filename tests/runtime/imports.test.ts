import assert from "node:assert/strict";
import { localGraph } from "../../scripts/lib/import_graph.ts";

const SRC = new URL("../../src/", import.meta.url).pathname;

Deno.test("src/runtime reaches nothing of src/app, src/tui or src/haproxy, and no I/O module of the lab", async () => {
  const graph = await localGraph([`${SRC}runtime/mod.ts`]);
  const reached = [...graph.keys()].map((p) => p.startsWith(SRC) ? p.slice(SRC.length) : p);
  assert.ok(reached.includes("runtime/tables.ts"), reached.join(" "));
  const outside = reached.filter((p) =>
    !p.startsWith("runtime/") && p !== "stats/info.ts" && p !== "stats/types.ts"
  );
  assert.deepEqual(outside, [], "src/runtime may only use src/stats' show info reader");
});
