import { assert, assertEquals } from "../support/assert.ts";
import {
  currentWorker,
  isMasterPrompt,
  isUnknownTarget,
  parseShowProc,
  workers,
  workerSender,
} from "../../src/haproxy/master.ts";

const SHOW_PROC_26 = `#<PID>          <type>          <reloads>       <uptime>        <version>      
8894            master          2 [failed: 0]   0d00h00m32s     2.6.12-1+deb12u4
# workers
9250            worker          0               0d00h00m02s     2.6.12-1+deb12u4
# old workers
9239            worker          1               0d00h00m04s     2.6.12-1+deb12u4
# programs
`;

Deno.test("show proc: master, current and old workers (HAProxy 2.6 layout)", () => {
  const procs = parseShowProc(SHOW_PROC_26);
  assertEquals(procs.map((p) => [p.pid, p.type, p.reloads, p.old]), [
    [8894, "master", 2, false],
    [9250, "worker", 0, false],
    [9239, "worker", 1, true],
  ]);
  assertEquals(currentWorker(procs)?.pid, 9250);
  assertEquals(workers(procs).map((p) => p.pid), [9250, 9239]);
  assertEquals(procs[1].uptime, "0d00h00m02s");
  assertEquals(procs[1].version, "2.6.12-1+deb12u4");
});

Deno.test("show proc: garbage and empty replies give no worker", () => {
  assertEquals(parseShowProc(""), []);
  assertEquals(parseShowProc("Unknown command\n"), []);
  assertEquals(currentWorker([]), undefined);
});

Deno.test("master prompt and unknown-target replies are recognised", () => {
  assert(isMasterPrompt("master> "));
  assert(isMasterPrompt("\nmaster(x)> "));
  assert(!isMasterPrompt("\n> "));
  assert(!isMasterPrompt("8897> "));
  assert(isUnknownTarget("Can't find the target PID matching the prefix '@!1234'\n"));
});

Deno.test("a worker sender prefixes @!pid and reports a gone worker", async () => {
  const sent: string[] = [];
  const master = {
    send(c: string) {
      sent.push(c);
      return Promise.resolve(
        c.startsWith("@!1 ") ? "ok" : "Can't find the target PID matching the prefix '@!2'",
      );
    },
  };
  assertEquals(await workerSender(master, 1).send("show info"), "ok");
  assertEquals(sent, ["@!1 show info"]);
  let error = "";
  await workerSender(master, 2).send("show stat").catch((e) => (error = e.message));
  assertEquals(error, "worker 2 is gone (reloaded?)");
});
