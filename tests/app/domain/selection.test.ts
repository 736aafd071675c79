import { assert, assertEquals } from "../../support/assert.ts";
import { compareValues, compileFilter, filterProxies, sortBy } from "../../../src/app/domain/selection.ts";
import { smallSnapshot } from "../../support/snapshots.ts";

Deno.test("compileFilter: a name anywhere, any case; after ~ a regular expression; a broken one says why", () => {
  const test = (filter: string, name: string) => {
    const m = compileFilter(filter);
    return "test" in m ? m.test(name) : m.error;
  };
  const cases: [string, string, boolean | string][] = [
    ["Web", "myweb1", true],
    ["web", "api", false],
    ["", "anything", true],
    ["~^web[0-9]$", "web1", true],
    ["~^web[0-9]$", "web10", false],
    ["~WEB", "web", true],
  ];
  for (const [filter, name, want] of cases) assertEquals(test(filter, name), want, `${filter} on ${name}`);
  assert(String(test("~(", "x")).startsWith("invalid regular expression: "));
});

Deno.test("filterProxies: a matching proxy keeps every row; otherwise its matching rows, counted", () => {
  const { proxies } = smallSnapshot([
    ["web", "FRONTEND", "OPEN", "", 2, 0, 0],
    ["web", "web1", "UP", 1, 2, 1, 2],
    ["web", "web2", "UP", 1, 2, 2, 2],
    ["web", "BACKEND", "UP", 2, 2, 0, 1],
    ["api", "api1", "UP", 1, 3, 1, 2],
  ]);
  const names = (f: string) => {
    const m = compileFilter(f);
    const { proxies: kept, matches } = filterProxies(proxies, "test" in m ? m.test : () => true);
    return [
      kept.map((px) =>
        `${px.name}:${
          [px.frontend, ...px.servers, px.backend].filter(Boolean).map((r) => r!.svname).join(",")
        }`
      ),
      matches,
    ];
  };
  assertEquals(names("web"), [["web:FRONTEND,web1,web2,BACKEND"], 4]);
  assertEquals(names("web2"), [["web:web2"], 1]);
  assertEquals(names("web/web1"), [["web:web1"], 1], "proxy/server matches too");
  assertEquals(names("1"), [["web:web1", "api:api1"], 2]);
  assertEquals(names("none"), [[], 0]);
});

Deno.test("compareValues: numbers as numbers, before text; text alphabetically; empty last", () => {
  const cases: [string | undefined, string | undefined, -1 | 0 | 1][] = [
    ["2", "10", -1],
    ["-1", "0", -1],
    ["1.5", "1.25", 1],
    ["b", "a", 1],
    ["5", "x", -1],
    ["", "1", 1],
    ["1", "", -1],
    ["", undefined, 0],
    ["7", "7", 0],
  ];
  for (const [a, b, want] of cases) assertEquals(Math.sign(compareValues(a, b)), want, `${a} vs ${b}`);
});

Deno.test("sortBy: stable, either way; empty values last either way", () => {
  const items = [{ v: "2", id: "a" }, { v: "", id: "b" }, { v: "10", id: "c" }, { v: "2", id: "d" }];
  const ids = (reverse: boolean) => sortBy(items, (i) => i.v, { field: "v", reverse }).map((i) => i.id);
  assertEquals(ids(false), ["a", "d", "c", "b"]);
  assertEquals(ids(true), ["c", "a", "d", "b"]);
  assertEquals(items.map((i) => i.id), ["a", "b", "c", "d"], "the input is left as it was");
});
