/**
 * The shape of src/: every import points the way scripts/lib/layers.ts allows and no module imports itself
 * back; no file is over 300 lines; every folder says in its mod.ts what it owns and may import. A failure
 * names the file and line.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { type Edge, localGraph } from "../scripts/lib/import_graph.ts";
import { architectureProblems, partOf } from "../scripts/lib/layers.ts";

const SRC = new URL("../src/", import.meta.url).pathname;
const LIMIT = 300;

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const path = `${dir}${e.name}`;
    if (e.isDirectory) out.push(...await files(`${path}/`));
    else if (e.name.endsWith(".ts")) out.push(path);
  }
  return out.sort();
}

async function folders(dir: string): Promise<string[]> {
  const out = [dir];
  for await (const e of Deno.readDir(dir)) if (e.isDirectory) out.push(...await folders(`${dir}${e.name}/`));
  return out.sort();
}

Deno.test("src/: every import points the way the parts allow, and no import cycle", async () => {
  const all = await files(SRC);
  const graph = await localGraph(all);
  assertEquals([...graph.keys()].filter((p) => p.startsWith(SRC)).sort(), all, "every module is read");
  const unplaced = all.filter((p) => !partOf(p.slice(SRC.length)));
  assertEquals(unplaced, [], "every module belongs to a part of scripts/lib/layers.ts");
  assertEquals(architectureProblems(graph, SRC), []);
});

Deno.test("src/app keeps no state of its own in modules: everything is in the State, or in the edges' objects", async () => {
  const found: string[] = [];
  for (const path of (await files(SRC)).filter((p) => p.startsWith(`${SRC}app/`))) {
    (await Deno.readTextFile(path)).split("\n").forEach((line, i) => {
      if (/^(export )?(let|var) /.test(line)) found.push(`src/${path.slice(SRC.length)}:${i + 1}: ${line}`);
    });
  }
  assertEquals(found, []);
});

Deno.test("src/: no file is over 300 lines", async () => {
  const long: string[] = [];
  for (const path of await files(SRC)) {
    const lines = (await Deno.readTextFile(path)).split("\n").length - 1;
    if (lines > LIMIT) long.push(`src/${path.slice(SRC.length)}: ${lines} lines`);
  }
  assertEquals(long, []);
});

Deno.test("src/: every folder has a mod.ts whose doc comment says what it owns; src/app holds folders", async () => {
  const missing: string[] = [];
  for (const dir of (await folders(SRC)).filter((d) => d !== SRC)) {
    const text = await Deno.readTextFile(`${dir}mod.ts`).catch(() => "");
    const doc = text.match(/^\/\*\*([\s\S]*?)\*\//)?.[1] ?? "";
    if (!doc.includes("@module") || doc.replace(/@module|\*/g, "").trim().length < 80) {
      missing.push(`src/${dir.slice(SRC.length)}mod.ts`);
    }
  }
  assertEquals(missing, [], "a mod.ts with a paragraph and @module");
  const top = [...Deno.readDirSync(`${SRC}app`)].filter((e) => e.isFile).map((e) => e.name);
  assertEquals(top, ["mod.ts"], "src/app's files are in its folders");
});

/** A graph of modules of src/ = /s/ from `[from, to, line]` imports (`to` absolute when it starts with /). */
function graph(imports: readonly (readonly [string, string, number])[]): Map<string, Edge[]> {
  const g = new Map<string, Edge[]>();
  for (const [from, to, line] of imports) {
    const target = to.startsWith("/") ? to : `/s/${to}`;
    const edge = { from: `/s/${from}`, to: target, specifier: to, typeOnly: false, dynamic: false, line };
    g.set(edge.from, [...(g.get(edge.from) ?? []), edge]);
    if (!g.has(edge.to)) g.set(edge.to, []);
  }
  return g;
}

Deno.test("the check names the file and line of an arrow against the rules, and of each cycle", () => {
  const problems = architectureProblems(
    graph([
      ["stats/csv.ts", "app/model/state.ts", 3],
      ["app/views/stats.ts", "app/edge/monitor.ts", 7],
      ["app/views/stats.ts", "app/views/cli.ts", 8],
      ["app/views/cli.ts", "app/views/table.ts", 9],
      ["app/model/a.ts", "app/model/b.ts", 2],
      ["app/model/b.ts", "app/model/c.ts", 4],
      ["app/model/c.ts", "app/model/a.ts", 6],
      ["cli/run.ts", "app/core/update.ts", 11],
      ["elsewhere/x.ts", "tui/types.ts", 1],
    ]),
    "/s/",
  );
  const outside = graph([["runtime/a.ts", "/scripts/lab/haproxy.ts", 4], ["stats/b.ts", "/deps.ts", 2]]);
  assertEquals(architectureProblems(outside, "/s/"), [
    "src/runtime/a.ts:4 imports /scripts/lab/haproxy.ts: src/ may import nothing outside it but deps.ts",
  ]);
  assertMatch(
    problems[0],
    /^src\/stats\/csv\.ts:3 imports src\/app\/model\/state\.ts: stats may not import app\/model/,
  );
  assertMatch(
    problems[1],
    /^src\/app\/views\/stats\.ts:7 imports src\/app\/edge\/monitor\.ts: app\/views may not/,
  );
  assertMatch(
    problems[2],
    /^src\/app\/views\/stats\.ts:8 imports src\/app\/views\/cli\.ts: .*only app\/views\/table\.ts/,
  );
  assertMatch(
    problems[3],
    /^src\/cli\/run\.ts:11 imports src\/app\/core\/update\.ts: cli may not import app\/core/,
  );
  assertMatch(
    problems[4],
    /^src\/elsewhere\/x\.ts:1 imports src\/tui\/types\.ts: src\/elsewhere\/x\.ts is in no part|elsewhere/,
  );
  assertEquals(
    problems.filter((p) => p.startsWith("cycle")),
    ["cycle: src/app/model/a.ts:2 -> src/app/model/b.ts:4 -> src/app/model/c.ts:6 -> src/app/model/a.ts"],
  );
  assertEquals(problems.length, 6, problems.join("\n"));
  assert(!problems.some((p) => p.includes("views/cli.ts:9")), "the table kit is what views may share");
});

Deno.test("a type-only or dynamic import is an arrow like any other (for cycles too)", () => {
  const g = graph([["cli/run.ts", "cli/monitor.ts", 2], ["cli/monitor.ts", "cli/run.ts", 5]]);
  g.set("/s/cli/monitor.ts", g.get("/s/cli/monitor.ts")!.map((e) => ({ ...e, typeOnly: true })));
  g.set("/s/cli/run.ts", g.get("/s/cli/run.ts")!.map((e) => ({ ...e, dynamic: true })));
  assertEquals(architectureProblems(g, "/s/"), [
    "cycle: src/cli/run.ts:2 -> src/cli/monitor.ts:5 -> src/cli/run.ts",
  ]);
});
