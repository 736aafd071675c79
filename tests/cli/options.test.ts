import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { parseOptions } from "../../src/cli/options.ts";

function exit(argv: string[]) {
  const r = parseOptions(argv);
  if (r.kind !== "exit") throw new Error(`expected an exit for ${argv.join(" ")}`);
  return r;
}
function run(argv: string[]) {
  const r = parseOptions(argv);
  if (r.kind !== "run") {
    throw new Error(`expected options for ${argv.join(" ")}: ${r.kind === "exit" && r.stderr}`);
  }
  return r.options;
}

Deno.test("defaults and hatop's options", () => {
  const o = run(["-s", "/run/haproxy.sock"]);
  assertEquals(o.sockets, [{ transport: "unix", path: "/run/haproxy.sock" }]);
  assertEquals([o.interval, o.mode, o.readOnly, o.timeoutMs], [3, 1, false, 5000]);
  const l = run(["--unix-socket=/x", "--update-interval=1", "--mode=4", "--read-only", "--proxy", "web"]);
  assertEquals([l.interval, l.mode, l.readOnly, l.proxies], [1, 4, true, ["web"]]);
});

Deno.test("-h prints the help and exits 0; no socket option is for src/cli/targets.ts to resolve", () => {
  assertEquals([run([]).sockets, run([]).names], [[], []]);
  assertEquals(run(["@prod", "-s", "/x", "@lb1"]).names, ["@prod", "@lb1"]);
  assertEquals(exit(["@"]).code, 2);
  // ssh:// without a path: the socket is to be found on that host.
  assertEquals(run(["-s", "ssh://ops@lb1:2222"]).remoteHosts, [
    { transport: "ssh", user: "ops", host: "lb1", port: 2222, path: "" },
  ]);
  assertEquals(run(["-s", "ssh://lb1/"]).sockets, []);
  const r = exit(["-h"]);
  assertEquals(r.code, 0);
  assertMatch(r.stdout!, /^Usage: hatop \(-s SOCKET \| -t HOST:PORT\) \[OPTIONS\]\.\.\./);
  for (
    const group of [
      "Mandatory:",
      "Optional:",
      "Filters:",
      "Note: All filter options may be given multiple times.",
    ]
  ) {
    assert(r.stdout!.includes(group), group);
  }
  assert(r.stdout!.includes("-s SOCKET, --unix-socket=SOCKET"));
  assertEquals(exit(["--help"]).stdout, r.stdout);
});

Deno.test("--version prints the version and exits 0", () => {
  const r = exit(["--version"]);
  assertEquals(r.code, 0);
  assertMatch(r.stdout!, /^hatop version \d+\.\d+\.\d+\n$/);
});

Deno.test("invalid values: one line on stderr and exit 1", () => {
  const cases: [string[], RegExp][] = [
    [["-s", "x", "-i", "0"], /invalid update interval: 0/],
    [["-s", "x", "-i", "31"], /invalid update interval: 31/],
    [["-s", "x", "-m", "6"], /invalid mode: 6/],
    [["-s", "x", "-n", "-m", "5"], /cli not available in read-only mode/],
    [["-s", "x", "--no-header"], /--no-header goes with --batch/],
    [["-s", "x", "-f", "1 2"], /invalid stat filter: "1 2"/],
    [["-s", "x", "-p", "bad name!"], /invalid proxy filter/],
    [["-t", "localhost"], /localhost/],
    [["-s", "ssh://ops:hunter2@lb1/run/h.sock"], /ssh:\/\/ops:\*\*\*@lb1\/run\/h\.sock": a password cannot/],
    [["-s", "/a.sock", "-s", "ssh://lb1:99999/run/h.sock"], /port 99999 is out of range/],
    [["-s", "x", "--batch", "-m", "5"], /--batch prints a stat mode/],
    [["-s", "x", "--batch", "--check"], /exclude each other/],
    [["-s", "x", "--wait", "3"], /--wait goes with --check/],
    [["-s", "x", "--format", "xml", "--batch"], /invalid format: xml/],
    [["-s", "x", "--timeout", "0"], /invalid timeout/],
  ];
  for (const [argv, re] of cases) {
    const r = exit(argv);
    assertEquals(r.code, 1, argv.join(" "));
    assertMatch(r.stderr!, re);
    assertMatch(r.stderr!, /^hatop: [^\n]+\n$/);
    assert(!r.stderr!.includes("hunter2"), "a password is never repeated");
  }
});

Deno.test("a bad filter is an error before start, and the 50-filter limit holds", () => {
  const many = Array.from({ length: 51 }, (_, i) => ["-f", `${i} -1 -1`]).flat();
  assertMatch(exit(["-s", "x", ...many]).stderr!, /filter limit exceeded \(50\)/);
  const o = run(["-s", "x", "-f", "3 1 -1", "-f", "3 4 -1", "-f", "3 1 -1"]);
  assertEquals(o.filters, [{ iid: 3, type: 1, sid: -1 }, { iid: 3, type: 4, sid: -1 }]);
});

Deno.test("usage errors exit 2: unknown option, missing value, non-integer, stray argument", () => {
  for (const argv of [["-s", "x", "--bogus"], ["-s"], ["-s", "x", "-i", "abc"], ["-s", "x", "extra"]]) {
    const r = exit(argv);
    assertEquals(r.code, 2, argv.join(" "));
    assertMatch(r.stderr!, /hatop: error: /);
  }
});

Deno.test("-t accepts host:port, [ipv6]:port and HAProxy's prefixes", () => {
  assertEquals(run(["-t", "127.0.0.1:9999"]).sockets[0], {
    transport: "tcp",
    hostname: "127.0.0.1",
    port: 9999,
  });
  assertEquals(
    run(["-t", "[::1]:9999"])
      .sockets[0],
    { transport: "tcp", hostname: "::1", port: 9999 },
  );
  assertEquals(run(["-t", "ipv4@lb1:80"]).sockets[0], { transport: "tcp", hostname: "lb1", port: 80 });
  assertEquals(run(["-t", "unix@/run/h.sock"]).sockets[0], { transport: "unix", path: "/run/h.sock" });
});

Deno.test("batch and check options", () => {
  const b = run(["-s", "x", "-b", "-m", "2", "--format", "json"]);
  assertEquals([b.batch, b.mode, b.format], [true, 2, "json"]);
  const c = run(["-s", "x", "--check", "--wait", "30"]);
  assertEquals([c.check, c.wait], [true, 30]);
  assertEquals([b.header, run(["-s", "x", "-b", "--no-header"]).header], [true, false], "--no-header");
});

Deno.test("the mouse is on unless --no-mouse", () => {
  assertEquals(run(["-s", "x"]).mouse, true);
  assertEquals(run(["-s", "x", "--no-mouse"]).mouse, false);
});

Deno.test("-s and -t may be repeated and mixed: several instances, each once", () => {
  const o = run([
    "-s",
    "/a.sock",
    "-t",
    "127.0.0.1:9000",
    "-s",
    "ssh://ops@lb1:2222/run/h.sock",
    "-s",
    "/b.sock",
    "-s",
    "/a.sock",
    "-s",
    "ssh://ops@lb1:2222/run/h.sock",
  ]);
  assertEquals(o.sockets, [
    { transport: "unix", path: "/a.sock" },
    { transport: "ssh", user: "ops", host: "lb1", port: 2222, path: "/run/h.sock" },
    { transport: "unix", path: "/b.sock" },
    { transport: "tcp", hostname: "127.0.0.1", port: 9000 },
  ]);
});
