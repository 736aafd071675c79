import assert from "node:assert/strict";
import { fitText, humanBinary, humanMetric, humanSeconds } from "../../src/stats/format.ts";

Deno.test("humanMetric keeps the plain number when it fits", () => {
  assert.equal(humanMetric(0, 1), "0");
  assert.equal(humanMetric(999, 3), "999");
  assert.equal(humanMetric(1000, 4), "1000");
  assert.equal(humanMetric(1234567, 7), "1234567");
  assert.equal(humanMetric(-12, 3), "-12");
});

Deno.test("humanMetric picks the best precision that fits, never rounding up", () => {
  assert.equal(humanMetric(1000, 3), "1k");
  assert.equal(humanMetric(1234567, 6), "1.23M");
  assert.equal(humanMetric(1234567, 5), "1.23M");
  assert.equal(humanMetric(1234567, 4), "1.2M");
  assert.equal(humanMetric(1234567, 3), "1M");
  assert.equal(humanMetric(1234567, 2), "1M");
  assert.equal(humanMetric(1999999, 4), "1.9M");
  assert.equal(humanMetric(1150000, 5), "1.15M");
  assert.equal(humanMetric(1000000, 5), "1M");
  assert.equal(humanMetric(1500000, 5), "1.5M");
  assert.equal(humanMetric(390000, 5), "390k");
  assert.equal(humanMetric(123456789, 6), "123.4M");
  assert.equal(humanMetric(999999999, 4), "999M");
  assert.equal(humanMetric(1e9, 3), "1G");
  assert.equal(humanMetric(2.5e12, 4), "2.5T");
  assert.equal(humanMetric(1024 ** 5, 5), "1.12P");
  assert.equal(humanMetric(-1234567, 5), "-1.2M");
});

Deno.test("humanMetric returns the shortest form when nothing fits", () => {
  assert.equal(humanMetric(1234567, 1), "1M");
  assert.equal(humanMetric(12345, 0), "12k");
  assert.equal(humanMetric(999, 2), "999");
});

Deno.test("humanBinary uses 1024-based units through P", () => {
  assert.equal(humanBinary(0), "0B");
  assert.equal(humanBinary(999), "999B");
  assert.equal(humanBinary(1023), "1023B");
  assert.equal(humanBinary(1024), "1.00K");
  assert.equal(humanBinary(1536), "1.50K");
  assert.equal(humanBinary(1048575), "1.00M"); // rounds into the next unit, not "1024.00K"
  assert.equal(humanBinary(1024 ** 2), "1.00M");
  assert.equal(humanBinary(123456789012), "114.98G");
  assert.equal(humanBinary(9876543210987), "8.98T");
  assert.equal(humanBinary(1024 ** 5), "1.00P");
  assert.equal(humanBinary(1024 ** 6), "1024.00P");
});

Deno.test("humanSeconds shows two units when they fit, one unit floored when narrower", () => {
  assert.equal(humanSeconds(0, 5), "0s");
  assert.equal(humanSeconds(59, 5), "59s");
  assert.equal(humanSeconds(60, 5), "1m00s");
  assert.equal(humanSeconds(61, 5), "1m01s");
  assert.equal(humanSeconds(3599, 6), "59m59s");
  assert.equal(humanSeconds(3599, 5), "59m");
  assert.equal(humanSeconds(3659, 5), "1h00m");
  assert.equal(humanSeconds(3659, 3), "1h");
  assert.equal(humanSeconds(86399, 6), "23h59m");
  assert.equal(humanSeconds(86399, 5), "23h");
  assert.equal(humanSeconds(90061, 5), "1d01h");
  assert.equal(humanSeconds(90061, 2), "1d");
  assert.equal(humanSeconds(400 * 86400, 99), "400d00h");
  assert.equal(humanSeconds(61.9, 5), "1m01s");
});

Deno.test("fitText cuts on the right with ..", () => {
  assert.equal(fitText("web1", 10), "web1");
  assert.equal(fitText("web1", 4), "web1");
  assert.equal(fitText("static-with-a-very-long-server-name-01", 16), "static-with-a-..");
  assert.equal(fitText("MAINT (via web/web1)", 6), "MAIN..");
  assert.equal(fitText("abc", 3), "abc");
  assert.equal(fitText("abcd", 3), "a..");
  assert.equal(fitText("abcd", 2), "..");
  assert.equal(fitText("abcd", 1), "a");
  assert.equal(fitText("abcd", 0), "");
  assert.equal(fitText("", 0), "");
  assert.equal(fitText("h\u{1F600}llo", 4), "h\u{1F600}..");
});
