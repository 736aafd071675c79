import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import {
  currentWorker,
  isMasterPrompt,
  isUnknownTarget,
  parseShowProc,
  workerAge,
  workers,
  workerSender,
} from "../../src/haproxy/master.ts";

const FIXTURES = new URL("./fixtures/show_proc/", import.meta.url);

/** Real `show proc` replies of each release, taken after two reloads with the first worker held by a connection. */
function captures(): [string, string][] {
  const out: [string, string][] = [];
  for (const e of Deno.readDirSync(FIXTURES)) {
    out.push([e.name.replace(/\.txt$/, ""), Deno.readTextFileSync(new URL(e.name, FIXTURES))]);
  }
  if (out.length < 5) throw new Error(`expected a capture per release in ${FIXTURES.pathname}`);
  return out.sort();
}

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

Deno.test("show proc of every release: master, the current worker and the old one with its generation", () => {
  for (const [release, text] of captures()) {
    const procs = parseShowProc(text);
    const pids = [...text.matchAll(/^(\d+)\s/gm)].map((m) => Number(m[1]));
    assertEquals(procs.map((p) => p.pid), pids, release);
    assertEquals(
      procs.map((p) => [p.type, p.old]),
      [["master", false], ["worker", false], ["worker", true]],
      release,
    );
    assertEquals(procs.map((p) => p.reloads), [2, 0, 2], `${release}: reloads read from their own column`);
    for (const p of procs) {
      assertMatch(p.uptime, /^\d+d\d\dh\d\dm\d\ds$/);
      assert(p.version.startsWith(release), `${release}: version ${p.version}`);
    }
    assertEquals(currentWorker(procs)?.pid, pids[1], release);
    assertEquals(workers(procs).map((p) => p.pid), [pids[1], pids[2]], release);
    assertEquals(procs.map(workerAge).slice(1), ["current", "old, 2 reloads ago"], release);
  }
});

Deno.test("show proc 2.2: the relative PID column, an old worker's [was: N]", () => {
  const procs = parseShowProc(captures().find(([r]) => r.startsWith("2.2"))![1]);
  assertEquals(procs.map((p) => p.relativePid), ["0", "1", "[was: 1]"]);
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
