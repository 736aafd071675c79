/**
 * The first minute in tmux against a real HAProxy (the mixed lab, every release): the cursor starts on the
 * first row and rests only on rows (never a blank line or a `>>>` heading) across arrows, pages, HOME/END and
 * a filter, on a screen small enough to scroll; in -n the title bar says READ-ONLY in every view, and the
 * hotkey and actions menus say what is unavailable and why (read-only; a user-level socket), sending no
 * write (proved by a recording relay).
 *
 * @module
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startMixedLab } from "../support/lab.ts";
import { footer, startHatop } from "../support/program.ts";
import { cursorIndex } from "../support/fleet.ts";
import { START_MS } from "../support/lab_queries.ts";
import { poll } from "../support/poll.ts";
import { startRecorder } from "../support/recorder.ts";
import type { TmuxSession } from "../support/tmux.ts";

/** A row of the table: its proxy and service names. */
interface Row {
  readonly px: string;
  readonly sv: string;
}

/** The table's rows in the monitor's order, from `show stat`: per proxy its FRONTEND, servers, BACKEND. */
function tableRows(csv: string): Row[] {
  const lines = csv.trim().split("\n");
  const header = lines[0].replace(/^# /, "").split(",");
  const col = (name: string) => header.indexOf(name);
  const groups = new Map<string, { row: Row; rank: number; sid: number }[]>();
  for (const line of lines.slice(1)) {
    const c = line.split(",");
    const [px, sv, type, sid] = [
      c[col("pxname")],
      c[col("svname")],
      Number(c[col("type")]),
      Number(c[col("sid")]),
    ];
    const rank = type === 0 ? 0 : type === 1 ? 2 : 1;
    groups.set(px, [...(groups.get(px) ?? []), { row: { px, sv }, rank, sid }]);
  }
  return [...groups.values()].flatMap((g) =>
    g.sort((a, b) => a.rank - b.rank || a.sid - b.sid).map((r) => r.row)
  );
}

// deno-lint-ignore no-control-regex
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "");

/**
 * Waits until the cursor (the reversed body line) is on a row that `want` accepts, and returns it: its
 * service is the line's first word, its proxy the one the message line names (without a filter) or the
 * `>>>` heading above it. A cursor on a blank line or a `>>>` heading never satisfies this.
 */
async function cursorOn(tmux: TmuxSession, rows: readonly Row[], want: (row: Row) => boolean): Promise<Row> {
  let last = "";
  return await poll("the cursor on a row", 10_000, async () => {
    const styled = await tmux.captureStyled();
    const lines = styled.split("\n").map(plain);
    last = lines.join("\n");
    const at = cursorIndex(styled);
    if (at < 0) return undefined;
    const name = lines[at].split(/\s+/)[0];
    const named = /^ ([^/\s]+)\/(\S+): /.exec(lines[lines.length - 2]);
    const heading = lines.slice(0, at).findLast((l) => l.startsWith(">>> "))?.slice(4);
    const px = named ? (named[2] === name ? named[1] : undefined) : heading;
    const row = rows.find((r) => r.sv === name && r.px === px);
    return row && want(row) ? row : undefined;
  }, { detail: () => `screen:\n${last}` });
}

const same = (a: Row) => (b: Row) => a.px === b.px && a.sv === b.sv;

Deno.test("first minute: the cursor on rows only; READ-ONLY in -n; menus say what is unavailable", async (t) => {
  await using lab = await startMixedLab();
  const rows = tableRows(await lab.command("show stat"));
  assert(rows.length >= 10, `rows: ${rows.length}`);

  await t.step(
    "the cursor starts on the first row and rests only on rows: arrows, pages, HOME/END, filter",
    async () => {
      // 22 rows: a body of a few lines, so that moving scrolls past headings and blank lines.
      await using tmux = await startHatop(["-s", lab.sockets.admin, "-i", "1"], { columns: 100, rows: 22 });
      await tmux.waitFor(">>> fake_app", START_MS);
      await cursorOn(tmux, rows, same(rows[0]));
      for (const row of rows.slice(1)) {
        await tmux.send("Down");
        await cursorOn(tmux, rows, same(row));
      }
      for (const row of rows.slice(0, -1).reverse()) {
        await tmux.send("Up");
        await cursorOn(tmux, rows, same(row));
      }
      await tmux.send("End");
      await cursorOn(tmux, rows, same(rows[rows.length - 1]));
      await tmux.send("Home");
      await cursorOn(tmux, rows, same(rows[0]));
      await tmux.send("NPage");
      const paged = await cursorOn(tmux, rows, (r) => !same(rows[0])(r));
      await tmux.send("NPage");
      await cursorOn(tmux, rows, (r) => rows.findIndex(same(r)) > rows.findIndex(same(paged)));
      await tmux.send("PPage");
      await cursorOn(tmux, rows, (r) => rows.findIndex(same(r)) < rows.length - 1);
      await tmux.send("PPage", "PPage");
      await cursorOn(tmux, rows, same(rows[0]));
      // A filter: its heading comes first, the cursor goes to its first row; ESC keeps that row.
      await tmux.send("/");
      await tmux.sendText("be_tcp");
      await tmux.send("Enter");
      await tmux.waitFor(/^>>> be_tcp$/m);
      const first = rows.find((r) => r.px === "be_tcp")!;
      await cursorOn(tmux, rows, same(first));
      await tmux.send("Escape");
      await tmux.waitForAll((s) => !s.includes('Filter "be_tcp"'), /^s6 /m);
      await cursorOn(tmux, rows, same(first));
    },
  );

  await t.step(
    "-n: READ-ONLY in the title bar of every view; the menus grey every entry and send nothing",
    async () => {
      await using relay = await startRecorder(lab.sockets.admin);
      await using tmux = await startHatop(["-s", relay.path, "-i", "1", "-n"]);
      await tmux.waitFor(">>> be_app", START_MS);
      const title = /^ hatop version \S+ +READ-ONLY /;
      const views: [string, RegExp][] = [
        ["2", /^NAME\s+W\s+STATUS\s+LBTOT/m],
        ["3", /^NAME\s+W\s+STATUS\s+RATE\s+RMAX\s+RTOT\s+1xx/m],
        ["4", /^NAME\s+W\s+STATUS\s+CHECK\s+CF/m],
        ["h", /hatop online help/],
        ["1", /^NAME\s+W\s+STATUS\s+CHECK\s+ACT/m],
      ];
      for (const [key, shown] of views) {
        await tmux.send(key);
        await tmux.waitForAll(shown, (s) => title.test(s.split("\n")[0]));
      }
      // ENTER on s1 opens the hotkey menu in -n too: every F-key greyed, the reason on the message line.
      const s1 = rows.find((r) => r.px === "be_app" && r.sv === "s1")!;
      for (let i = 0; i < rows.findIndex(same(s1)); i++) await tmux.send("Down");
      await cursorOn(tmux, rows, same(s1));
      await tmux.send("Enter");
      const menu = await tmux.waitForAll(/^ HOTKEYS: /m, /^ F1-F11 unavailable: read-only mode \(-n\)$/m);
      assert(footer(menu).includes("F10="), footer(menu));
      // The F-keys are drawn dim (SGR 2) in the footer.
      const dim = new RegExp("\x1b\\[(?:\\d+;)*2(?:;\\d+)*m[^\\n]*F1=");
      assert(dim.test((await tmux.captureStyled()).split("\n").at(-1) ?? ""), "the entries are drawn dim");
      await tmux.send("F10");
      await tmux.waitFor(/read-only mode: no actions, no CLI \(-n\)/);
      // ESC and `a` one after the other (sent together they would read as ALT-a).
      await tmux.send("Escape");
      await tmux.waitFor((s) => !footer(s).includes("HOTKEYS:"));
      await tmux.send("a");
      await tmux.waitForAll(/Actions on be_app\/s1: unavailable/, /! read-only mode \(-n\)/);
      await tmux.send("m");
      await tmux.waitForAll((s) => !s.includes("Actions on"), /read-only mode: no actions/);
      // Keys are handled in order: once mode 2 shows, every key above was; one more refresh proves that any
      // command they caused reached the socket.
      await tmux.send("2");
      await tmux.waitFor(/^NAME\s+W\s+STATUS\s+LBTOT/m);
      const count = () => relay.commands().filter((c) => c === "show info").length;
      const before = count();
      await poll("a refresh after the keys", 10_000, () => (count() > before + 1 ? true : undefined));
      const allowed = /^(prompt|set timeout cli \d+|show info|show stat( .*)?|show cli level|quit)$/;
      assertEquals(relay.commands().filter((c) => !allowed.test(c)), [], "no write was sent");
    },
  );

  await t.step("a user-level socket: the hotkey menu greys every F-key and names the level", async () => {
    await using tmux = await startHatop(["-s", lab.sockets.user, "-i", "1"]);
    await tmux.waitFor(">>> be_app", START_MS);
    const s6 = rows.find((r) => r.px === "be_app" && r.sv === "s6")!;
    for (let i = 0; i < rows.findIndex(same(s6)); i++) await tmux.send("Down");
    await cursorOn(tmux, rows, same(s6));
    await tmux.send("Enter");
    await tmux.waitForAll(
      /^ HOTKEYS: /m,
      /^ F1-F11 unavailable: this socket's level is user; server actions need level admin$/m,
    );
    assert(!(await tmux.capture()).split("\n")[0].includes("READ-ONLY"), "not read-only: only the level");
    await tmux.send("F2");
    await tmux.waitFor(/not sent: this socket's level is user/);
    assertEquals((await lab.command("show servers state be_app")).includes("s6"), true);
  });
});
