import { assertEquals } from "../../support/assert.ts";
import { refusal } from "../../../src/app/domain/cli_policy.ts";

Deno.test("the CLI refuses what would change the monitor's own session, by word, and says why", () => {
  const refused: [string, string][] = [
    ["prompt", "the monitor owns the prompt mode"],
    ["QUIT", "leave with ESC then q"],
    ["set  timeout cli 5", "the monitor sets the connection's timeout"],
    ["user", "it would lower the level of the monitor's own connection"],
    [" Operator ", "it would lower the level of the monitor's own connection"],
    ["set severity-output number", "it would change every reply the monitor reads"],
    ["show events buf0 -w", "it waits for events until the connection closes"],
    ["@master quit", "leave with ESC then q"],
    ["@!1234 user", "it would lower the level"],
    ["add map m.map <<", "need a multi-line client"],
  ];
  for (const [line, why] of refused) {
    const text = refusal(line);
    assertEquals(text?.includes(why), true, `${line}: ${text}`);
  }
  const allowed = [
    "show info",
    "show cli level",
    "expert-mode on",
    "experimental-mode on",
    "mcli-debug-mode on",
    "show events buf0",
    "@1 show info",
    "@master",
  ];
  for (const line of allowed) assertEquals(refusal(line), undefined, line);
});
