/**
 * The sessions, stick tables, maps and ACLs views end to end: the real program in tmux on the runtime lab of
 * the release under test, through a recording relay that proves what was sent. Each view's rows are checked
 * against the command's own raw reply, read by the test on the socket and parsed here with regular
 * expressions of its own; each write is made in the TUI, confirmed, and seen on the socket.
 *
 * @module
 */
import { assert, assertEquals } from "../support/assert.ts";
import { rowMatches, startHatop } from "../support/program.ts";
import { startRecorder } from "../support/recorder.ts";
import { poll } from "../support/poll.ts";
import type { TmuxSession } from "../support/tmux.ts";
import { START_MS } from "../support/lab_queries.ts";
import { RUNTIME_NAMES as N, type RuntimeLab, startRuntimeLab } from "../../scripts/lab/runtime_lab.ts";
import { versionAtLeast } from "../../src/runtime/version.ts";

/** A RegExp source matching `text` literally. */
const lit = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The monitor on `socket`, once its stat table shows the lab's frontend. */
async function monitor(socket: string, extra: string[] = []): Promise<TmuxSession> {
  const tmux = await startHatop(["-s", socket, "-i", "1", ...extra], { columns: 110, rows: 30 });
  try {
    await tmux.waitFor(new RegExp(`^>>> ${N.frontend}$`, "m"), START_MS);
    return tmux;
  } catch (e) {
    await tmux.kill();
    throw e;
  }
}

/** Types a `/` filter and keeps it. */
async function filter(tmux: TmuxSession, text: string): Promise<void> {
  await tmux.send("/");
  await tmux.sendText(text);
  await tmux.send("Enter");
  await tmux.waitFor(`Filter "${text}"`);
}

/** Polls a command on the admin socket until `test` holds for its reply; returns it. */
function until(lab: RuntimeLab, command: string, test: (reply: string) => boolean): Promise<string> {
  let last = "";
  return poll(`"${command}" to change`, 10_000, async () => {
    last = await lab.command(command);
    return test(last) ? last : undefined;
  }, { detail: () => last });
}

/** The writes of the runtime views, as the relay recorded them. */
const WRITES = /^(?:(?:add|del) (?:map|acl)|set map|clear table|shutdown session) /;

Deno.test("runtime views on a real HAProxy: rows as the raw replies say, writes confirmed", async (t) => {
  await using lab = await startRuntimeLab();
  const { mapFile, aclFile } = lab.layout;

  await t.step("sessions: the held client's row, ENTER shows show sess <id>, k shuts it down", async () => {
    await using held = await lab.holdConnection();
    await using relay = await startRecorder(lab.sockets.admin);
    await using tmux = await monitor(relay.path);
    const id = held.sessionId;
    const raw = (await lab.command("show sess")).split("\n").find((l) => l.startsWith(`${id}:`))!;
    const token = (name: string) => raw.match(new RegExp(` ${name}=(\\S+)`))![1];
    assertEquals(token("src"), `127.0.0.1:${held.localPort}`);
    // The server side's state is the first number of scb=[…] (s1=[…] on 2.2): 8 is established.
    assertEquals(raw.match(/ (?:scb|s1)=\[(\d+),/)![1], "8");
    await tmux.send("6");
    const row = new RegExp(
      `^${id} +${lit(token("src"))} +${token("fe")} +${token("be")} +${token("srv")} +\\S+ +EST\\b`,
    );
    await tmux.waitFor(rowMatches(id, row));
    await filter(tmux, id);
    await tmux.send("Enter");
    const dump = await lab.command(`show sess ${id}`);
    const frontendLine = dump.split("\n").find((l) => l.trimStart().startsWith("frontend="))!.trim();
    await tmux.waitForAll(`session ${id}: show sess ${id}`, frontendLine);
    assert(relay.commands().includes(`show sess ${id}`), "the detail is HAProxy's own dump");
    await tmux.send("Escape");
    await tmux.waitFor(/^ID +CLIENT +FRONTEND/m);
    await tmux.send("k");
    await tmux.waitForAll(`Shut down session ${id}`, `shutdown session ${id}`, "y sends");
    assertEquals(relay.commands().filter((c) => WRITES.test(c)), [], "nothing sent before y");
    await tmux.send("y");
    // Gone by its client: HAProxy reuses a stream's address at once (3.4 gave it to the next CLI stream).
    const client = `src=127.0.0.1:${held.localPort} `;
    await until(lab, "show sess", (reply) => !reply.includes(client));
    await tmux.waitForAll(
      `done: shutdown session ${id}`,
      (screen) => !screen.includes(`127.0.0.1:${held.localPort}`),
    );
    assertEquals(relay.commands().filter((c) => WRITES.test(c)), [`shutdown session ${id}`]);
  });

  await t.step(
    "stick tables: the list, an entry of the test's traffic, HAProxy's filter, a cleared entry",
    async () => {
      await lab.sendRequests(3);
      await using relay = await startRecorder(lab.sockets.admin);
      await using tmux = await monitor(relay.path);
      const header = (await lab.command("show table")).match(
        new RegExp(`^# table: ${N.table}, type: (\\S+), size:(\\d+), used:(\\d+)$`, "m"),
      )!;
      await tmux.send("7");
      await tmux.waitFor(
        rowMatches(N.table, new RegExp(`^${N.table} +${header[1]} +${header[2]} +${header[3]}$`)),
      );
      await filter(tmux, N.table);
      await tmux.send("Enter");
      const entry = (await lab.command(`show table ${N.table}`)).split("\n").find((l) =>
        l.includes("key=127.0.0.1 ")
      )!;
      const data = [...entry.matchAll(/ (\w+)(?:\(\d+\))?=(\d+)/g)].filter(([, name]) =>
        !["key", "use", "exp", "shard"].includes(name)
      );
      const names = data.map(([, name]) => name);
      assert(names.includes("http_req_rate"), entry);
      const values = data.map(([, , v]) => v).join(" +");
      await tmux.waitForAll(
        new RegExp(`^KEY +USE +EXP +${names.join(" +")}$`, "m"),
        rowMatches("127.0.0.1", new RegExp(`^127\\.0\\.0\\.1 +\\d+ +\\S+ +${values}$`)),
      );
      await filter(tmux, "data.http_req_cnt gt 1000");
      await tmux.waitFor(`nothing matches "data.http_req_cnt gt 1000"`);
      assert(
        relay.commands().includes(`show table ${N.table} data.http_req_cnt gt 1000`),
        "filtered by HAProxy",
      );
      await tmux.send("Escape");
      await tmux.waitFor(rowMatches("127.0.0.1", /^127\.0\.0\.1 /));
      await tmux.send("c");
      await tmux.waitForAll(
        `Clear the entry 127.0.0.1 of table ${N.table}?`,
        `clear table ${N.table} key 127.0.0.1`,
      );
      await tmux.send("y");
      // 3.0 may answer that the entry is busy right after a request used it: the operator asks again.
      const screen = await tmux.waitFor(/done: clear table|Entry currently in use/);
      if (/Entry currently in use/.test(screen)) {
        await poll("the entry to be cleared", 10_000, async () => {
          if (!(await lab.command(`show table ${N.table}`)).includes("key=127.0.0.1 ")) return true;
          await tmux.send("c");
          await tmux.waitFor("y sends");
          await tmux.send("y");
          await tmux.waitFor(/done: clear table|Entry currently in use/);
          return undefined;
        });
      }
      await until(lab, `show table ${N.table}`, (reply) => !reply.includes("key=127.0.0.1 "));
      await tmux.waitFor(`table ${N.table} has no entries`);
      assert(
        relay.commands().filter((c) => WRITES.test(c)).every((c) =>
          c === `clear table ${N.table} key 127.0.0.1`
        ),
      );
    },
  );

  await t.step(
    "maps: the list and entries as show map says, an entry added, set and deleted in the TUI",
    async () => {
      await using relay = await startRecorder(lab.sockets.admin);
      await using tmux = await monitor(relay.path);
      const list = (await lab.command("show map")).split("\n").find((l) => l.includes(`(${mapFile})`))!;
      const [, mapId] = list.match(/^(\d+) /)!;
      const count = list.match(/entry_cnt=(\d+)/)?.[1];
      assertEquals(count === undefined, !versionAtLeast(lab.version, "2.6"), "entry counts from 2.6");
      await tmux.send("8");
      await tmux.waitFor(new RegExp(`^ *${mapId} +${lit(mapFile)} +${count ?? ""} +pattern loaded`, "m"));
      await filter(tmux, "routes");
      await tmux.send("Enter");
      const entries = [...(await lab.command(`show map ${mapFile}`)).matchAll(/^0x[0-9a-f]+ (\S+) (.*)$/gm)];
      assertEquals(entries.length, 2);
      await tmux.waitForAll(...entries.map(([, k, v]) => new RegExp(`^${lit(k)} +${lit(v)}$`, "m")));
      await tmux.send("a");
      await tmux.waitFor(`Add to ${mapFile}: KEY VALUE`);
      await tmux.sendText("/x two words");
      await tmux.send("Enter");
      await tmux.waitFor(`a value holds no spaces: HAProxy would store "two" and drop the rest`);
      await tmux.send("C-u");
      await tmux.sendText("/blocked denied");
      await tmux.send("Enter");
      await tmux.waitForAll(`Add this entry to ${mapFile}?`, `add map ${mapFile} /blocked denied`);
      await tmux.send("y");
      await until(lab, `show map ${mapFile}`, (r) => / \/blocked denied$/m.test(r));
      await tmux.waitFor(/^\/blocked +denied$/m);
      await filter(tmux, "/blocked");
      await tmux.send("e");
      await tmux.waitFor("> /blocked denied");
      await tmux.send("C-w");
      await tmux.sendText("allowed");
      await tmux.send("Enter");
      await tmux.waitFor(`set map ${mapFile} /blocked allowed`);
      await tmux.send("y");
      await until(lab, `show map ${mapFile}`, (r) => / \/blocked allowed$/m.test(r));
      await tmux.waitFor(/^\/blocked +allowed$/m);
      await tmux.send("d");
      await tmux.waitForAll(`Delete /blocked from ${mapFile}?`, `del map ${mapFile} /blocked`);
      await tmux.send("y");
      await until(lab, `show map ${mapFile}`, (r) => !r.includes("/blocked"));
      await tmux.waitFor(`nothing matches "/blocked"`);
      assertEquals(relay.commands().filter((c) => WRITES.test(c)), [
        `add map ${mapFile} /blocked denied`,
        `set map ${mapFile} /blocked allowed`,
        `del map ${mapFile} /blocked`,
      ]);
    },
  );

  await t.step("ACLs: t from the maps view, a pattern added and deleted", async () => {
    await using relay = await startRecorder(lab.sockets.admin);
    await using tmux = await monitor(relay.path);
    await tmux.send("8");
    await tmux.waitFor(mapFile);
    await tmux.send("t");
    await tmux.waitFor(aclFile);
    await filter(tmux, "blocklist");
    await tmux.send("Enter");
    const patterns = [...(await lab.command(`show acl ${aclFile}`)).matchAll(/^0x[0-9a-f]+ (\S+)$/gm)];
    await tmux.waitForAll(...patterns.map(([, p]) => new RegExp(`^${lit(p)}$`, "m")));
    await tmux.send("a");
    await tmux.sendText("203.0.113.7");
    await tmux.send("Enter");
    await tmux.waitFor(`add acl ${aclFile} 203.0.113.7`);
    await tmux.send("y");
    await until(lab, `show acl ${aclFile}`, (r) => / 203\.0\.113\.7$/m.test(r));
    await filter(tmux, "203.0.113.7");
    await tmux.send("d");
    await tmux.waitFor(`del acl ${aclFile} 203.0.113.7`);
    await tmux.send("y");
    await until(lab, `show acl ${aclFile}`, (r) => !r.includes("203.0.113.7"));
    await tmux.waitFor(`nothing matches "203.0.113.7"`);
  });

  await t.step("read-only (-n): every view is read, no write is offered or sent", async () => {
    await using held = await lab.holdConnection();
    await lab.sendRequests(1);
    await using relay = await startRecorder(lab.sockets.admin);
    await using tmux = await monitor(relay.path, ["-n"]);
    await tmux.send("6");
    await tmux.waitFor(rowMatches(held.sessionId, /EST/));
    await filter(tmux, held.sessionId);
    const ro = "read-only mode: no actions, no CLI (-n): ";
    await tmux.send("k");
    await tmux.waitFor(`${ro}shutdown session ${held.sessionId}`);
    await tmux.send("7");
    await filter(tmux, N.table);
    await tmux.send("Enter");
    await tmux.waitFor(rowMatches("127.0.0.1", /^127\.0\.0\.1 /));
    await tmux.send("c");
    await tmux.waitFor(`${ro}clear table ${N.table} key 127.0.0.1`);
    await tmux.send("8");
    await filter(tmux, "routes");
    await tmux.send("Enter");
    await tmux.waitFor(/^\/api +api$/m);
    const refused = {
      a: "add map <file> <key> <value>",
      e: "set map <file> <key> <value>",
      d: `del map ${mapFile} /api`,
    };
    for (const [k, what] of Object.entries(refused)) {
      await tmux.send(k);
      await tmux.waitFor(`${ro}${what}`);
    }
    const sent = relay.commands();
    for (const read of ["show sess", `show table ${N.table}`, `show map ${mapFile}`]) {
      assert(sent.includes(read), `${read} was read`);
    }
    assertEquals(sent.filter((c) => WRITES.test(c)), [], "no write in -n");
  });

  await t.step("a user-level socket: each view says which level it needs", async () => {
    await using tmux = await monitor(lab.sockets.user);
    await tmux.send("6");
    await tmux.waitFor("needs level operator (this socket is at level user)");
    await tmux.send("7");
    await tmux.waitFor(rowMatches(N.table, /^fe_rt +ip /));
    await filter(tmux, N.table);
    await tmux.send("Enter");
    await tmux.waitFor("needs level operator (this socket is at level user)");
    await tmux.send("8");
    if (versionAtLeast(lab.version, "3.4")) {
      await tmux.waitFor("needs level admin (this socket is at level user)");
    } else {
      await tmux.waitFor(mapFile);
    }
  });
});
