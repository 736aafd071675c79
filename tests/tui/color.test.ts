import { equal } from "node:assert/strict";
import { colorEnabled } from "../../src/tui/color.ts";
import { fakeEnv as env } from "../support/env.ts";

Deno.test("color: on for a terminal with an ordinary TERM", () => {
  equal(colorEnabled(env({ TERM: "xterm-256color" }), true), true);
  equal(colorEnabled(env({}), true), true);
});

Deno.test("color: off when stdout is not a terminal", () => {
  equal(colorEnabled(env({ TERM: "xterm-256color" }), false), false);
});

Deno.test("color: NO_COLOR with any non-empty value turns it off; empty NO_COLOR does not", () => {
  equal(colorEnabled(env({ TERM: "xterm", NO_COLOR: "1" }), true), false);
  equal(colorEnabled(env({ TERM: "xterm", NO_COLOR: "0" }), true), false);
  equal(colorEnabled(env({ TERM: "xterm", NO_COLOR: "" }), true), true);
});

Deno.test("color: TERM=dumb turns it off", () => {
  equal(colorEnabled(env({ TERM: "dumb" }), true), false);
});

Deno.test("color: an environment that refuses to be read counts as unset", () => {
  const denied = {
    get(): string | undefined {
      throw new Error("NotCapable");
    },
  };
  equal(colorEnabled(denied, true), true);
});
