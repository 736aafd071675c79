/**
 * No npm module is loaded at start: any `npm:` import costs Deno's npm machinery, about 10 MB resident on
 * every run (measured: an idle script is ~35 MB, ~45 MB with commander imported). npm packages are loaded
 * with a dynamic `import()` where first needed (deps.ts), so a static one creeping back fails here, naming
 * the file and line that imports it.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { type Import, npmAtStart, startGraph } from "../../scripts/lib/import_graph.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/** What a run loads before its first refresh: main.ts, and the monitor that main.ts loads for a terminal. */
const ENTRIES = [`${ROOT}main.ts`, `${ROOT}src/cli/monitor.ts`];

function described(graph: ReadonlyMap<string, readonly Import[]>): string[] {
  return npmAtStart(graph).map((f) =>
    `${
      f.file.replace(ROOT, "")
    }:${f.line} imports ${f.specifier} statically (load it with import() where needed)`
  );
}

Deno.test("main.ts and the monitor load no npm module at start", async () => {
  const graph = await startGraph(ENTRIES);
  assertEquals(described(graph), []);
  // The walk did reach the option parser, the CSV parser and the deps module, whose npm imports are dynamic.
  for (const module of ["src/cli/argv.ts", "src/stats/csv.ts", "src/tui/terminal.ts", "deps.ts"]) {
    assert(graph.has(`${ROOT}${module}`), `${module} is in the start graph`);
  }
  const deps = graph.get(`${ROOT}deps.ts`)!;
  assert(
    deps.some((i) => i.dynamic && i.specifier.startsWith("npm:csv-parse@")),
    "csv-parse is loaded lazily",
  );
});

Deno.test("a static npm import anywhere in the start graph is found and named; lazy and type imports are not", async () => {
  const files: Record<string, string> = {
    "/p/main.ts": 'import { a } from "./a.ts";\nimport type { T } from "npm:types@1.0.0";\n' +
      'export const later = () => import("./lazy.ts");\n',
    "/p/a.ts": '// import { old } from "npm:old@1.0.0";\nexport { b } from "./b.ts";\n',
    "/p/b.ts": 'import "node:util";\n\nimport {\n  pad,\n} from "npm:left-pad@1.3.0";\n',
    "/p/lazy.ts": 'import big from "npm:big@1.0.0";\nexport const more = () => import("npm:more@1.0.0");\n',
  };
  const graph = await startGraph(["/p/main.ts"], (path) => files[path] ?? "");
  assertEquals([...graph.keys()].sort(), ["/p/a.ts", "/p/b.ts", "/p/main.ts"]);
  assertEquals(npmAtStart(graph), [{ file: "/p/b.ts", line: 3, specifier: "npm:left-pad@1.3.0" }]);
  assertEquals(npmAtStart(await startGraph(["/p/lazy.ts"], (path) => files[path] ?? "")), [
    { file: "/p/lazy.ts", line: 1, specifier: "npm:big@1.0.0" },
  ]);
});
