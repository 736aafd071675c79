/**
 * End-to-end tests of the monitor with labs of their own: scrolling a table longer than the screen, and
 * HAProxy going away and coming back on the same socket while the monitor runs.
 *
 * @module
 */
import { assert, assertEquals } from "../support/assert.ts";
import { manyServersBody, startLab } from "../support/lab.ts";
import { footer, rowLine, startHatop } from "../support/program.ts";
import { idsOf, START_MS } from "../support/lab_queries.ts";

Deno.test("monitor: PGDOWN and END reach the last server and the BACKEND line of 60 servers; HOME returns", async () => {
  await using lab = await startLab(manyServersBody(60));
  await using tmux = await startHatop(["-s", lab.sockets.admin, "-i", "1"], { columns: 80, rows: 25 });
  let screen = await tmux.waitFor(">>> be_0000", START_MS);
  assert(screen.includes(">>> fe_0"), screen);
  assert(rowLine(screen, "srv_00059") === undefined, "the last server fits the first screen: no scrolling");

  const last = (s: string) => rowLine(s, "srv_00059") !== undefined && rowLine(s, "BACKEND") !== undefined;
  const pages = Array.from({ length: 8 }, () => "NPage");
  await tmux.send(...pages);
  screen = await tmux.waitFor(last);
  assert(!screen.includes(">>> fe_0"), screen);
  // The cursor is on the last line, the backend (sid 0).
  assert(/\[#\d+\/#0\]$/.test(footer(screen)), footer(screen));

  await tmux.send("Home");
  // HOME: the first row (fe_0's FRONTEND, under `>>> fe_0`), never the heading.
  const frontend = await idsOf(lab, "fe_0", "FRONTEND");
  screen = await tmux.waitFor((s) => s.includes(">>> fe_0") && footer(s).endsWith(frontend));
  assert(rowLine(screen, "srv_00059") === undefined, screen);

  await tmux.send("End");
  screen = await tmux.waitFor(last);
  assert(/\[#\d+\/#0\]$/.test(footer(screen)), footer(screen));
  await tmux.send("q");
  assertEquals(await tmux.exitStatus(), 0);
});

Deno.test("monitor: HAProxy stopped shows DISCONNECTED and keeps running; back on the same socket, the table returns", async () => {
  await using lab = await startLab(async ({ port }) =>
    `defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s

frontend fe_web
    bind 127.0.0.1:${await port()}
    default_backend be_web

backend be_web
    server web1 127.0.0.1:${await port()}
`
  );
  await using tmux = await startHatop(["-s", lab.sockets.admin, "-i", "1"]);
  await tmux.waitFor(">>> be_web", START_MS);
  const pidBefore = lab.pid;

  await lab.kill();
  let screen = await tmux.waitFor("DISCONNECTED", 15_000);
  assert(screen.includes("web1"), "the last data stays on screen");
  await tmux.pid(); // still running (throws once the program has exited)

  await lab.restart();
  assert(lab.pid !== pidBefore);
  screen = await tmux.waitFor((s) => !s.includes("DISCONNECTED") && s.includes(`PID: ${lab.pid} `), 20_000);
  assert(screen.includes(">>> be_web"), screen);
  assert(rowLine(screen, "web1") !== undefined, screen);
  await tmux.send("q");
  assertEquals(await tmux.exitStatus(), 0);
});
