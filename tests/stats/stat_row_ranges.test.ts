import assert from "node:assert/strict";
import { loadQuoting, parseStat, readNumbers } from "../../src/stats/csv.ts";
import { readRanges } from "../../src/stats/stat_row.ts";
import { STATE_FIELDS } from "../../src/stats/shape.ts";
import { newRanges, rangeValue, sameRange } from "../../src/stats/ranges.ts";
import type { StatRow } from "../../src/stats/types.ts";

await loadQuoting();

const HEADER = "# pxname,svname,iid,sid,type,status,weight,check_code,";

function values(row: StatRow, fields: readonly string[]): (string | undefined)[] {
  const r = newRanges(fields.length);
  readRanges(row, fields, r);
  return fields.map((_, i) => rangeValue(r, i));
}

Deno.test("readRanges finds the values get returns: whole, empty, missing, quoted and short records", () => {
  const table = parseStat(
    `${HEADER}\nweb,a,3,1,2,UP,1,200,\nweb,b,3,2,2,,,\nweb,c,3,3,2,DOWN\n"we,b",d,4,1,2,"MAINT, via x",0,,\n`,
  );
  const fields = ["check_code", "status", "nope", "weight", "status", "pxname"];
  for (const row of table.rows) {
    assert.deepEqual(values(row, fields), fields.map((f) => row.get(f)), `${row.pxname}/${row.svname}`);
  }
  assert.deepEqual(values(table.rows[0], fields), ["200", "UP", undefined, "1", "UP", "web"]);
  assert.deepEqual(values(table.rows[2], ["status", "weight"]), ["DOWN", undefined]);
  assert.deepEqual(values(table.rows[3], ["status", "pxname"]), ["MAINT, via x", "we,b"]);
});

Deno.test("readRanges agrees with get after the row's values are split, and beside readNumbers' lists", () => {
  const row = parseStat(`${HEADER}\nweb,a,3,1,2,UP 1/3,10,0,\n`).rows[0];
  const fields = ["weight", "status"];
  const out = new Float64Array(1);
  for (let k = 0; k < 3; k++) {
    // Lists asked for in turn each keep their columns (a shape caches several).
    readNumbers(row, ["weight"], out);
    assert.equal(out[0], 10);
    assert.deepEqual(values(row, fields), ["10", "UP 1/3"]);
  }
  for (const f of ["pxname", "svname", "status", "weight"]) row.get(f);
  assert.deepEqual(values(row, fields), ["10", "UP 1/3"]);
});

Deno.test("sameRange compares values between rows, missing ones equal only to missing ones", () => {
  const rows = parseStat(`${HEADER}\nweb,a,3,1,2,UP,1,200,\nweb,b,3,2,2,UP,10,20,\nweb,c,3,3,2\n`).rows;
  const fields = ["status", "weight", "check_code"];
  const [a, b, c] = rows.map((row) => {
    const r = newRanges(fields.length);
    readRanges(row, fields, r);
    return r;
  });
  assert.deepEqual(fields.map((_, i) => sameRange(a, b, i)), [true, false, false]);
  assert.deepEqual(fields.map((_, i) => sameRange(a, c, i)), [false, false, false]);
  assert.deepEqual(fields.map((_, i) => sameRange(c, c, i)), [true, true, true]);
  const other: StatRow = {
    pxname: "web",
    svname: "a",
    iid: 3,
    sid: 1,
    type: 2,
    get: (f) => ({ status: "UP", weight: "1" } as Record<string, string>)[f],
    entries: () => [],
  };
  const o = newRanges(fields.length);
  readRanges(other, fields, o);
  assert.deepEqual(fields.map((_, i) => sameRange(a, o, i)), [true, true, false]);
});

Deno.test("readRanges of STATE_FIELDS (kept while parsing) equals get: whole, short, last, quoted, split rows", () => {
  const header = "# pxname,svname,iid,sid,type,stot,status,weight,act,bck,check_status,check_code";
  const table = parseStat(
    [
      header,
      "web,a,3,1,2,12,UP,1,1,0,L7OK,200",
      "web,b,3,2,2,7,DOWN,10,0,1,L4CON,",
      "web,c,3,3,2,0,MAINT",
      'web,d,3,4,2,1,"DRAIN, via x",0,0,0,* L7OK,0',
      "web,e,3,5,2,3,NOLB,0,0,0,,",
      "",
    ].join("\n"),
  );
  const expected = (row: StatRow) => STATE_FIELDS.map((f) => row.get(f));
  const seen = table.rows.map((row) => values(row, STATE_FIELDS));
  assert.deepEqual(seen[0], ["UP", "L7OK", "200", "1", "1", "0", "12"]);
  assert.deepEqual(seen[1], ["DOWN", "L4CON", "", "10", "0", "1", "7"]);
  assert.deepEqual(seen[2], ["MAINT", undefined, undefined, undefined, undefined, undefined, "0"]);
  assert.deepEqual(seen[3], ["DRAIN, via x", "* L7OK", "0", "0", "0", "0", "1"]);
  table.rows.forEach((row, i) => assert.deepEqual(seen[i], expected(row), row.svname));
  // Once a row's values are split (the view read many of them), the same list reads the values.
  for (const f of ["pxname", "svname", "status", "weight"]) table.rows[0].get(f);
  assert.deepEqual(values(table.rows[0], STATE_FIELDS), ["UP", "L7OK", "200", "1", "1", "0", "12"]);
  // Another list of them (another order, a part) reads the same values.
  assert.deepEqual(values(table.rows[1], [...STATE_FIELDS]), seen[1]);
  assert.deepEqual(values(table.rows[1], ["stot", "status"]), ["7", "DOWN"]);
  assert.deepEqual(values(table.rows[2], ["weight", "status", "status"]), [undefined, "MAINT", "MAINT"]);
});

Deno.test("readRanges of STATE_FIELDS stays right past the rows a shape first holds room for", () => {
  const lines = ["# pxname,svname,iid,sid,type,status,weight,stot,"];
  for (let i = 0; i < 1000; i++) lines.push(`be,s${i},2,${i + 1},2,${i % 3 ? "UP" : "DOWN"},${i},${2 * i},`);
  const rows = parseStat(lines.join("\n") + "\n").rows;
  assert.equal(rows.length, 1000);
  for (const row of rows) assert.deepEqual(values(row, STATE_FIELDS), STATE_FIELDS.map((f) => row.get(f)));
  assert.deepEqual(values(rows[999], STATE_FIELDS).filter((v) => v !== undefined), ["DOWN", "999", "1998"]);
});
