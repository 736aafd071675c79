import assert from "node:assert/strict";
import { parseErrors, unescapeDump } from "../../src/runtime/errors.ts";
import { RELEASE_LINES, reply, scenario } from "./_fixtures.ts";

for (const line of RELEASE_LINES) {
  const s = scenario(line);

  Deno.test(`${line}: show errors holds both bad requests with their captured bytes`, () => {
    const report = parseErrors(reply(line, "show-errors"));
    const proxies = Object.keys(s.badRequests);
    assert.equal(report.total, proxies.length);
    assert.ok(report.capturedAt);
    assert.deepEqual(report.captures.map((c) => c.proxy).sort(), [...proxies].sort());
    for (const capture of report.captures) {
      const sent = s.badRequests[capture.proxy];
      assert.equal(capture.direction, "request");
      assert.equal(capture.buffer, sent);
      assert.equal(capture.length, sent.length);
      assert.ok(capture.errorAt! >= 0 && capture.errorAt! < sent.length);
      assert.match(capture.source ?? "", /^127\.0\.0\.1:\d+$/);
      assert.equal(capture.server, undefined);
      assert.ok(capture.date instanceof Date && !isNaN(capture.date.getTime()));
      assert.ok(capture.state.some((l) => l.startsWith("buffer starts at")));
      assert.deepEqual(
        capture.dump.map((d) => d.offset),
        [...capture.dump.map((d) => d.offset)].sort((a, b) => a - b),
      );
    }
    const events = report.captures.map((c) => c.event);
    assert.deepEqual([...events].sort(), [0, 1]);
  });
}

Deno.test("dump escapes are undone; a reply without captures is empty", () => {
  assert.equal(unescapeDump('GET /\\x41 \\"q\\"\\r\\n\\\\'), 'GET /A "q"\r\n\\');
  assert.deepEqual(parseErrors("Total events captured on [03/Dec/2026:07:57:57.840] : 0\n\n"), {
    capturedAt: "03/Dec/2026:07:57:57.840",
    total: 0,
    captures: [],
  });
  assert.deepEqual(parseErrors("Permission denied\n\n").captures, []);
});
