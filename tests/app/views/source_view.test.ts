/**
 * A view of the test's own (the program has its own sessions view, views/sessions.ts), to show what a new
 * view needs: its file (the definition below: a table over the
 * replies of `show sess`, read by src/runtime's parser) and one registration line (`TABS_WITH_SESSIONS`). Its
 * tab, key, help line, filter, sort and detail view come with that, and its rows are read while it is shown.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../../support/assert.ts";
import { ch, key, typeText } from "../../support/app.ts";
import { fixtureSnapshot } from "../../support/snapshots.ts";
import { createApp } from "../../../src/app/mod.ts";
import { TABS } from "../../../src/app/core/registry.ts";
import { helpView } from "../../../src/app/views/help.ts";
import { tableView } from "../../../src/app/views/table.ts";
import { sourceTable } from "../../../src/app/model/source_table.ts";
import type { Command, Config, Event, State } from "../../../src/app/model/state.ts";
import type { TableRow } from "../../../src/app/model/table.ts";
import { parseSessions, type SessionRow } from "../../../src/runtime/mod.ts";
import type { Column } from "../../../src/stats/columns.ts";

// ----------------------------------------------------------------------------------- the view's own file

/** A stream as a row of cells: its `show sess` tokens by name, `id` and `age` (in seconds) besides. */
type Session = TableRow & { readonly id: string; readonly fields: Readonly<Record<string, string>> };

function session(row: SessionRow): Session {
  const age = row.age === undefined ? "" : String(row.age);
  return {
    id: row.id,
    fields: row.fields,
    get: (f) => f === "id" ? row.id : f === "age" ? age : row.fields[f],
  };
}

const SESSIONS = sourceTable<Session>({
  id: "streams",
  commands: () => ["show sess"],
  parse: ([reply]) => parseSessions(reply).map(session),
  key: (row) => row.id,
  names: (
    row,
  ) => [row.id, row.fields.fe ?? "", row.fields.be ?? "", row.fields.srv ?? "", row.fields.src ?? ""],
  detail: (row) => ({
    title: `stream ${row.id}`,
    lines: Object.entries(row.fields).map(([name, value]) => `  ${name.padEnd(24)} ${value}`),
  }),
});

const text = (header: string, field: string, min: number, max: number): Column => ({
  header,
  field,
  min,
  max,
  align: "left",
  format: "text",
  help: header,
});

/** The streams HAProxy holds. */
const sessionsView = tableView({
  id: "streams",
  keys: ["Z"],
  tab: "SESS",
  help: { summary: "the streams HAProxy holds (show sess)" },
  model: SESSIONS,
  source: SESSIONS.source,
  onData: SESSIONS.receive,
  columns: [
    text("ID", "id", 16, 18),
    text("FRONTEND", "fe", 10, 20),
    text("BACKEND", "be", 10, 20),
    text("SERVER", "srv", 8, 20),
    text("CLIENT", "src", 16, 30),
    { header: "AGE", field: "age", min: 6, align: "right", format: "seconds", help: "age" },
  ],
  empty: (s) => SESSIONS.why(s) ?? "waiting for HAProxy...",
  hints: () => ({ tail: ["UP/DOWN=SCROLL"], extra: ["I=INFO", "/=FILTER", "S=SORT"] }),
});

// ------------------------------------------------------------------------------- its registration line

const TABS_WITH_SESSIONS = [...TABS, sessionsView];

// ---------------------------------------------------------------------------------------------- tests

const app = createApp([helpView(TABS_WITH_SESSIONS), ...TABS_WITH_SESSIONS]);
const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };
const SESS = Deno.readTextFileSync(new URL("../../fixtures/runtime/2.6/show-sess.txt", import.meta.url));
const screen = (s: State) => {
  const { buffer } = app.view(s);
  return Array.from({ length: buffer.height }, (_, y) => buffer.text(y));
};
/** The app's update over the events, in order: the last state and every command. */
function go(s: State, ...events: Event[]): [State, Command[]] {
  const commands: Command[] = [];
  for (const e of events) {
    const [next, c] = app.update(s, e);
    s = next;
    commands.push(...c);
  }
  return [s, commands];
}
const level = (l: "user" | "admin"): Event => ({ type: "level", level: l, now: 1 });
const replies = (reply: string): Event => ({
  type: "sourceData",
  view: "streams",
  instance: "/a.sock",
  commands: ["show sess"],
  replies: [reply],
  now: 2,
});
/** Monitoring the 2.6 capture, at level admin. */
const started = () =>
  go(app.init(config, { columns: 100, rows: 30 }, "status", 0), {
    type: "snapshot",
    snapshot: fixtureSnapshot(),
    seq: 0,
    now: 1,
  }, level("admin"))[0];

Deno.test("a new view: its tab, key and help line come from its registration; its rows from show sess", () => {
  let [s, c] = go(started(), ch("Z"));
  assertEquals(s.view, "streams");
  assert(c.some((x) => x.type === "refresh"), "read at once, not a refresh later");
  assertEquals(app.poll(s, "/a.sock"), { view: "streams", commands: ["show sess"] });
  assertEquals(app.poll(go(s, ch("1"))[0], "/a.sock"), undefined, "not read while another view is shown");
  let lines = screen(s);
  assert(lines[29].startsWith(" 1-STATUS  2-TRAFFIC  3-HTTP  4-ERRORS  5-CLI  Z-SESS "), lines[29]);
  assertEquals(lines[13].trim(), "waiting for HAProxy...");
  [s] = go(s, replies(SESS));
  lines = screen(s);
  assertMatch(lines[11], /^ID +FRONTEND +BACKEND +SERVER +CLIENT +AGE/);
  assert(
    lines.some((l) => /^0x55f739321240 +tcp_hold +tcp_hold +app +127\.0\.0\.1:33704/.test(l)),
    lines.join("\n"),
  );
  assertEquals(lines.filter((l) => l.startsWith("0x")).length, 3);
  assert(app.views[0].help.summary === "this help");
  const help = (app.views[0] as ReturnType<typeof helpView>).lines;
  assert(
    help.some((l) => /^ {2}Z {2}SESS +the streams HAProxy holds \(show sess\)$/.test(l)),
    "the help lists it",
  );
  [, c] = go(s, ch("5"));
  assertEquals(c.filter((x) => x.type === "refresh"), [], "the CLI reads nothing of its own");
});

Deno.test("a new view filters, sorts and opens a row's detail as the stat views do", () => {
  let [s] = go(started(), ch("Z"), replies(SESS));
  [s] = go(s, ch("/"), ...typeText("tcp_hold"), key("enter"));
  assertEquals(screen(s).filter((l) => l.startsWith("0x")).length, 1);
  assertMatch(screen(s)[28], /Filter "tcp_hold": 1 matching/);
  [s] = go(s, key("escape"), ch("s"), ch("S"));
  assertMatch(screen(s)[11], /^IDv /);
  const ids = screen(s).filter((l) => l.startsWith("0x")).map((l) => l.split(" ")[0]);
  assertEquals(ids, ["0x7fc65403a870", "0x55f739358fc0", "0x55f739321240"]);
  [s] = go(s, key("end"), ch("i"));
  const lines = screen(s);
  assertMatch(lines[11], /^ stream 0x55f739321240/);
  assert(lines.some((l) => /^ {2}fe +tcp_hold$/.test(l.trimEnd())), lines.join("\n"));
  [s] = go(s, key("escape"));
  assertMatch(screen(s)[11], /^IDv /, "ESC closes the detail view");
});

Deno.test("a new view on a socket below its commands' level sends nothing and says why", () => {
  let [s] = go(started(), level("user"), ch("Z"));
  assertEquals(app.poll(s, "/a.sock"), undefined, "show sess needs level operator: not sent");
  assertEquals(screen(s)[13].trim(), "needs level operator (this socket is at level user)");
  [s] = go(go(started(), ch("Z"))[0], { type: "level", now: 1 }, replies("Permission denied\n"));
  assertMatch(screen(s)[13], /needs level operator/, "a refusal in the reply is said, not shown as rows");
});
