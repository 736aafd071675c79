/**
 * Tests of the screen readers in fleet.ts on hand-made screens.
 *
 * @module
 */
import { assertEquals } from "./assert.ts";
import { cursorIndex, instanceRowIndex } from "./fleet.ts";

Deno.test("cursorIndex finds the body line drawn in reverse video, not the header or footer", () => {
  const screen = [
    "\x1b[1;7m title\x1b[0m",
    "\x1b[1;7mNAME  W STATUS\x1b[0m",
    "\x1b[1m>>> be_app",
    "\x1b[0;7m\x1b[39ms1  1 UP 2/2",
    "\x1b[0m  alpha  1 UP",
    "\x1b[7m 1-STATUS",
  ].join("\n");
  assertEquals(cursorIndex(screen), 3);
  assertEquals(cursorIndex(screen.replace("\x1b[0;7m", "\x1b[0m")), -1);
});

Deno.test("cursorIndex follows reverse video carried over from the line before", () => {
  const screen = ["NAME  W", "s1", "\x1b[7m", "s2", "\x1b[27ms3", "footer"].join("\n");
  assertEquals(cursorIndex(screen), 3);
});

Deno.test("instanceRowIndex finds the aggregate row and each instance row of a proxy's service", () => {
  const lines = [
    ">>> fe_main",
    "s1  1 OPEN",
    "  alpha",
    "",
    ">>> be_app",
    "s1  1 UP 2/2",
    "  alpha  1 UP",
    "  beta   1 UP",
    "s2  1 UP 1/2",
    "  alpha  1 UP",
    "  beta   1 DOWN",
  ];
  assertEquals(instanceRowIndex(lines, "be_app", "s1", ""), 5);
  assertEquals(instanceRowIndex(lines, "be_app", "s1", "beta"), 7);
  assertEquals(instanceRowIndex(lines, "be_app", "s2", "alpha"), 9);
  assertEquals(instanceRowIndex(lines, "be_app", "s3", ""), -1);
  assertEquals(instanceRowIndex(lines, "fe_main", "s2", ""), -1);
  assertEquals(instanceRowIndex(lines, "be_app", "s2", "gamma"), -1);
});
