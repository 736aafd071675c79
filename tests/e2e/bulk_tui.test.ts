/**
 * End-to-end tests of tags and bulk actions in the monitor, on a real HAProxy pool of three servers (one with a
 * held session): tagging by filter, the preview of every target and command, the socket recording showing
 * exactly those commands after `y`, the rows showing DRAIN with the held session's scur, HAProxy's refusals in
 * the result list, what is refused before any preview (-n, a socket of level user), and the tags a restart
 * that renumbered the servers leaves pointing at other servers, dropped and said.
 *
 * @module
 */
import { assertEquals, assertMatch } from "../support/assert.ts";
import { startLab, statusOf } from "../support/lab.ts";
import { idsOf, START_MS } from "../support/lab_queries.ts";
import { footer, rowLine, rowMatches, startHatop } from "../support/program.ts";
import { type Recorder, startRecorder } from "../support/recorder.ts";
import { startHeldServers } from "../support/held.ts";
import { poolBody, writes } from "../support/bulk.ts";
import { poll } from "../support/poll.ts";
import type { TmuxSession } from "../support/tmux.ts";
import { boxLines, cellOf, tagByFilter } from "../support/bulk_tui.ts";

/** Starts the monitor on `socket` (refresh every second) and waits for the pool's rows. */
async function monitor(socket: string, extra: string[] = []): Promise<TmuxSession> {
  const tmux = await startHatop(["-s", socket, "-i", "1", ...extra]);
  try {
    await tmux.waitFor(rowMatches("web3", /no check/), START_MS);
    return tmux;
  } catch (e) {
    await tmux.kill();
    throw e;
  }
}

/** Waits until the recording shows a refresh after `show cli level`: the level's reply has been handled. */
async function levelKnown(rec: Recorder): Promise<void> {
  await poll("a refresh after show cli level", 10_000, () => {
    const c = rec.commands();
    const asked = c.indexOf("show cli level");
    return asked >= 0 && c.lastIndexOf("show stat") > asked ? true : undefined;
  });
}

/** Waits until the recording shows one more refresh than now: what a key would have sent is in it. */
async function oneMoreRefresh(rec: Recorder): Promise<void> {
  const before = rec.commands().filter((c) => c === "show stat").length;
  await poll(
    "one more refresh",
    10_000,
    () => rec.commands().filter((c) => c === "show stat").length > before ? true : undefined,
  );
}

Deno.test("tags and bulk actions in the monitor on the pool", async (t) => {
  await using pool = await startHeldServers(3);
  const front: { port?: number } = {};
  await using lab = await startLab(poolBody(pool.ports, front), { node: "pool" });
  const ids = {
    web1: await idsOf(lab, "be_pool", "web1"),
    web2: await idsOf(lab, "be_pool", "web2"),
    web3: await idsOf(lab, "be_pool", "web3"),
  };
  const ref = (sv: string) => ids[sv as keyof typeof ids].slice(1, -1);
  const webs = ["web1", "web2", "web3"];

  await t.step(
    "tag by filter and drain: the preview is what the recording shows; the held session stays on its DRAIN row",
    async () => {
      const { client, server } = await pool.open(front.port!);
      const held = webs[server];
      try {
        await using rec = await startRecorder(lab.sockets.admin);
        await using tmux = await monitor(rec.path);
        await tmux.waitFor((s) => cellOf(s, held, "SCUR") === "1");
        await tagByFilter(tmux, "web", 3);
        await tmux.waitForAll(...webs.map((sv) => rowMatches(sv, new RegExp(`^${sv} +\\* `))));
        await tmux.send("a");
        await tmux.waitFor("Bulk actions on 3 servers");
        await tmux.send("d");
        const expected = webs.map((sv) => `be_pool/${sv} [${ref(sv)}]  set server ${ref(sv)} state drain`);
        const preview = await tmux.waitForAll("Preview: drain for 3 servers", ...expected);
        assertEquals(boxLines(preview), expected);
        assertEquals(writes(rec), [], "nothing is sent before y");
        await tmux.send("y");
        const result = await tmux.waitForAll("Result: drain: 3 ok", /ESC closes/);
        assertEquals(boxLines(result), webs.map((sv) => `be_pool/${sv} [${ref(sv)}]  ok`));
        assertEquals(writes(rec), expected.map((line) => line.split("  ")[1]));
        await tmux.send("Escape");
        const after = await tmux.waitForAll(
          ...webs.map((sv) => rowMatches(sv, /DRAIN/)),
          (s) => cellOf(s, held, "SCUR") === "1",
        );
        for (const sv of webs) assertEquals(cellOf(after, sv, "SCUR"), sv === held ? "1" : "0");
        for (const sv of webs) {
          assertMatch(statusOf(await lab.command("show stat"), "be_pool", sv) ?? "", /^DRAIN/);
        }
      } finally {
        client.close();
        for (const sv of webs) await lab.command(`set server be_pool/${sv} state ready`);
      }
    },
  );

  await t.step("-n: tags mark rows, acting on them is refused, and nothing is sent", async () => {
    await using rec = await startRecorder(lab.sockets.admin);
    await using tmux = await monitor(rec.path, ["-n"]);
    await tagByFilter(tmux, "web", 3);
    await tmux.send("a");
    await tmux.waitFor("read-only mode: no actions, no CLI (-n)");
    // Neither the menu's keys nor `b` (bulk on the tags) get further.
    for (const k of ["d", "y", "b", "d", "y"]) await tmux.send(k);
    await oneMoreRefresh(rec);
    assertEquals(writes(rec), []);
  });

  await t.step("a socket of level user says so before any preview, and nothing is sent", async () => {
    await using rec = await startRecorder(lab.sockets.user);
    await using tmux = await monitor(rec.path);
    await levelKnown(rec);
    await tagByFilter(tmux, "web", 3);
    await tmux.send("a");
    const screen = await tmux.waitFor(
      "not sent: this socket's level is user; server actions need level admin",
    );
    assertEquals(screen.includes("Bulk actions on"), false);
    for (const k of ["d", "y"]) await tmux.send(k);
    await oneMoreRefresh(rec);
    assertEquals(writes(rec), []);
  });

  await t.step(
    "agent checks on: HAProxy's refusal is listed for the servers without agent, the other is ok",
    async () => {
      await using rec = await startRecorder(lab.sockets.admin);
      await using tmux = await monitor(rec.path);
      await tagByFilter(tmux, "web", 3);
      await tmux.send("b");
      await tmux.waitFor("Bulk actions on 3 servers");
      await tmux.send("g");
      const expected = webs.map((sv) => `be_pool/${sv} [${ref(sv)}]  enable agent ${ref(sv)}`);
      assertEquals(
        boxLines(await tmux.waitForAll("Preview: agent checks on for 3 servers", ...expected)),
        expected,
      );
      await tmux.send("y");
      const refusal = "refused: Agent was not configured on this server, cannot enable.";
      const results = [
        `be_pool/web1 [${ref("web1")}]  ${refusal}`,
        `be_pool/web2 [${ref("web2")}]  ${refusal}`,
        `be_pool/web3 [${ref("web3")}]  ok`,
      ];
      const shown = await tmux.waitForAll("Result: agent checks on: 1 ok, 2 refused", ...results);
      assertEquals(boxLines(shown), results);
      assertEquals(writes(rec), expected.map((line) => line.split("  ")[1]));
      await tmux.send("Escape");
      await tmux.waitFor((s) => / 3-TAGGED /.test(footer(s)) && !s.includes("Result:"));
    },
  );

  // Last: it rewrites the lab's configuration.
  await t.step(
    "a restart that renumbers the servers drops the tags whose ids now name another server, and says so",
    async () => {
      await using rec = await startRecorder(lab.sockets.admin);
      await using tmux = await monitor(rec.path);
      await tagByFilter(tmux, "web", 3);
      const cfg = `${lab.dir}/haproxy.cfg`;
      await Deno.writeTextFile(cfg, (await Deno.readTextFile(cfg)).replace(/^ +server web2 .*\n/m, ""));
      await lab.restart();
      assertEquals(await idsOf(lab, "be_pool", "web3"), ids.web2, "web3 has web2's old ids now");
      const dropped =
        `tag dropped, no such server any more: be_pool/web2 ${ids.web2}, be_pool/web3 ${ids.web3}`;
      const screen = await tmux.waitFor(
        (s) => s.includes(dropped) && footer(s).includes(" 1-TAGGED ") && !s.includes("DISCONNECTED"),
        30_000,
      );
      assertMatch(rowLine(screen, "web1") ?? "", /^web1 +\* /);
      assertMatch(
        rowLine(screen, "web3") ?? "",
        /^web3 +\d/,
        "the server that has the ids now is not tagged",
      );
      await tmux.send("a");
      await tmux.waitFor("Bulk actions on 1 server");
      await tmux.send("d");
      const line = `be_pool/web1 [${ref("web1")}]  set server ${ref("web1")} state drain`;
      assertEquals(boxLines(await tmux.waitForAll("Preview: drain for 1 server", line)), [line]);
      await tmux.send("n");
      await tmux.waitFor("cancelled: nothing was sent");
      await oneMoreRefresh(rec);
      assertEquals(writes(rec), []);
    },
  );
});
