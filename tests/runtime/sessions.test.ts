import assert from "node:assert/strict";
import {
  parseSessionDetail,
  parseSessionLine,
  parseSessions,
  serverSideState,
} from "../../src/runtime/sessions.ts";
import { linesMatching, RELEASE_LINES, reply, scenario } from "./_fixtures.ts";

for (const line of RELEASE_LINES) {
  const s = scenario(line);

  Deno.test(`${line}: show sess gives one row per stream, the held client with its proxies`, () => {
    const text = reply(line, "show-sess");
    const rows = parseSessions(text);
    assert.equal(rows.length, linesMatching(text, /^0x[0-9a-f]+: proto=/).length);
    const held = rows.find((r) => r.client === `127.0.0.1:${s.held.clientPort}`);
    assert.ok(held, text);
    assert.equal(held.id, s.held.sessionId);
    assert.equal(held.proto, "tcpv4");
    assert.equal(held.frontend, s.names.hold);
    assert.equal(held.backend, s.names.hold);
    assert.equal(held.server, s.names.holdServer);
    assert.ok(held.age !== undefined && held.age >= 0, held.fields.age);
    const cli = rows.find((r) => r.proto === "unix_stream");
    assert.ok(cli, "the CLI's own stream");
    assert.equal(cli.frontend, "GLOBAL");
    assert.equal(cli.backend, undefined, "<NONE> is no backend");
    assert.equal(cli.server, undefined, "<none> is no server");
    const applet = rows.find((r) => r.proto === "?");
    assert.ok(applet, "the peers applet");
    assert.equal(applet.client, undefined);
    // The server side's state: the first number of scb=[…] (s1=[…] on 2.2), 8 established.
    const raw = text.split("\n").find((l) => l.startsWith(`${held.id}:`))!;
    assert.equal(raw.match(/ (?:scb|s1)=\[(\d+),/)?.[1], "8", raw);
    assert.equal(serverSideState(held), "EST");
  });

  Deno.test(`${line}: show sess <id> dumps the held stream in full`, () => {
    const text = reply(line, "show-sess-id");
    const detail = parseSessionDetail(text);
    assert.ok(detail, text);
    assert.equal(detail.id, s.held.sessionId);
    assert.equal(detail.proto, "tcpv4");
    assert.equal(detail.source, `127.0.0.1:${s.held.clientPort}`);
    assert.equal(detail.frontend, s.names.hold);
    assert.equal(detail.backend, s.names.hold);
    assert.equal(detail.server, s.names.holdServer);
    assert.ok(detail.number !== undefined && detail.number > 0);
    assert.equal(detail.lines.length, text.trimEnd().split("\n").length - 1);
    assert.equal(parseSessionDetail(reply(line, "show-sess-missing")), undefined);
  });
}

Deno.test("lines that are not streams give no row", () => {
  assert.deepEqual(parseSessions("Permission denied\n\n"), []);
  assert.equal(parseSessionLine("0x1: no proto here"), undefined);
  assert.equal(parseSessionDetail("Session not found.\n\n"), undefined);
  const row = parseSessionLine(
    "0xab: proto=tcpv4 src=10.0.0.1:5 fe=f be=b srv=s age=1h2m calls=3 rate=1 exp=<NEVER>",
  )!;
  assert.equal(row.age, 3720);
  assert.equal(row.expires, undefined);
  assert.equal(row.calls, 3);
});

Deno.test("the server side's state by number, and none without the token", () => {
  const state = (token: string) => serverSideState(parseSessionLine(`0x1: proto=tcpv4 ${token} exp=0s`)!);
  assert.equal(state("scb=[2,1h,fd=-1,rex=,wex=]"), "QUE");
  assert.equal(state("s1=[5,10h,fd=-1,ex=]"), "CON");
  assert.equal(state("scb=[0,10h,fd=-1]"), "INI");
  assert.equal(state("scb=[42,1h]"), "42", "a number HAProxy added later is shown as it is");
  assert.equal(state("calls=2"), undefined);
});
