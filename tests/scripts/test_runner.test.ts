/**
 * The test runner's pure parts: reading deno's JUnit report, the README table markers, and the import
 * parser that decides which test files start a real HAProxy.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { parseJunit } from "../../scripts/test/results.ts";
import { releasesTable, replaceBetweenMarkers } from "../../scripts/test/report.ts";
import { importsOf, localGraph, reaches } from "../../scripts/lib/import_graph.ts";

const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="deno test" tests="5" failures="2" errors="0" time="0.009">
    <testsuite name="./tests/a.test.ts" tests="4" disabled="0" errors="0" failures="2">
        <testcase name="outer" classname="./tests/a.test.ts" time="0.002" line="1" col="6">
            <failure message="1 test step failed">1 test step failed.</failure>
        </testcase>
        <testcase name="plain &gt; not a step" classname="./tests/a.test.ts" time="0.000" line="2" col="6">
        </testcase>
        <testcase name="outer &gt; s1" classname="./tests/a.test.ts" time="0.000" line="1" col="43">
        </testcase>
        <testcase name="outer &gt; s2" classname="./tests/a.test.ts" time="0.001" line="1" col="73">
            <failure message="Uncaught Error: x">Error: x</failure>
        </testcase>
    </testsuite>
    <testsuite name="./tests/b.test.ts" tests="1" disabled="0" errors="0" failures="0">
        <testcase name="b &amp; c" classname="./tests/b.test.ts" time="0.002" line="1" col="6">
        </testcase>
    </testsuite>
</testsuites>`;

Deno.test("parseJunit counts tests, not their steps, per file and in all", () => {
  const r = parseJunit(JUNIT);
  assertEquals(r.passed, 2);
  assertEquals(r.failed, ["outer (tests/a.test.ts)"]);
  assertEquals(r.files.get("tests/a.test.ts"), { passed: 1, failed: ["outer"] });
  assertEquals(r.files.get("tests/b.test.ts"), { passed: 1, failed: [] });
  assertEquals(parseJunit("").passed, 0);
});

Deno.test("the releases table goes between the README markers, and nowhere without them", () => {
  const result = parseJunit(JUNIT);
  const table = releasesTable([{ version: "3.2.26", suite: "sid", result }], result, 610);
  assert(table.startsWith("| what the tests check | 3.2.26 (sid) |"), table);
  assert(table.includes("| **tests passed** | **2** |"), table);
  assert(table.includes("| a.test.ts | 1 |"), table);
  assert(table.includes("about 10 min"), table);
  const readme = "a\n<!-- releases:begin -->\nold\n<!-- releases:end -->\nb\n";
  assertEquals(
    replaceBetweenMarkers(readme, "new"),
    "a\n<!-- releases:begin -->\nnew\n<!-- releases:end -->\nb\n",
  );
  assertEquals(replaceBetweenMarkers("no markers\n", "new"), "no markers\n");
});

Deno.test("importsOf reads static, type-only, re-export, bare and dynamic imports, not comments", () => {
  const text = [
    'import { a } from "./a.ts";',
    'import type { B } from "../b.ts";',
    'export { c } from "./c.ts";',
    'import "./side.ts";',
    "// import { no } from './commented.ts';",
    "/* import { no2 } from './block.ts'; */",
    'const m = await import("./lazy.ts");',
    'import {\n  d,\n  e,\n} from "npm:pkg@1.0.0";',
  ].join("\n");
  assertEquals(
    importsOf(text).map((i) => [i.specifier, i.typeOnly, i.dynamic, i.line]),
    [
      ["./a.ts", false, false, 1],
      ["../b.ts", true, false, 2],
      ["./c.ts", false, false, 3],
      ["./side.ts", false, false, 4],
      ["./lazy.ts", false, true, 7],
      ["npm:pkg@1.0.0", false, false, 8],
    ],
  );
});

Deno.test("localGraph follows relative imports; reaches finds a module through others", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hatop-graph-" });
  try {
    await Deno.writeTextFile(`${dir}/t.test.ts`, 'import { x } from "./support.ts";\n');
    await Deno.writeTextFile(`${dir}/support.ts`, 'export { lab } from "./lab.ts";\n');
    await Deno.writeTextFile(`${dir}/lab.ts`, "export const lab = 1;\n");
    await Deno.writeTextFile(`${dir}/u.test.ts`, 'import { y } from "./other.ts";\n');
    const graph = await localGraph([`${dir}/t.test.ts`, `${dir}/u.test.ts`]);
    assert(reaches(graph, `${dir}/t.test.ts`, `${dir}/lab.ts`));
    assert(!reaches(graph, `${dir}/u.test.ts`, `${dir}/lab.ts`));
    assertEquals(graph.get(`${dir}/other.ts`), [], "a missing module has no edges");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
