import assert from "node:assert/strict";
import { parseCliLevel, parseHelp, parseShowVersion } from "../../src/runtime/cli.ts";
import { versionAtLeast } from "../../src/runtime/version.ts";
import { linesMatching, RELEASE_LINES, reply, scenario } from "./_fixtures.ts";

for (const line of RELEASE_LINES) {
  const s = scenario(line);

  Deno.test(`${line}: show version and show cli level`, () => {
    assert.equal(
      parseShowVersion(reply(line, "show-version")),
      versionAtLeast(s.version, "2.6") ? s.version : undefined,
    );
    assert.equal(parseCliLevel(reply(line, "show-cli-level")), "admin");
  });

  Deno.test(`${line}: help lists every command line of its reply, the same at every level`, () => {
    const text = reply(line, "help");
    const entries = parseHelp(text);
    assert.equal(entries.length, linesMatching(text, /^ {2}\S/).length);
    for (
      const syntax of ["show sess", "show table", "show map", "show errors", "show peers", "show events"]
    ) {
      assert.ok(entries.some((e) => e.syntax.startsWith(syntax)), syntax);
    }
    assert.ok(entries.every((e) => e.syntax !== "" && !e.syntax.endsWith(":")));
    assert.equal(entries.some((e) => e.syntax.startsWith("show version")), versionAtLeast(s.version, "2.6"));
    assert.equal(s.helpSameAtUser, true);
  });
}

Deno.test("continued descriptions are joined; a suggestion list is not a help list", () => {
  assert.deepEqual(
    parseHelp(
      "Unknown command. Please enter one of the following commands only :\n  show resolvers [id]: dumps counters and\n                     associated name servers\n",
    ),
    [{ syntax: "show resolvers [id]", description: "dumps counters and associated name servers" }],
  );
  assert.deepEqual(
    parseHelp("Unknown command, but maybe one of the following ones is a better match:\n  show cache : x\n"),
    [],
  );
  assert.equal(parseShowVersion("Unknown command.\n"), undefined);
  assert.equal(parseCliLevel("root\n"), undefined);
});
