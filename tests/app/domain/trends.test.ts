import assert from "node:assert/strict";
import { TrendTable } from "../../../src/app/domain/trends.ts";
import { TREND_LENGTH } from "../../../src/app/domain/trends.ts";

const key = (row: string) => row;
const same = (a: string, b: string) => a === b;
const step = (t: TrendTable, rows: string[], rates: number[], reqRates = rates.map((r) => r * 10)) =>
  t.next(rows, key, same, rates, reqRates);

Deno.test("trends hold each row's rates oldest first, up to TREND_LENGTH values", () => {
  let t = TrendTable.empty();
  for (let i = 1; i <= TREND_LENGTH + 5; i++) t = step(t, ["a", "b"], [i, 100 + i]);
  const a = t.get("a")!;
  assert.equal(a.rate.length, TREND_LENGTH);
  assert.deepEqual(a.rate, Array.from({ length: TREND_LENGTH }, (_, i) => i + 6));
  assert.deepEqual(a.req_rate, a.rate.map((r) => r * 10));
  assert.equal(t.get("b")!.rate.at(-1), 100 + TREND_LENGTH + 5);
  assert.equal(t.size, 2);
});

Deno.test("a refresh leaves the earlier table as it was", () => {
  const one = step(TrendTable.empty(), ["a"], [1]);
  const two = step(one, ["a"], [2]);
  assert.deepEqual(one.get("a"), { rate: [1], req_rate: [10] });
  assert.deepEqual(two.get("a"), { rate: [1, 2], req_rate: [10, 20] });
});

Deno.test("rows that go away are dropped, new rows start fresh, moved rows keep their history", () => {
  let t = step(TrendTable.empty(), ["a", "b", "c"], [1, 2, 3]);
  t = step(t, ["c", "a", "d"], [30, 10, 40]);
  assert.equal(t.get("b"), undefined);
  assert.equal(t.has("b"), false);
  assert.deepEqual(t.get("a")!.rate, [1, 10]);
  assert.deepEqual(t.get("c")!.rate, [3, 30]);
  assert.deepEqual(t.get("d")!.rate, [40]);
  assert.deepEqual([...t.keys()], ["c", "a", "d"]);
  // A row that comes back after a refresh without it starts again.
  t = step(t, ["a", "b"], [100, 200]);
  assert.deepEqual(t.get("b")!.rate, [200]);
  assert.deepEqual(t.get("a")!.rate, [1, 10, 100]);
});

Deno.test("a key seen twice in one refresh counts once, with its first values", () => {
  const t = step(TrendTable.empty(), ["a", "a", "b"], [1, 2, 3]);
  assert.equal(t.size, 2);
  assert.deepEqual(t.get("a")!.rate, [1]);
  assert.deepEqual(t.get("b")!.rate, [3]);
});

Deno.test("a plain map of trends is taken over, trends of different lengths end together", () => {
  const seeded = TrendTable.from(
    new Map([
      ["a", { rate: [1, 2, 3], req_rate: [4, 5, 6] }],
      ["b", { rate: [9], req_rate: [8] }],
    ]),
  );
  assert.deepEqual(seeded.get("a"), { rate: [1, 2, 3], req_rate: [4, 5, 6] });
  const t = step(seeded, ["a", "b"], [7, 7], [0, 0]);
  assert.deepEqual(t.get("a"), { rate: [1, 2, 3, 7], req_rate: [4, 5, 6, 0] });
  assert.deepEqual(t.get("b"), { rate: [9, 7], req_rate: [8, 0] });
  assert.deepEqual(Object.fromEntries(t), {
    a: { rate: [1, 2, 3, 7], req_rate: [4, 5, 6, 0] },
    b: { rate: [9, 7], req_rate: [8, 0] },
  });
  assert.equal(TrendTable.from(t), t);
});

Deno.test("whole rates come back exactly, up to the largest a 32-bit float holds (2^24 - 1)", () => {
  const rates = [0, 1, 999_999, 1_234_567, 16_777_215];
  let t = TrendTable.empty();
  for (const r of rates) t = step(t, ["a"], [r], [r + 1]);
  assert.deepEqual(t.get("a"), { rate: rates, req_rate: rates.map((r) => r + 1) });
  const taken = TrendTable.from(new Map([["a", { rate: rates, req_rate: rates }]]));
  assert.deepEqual(step(taken, ["a"], [7]).get("a")!.rate, [...rates, 7]);
});
