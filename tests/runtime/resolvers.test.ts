import assert from "node:assert/strict";
import { parseResolvers } from "../../src/runtime/resolvers.ts";
import { linesMatching, RELEASE_LINES, reply, scenario } from "./_fixtures.ts";

for (const line of RELEASE_LINES) {
  const s = scenario(line);

  Deno.test(`${line}: show resolvers gives the lab's section and its nameserver's counters`, () => {
    const text = reply(line, "show-resolvers");
    const sections = parseResolvers(text);
    assert.deepEqual(
      sections.map((x) => x.name),
      linesMatching(text, /^Resolvers section /).map((l) => l.slice(18)),
    );
    const lab = sections.find((x) => x.name === s.names.resolvers);
    assert.ok(lab, text);
    assert.deepEqual(lab.nameservers.map((n) => n.name), [s.names.nameserver]);
    const counters = lab.nameservers[0].counters;
    assert.ok(counters.sent >= 0 && counters.valid === 0, JSON.stringify(counters));
    const counterLines = linesMatching(text, /^\s{2}\w+:\s+\d+$/).length;
    assert.equal(
      sections.flatMap((x) => x.nameservers).reduce((n, ns) => n + Object.keys(ns.counters).length, 0),
      counterLines,
    );
  });
}

Deno.test("counter lines before any section are ignored", () => {
  assert.deepEqual(parseResolvers("  sent: 1\nResolvers section r\n nameserver a:\n  sent: 2\n  odd: x\n"), [
    { name: "r", nameservers: [{ name: "a", counters: { sent: 2 } }] },
  ]);
});
