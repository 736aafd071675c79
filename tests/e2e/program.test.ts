/**
 * End-to-end tests of the program as a plain subprocess (no terminal): bad input as a new user would type
 * it, `--batch`, `--format json` and `--check` against real HAProxy labs.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { closedPort, manyServersBody, startLab, startMixedLab } from "../support/lab.ts";
import { type Finished, looksLikeCrash, rowLine, runHatop, spawnHatop } from "../support/program.ts";
import { handshake, withFakePeer } from "../support/fake_peer.ts";

/** The run failed with exactly one clear line on stderr (no stack trace) and nothing on stdout. */
function assertOneLineError(r: Finished, code: number, re: RegExp): void {
  const detail = `exit ${r.code}; stderr: ${r.stderr}`;
  assertEquals(r.code, code, detail);
  assert(!looksLikeCrash(r.stderr), `crashed: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split("\n");
  assertMatch(lines[lines.length - 1], re, detail);
  assertEquals(r.stdout, "", detail);
}

Deno.test("program: bad sockets and addresses give one clear line and the documented exit code", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "hatop-bad-" });
  try {
    await Deno.writeTextFile(`${dir}/file.txt`, "not a socket\n");
    await Deno.mkdir(`${dir}/sub`);
    const cases: [string, string[], number, RegExp][] = [
      ["a missing socket path", ["-s", `${dir}/missing.sock`], 2, /no such file/],
      ["a regular file", ["-s", `${dir}/file.txt`], 2, /is a regular file, not a socket/],
      ["a directory", ["-s", `${dir}/sub`], 2, /is a directory, not a socket/],
      ["nothing listening on a TCP port", ["-t", `127.0.0.1:${await closedPort()}`], 2, /connection refused/],
    ];
    for (const [what, args, code, re] of cases) {
      await t.step(what, async () => {
        const r = await runHatop([...args, "--batch"]);
        assertOneLineError(r, code, re);
        assertMatch(r.stderr, /^hatop: cannot connect to \S+: [a-z]/);
        assert(!/cannot connect to .*cannot connect to/.test(r.stderr), `said once: ${r.stderr}`);
      });
    }
    await t.step("a bad -t value", async () => {
      for (const bad of ["localhost", "127.0.0.1:99999", "[::1"]) {
        const r = await runHatop(["-t", bad]);
        assertOneLineError(r, 1, /^hatop: .*\S/);
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("program: a peer that hangs up in the middle of a reply is a clear error, not a crash", async () => {
  await withFakePeer(handshake(() => ["Name: HAProxy\nVersion: 2.", "hang-up"]), async (path) => {
    const r = await runHatop(["-s", path, "--batch"]);
    assertOneLineError(r, 2, /closed the connection in the middle of a reply/);
  });
});

Deno.test("program on the mixed lab", async (t) => {
  await using lab = await startMixedLab();

  await t.step("the monitor without a terminal says it needs one", async () => {
    const r = await runHatop(["-s", lab.sockets.admin]);
    assertOneLineError(r, 1, /^hatop: the monitor needs a terminal; for scripts use --batch or --check$/);
  });

  await t.step("--batch prints every row with names uncut", async () => {
    const r = await runHatop(["-s", lab.sockets.admin, "--batch"]);
    assertEquals(r.code, 0, r.stderr);
    assertEquals(r.stderr, "");
    const out = r.stdout;
    assertMatch(out, /^NAME\s+W\s+STATUS\s+CHECK\s+ACT\s+BCK\s+QCUR\s+QMAX\s+SCUR\s+SMAX\s+SLIM\s+STOT$/m);
    for (const px of ["fake_app", "fe_main", "be_app", "be_tcp"]) {
      assertMatch(out, new RegExp(`^>>> ${px}$`, "m"));
    }
    const expected: [string, RegExp][] = [
      ["s1", /^s1\s+1 UP\s+(?:\* )?L7OK\s/],
      ["s2", /^s2\s+50 DOWN\s+(?:\* )?L4CON\s/],
      ["s3", /^s3\s+1 MAINT\s/],
      ["s4", /^s4\s+1 UP\s+(?:\* )?L7OK\s/],
      ["s5", /^s5\s+1 no check\s/],
      ["s6", /^s6\s+20 DRAIN\s/],
      ["t1", /^t1\s+1 MAINT \(via be_app\/s3\)\s/],
      ["app", /^app\s+1 no check\s/],
    ];
    for (const [name, re] of expected) assertMatch(rowLine(out, name) ?? `(no ${name})`, re);
    assertEquals(out.split("\n").filter((l) => /^(FRONTEND|BACKEND)\s/.test(l)).length, 5);
    assert(!out.includes("\x1b"), "no escape codes");
  });

  await t.step("--batch --format json has every show stat row with fields by name", async () => {
    const r = await runHatop(["-s", lab.sockets.admin, "--batch", "--format", "json"]);
    assertEquals(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { info: Record<string, unknown>; stats: Record<string, unknown>[] };
    assertEquals(json.info.node, "mixed-lab");
    const rows = json.stats.map((s) => `${s.pxname}/${s.svname}`).sort();
    const csv = (await lab.command("show stat")).split("\n").filter((l) => l !== "" && !l.startsWith("#"));
    assertEquals(rows, csv.map((l) => l.split(",").slice(0, 2).join("/")).sort());
    const t1 = json.stats.find((s) => s.svname === "t1");
    assertEquals(t1?.status, "MAINT (via be_app/s3)");
    assertEquals(json.stats.find((s) => s.svname === "s2")?.weight, 50);
  });

  await t.step("--check exits 1 listing the servers that are not healthy", async () => {
    const r = await runHatop(["-s", lab.sockets.admin, "--check"]);
    assertEquals(r.code, 1, r.stdout + r.stderr);
    const listed = r.stdout.split("\n").filter((l) => /^\S+\/\S+ {2}/.test(l)).map((l) =>
      l.split(/\s{2}/)[0]
    );
    assertEquals(listed.sort(), ["be_app/s2", "be_app/s3", "be_app/s6", "be_tcp/t1"]);
    assertMatch(r.stdout, /^be_app\/s2 {2}DOWN {2}last check: L4CON/m);
    assertMatch(r.stdout, /^be_app\/s3 {2}MAINT /m);
    assertMatch(r.stdout, /^be_app\/s6 {2}DRAIN /m);
    assertMatch(r.stdout, /^4\/8 servers healthy$/m);
  });

  await t.step("--check -p on a proxy whose servers are all healthy exits 0", async () => {
    const r = await runHatop(["-s", lab.sockets.admin, "--check", "-p", "fake_app"]);
    assertEquals(r.code, 0, r.stdout + r.stderr);
    assertMatch(r.stdout, /^1\/1 servers healthy$/m);
  });

  await t.step("-p with an unknown proxy says proxy not found", async () => {
    const r = await runHatop(["-s", lab.sockets.admin, "--batch", "-p", "nosuchproxy"]);
    assertOneLineError(r, 1, /^hatop: proxy not found: nosuchproxy$/);
  });

  await t.step("--batch works on a user-level socket", async () => {
    const r = await runHatop(["-s", lab.sockets.user, "--batch"]);
    assertEquals(r.code, 0, r.stderr);
    assertMatch(rowLine(r.stdout, "s2") ?? "", /^s2\s+50 DOWN\s/);
    assertMatch(r.stdout, /^>>> be_tcp$/m);
  });
});

Deno.test("program: --batch prints all 10,000 servers of a 10,000-server lab", async () => {
  await using lab = await startLab(manyServersBody(10_000), { startTimeoutMs: 30_000 });
  const r = await runHatop(["-s", lab.sockets.admin, "--batch"]);
  assertEquals(r.code, 0, r.stderr);
  const servers = r.stdout.split("\n").filter((l) => /^srv_\d{5}\s/.test(l));
  assertEquals(servers.length, 10_000);
  assertEquals(new Set(servers.map((l) => l.split(" ")[0])).size, 10_000);
  assertMatch(r.stdout, /^srv_09999\s/m);
  assertMatch(r.stdout, /^>>> be_0099$/m);
});

Deno.test("program: --check --wait 20 succeeds once HAProxy comes up after the check started", async () => {
  await using lab = await startLab(async ({ port }) =>
    `defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s

backend be_up
    server up1 127.0.0.1:${await port()}
`
  );
  await lab.kill();
  await Deno.remove(lab.sockets.admin).catch(() => {});
  // Until HAProxy is back, a stand-in on the socket path hangs up on every connection: its first accept
  // proves the check is running and failing before HAProxy starts.
  const standIn = Deno.listen({ transport: "unix", path: lab.sockets.admin });
  const child = spawnHatop(["-s", lab.sockets.admin, "--check", "--wait", "20"]);
  const output = child.output();
  try {
    const conn = await standIn.accept();
    conn.close();
  } finally {
    standIn.close();
  }
  await lab.restart();
  const out = await output;
  const stdout = new TextDecoder().decode(out.stdout);
  assertEquals(out.code, 0, stdout + new TextDecoder().decode(out.stderr));
  assertMatch(stdout, /^1\/1 servers healthy$/m);
});
