import { assertEquals } from "../support/assert.ts";
import { lastAtOrBefore } from "../../src/record/sorted.ts";

Deno.test("lastAtOrBefore: the last time at or before a value, -1 before the first", () => {
  const times = [10, 20, 20, 30];
  const at = (i: number) => times[i];
  assertEquals(lastAtOrBefore(times.length, at, 5), -1);
  assertEquals(lastAtOrBefore(times.length, at, 10), 0);
  assertEquals(lastAtOrBefore(times.length, at, 20), 2);
  assertEquals(lastAtOrBefore(times.length, at, 29), 2);
  assertEquals(lastAtOrBefore(times.length, at, 99), 3);
  assertEquals(lastAtOrBefore(0, at, 99), -1);
});
