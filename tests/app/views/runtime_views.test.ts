/**
 * The views over runtime-API replies (certificates, errors captured, process, resolvers, peers, event rings)
 * on the real replies of every release line captured (tests/fixtures/runtime/<line>/): each view's rows
 * against the parser's reading of the same raw reply, the certificates by expiry with their marks, the
 * reasons a level or release gives, read by the same generic reader `--batch --view` uses.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../../support/assert.ts";
import { ch, key, run, screen } from "../../support/app.ts";
import { RELEASE_LINES, reply, scenario } from "../../runtime/_fixtures.ts";
import { init, readViewRows, viewNamed, VIEWS } from "../../../src/app/mod.ts";
import type { Config, Event, State } from "../../../src/app/model/state.ts";
import { buildSnapshot } from "../../../src/stats/snapshot.ts";
import {
  byExpiry,
  type Level,
  parseActivity,
  parseCertificate,
  parseErrors,
  parseEvents,
  parseEventSinks,
  parseInfo,
  parsePeers,
  parsePools,
  parseResolvers,
  parseThreads,
  versionAtLeast,
} from "../../../src/runtime/mod.ts";

/** A sender that answers each command with the reply captured for it on `line` ("" for one not captured). */
function capturedSender(line: string, sent: string[] = []) {
  const byCommand = new Map(Object.entries(scenario(line).commands).map(([name, cmd]) => [cmd, name]));
  return {
    send: (command: string) => {
      sent.push(command);
      const name = byCommand.get(command);
      return Promise.resolve(name ? reply(line, name) : "\n");
    },
  };
}

const snapshotOf = (line: string) => buildSnapshot(parseInfo(reply(line, "show-info")), []);
const capturedAt = (line: string) => Date.parse(scenario(line).capturedAt);

async function rowsOf(line: string, name: string, level: Level = "admin", sent: string[] = []) {
  const view = viewNamed(VIEWS, name)!;
  return await readViewRows(
    VIEWS,
    view,
    { sender: capturedSender(line, sent), snapshot: snapshotOf(line), level },
    capturedAt(line),
  );
}

for (const line of RELEASE_LINES) {
  Deno.test(`${line}: certs lists every certificate of show ssl cert, soonest expiry first, marked`, async () => {
    const sent: string[] = [];
    const { rows } = await rowsOf(line, "certs", "admin", sent);
    const list = scenario(line).certificates;
    assertEquals(sent, [
      "show ssl cert",
      ...[...list].sort((a, b) => a.file.localeCompare(b.file)).map((c) => `show ssl cert ${c.file}`),
    ]);
    const now = new Date(capturedAt(line));
    const expected = byExpiry(
      ["exp3", "exp20", "exp365"].map((n) => parseCertificate(reply(line, `show-ssl-cert-${n}`), now)!),
    );
    assertEquals(rows.map((r) => r.file), expected.map((c) => c.file));
    assertEquals(rows.map((r) => Number(r.days)), expected.map((c) => c.daysLeft));
    assertEquals(rows.map((r) => r.subject), ["exp3.lab.test", "exp20.lab.test", "exp365.lab.test"]);
    assertEquals(rows.map((r) => r.expiry), ["ALARM", "WARN", "ok"]);
    assertEquals(rows[0].san, "DNS:exp3.lab.test DNS:www.exp3.lab.test");
  });

  Deno.test(`${line}: errors lists each capture of show errors; its detail shows the bytes`, async () => {
    const { rows } = await rowsOf(line, "errors");
    const captures = parseErrors(reply(line, "show-errors")).captures;
    assert(captures.length >= 2);
    assertEquals(
      rows.map((r) => [r.proxy, r.direction, r.source]),
      captures.map((c) => [c.proxy, c.direction, c.source]),
    );
    assertEquals(new Set(rows.map((r) => r.proxy)), new Set(Object.keys(scenario(line).badRequests)));
  });

  Deno.test(`${line}: process has every show info field, activity and threads per thread, every pool`, async () => {
    const { rows } = await rowsOf(line, "process");
    const info = parseInfo(reply(line, "show-info"));
    const of = (section: string) => rows.filter((r) => r.section === section);
    assertEquals(of("info").map((r) => [r.name, r.value ?? ""]), [...info].map(([k, v]) => [k, v]));
    const activity = parseActivity(reply(line, "show-activity"));
    assertEquals(of("activity").length, activity.rows.length);
    const ctxsw = activity.rows.find((r) => r.perThread.length > 0)!;
    const row = of("activity").find((r) => r.name === ctxsw.name)!;
    assertEquals(ctxsw.perThread.map(String), ctxsw.perThread.map((_, i) => row[`t${i + 1}`]));
    const threads = parseThreads(reply(line, "show-threads"));
    const wq = of("threads").find((r) => r.name === "wq")!;
    assertEquals(threads.map((t) => String(t.waitQueue)), threads.map((_, i) => wq[`t${i + 1}`]));
    assertEquals(of("pools").length, parsePools(reply(line, "show-pools")).pools.length + 1);
  });

  Deno.test(`${line}: resolvers and peers list what show resolvers and show peers hold`, async () => {
    const resolvers = (await rowsOf(line, "resolvers")).rows;
    const sections = parseResolvers(reply(line, "show-resolvers"));
    assertEquals(
      resolvers.map((r) => [r.section, r.nameserver, r.sent]),
      sections.flatMap((s) => s.nameservers.map((n) => [s.name, n.name, String(n.counters.sent)])),
    );
    assert(resolvers.some((r) => r.section === "lab_dns"));
    const peers = (await rowsOf(line, "peers")).rows;
    const parsed = parsePeers(reply(line, "show-peers"));
    assertEquals(
      peers.map((r) => [r.section, r.peer, r.side]),
      parsed.flatMap((s) => s.peers.map((p) => [s.name, p.name, p.local ? "local" : "remote"])),
    );
    assertEquals(peers.filter((p) => p.side === "local").map((p) => p.peer), [scenario(line).node]);
  });

  Deno.test(`${line}: rings reads each in-memory ring that show events lists`, async () => {
    const sent: string[] = [];
    const { rows } = await rowsOf(line, "rings", "admin", sent);
    const rings = parseEventSinks(reply(line, "show-events")).filter((k) => k.type === "buffer");
    assert(rings.some((k) => k.name === "lab_events") && rings.some((k) => k.name === "buf0"));
    assertEquals(sent, ["show events", ...rings.map((k) => `show events ${k.name}`)]);
    const ring = parseEvents(reply(line, "show-events-ring"));
    assertEquals(
      rows.filter((r) => r.ring === "lab_events").map((r) => r.message),
      ring.map((e) => e.message),
    );
  });

  Deno.test(`${line}: at level user the views needing operator say so and send none of it`, async () => {
    for (const name of ["certs", "errors", "rings"]) {
      const sent: string[] = [];
      const r = await rowsOf(line, name, "user", sent);
      assertEquals(r.rows, []);
      assertMatch(r.unsupported ?? "", /^needs level operator \(this socket is at level user\)$/, name);
      assertEquals(sent, [], `${name}: nothing sent`);
    }
    assertEquals(
      (await rowsOf(line, "resolvers", "user")).unsupported,
      undefined,
      "show resolvers is for any level",
    );
  });
}

Deno.test("an empty reply: no certificate, no resolvers, no peers section are said, not shown as rows", async () => {
  const empty = { send: () => Promise.resolve("\n") };
  for (
    const [name, text] of [["certs", /no certificate is loaded/], ["resolvers", /no resolvers section/], [
      "peers",
      /no peers section/,
    ]] as const
  ) {
    const r = await readViewRows(VIEWS, viewNamed(VIEWS, name)!, {
      sender: empty,
      snapshot: snapshotOf("2.6"),
      level: "admin",
    }, 0);
    assertEquals(r.rows, []);
    assertMatch(r.empty ?? "", text);
  }
});

// ------------------------------------------------------------------------------------------ on screen

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };
const started = (line = "2.6"): State =>
  run(
    init(config, { columns: 120, rows: 30 }, "status", capturedAt(line)),
    { type: "snapshot", snapshot: snapshotOf(line), seq: 0, now: capturedAt(line) },
    { type: "level", level: "admin", now: capturedAt(line) },
  )[0];

function certData(line: string): Event {
  const list = reply(line, "show-ssl-cert");
  const files = ["exp20", "exp3", "exp365"];
  return {
    type: "sourceData",
    view: "certs",
    instance: "/a.sock",
    commands: ["show ssl cert", ...files.map((f) => `show ssl cert /tmp/hatop-lab-XXXXXXXX/certs/${f}.pem`)],
    replies: [list, ...files.map((f) => reply(line, `show-ssl-cert-${f}`))],
    now: capturedAt(line),
  };
}

Deno.test("9 shows the certificates by expiry, ALARM and WARN as text; the footer gains its tab only then", () => {
  let s = started();
  assert(!screen(s)[29].includes("9-CERTS"), "no tab while another view is shown");
  [s] = run(s, ch("9"), certData("2.6"));
  const lines = screen(s);
  assert(lines[29].startsWith(" 1-STATUS  2-TRAFFIC  3-HTTP  4-ERRORS  5-CLI  9-CERTS "), lines[29]);
  assertMatch(lines[11], /^ +DAYS EXPIRY +NOT AFTER +SUBJECT/);
  const rows = lines.slice(12).filter((l) => /^ +-?\d+ /.test(l));
  assertEquals(rows.map((l) => l.trim().split(/\s+/).slice(1, 2)[0]), ["ALARM", "WARN", "ok"]);
  assertMatch(rows[0], /exp3\.lab\.test/);
  [s] = run(s, ch("i"));
  assert(screen(s).some((l) => /notAfter +Dec {2}6 /.test(l)), screen(s).join("\n"));
});

Deno.test("the errors view's detail shows the captured bytes first, the rejected byte marked", () => {
  const line = "2.6";
  const [s] = run(
    started(line),
    ch("0"),
    {
      type: "sourceData",
      view: "captures",
      instance: "/a.sock",
      commands: ["show errors"],
      replies: [reply(line, "show-errors")],
      now: capturedAt(line),
    },
    key("home"),
    ch("i"),
  );
  const lines = screen(s);
  assertMatch(lines[11], /^ invalid request captured by fe_rt/);
  const bad = lines.findIndex((l) => l.includes("Bad Header\\r\\n"));
  assert(bad > 0, lines.join("\n"));
  // "error at position 30": the B of "Bad Header" at offset 27 is byte 27, ' ' at 30.
  const mark = lines[bad + 1];
  assertMatch(mark.trimEnd(), /\^ error at position 30$/);
  assertEquals(mark.indexOf("^"), lines[bad].indexOf("Bad Header") + 3);
});

for (const line of RELEASE_LINES) {
  Deno.test(`${line}: process at level user: show activity only where the release lets user run it`, async () => {
    const sent: string[] = [];
    const { rows } = await rowsOf(line, "process", "user", sent);
    const activityAllowed = !versionAtLeast(scenario(line).version, "3.0");
    assertEquals(sent.includes("show activity"), activityAllowed, sent.join(", "));
    assertEquals(sent.filter((c) => c !== "show activity"), ["show info", "show threads", "show pools"]);
    const activity = rows.filter((r) => r.section === "activity");
    if (activityAllowed) assert(activity.length > 1);
    else assertEquals(activity.map((r) => r.name), ["(not read)"]);
    assert(rows.some((r) => r.section === "pools") && rows.some((r) => r.section === "threads"));
  });
}

Deno.test("the rings view follows new lines while its cursor is on the last one, not when it was moved up", () => {
  const ring = (n: number): Event => ({
    type: "sourceData",
    view: "rings",
    instance: "/a.sock",
    commands: ["show events", "show events lab_events"],
    replies: [
      reply("2.6", "show-events"),
      Array.from({ length: n }, (_, i) => `<134>Dec  3 08:26:45 localhost haproxy[1]: line ${i + 1}`).join(
        "\n",
      ) + "\n",
    ],
    now: 2,
  });
  const selected = (s: State) => screen(s)[28].trim();
  let [s] = run(started(), ch("V"), ring(3), key("end"), ring(5));
  assertEquals(selected(s), "line 5");
  [s] = run(s, ring(40));
  assertEquals(selected(s), "line 40", "many lines: still the newest, scrolled");
  [s] = run(s, key("up"), ring(41));
  assertEquals(selected(s), "line 39", "moved up: the cursor stays on its line");
});

Deno.test("with several sockets, the message line says whose the selected row is", () => {
  const at = capturedAt("2.6");
  const both = ["/a.sock", "/b.sock"];
  let s = init(config, { columns: 120, rows: 30 }, "certs", at, [], both);
  for (const instance of both) {
    [s] = run(
      s,
      { type: "snapshot", snapshot: snapshotOf("2.6"), seq: 0, now: at, instance },
      { type: "level", level: "admin", now: at, instance },
      { ...certData("2.6"), instance } as Event,
    );
  }
  const rows = screen(s).filter((l) => /^ +-?\d+ (ALARM|WARN|ok) /.test(l));
  assertEquals(rows.length, 6, "three certificates of each");
  [s] = run(s, key("home"));
  assertMatch(screen(s)[28], /^ \/a\.sock: \S+exp3\.pem: \d days left/);
  [s] = run(s, key("end"));
  assertMatch(screen(s)[28], /^ \/b\.sock: \S+exp365\.pem: \d+ days left/);
});

Deno.test("a reply that is HAProxy's refusal or an unknown command is said, never shown as rows", async () => {
  const unknown = reply("2.2", "unknown-command");
  for (const name of ["certs", "errors", "process", "resolvers", "peers", "rings"]) {
    const sender = { send: () => Promise.resolve(unknown) };
    const r = await readViewRows(VIEWS, viewNamed(VIEWS, name)!, {
      sender,
      snapshot: snapshotOf("2.2"),
      level: "admin",
    }, 0);
    assertEquals(r.rows, [], name);
    assertMatch(r.unsupported ?? "", /^HAProxy 2\.2 does not know "show /, name);
  }
});
