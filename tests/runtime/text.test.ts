import assert from "node:assert/strict";
import {
  blocksBy,
  keyValues,
  named,
  parseDuration,
  parseLogDate,
  replyLines,
  toNumber,
} from "../../src/runtime/text.ts";

Deno.test("replyLines drops the empty lines that end a reply", () => {
  assert.deepEqual(replyLines("a\nb\n\n"), ["a", "b"]);
  assert.deepEqual(replyLines("\n"), []);
  assert.deepEqual(replyLines(undefined as unknown as string), []);
});

Deno.test("HAProxy durations are read to seconds; no deadline and junk are undefined", () => {
  assert.equal(parseDuration("4m59s"), 299);
  assert.equal(parseDuration("1d3h"), 97200);
  assert.equal(parseDuration("0s"), 0);
  assert.equal(parseDuration("250ms"), 0.25);
  for (const none of ["", "<NEVER>", "?", "5 m", "1x"]) assert.equal(parseDuration(none), undefined, none);
});

Deno.test("keyValues reads key=value and name[inner] tokens, first of a repeated key wins", () => {
  assert.deepEqual(keyValues("a=1 rq[f=8h,i=0] s0=[8,2h] bare b=x=y a=2"), {
    a: "1",
    rq: "f=8h,i=0",
    s0: "[8,2h]",
    b: "x=y",
  });
});

Deno.test("numbers, absent names and log dates", () => {
  assert.equal(toNumber("12"), 12);
  assert.equal(toNumber("0x1f"), undefined);
  assert.equal(named("<NONE>"), undefined);
  assert.equal(named("<none>"), undefined);
  assert.equal(named("be_app"), "be_app");
  assert.equal(parseLogDate("03/Dec/2026:08:04:38.195434")?.toISOString(), "2026-12-03T08:04:38.195Z");
  assert.equal(parseLogDate("03/Foo/2026:08:04:38"), undefined);
});

Deno.test("blocksBy starts a block at each head line and drops what comes before the first", () => {
  const blocks = blocksBy(["junk", "# a", "1", "2", "# b", "# c", "3"], /^# (\w)$/);
  assert.deepEqual(blocks.map((b) => [b.head[1], b.body]), [["a", ["1", "2"]], ["b", []], ["c", ["3"]]]);
  assert.deepEqual(blocksBy([], /x/), []);
});
