/**
 * The sessions view on the captured `show sess` of each release: its rows, the detail read with its own
 * command, and `k`'s confirmed shutdown, checked against read-only mode and the socket's level first.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../../support/assert.ts";
import { ch, key, opened, run } from "../../support/app.ts";
import { answered, body, commandsOf, messageLine, reply, sends, started } from "./_runtime.ts";
import { RELEASE_LINES } from "../../runtime/_fixtures.ts";

/** The sessions view, answered with a release's capture, the cursor on the held client's row. */
function onHeld(line = "2.6", opts?: Parameters<typeof started>[0]) {
  let [s] = run(started(opts), ch("6"));
  [s] = answered(s, reply(line, "show-sess"));
  [s] = run(s, key("down"));
  return s;
}

for (const line of RELEASE_LINES) {
  Deno.test(`${line}: the sessions view shows each stream of show sess, the held one established`, () => {
    const text = reply(line, "show-sess");
    const s = onHeld(line);
    const rows = body(s).filter((l) => l.startsWith("0x"));
    assertEquals(rows.length, text.split("\n").filter((l) => /^0x[0-9a-f]+: /.test(l)).length);
    const raw = text.split("\n").find((l) => / src=127\.0\.0\.1:\d+ fe=tcp_hold /.test(l))!;
    const [id, src] = [raw.split(":")[0], raw.match(/ src=(\S+)/)![1]];
    assert(
      rows.some((r) => new RegExp(`^${id} +${src} +tcp_hold +tcp_hold +app +\\S+ +EST\\b`).test(r)),
      rows.join("\n"),
    );
    assert(rows.some((r) => /^0x[0-9a-f]+ +unix:1 +GLOBAL /.test(r)), "the CLI's own stream");
  });
}

Deno.test("ENTER reads show sess <id> of the selected stream into its detail, at once", () => {
  let s = onHeld();
  const id = body(s)[3].split(" ")[0];
  let c;
  [s, c] = run(s, key("enter"));
  assert(opened(s).detail);
  assertEquals(commandsOf(s), ["show sess", `show sess ${id}`]);
  assert(c.some((x) => x.type === "refresh"), "read now, not at the next refresh");
  assertMatch(body(s)[0], new RegExp(`^ session ${id}: show sess ${id}`));
  assertEquals(body(s)[2].trim(), `reading show sess ${id}...`);
  [s] = answered(s, reply("2.6", "show-sess"), reply("2.6", "show-sess-id"));
  assert(body(s).some((l) => l.trim().startsWith("frontend=tcp_hold (id=")), body(s).join("\n"));
  [s] = run(s, key("escape"));
  assertEquals(commandsOf(s), ["show sess"], "closed: only the list is read");
});

Deno.test("k asks before shutting the selected stream down; y sends it, n sends nothing", () => {
  let s = onHeld();
  const id = body(s)[3].split(" ")[0];
  let c;
  [s] = run(s, ch("k"));
  const dialog = opened(s).dialog;
  assert(dialog?.kind === "confirm");
  assertMatch(
    dialog.title,
    new RegExp(`^Shut down session ${id} \\(127\\.0\\.0\\.1:\\d+ on tcp_hold/tcp_hold/app\\)\\?$`),
  );
  assertEquals(dialog.commands, [`shutdown session ${id}`]);
  [s, c] = run(s, ch("n"));
  assertEquals(sends(c), []);
  [s, c] = run(s, ch("k"), ch("y"));
  assertEquals(sends(c), [`shutdown session ${id}`]);
});

Deno.test("k is refused before any preview: read-only, level operator, level not known yet", () => {
  const cases: [Parameters<typeof started>[0], RegExp][] = [
    [{ readOnly: true, level: "admin" }, /^read-only mode: no actions, no CLI \(-n\): shutdown session 0x/],
    [
      { level: "operator" },
      /^not sent: needs level admin \(this socket is at level operator\): shutdown session/,
    ],
    [{}, /^not sent: this socket's level is not known yet: shutdown session/],
  ];
  for (const [opts, said] of cases) {
    const [s, c] = run(onHeld("2.6", opts), ch("k"));
    assertEquals(opened(s).dialog, undefined);
    assertEquals(sends(c), []);
    assertMatch(messageLine(s), said);
  }
});

Deno.test("at level user show sess is not asked for, and the view says why", () => {
  let [s] = run(started({ level: "user" }), ch("6"));
  assertEquals(body(s)[2].trim(), "needs level operator (this socket is at level user)");
  [s] = run(started({}), ch("6"));
  [s] = answered(s, "Permission denied\n\n");
  assertEquals(body(s)[2].trim(), "needs level operator", "HAProxy's refusal is said, not shown as rows");
});

Deno.test("y is refused when the session ended since the question (its id may be another stream's now)", () => {
  let [s] = run(onHeld(), ch("k"));
  const held = reply("2.6", "show-sess").split("\n").find((l) =>
    / src=127\.0\.0\.1:\d+ fe=tcp_hold /.test(l)
  )!;
  const id = held.split(":")[0];
  // The next refresh: the held stream is gone, and the CLI's next stream got its address.
  const next = reply("2.6", "show-sess").replace(
    held,
    `${id}: proto=unix_stream src=unix:1 fe=GLOBAL be=<NONE> srv=<none> ts=00 age=0s calls=1 exp=2m`,
  );
  [s] = answered(s, next);
  let c;
  [s, c] = run(s, ch("y"));
  assertEquals(sends(c), []);
  assertEquals(messageLine(s), `not sent: session ${id} has ended since`);
});
