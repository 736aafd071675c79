import assert from "node:assert/strict";
import { parseActivity, parseInfoRows } from "../../src/runtime/process.ts";
import { parseThreads } from "../../src/runtime/threads.ts";
import { parsePools } from "../../src/runtime/pools.ts";
import { versionAtLeast } from "../../src/runtime/version.ts";
import { linesMatching, RELEASE_LINES, reply, scenario } from "./_fixtures.ts";

for (const line of RELEASE_LINES) {
  const s = scenario(line);
  const info = parseInfoRows(reply(line, "show-info"));
  const nbthread = Number(info.find((r) => r.key === "Nbthread")?.value);

  Deno.test(`${line}: show info rows in HAProxy's order`, () => {
    assert.deepEqual(info[0], { key: "Name", value: "HAProxy" });
    assert.equal(info.find((r) => r.key === "Version")?.value, s.version);
    assert.equal(info.find((r) => r.key === "node")?.value, s.node);
    assert.equal(info.length, linesMatching(reply(line, "show-info"), /^[^:]+:/).length);
    assert.ok(nbthread >= 1);
  });

  Deno.test(`${line}: show activity has one column per thread`, () => {
    const text = reply(line, "show-activity");
    const activity = parseActivity(text);
    assert.equal(activity.threads, nbthread);
    assert.ok(activity.thread! >= 1 && activity.thread! <= nbthread);
    const perThread = activity.rows.filter((r) => r.perThread.length > 0);
    assert.equal(perThread.length, linesMatching(text, /\[.*\]/).length);
    assert.ok(perThread.every((r) => r.perThread.length === nbthread));
    const loops = activity.rows.find((r) => r.name === "loops")!;
    assert.equal(typeof loops.total, "number");
    assert.ok(activity.rows.some((r) => r.name === "date_now" && r.perThread.length === 0));
  });

  Deno.test(`${line}: show threads has a block per thread, the answering one marked`, () => {
    const threads = parseThreads(reply(line, "show-threads"));
    assert.deepEqual(threads.map((t) => t.thread), Array.from({ length: nbthread }, (_, i) => i + 1));
    assert.equal(threads.filter((t) => t.current).length, 1);
    assert.ok(threads.every((t) => !t.markedStuck && t.stuck === false));
    assert.ok(threads.every((t) => t.cpuNs?.now !== undefined && t.waitQueue !== undefined));
    assert.ok(threads.every((t) => /^0x[0-9a-f]+$/.test(t.fields.id)));
    assert.equal(threads.every((t) => t.loops !== undefined), versionAtLeast(s.version, "3.2"));
    for (const t of threads) {
      assert.equal(t.group, versionAtLeast(s.version, "2.6") ? `1/${t.thread}` : undefined);
    }
  });

  Deno.test(`${line}: show pools rows add up to the Total line`, () => {
    const { pools, totals } = parsePools(reply(line, "show-pools"));
    assert.ok(totals);
    assert.equal(pools.length, totals.pools);
    assert.equal(pools.reduce((n, p) => n + p.allocatedBytes, 0), totals.allocatedBytes);
    assert.ok(pools.every((p) => p.allocatedBytes === p.allocated * p.size));
    assert.ok(pools.some((p) => p.name === "buffer"));
    assert.equal(totals.cachedBytes !== undefined, versionAtLeast(s.version, "2.6"));
    assert.equal(pools.every((p) => p.align !== undefined), versionAtLeast(s.version, "3.4"));
  });
}
