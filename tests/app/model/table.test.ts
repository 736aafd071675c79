/**
 * Any table (model/table.ts): the cursor follows its line's key when the lines are rebuilt, a filter counts
 * what it keeps and says why a regular expression is broken, a sort orders the rows. The table here is a
 * bare one kept in `State.views`, so what is tested is the table, not the stat views.
 *
 * @module
 */
import { assertEquals } from "../../support/assert.ts";
import { init } from "../../../src/app/mod.ts";
import { compareValues } from "../../../src/app/domain/selection.ts";
import type { State, TableState } from "../../../src/app/model/state.ts";
import {
  cursorLine,
  EMPTY_TABLE,
  relayoutTable,
  setFilter,
  setSort,
  type TableModel,
  withCursor,
} from "../../../src/app/model/table.ts";

type Line = { readonly key: string; readonly row: { get(field: string): string | undefined } };
interface Bare {
  readonly names: readonly string[];
  readonly table: TableState<Line>;
}
const of = (s: State) => (s.views.bare as Bare | undefined) ?? { names: [], table: EMPTY_TABLE };
const BARE: TableModel<Line> = {
  get: (s) => of(s).table,
  set: (s, table) => ({ ...s, views: { ...s.views, bare: { ...of(s), table } } }),
  build(s, test, sort) {
    let names = [...of(s).names];
    if (test) names = names.filter(test);
    if (sort) names.sort((a, b) => (sort.reverse ? -1 : 1) * compareValues(a, b));
    return {
      lines: names.map((n) => ({ key: n, row: { get: () => n } })),
      matches: test ? names.length : undefined,
    };
  },
  rowOf: (line) => line.row,
  detail: () => ({ title: "", lines: [] }),
};
const withNames = (s: State, names: string[]) =>
  relayoutTable({ ...s, views: { ...s.views, bare: { ...of(s), names } } }, BARE);
const keys = (s: State) => BARE.get(s).lines.map((l) => l.key);
const start = () =>
  withNames(
    init(
      { readOnly: false, intervalMs: 1000, color: false, socketName: "a" },
      { columns: 80, rows: 25 },
      "status",
      0,
    ),
    [
      "a",
      "b",
      "c",
    ],
  );

Deno.test("table: the cursor stays on its line when lines come and go around it", () => {
  const names = Array.from({ length: 30 }, (_, i) => `n${i}`);
  let s = withCursor(withNames(start(), names), BARE, { cursor: 15, top: 10 });
  assertEquals(cursorLine(s, BARE)?.key, "n15");
  s = withNames(s, ["x", "y", "z", ...names]);
  const followed = [cursorLine(s, BARE)?.key, BARE.get(s).scroll];
  assertEquals(followed, ["n15", { cursor: 18, top: 13 }], "on the same screen row");
  s = withNames(s, ["x", "a"]);
  assertEquals(BARE.get(s).scroll, { cursor: 1, top: 0 }, "its line gone: the cursor stays on the lines");
});

Deno.test("table: a filter keeps what matches and counts it; a broken one keeps all and says why", () => {
  let s = setFilter(start(), BARE, "b");
  assertEquals([keys(s), BARE.get(s).matches, BARE.get(s).filterError], [["b"], 1, undefined]);
  s = setFilter(s, BARE, "~[");
  assertEquals(keys(s), ["a", "b", "c"]);
  assertEquals(BARE.get(s).filterError?.startsWith("invalid regular expression"), true);
  s = setSort(setFilter(s, BARE, ""), BARE, { field: "name", reverse: true });
  assertEquals(keys(s), ["c", "b", "a"]);
});
