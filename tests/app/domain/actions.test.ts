import { assertEquals } from "../../support/assert.ts";
import { ACTIONS, validatePrompt } from "../../../src/app/domain/actions.ts";

Deno.test("validatePrompt: weights 0-256 or a percentage, maxconn a whole number; the reason otherwise", () => {
  const cases: ["weight" | "maxconn", string, { value: string } | { error: string }][] = [
    ["weight", "0", { value: "0" }],
    ["weight", " 256 ", { value: "256" }],
    ["weight", "50%", { value: "50%" }],
    ["weight", "257", { error: "an absolute weight is at most 256" }],
    ["weight", "abc", {
      error: "a weight is a number 0-256, or a percentage of the initial weight like 50%",
    }],
    ["weight", "-1", { error: "a weight is a number 0-256, or a percentage of the initial weight like 50%" }],
    ["maxconn", "0", { value: "0" }],
    ["maxconn", "123456789", { value: "123456789" }],
    ["maxconn", "1234567890", { error: "maxconn is a whole number (0 = no limit)" }],
    ["maxconn", "1e3", { error: "maxconn is a whole number (0 = no limit)" }],
  ];
  for (const [kind, text, want] of cases) assertEquals(validatePrompt(kind, text), want, `${kind} ${text}`);
});

Deno.test("the actions menu: one key each, and the exact commands for a server", () => {
  assertEquals(new Set(ACTIONS.map((a) => a.key)).size, ACTIONS.length);
  const commands = ACTIONS.map((
    a,
  ) => [a.key, a.kind === "prompt" ? a.commands("be/s1", "7") : a.commands("be/s1")]);
  assertEquals(commands, [
    ["r", ["set server be/s1 state ready"]],
    ["d", ["set server be/s1 state drain"]],
    ["m", ["set server be/s1 state maint"]],
    ["w", ["set weight be/s1 7"]],
    ["c", ["set maxconn server be/s1 7"]],
    ["h", ["enable health be/s1"]],
    ["H", ["disable health be/s1"]],
    ["g", ["enable agent be/s1"]],
    ["G", ["disable agent be/s1"]],
    ["k", ["shutdown sessions server be/s1"]],
  ]);
  assertEquals(ACTIONS.filter((a) => a.kind !== "send").map((a) => `${a.key}:${a.kind}`), [
    "w:prompt",
    "c:prompt",
    "k:confirm",
  ]);
});
