import { assertEquals } from "../support/assert.ts";
import { type Clock, pollEverySecond } from "../../src/cli/check.ts";

/** A clock that only moves when the code under test sleeps or a poll takes time. */
function fakeClock(): Clock & { at: number } {
  const clock = {
    at: 0,
    now: () => clock.at,
    sleep: (ms: number) => {
      clock.at += ms;
      return Promise.resolve();
    },
  };
  return clock;
}

/** Polls that take `costMs` each and are never final; returns when each started. */
async function starts(seconds: number, costMs: number, finalAt = Infinity): Promise<number[]> {
  const clock = fakeClock();
  const at: number[] = [];
  await pollEverySecond(
    seconds,
    () => {
      at.push(clock.at);
      clock.at += costMs;
      return Promise.resolve(at.length);
    },
    (n) => n >= finalAt,
    clock,
  );
  return at;
}

Deno.test("--wait N polls at 0, 1, ..., N seconds: N + 1 polls, the last once N seconds have passed", async () => {
  assertEquals(await starts(0, 5), [0], "no --wait: one poll");
  assertEquals(await starts(1, 5), [0, 1000]);
  assertEquals(await starts(3, 5), [0, 1000, 2000, 3000]);
});

Deno.test("--wait stops at the first final answer", async () => {
  assertEquals(await starts(5, 5, 2), [0, 1000]);
});

Deno.test("--wait with slow polls: the next starts when one ends, and the last is never early", async () => {
  // Each poll takes 1.5 s: polls at 0, 1.5 (the 1 s poll was due) and 3 s (time is up: the last one).
  assertEquals(await starts(3, 1500), [0, 1500, 3000]);
  // A poll longer than the whole wait: one more poll, at once, then the answer.
  assertEquals(await starts(2, 4000), [0, 4000]);
});
