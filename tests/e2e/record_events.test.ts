/**
 * Recording a real HAProxy while the test changes its states through the runtime API: a server disabled,
 * one drained, a weight set, and health checks that start failing (a map entry makes the health endpoint
 * answer 503) so that a backend loses its last server, and recover. `--replay --events` must list exactly
 * those transitions, in order, each dated between the change and the refresh that showed it; and every
 * recorded moment replays as the JSON the recorder printed live at that moment.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { checkOf, HTTP_DEFAULTS, type LabContext, startLab, statusOf } from "../support/lab.ts";
import { runHatop } from "../support/program.ts";
import {
  batchOf,
  recordingDir,
  replayEvents,
  replayJson,
  rowOf,
  seriesArgs,
  type SeriesLine,
  startRecorder,
} from "../support/recording.ts";

/** be_app s1-s4 and be_last l1, all checked every 200 ms; s3 and l1 against `flaky`, which `down.map` fails. */
async function body({ dir, port }: LabContext): Promise<string> {
  const [ok, flaky] = [await port(), await port()];
  await Deno.writeTextFile(`${dir}/down.map`, "");
  return `${HTTP_DEFAULTS}
listen health_ok
    bind 127.0.0.1:${ok}
    http-request return status 200 content-type text/plain string ok

listen health_flaky
    bind 127.0.0.1:${flaky}
    http-request return status 503 content-type text/plain string down if { str(x),map(${dir}/down.map) -m found }
    http-request return status 200 content-type text/plain string ok

backend be_app
    option httpchk GET /
    default-server inter 200ms fastinter 100ms downinter 200ms rise 1 fall 1
    server s1 127.0.0.1:${ok} check
    server s2 127.0.0.1:${ok} check
    server s3 127.0.0.1:${flaky} check
    server s4 127.0.0.1:${ok} check

backend be_last
    option httpchk GET /
    default-server inter 200ms fastinter 100ms downinter 200ms rise 1 fall 1
    server l1 127.0.0.1:${flaky} check
`;
}

const status = (line: SeriesLine, key: string) => String(rowOf(line, key)?.status);
const check = (line: SeriesLine, key: string) => String(rowOf(line, key)?.check_status).replace(/^\* /, "");
/** Whether the row's last check has ended with `code` (while a check runs, 3.x reads its code as 0). */
const finished = (line: SeriesLine, key: string, code: string) =>
  !String(rowOf(line, key)?.check_status).startsWith("* ") && String(rowOf(line, key)?.check_code) === code;

/** One change the test makes: the command, when the recorder has shown its result, and the events it makes. */
interface Change {
  readonly command: string;
  readonly shown: (line: SeriesLine) => boolean;
  /** [service, kind, field, before, after]. */
  readonly events: readonly (readonly string[])[];
}

Deno.test("--replay --events lists the transitions the test made, in order, at their times", async () => {
  await using lab = await startLab(body, { node: "rec-lab" });
  // The first checks done (INI -> L7OK) before recording starts: the recording holds the test's changes only.
  const servers = [["be_app", "s1"], ["be_app", "s2"], ["be_app", "s3"], ["be_app", "s4"], ["be_last", "l1"]];
  await lab.waitForStat((csv) =>
    servers.every(([px, sv]) => statusOf(csv, px, sv) === "UP" && checkOf(csv, px, sv) === "L7OK")
  );
  const settled = (l: SeriesLine) =>
    servers.every(([px, sv]) => status(l, `${px}/${sv}`) === "UP" && check(l, `${px}/${sv}`) === "L7OK");
  await using tmp = await recordingDir();
  const file = `${tmp.dir}/lab.rec`;
  const map = `${lab.dir}/down.map`;
  const down = ["L7OK", "L7STS", "200", "503"];
  const changes: Change[] = [
    {
      command: "disable server be_app/s1",
      shown: (l) => status(l, "be_app/s1") === "MAINT",
      events: [["be_app/s1", "admin", "status", "UP", "MAINT"]],
    },
    {
      command: "set server be_app/s2 state drain",
      shown: (l) => status(l, "be_app/s2") === "DRAIN",
      events: [["be_app/s2", "admin", "status", "UP", "DRAIN"]],
    },
    {
      command: "set weight be_app/s4 7",
      shown: (l) => rowOf(l, "be_app/s4")?.weight === 7,
      events: [["be_app/s4", "weight", "weight", "1", "7"]],
    },
    {
      command: `add map ${map} x 1`,
      shown: (l) =>
        status(l, "be_app/s3") === "DOWN" && status(l, "be_last/BACKEND") === "DOWN" &&
        finished(l, "be_app/s3", "503") && finished(l, "be_last/l1", "503"),
      events: [
        ["be_app/s3", "status", "status", "UP", "DOWN"],
        ["be_app/s3", "check", "check_status", down[0], down[1]],
        ["be_app/s3", "check", "check_code", down[2], down[3]],
        ["be_last/l1", "status", "status", "UP", "DOWN"],
        ["be_last/l1", "check", "check_status", down[0], down[1]],
        ["be_last/l1", "check", "check_code", down[2], down[3]],
        ["be_last/BACKEND", "status", "status", "UP", "DOWN"],
        ["be_last/BACKEND", "last-server", "act+bck", "1", "0"],
      ],
    },
    {
      command: `del map ${map} x`,
      shown: (l) =>
        status(l, "be_app/s3") === "UP" && status(l, "be_last/BACKEND") === "UP" &&
        finished(l, "be_app/s3", "200") && finished(l, "be_last/l1", "200"),
      events: [
        ["be_app/s3", "status", "status", "DOWN", "UP"],
        ["be_app/s3", "check", "check_status", down[1], down[0]],
        ["be_app/s3", "check", "check_code", down[3], down[2]],
        ["be_last/l1", "status", "status", "DOWN", "UP"],
        ["be_last/l1", "check", "check_status", down[1], down[0]],
        ["be_last/l1", "check", "check_code", down[3], down[2]],
        ["be_last/BACKEND", "status", "status", "DOWN", "UP"],
      ],
    },
  ];
  await using recorder = startRecorder(seriesArgs(lab.sockets.admin, 0, file));
  await recorder.waitForLine("every server UP with L7OK", settled);
  const windows: [number, number][] = [];
  for (const change of changes) {
    const seenBefore = recorder.lines.length;
    const sent = Date.now();
    assertEquals((await lab.command(change.command)).trim(), "", change.command);
    const shown = await recorder.waitForLine(
      change.command,
      (l) => recorder.lines.indexOf(l) >= seenBefore && change.shown(l),
    );
    windows.push([sent, Date.parse(shown.time)]);
  }
  const { code, stderr } = await recorder.stop("SIGTERM");
  assertEquals([code, stderr], [0, ""], "SIGTERM ends the series cleanly");
  const lines = recorder.lines;

  const events = await replayEvents(file);
  const expected = changes.flatMap((c) => c.events);
  const got = events.map((e) => [`${e.proxy}/${e.service}`, e.kind, e.field, e.before, e.after]);
  // Each change's events come after the previous change's, and are dated between the change and the refresh
  // that showed it (the refresh may start a moment before the reply that holds the change).
  let at = 0;
  changes.forEach((change, i) => {
    const mine = got.slice(at, at + change.events.length);
    const sort = (list: readonly (readonly string[])[]) => [...list].map((e) => e.join(" ")).sort();
    assertEquals(sort(mine), sort(change.events), change.command);
    for (const e of events.slice(at, at + change.events.length)) {
      const t = Date.parse(e.time);
      assert(t >= windows[i][0] - 1000 && t <= windows[i][1], `${e.service} ${e.field} at ${e.time}`);
      assertEquals(e.instance, lab.sockets.admin);
    }
    at += change.events.length;
  });
  assertEquals(got.length, expected.length, `no other event: ${JSON.stringify(got.slice(at))}`);

  // Every moment replays as the recorder printed it live, field for field.
  const all = await runHatop(["--replay", file, "--batch", "--format", "json", "--count", "0"]);
  assertEquals(all.code, 0, all.stderr);
  const replayed = all.stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
  assertEquals(replayed, lines.map((l) => JSON.parse(JSON.stringify(l))));
  const middle = lines[Math.floor(lines.length / 2)];
  assertEquals(
    await replayJson(file, middle.time),
    batchOf(middle),
    "one moment by --at, as --batch prints it",
  );
});
