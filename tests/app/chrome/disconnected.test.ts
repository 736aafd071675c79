import { assert, assertEquals, assertMatch } from "../../support/assert.ts";
import { cursorOn, key, run, screen, snap } from "../../support/app.ts";
import { init } from "../../../src/app/mod.ts";
import { disconnectedLine } from "../../../src/app/chrome/message.ts";
import type { Config } from "../../../src/app/model/state.ts";
import { fixtureSnapshot } from "../../support/snapshots.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/run/haproxy.sock" };

Deno.test("the DISCONNECTED line keeps the data's age whole; the socket, then the reason, give way", () => {
  const reason = "cannot connect to /run/haproxy.sock: connection refused (nothing is listening)";
  assertEquals(
    disconnectedLine(200, reason, "12:00:01", "/run/haproxy.sock"),
    ` DISCONNECTED: ${reason}. Data shown is from 12:00:01. Socket: /run/haproxy.sock`,
  );
  for (const width of [78, 100, 120]) {
    const line = disconnectedLine(width, reason.repeat(3), "12:00:01", "/a/very/long/path".repeat(5));
    assert(line.length <= width, `${width}: ${line}`);
    assertMatch(line, /^ DISCONNECTED: cannot connect to .*\.\.\. Data shown is from 12:00:01\.$/);
  }
  assertEquals(disconnectedLine(78, "refused", undefined, "/s"), " DISCONNECTED: refused. Socket: /s");
});

Deno.test("an F-key while disconnected says what was not sent, over the DISCONNECTED line, and logs it", () => {
  let [s] = run(init(config, { columns: 100, rows: 30 }, "status", 0), snap(fixtureSnapshot()));
  s = cursorOn(s, "web", "web1");
  [s] = run(s, { type: "refreshFailed", error: "connection refused", now: 5 });
  assertMatch(screen(s)[28], /^ DISCONNECTED: connection refused\. Data shown is from \d\d:\d\d:\d\d\./);
  const [after, c] = run(s, { ...key("f10"), now: 6 });
  assertEquals(c, [], "nothing is sent");
  const text = "not sent: HAProxy is not connected (F10: disable server web/web1)";
  assertMatch(screen(after)[28], /^ DISCONNECTED: not sent: HAProxy is not connected \(F10: disable/);
  assertMatch(screen(after)[28], /Data shown is from \d\d:\d\d:\d\d\./);
  assert(after.cli.output.includes(`! ${text}`), after.cli.output.join("\n"));
});
