import assert from "node:assert/strict";
import { parseEventLine, parseEvents, parseEventSinks, SEVERITIES } from "../../src/runtime/events.ts";
import { versionAtLeast } from "../../src/runtime/version.ts";
import { linesMatching, RELEASE_LINES, reply, scenario } from "./_fixtures.ts";

for (const line of RELEASE_LINES) {
  const s = scenario(line);

  Deno.test(`${line}: show events lists buf0 and the lab's ring`, () => {
    const sinks = parseEventSinks(reply(line, "show-events"));
    const names = sinks.map((x) => x.name);
    assert.ok(names.includes("buf0") && names.includes(s.names.ring), names.join(" "));
    assert.equal(names.includes("dpapi"), versionAtLeast(s.version, "3.2"));
    const ring = sinks.find((x) => x.name === s.names.ring)!;
    assert.deepEqual(ring, {
      name: s.names.ring,
      type: "buffer",
      dropped: 0,
      description: "hatop lab events",
    });
    assert.equal(sinks.find((x) => x.name === "stdout")?.type, "fd");
  });

  Deno.test(`${line}: the ring holds one rfc3164 line per logged request`, () => {
    const text = reply(line, "show-events-ring");
    const events = parseEvents(text);
    assert.equal(events.length, text.trimEnd().split("\n").length);
    assert.ok(
      events.every((e) => e.tag === "haproxy" && e.pid! > 0 && SEVERITIES[e.severity!] !== undefined),
    );
    const requests = events.filter((e) => /"GET \S+ HTTP\/1\.1"/.test(e.message));
    const sent = Object.values(s.requests).reduce((a, b) => a + b, 0);
    assert.ok(requests.length >= sent, `${requests.length} request lines for ${sent} requests`);
    assert.equal(
      linesMatching(text, /"<BADREQ>"/).length,
      events.filter((e) => e.message.includes("<BADREQ>")).length,
    );
    assert.equal(events.every((e) => e.facility === 16), true, "local0");
  });
}

Deno.test("a line in another format is kept whole", () => {
  assert.deepEqual(parseEventLine("2026-12-03T08:04:38 something"), {
    raw: "2026-12-03T08:04:38 something",
    message: "2026-12-03T08:04:38 something",
  });
  const e = parseEventLine("<133>Dec  3 08:04:38 haproxy[11973]: Proxy fe_rt started.");
  assert.equal(e.host, undefined);
  assert.equal(SEVERITIES[e.severity!], "notice");
  assert.equal(parseEventLine("<134>Dec  3 08:04:45 localhost haproxy[12188]: x").host, "localhost");
});
