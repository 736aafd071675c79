import { assertEquals, assertMatch } from "../support/assert.ts";
import { parseMoment, parseSize, resolveMoment } from "../../src/record/mod.ts";

Deno.test("--at: ISO 8601 times, offsets from the start and from the end", () => {
  const utc = Date.UTC(2026, 11, 3, 6, 40, 0);
  const table: [string, ReturnType<typeof parseMoment>][] = [
    ["2026-12-03T06:40:00Z", { kind: "time", ms: utc }],
    ["2026-12-03T06:40:00.250Z", { kind: "time", ms: utc + 250 }],
    ["2026-12-03 06:40Z", { kind: "time", ms: utc }],
    ["2026-12-03T07:40:00+01:00", { kind: "time", ms: utc }],
    ["2026-12-03T01:10:00-0530", { kind: "time", ms: utc }],
    ["2026-12-03T06:40:00", { kind: "time", ms: new Date(2026, 11, 3, 6, 40, 0).getTime() }],
    ["+90s", { kind: "fromStart", ms: 90_000 }],
    ["+90", { kind: "fromStart", ms: 90_000 }],
    ["+1h30m", { kind: "fromStart", ms: 5_400_000 }],
    ["+2m", { kind: "fromStart", ms: 120_000 }],
    ["+0.5s", { kind: "fromStart", ms: 500 }],
    ["-5m", { kind: "fromEnd", ms: 300_000 }],
  ];
  for (const [text, expected] of table) assertEquals(parseMoment(text), expected, text);
  for (
    const bad of [
      "",
      "yesterday",
      "+",
      "+5x",
      "2026-13-01T00:00:00Z",
      "2026-02-30T00:00:00Z",
      "06:40",
      "+-5s",
    ]
  ) {
    const message = parseMoment(bad);
    assertMatch(
      String(message),
      /^invalid time: '.*' \(an ISO 8601 time such as 2026-12-03T06:40:00Z, or an offset/,
    );
  }
  assertEquals(resolveMoment({ kind: "fromStart", ms: 90_000 }, 1000, 9000), 91_000);
  assertEquals(resolveMoment({ kind: "fromEnd", ms: 1000 }, 1000, 9000), 8000);
  assertEquals(resolveMoment({ kind: "time", ms: 5 }, 1000, 9000), 5);
});

Deno.test("--record-max: bytes, K, M, G in powers of 1024", () => {
  assertEquals(parseSize("100M"), 100 * 2 ** 20);
  assertEquals(parseSize("1.5G"), 1.5 * 2 ** 30);
  assertEquals(parseSize("512KiB"), 512 * 1024);
  assertEquals(parseSize("2048"), 2048);
  assertEquals(parseSize("10mb"), 10 * 2 ** 20);
  assertMatch(
    String(parseSize("ten")),
    /^invalid size: 'ten' \(bytes, or a number with K, M, G or T such as 100M\)$/,
  );
  assertMatch(String(parseSize("-5M")), /^invalid size/);
});
