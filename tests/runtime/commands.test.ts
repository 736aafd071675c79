import assert from "node:assert/strict";
import {
  COMMANDS,
  commandSupported,
  levelAllows,
  requiredLevel,
  syntaxOf,
} from "../../src/runtime/commands.ts";
import { unsupportedReason } from "../../src/runtime/reply.ts";
import { levelProbes, RELEASE_LINES, scenario } from "./_fixtures.ts";

Deno.test("every release of the test matrix was captured", () => {
  assert.deepEqual(RELEASE_LINES, ["2.2", "2.6", "3.0", "3.2", "3.4"]);
});

for (const line of RELEASE_LINES) {
  const { version } = scenario(line);
  const probes = levelProbes(line);

  Deno.test(`${line}: the command table covers exactly the commands tried on the real lab`, () => {
    assert.deepEqual([...new Set(probes.map((p) => p.syntax))].sort(), COMMANDS.map((c) => c.syntax).sort());
    for (const p of probes) assert.equal(syntaxOf(p.syntax), p.syntax);
  });

  Deno.test(`${line}: what the table says each level may run is what HAProxy ${version} did`, () => {
    for (const p of probes) {
      const allowed = commandSupported(p.syntax, version) &&
        levelAllows(p.level, requiredLevel(p.syntax, version)!);
      const what = `${p.syntax} at ${p.level}: ${p.firstLine || "(empty)"}`;
      if (p.applied !== undefined) assert.equal(p.applied, allowed, what);
      const refused = unsupportedReason(p.syntax, p.firstLine + "\n\n", version, p.level) !== undefined;
      assert.equal(refused, !allowed, what);
    }
  });
}

Deno.test("syntaxOf names the command a line is an instance of", () => {
  assert.equal(syntaxOf("show sess 0x55d9e6df84d0"), "show sess <id>");
  assert.equal(syntaxOf("show sess"), "show sess");
  assert.equal(syntaxOf("show table fe data.gpc0 gt 0"), "show table <name> data.<type> <op> <value>");
  assert.equal(syntaxOf("show table fe key 1.2.3.4"), "show table <name> key <key>");
  assert.equal(syntaxOf("show table fe nonsense 1.2.3.4"), undefined);
  assert.equal(syntaxOf("clear table fe key 1.2.3.4"), "clear table <name> key <key>");
  assert.equal(syntaxOf("show events lab_events"), "show events <sink>");
  assert.equal(syntaxOf("show  ssl   cert"), "show ssl cert");
  assert.equal(syntaxOf("frobnicate"), undefined);
});

Deno.test("required levels follow the releases: maps need admin from 3.4, activity operator from 3.0", () => {
  assert.equal(requiredLevel("show map", "3.2.26-1"), "user");
  assert.equal(requiredLevel("add map <file> <key> <value>", "3.4.7-1"), "admin");
  assert.equal(requiredLevel("show activity", "2.6.12"), "user");
  assert.equal(requiredLevel("show activity", "3.0.11"), "operator");
  assert.equal(requiredLevel("no such", "3.0.11"), undefined);
  assert.equal(commandSupported("show version", "2.2.9"), false);
  assert.equal(commandSupported("show version", "2.6.12"), true);
  assert.equal(levelAllows("admin", "operator"), true);
  assert.equal(levelAllows("user", "operator"), false);
});
