import assert from "node:assert/strict";
import { loadQuoting, parseStat, readNumbers } from "../../src/stats/csv.ts";
import type { StatRow } from "../../src/stats/types.ts";

// csv-parse, which unquotes quoted records, is loaded when one first appears (by parseStatAsync, at run time);
// these tests read quoted records with parseStat, so they load it first.
await loadQuoting();

const HEADER = "# pxname,svname,iid,sid,type,rate,req_rate,scur,";

function numbers(row: StatRow, fields: readonly string[]): number[] {
  const out = new Float64Array(fields.length);
  readNumbers(row, fields, out);
  return [...out];
}

Deno.test("readNumbers reads rates as numbers, NaN for empty, missing or garbage values", () => {
  const table = parseStat(
    `${HEADER}\nweb,a,3,1,2,12,345,7,\nweb,b,3,2,2,,x,1.5,\nweb,c,3,3,2\n"we,b",d,4,1,2,8,9,0,\n`,
  );
  const fields = ["rate", "req_rate"];
  assert.deepEqual(numbers(table.rows[0], fields), [12, 345]);
  assert.deepEqual(numbers(table.rows[1], fields), [NaN, NaN]);
  assert.deepEqual(numbers(table.rows[2], fields), [NaN, NaN]);
  assert.deepEqual(numbers(table.rows[3], fields), [8, 9]);
  assert.deepEqual(numbers(table.rows[1], ["scur", "rate", "nope"]), [1.5, NaN, NaN]);
  assert.deepEqual(numbers(table.rows[0], ["scur"]), [7]);
});

Deno.test("readNumbers agrees with get on rows read before and after their values are split", () => {
  const table = parseStat(`${HEADER}\nweb,a,3,1,2,12,0345,7,\n`);
  const row = table.rows[0];
  assert.deepEqual(numbers(row, ["req_rate", "rate"]), [345, 12]);
  for (const field of ["pxname", "rate", "req_rate", "scur", "sid"]) row.get(field);
  assert.equal(row.get("req_rate"), "0345");
  assert.deepEqual(numbers(row, ["req_rate", "rate"]), [345, 12]);
});

Deno.test("readNumbers falls back to get for other StatRow implementations", () => {
  const row: StatRow = {
    pxname: "p",
    svname: "s",
    iid: 1,
    sid: 1,
    type: 2,
    get: (field) => ({ rate: "5", req_rate: "" } as Record<string, string>)[field],
    entries: () => [],
  };
  assert.deepEqual(numbers(row, ["rate", "req_rate", "x"]), [5, NaN, NaN]);
});

Deno.test("readNumbers reads each row's own rates in a reply of thousands of rows, two replies apart", () => {
  // The rates read while parsing are kept per table, in an array that grows with the rows: every row still
  // answers its own values, and a second reply's rows do not disturb the first's.
  const reply = (n: number, offset: number) =>
    `${HEADER}\n${
      Array.from(
        { length: n },
        (_, i) => `be,s${i},3,${i + 1},2,${i + offset},${i % 7 === 0 ? "" : 2 * i},0,`,
      )
        .join("\n")
    }\n`;
  const first = parseStat(reply(3000, 0));
  const second = parseStat(reply(500, 100_000));
  assert.equal(first.rows.length, 3000);
  for (const i of [0, 1, 255, 256, 257, 511, 512, 1999, 2999]) {
    assert.deepEqual(
      numbers(first.rows[i], ["rate", "req_rate"]),
      [i, i % 7 === 0 ? NaN : 2 * i],
      `row ${i}`,
    );
  }
  assert.deepEqual(numbers(second.rows[499], ["req_rate", "rate"]), [998, 100_499]);
  assert.deepEqual(numbers(first.rows[2999], ["rate"]), [2999]);
});
