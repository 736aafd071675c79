/**
 * The views over runtime-API commands (certificates, errors captured, process, resolvers, peers, event
 * rings) on a real HAProxy of the release under test (the runtime lab: certificates expiring in 3, 20 and
 * 365 days, captured bad requests, a resolvers and a peers section, an event ring): `--batch --view` rows
 * against the command's own raw reply, `--check --cert-days`, the monitor in tmux (the certificates by
 * expiry and marked, the palette, the captured bytes), a user-level socket's reasons, and -n sending reads only.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { footer, runHatop, startHatop } from "../support/program.ts";
import { startRecorder } from "../support/recorder.ts";
import { START_MS } from "../support/lab_queries.ts";
import { RUNTIME_NAMES as N, startRuntimeLab } from "../../scripts/lab/runtime_lab.ts";
import { versionAtLeast } from "../../src/runtime/mod.ts";

type Row = Record<string, string | number>;

/** `--batch --format json --view NAME` on a socket: its exit code and the JSON it printed. */
async function batchJson(socket: string, view: string) {
  const r = await runHatop(["-s", socket, "--batch", "--format", "json", "--view", view]);
  return {
    code: r.code,
    stderr: r.stderr,
    json: JSON.parse(r.stdout) as { view: string; rows: Row[]; unsupported?: string },
  };
}

/** The `Key: value` fields of one raw `show ssl cert <file>` reply. */
function rawFields(text: string): Map<string, string> {
  return new Map(
    text.split("\n").filter((l) => l.includes(": ")).map((
      l,
    ) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]),
  );
}

Deno.test("runtime views on the runtime lab", async (t) => {
  await using lab = await startRuntimeLab();

  await t.step(
    "--batch --view certs: every file of show ssl cert, soonest expiry first, days and marks",
    async () => {
      const before = Date.now();
      const { code, json } = await batchJson(lab.sockets.admin, "certs");
      assertEquals([code, json.view], [0, "certs"]);
      const files = (await lab.command("show ssl cert")).split("\n").filter((l) => l.startsWith("/"));
      assertEquals(new Set(json.rows.map((r) => r.file)), new Set(files));
      const raw: Map<string, string>[] = [];
      for (const f of files) raw.push(rawFields(await lab.command(`show ssl cert ${f}`)));
      assertEquals(raw.map((r) => r.get("Filename")), files, "each file's own details");
      const notAfter = (file: unknown) => Date.parse(raw[files.indexOf(String(file))].get("notAfter")!);
      const ends = json.rows.map((r) => notAfter(r.file));
      assertEquals(ends, [...ends].sort((a, b) => a - b), "soonest expiry first");
      for (const r of json.rows) {
        const days = Math.floor((notAfter(r.file) - before) / 86_400_000);
        assert(r.days === days || r.days === days - 1, `${r.file}: ${r.days} days, raw says ${days}`);
        assertEquals(r.subject, raw[files.indexOf(String(r.file))].get("Subject")!.match(/CN=([^/]+)/)![1]);
      }
      assertEquals(json.rows.map((r) => r.subject), ["exp3.lab.test", "exp20.lab.test", "exp365.lab.test"]);
      assertEquals(json.rows.map((r) => r.expiry), ["ALARM", "WARN", "ok"]);
      const text = await runHatop(["-s", lab.sockets.admin, "--batch", "--view", "certs"]);
      assertEquals(text.code, 0);
      const lines = text.stdout.trimEnd().split("\n");
      assertMatch(lines[0], /^DAYS EXPIRY NOT AFTER +SUBJECT +SAN +ISSUER +FILE$/);
      assertMatch(lines[1], /^ +\d ALARM .* exp3\.lab\.test .*exp3\.pem$/);
    },
  );

  await t.step(
    "--check --cert-days 7 fails naming the 3-day certificate; 1 day passes the certificates",
    async () => {
      const r = await runHatop(["-s", lab.sockets.admin, "--check", "--cert-days", "7"]);
      assertEquals(r.code, 1, r.stdout + r.stderr);
      assertMatch(
        r.stdout,
        /^certificate \S+\/exp3\.pem \(exp3\.lab\.test\) expires in [0-2] days, on \S+$/m,
      );
      assert(!r.stdout.includes("exp20"), r.stdout);
      assertMatch(r.stdout, /^1 certificate expiring within 7 days$/m);
      const json = await runHatop([
        "-s",
        lab.sockets.admin,
        "--check",
        "--cert-days",
        "30",
        "--format",
        "json",
      ]);
      const certs = JSON.parse(json.stdout).certificates as Row[];
      assertEquals(certs.map((c) => c.subject), ["exp3.lab.test", "exp20.lab.test"]);
      const none = await runHatop(["-s", lab.sockets.admin, "--check", "--cert-days", "0"]);
      assertMatch(none.stdout, /^0 certificates expiring within 0 days$/m);
      const user = await runHatop(["-s", lab.sockets.user, "--check", "--cert-days", "7"]);
      assertEquals(user.code, 1);
      assertMatch(
        user.stdout,
        /^certificates cannot be read: needs level operator \(this socket is at level user\)$/m,
      );
    },
  );

  await t.step(
    "--batch --view errors, process, resolvers, peers, rings: rows of the raw replies",
    async () => {
      const errors = await batchJson(lab.sockets.admin, "errors");
      const heads = [
        ...(await lab.command("show errors")).matchAll(
          /^\[[^\]]+\] (frontend|backend) (\S+) \(#\d+\): invalid (request|response)$/gm,
        ),
      ];
      assertEquals(errors.json.rows.map((r) => [r.proxy, r.direction]), heads.map((m) => [m[2], m[3]]));
      assert(errors.json.rows.some((r) => r.proxy === N.frontend));

      const process = await batchJson(lab.sockets.admin, "process");
      const info = (await lab.command("show info")).split("\n").filter((l) => l.includes(": ")).map((l) =>
        l.split(":")[0]
      );
      assertEquals(process.json.rows.filter((r) => r.section === "info").map((r) => r.name), info);
      assertEquals(process.json.rows.find((r) => r.name === "Version")?.value, lab.version);
      const activity = (await lab.command("show activity")).split("\n").filter((l) =>
        /^\w+:/.test(l) && !l.startsWith("thread_id")
      );
      assertEquals(
        process.json.rows.filter((r) => r.section === "activity").map((r) => r.name),
        activity.map((l) => l.split(":")[0]),
      );
      const threads = (await lab.command("show threads")).match(/Thread \d+ :/g)!.length;
      const wq = process.json.rows.find((r) => r.section === "threads" && r.name === "wq")!;
      assertEquals(Object.keys(wq).filter((k) => /^t\d+$/.test(k)).length, threads);
      const pools = (await lab.command("show pools")).match(/^\s*- Pool /gm)!.length;
      assertEquals(process.json.rows.filter((r) => r.section === "pools").length, pools + 1);

      const resolvers = await batchJson(lab.sockets.admin, "resolvers");
      const rawResolvers = await lab.command("show resolvers");
      const nameservers = [...rawResolvers.matchAll(/^ nameserver (.+):$/gm)].map((m) => m[1]);
      assertEquals(resolvers.json.rows.map((r) => r.nameserver), nameservers);
      assert(resolvers.json.rows.some((r) => r.section === "lab_dns"));

      const peers = await batchJson(lab.sockets.admin, "peers");
      const ids = [
        ...(await lab.command("show peers")).matchAll(/^\s+0x[0-9a-f]+: id=([^(\s]+)\((local|remote),/gm),
      ];
      assertEquals(peers.json.rows.map((r) => [r.peer, r.side]), ids.map((m) => [m[1], m[2]]));

      const before = (await lab.command("show events lab_events")).split("\n").filter((l) =>
        l.startsWith("<")
      );
      const rings = await batchJson(lab.sockets.admin, "rings");
      const messages = new Set(rings.json.rows.filter((r) => r.ring === "lab_events").map((r) => r.message));
      assert(before.length > 0);
      for (const raw of before) assert(messages.has(raw.replace(/^.*?\]: /, "")), raw);
    },
  );

  await t.step(
    "a user-level socket: each view needing operator says so (exit 1); resolvers works",
    async () => {
      for (const view of ["certs", "errors", "rings"]) {
        const r = await batchJson(lab.sockets.user, view);
        assertEquals([r.code, r.json.rows], [1, []], view);
        assertEquals(r.json.unsupported, "needs level operator (this socket is at level user)");
        assertMatch(r.stderr, /needs level operator/);
      }
      assertEquals((await batchJson(lab.sockets.user, "resolvers")).code, 0);
      // show activity needs level operator from 3.0: left out there (and said), the rest still read.
      const activityAtUser = await lab.command("show activity");
      const process = await batchJson(lab.sockets.user, "process");
      assertEquals(process.code, 0);
      const activity = process.json.rows.filter((r) => r.section === "activity").map((r) => r.name);
      if (versionAtLeast(lab.version, "3.0")) assertEquals(activity, ["(not read)"]);
      else assert(activity.length > 1 && !activity.includes("(not read)"), activity.join(" "));
      assert(activityAtUser.startsWith("thread_id"), "the admin socket reads it on every release");
      assert(process.json.rows.some((r) => r.section === "pools"));
    },
  );

  await t.step(
    "monitor: --view certs by expiry, ALARM red and WARN yellow; the palette; the bytes of an error",
    async () => {
      await using tmux = await startHatop(["-s", lab.sockets.admin, "-i", "1", "--view", "certs"]);
      const screen = await tmux.waitForAll(
        /^ +DAYS EXPIRY +NOT AFTER +SUBJECT/m,
        /^ +[0-2] ALARM .*exp3\.lab\.test/m,
        /^ +1[89] WARN .*exp20\.lab\.test/m,
        /^ +36[45] ok .*exp365\.lab\.test/m,
        (s) => footer(s).includes(" 9-CERTS "),
      );
      const rows = screen.split("\n").filter((l) => /^ +\d+ (ALARM|WARN|ok) /.test(l));
      assertEquals(rows.map((l) => l.trim().split(/\s+/)[1]), ["ALARM", "WARN", "ok"]);
      const styled = await tmux.captureStyled();
      // The SGR sequence before the mark sets the foreground: 31 red, 33 yellow.
      const esc = String.fromCharCode(27);
      const colourBefore = (mark: string) =>
        new RegExp(`${esc}\\[[0-9;]*(3[0-7])[0-9;]*m[^${esc}]*${mark}`).exec(styled)?.[1];
      assertEquals(colourBefore("ALARM"), "31", "ALARM in red");
      assertEquals(colourBefore("WARN"), "33", "WARN in yellow");
      await tmux.sendText(":");
      await tmux.waitForAll("Views and actions", /^ {2}0 +view errors: /m);
      await tmux.sendText("errors");
      await tmux.waitFor(/^ :errors /m);
      await tmux.send("Enter");
      await tmux.waitForAll(
        /^TIME +PROXY +EVENT/m,
        new RegExp(`^\\S+ +${N.frontend} +request `, "m"),
        (s) => footer(s).includes(" 0-CAPTURES "),
      );
      await tmux.send("Home");
      await tmux.waitFor(/fe_rt from 127\.0\.0\.1:\d+ \(i shows the bytes\)/);
      await tmux.sendText("i");
      await tmux.waitForAll(
        /invalid request captured by fe_rt/,
        /Bad Header\\r\\n/,
        /\^ error at position \d+/,
      );
    },
  );

  await t.step(
    "monitor on a user-level socket: the views needing operator say why in their body",
    async () => {
      await using tmux = await startHatop(["-s", lab.sockets.user, "-i", "1", "--view", "certs"]);
      await tmux.waitForAll(
        /^ +DAYS EXPIRY/m,
        /^ {2}needs level operator \(this socket is at level user\)$/m,
      );
      await tmux.sendText("0");
      await tmux.waitForAll(/^TIME +PROXY/m, /^ {2}needs level operator \(this socket is at level user\)$/m);
      await tmux.sendText("R");
      await tmux.waitFor(/^lab_dns +ns1 /m);
    },
  );

  await t.step(
    "-n: every runtime view and the palette send reads only (recorded at the socket)",
    async () => {
      await using relay = await startRecorder(lab.sockets.admin);
      await using tmux = await startHatop(["-s", relay.path, "-i", "1", "-n", "--view", "certs"]);
      await tmux.waitFor(/ALARM .*exp3\.lab\.test/m, START_MS);
      const views: [string, RegExp][] = [
        ["0", /^TIME +PROXY +EVENT/m],
        ["P", /^SECTION +NAME +VALUE +T1/m],
        ["R", /^lab_dns +ns1 /m],
        ["E", /^lab_peers +remote +remote /m],
        ["V", /^lab_events +\d+ /m],
      ];
      for (const [key, shows] of views) {
        await tmux.sendText(key);
        await tmux.waitFor(shows);
      }
      await tmux.sendText(":");
      await tmux.sendText("certs");
      await tmux.send("Enter");
      await tmux.waitFor(/ALARM .*exp3\.lab\.test/m);
      const sent = relay.commands().map((c) => c.trim()).filter((c) => c !== "" && c !== "prompt");
      // The session's own idle timeout is set once, as in every run (not HAProxy's state).
      const reads =
        /^(?:show (?:info|stat|cli level|ssl cert|errors|activity|threads|pools|resolvers|peers|events)\b|prompt|quit|set timeout cli \d+$)/;
      assertEquals(sent.filter((c) => !reads.test(c)), [], "only reads");
      for (
        const expected of [
          "show ssl cert",
          "show errors",
          "show activity",
          "show resolvers",
          "show peers",
          "show events lab_events",
        ]
      ) {
        assert(sent.some((c) => c.startsWith(expected)), `${expected} was read`);
      }
    },
  );
});
