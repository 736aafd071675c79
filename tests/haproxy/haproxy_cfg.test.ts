/**
 * Reading an HAProxy configuration for its runtime-API sockets: the words of a line, `stats socket`
 * variants, sections, comments, quotes, several files, command lines and the choice of the best socket.
 *
 * @module
 */
import { assertEquals } from "../support/assert.ts";
import {
  bestSocket,
  bindAddress,
  cfgWords,
  type FoundSocket,
  masterSocket,
  readCommandLine,
  statsSockets,
} from "../../src/haproxy/haproxy_cfg.ts";

Deno.test("a line's words: blanks, comments, both quotes, escapes and ${VAR} in double quotes", () => {
  const env = (name: string) => ({ RUN: "/run/hap" } as Record<string, string>)[name];
  const cases: [string, string[]][] = [
    ["   stats socket /run/a.sock mode 600 level admin", [
      "stats",
      "socket",
      "/run/a.sock",
      "mode",
      "600",
      "level",
      "admin",
    ]],
    ["\tstats socket /x # level admin", ["stats", "socket", "/x"]],
    ["# stats socket /x level admin", []],
    ['stats socket "/run/my socket" level admin', ["stats", "socket", "/run/my socket", "level", "admin"]],
    ["stats socket '/run/a#b' level user", ["stats", "socket", "/run/a#b", "level", "user"]],
    ["stats socket /run/a\\ b", ["stats", "socket", "/run/a b"]],
    ['stats socket "${RUN}/admin.sock"', ["stats", "socket", "/run/hap/admin.sock"]],
    ["stats socket '${RUN}/admin.sock'", ["stats", "socket", "${RUN}/admin.sock"]],
    ["", []],
  ];
  for (const [line, words] of cases) assertEquals(cfgWords(line, env), words, line);
});

Deno.test("bind addresses: unix paths, TCP forms with wildcard hosts made loopback, unreachable kinds", () => {
  const cases: [string, ReturnType<typeof bindAddress>][] = [
    ["/run/haproxy/admin.sock", { transport: "unix", path: "/run/haproxy/admin.sock" }],
    ["unix@/run/a.sock", { transport: "unix", path: "/run/a.sock" }],
    ["admin.sock", { transport: "unix", path: "/var/lib/haproxy/admin.sock" }],
    ["ipv4@127.0.0.1:9999", { transport: "tcp", hostname: "127.0.0.1", port: 9999 }],
    ["127.0.0.1:9999", { transport: "tcp", hostname: "127.0.0.1", port: 9999 }],
    [":9999", { transport: "tcp", hostname: "127.0.0.1", port: 9999 }],
    ["*:9999", { transport: "tcp", hostname: "127.0.0.1", port: 9999 }],
    ["ipv4@0.0.0.0:9999", { transport: "tcp", hostname: "127.0.0.1", port: 9999 }],
    ["ipv6@:::9999", { transport: "tcp", hostname: "::1", port: 9999 }],
    ["abns@haproxy", "abns@ sockets cannot be reached by another program"],
    ["fd@3", "fd@ sockets cannot be reached by another program"],
  ];
  for (const [text, expected] of cases) assertEquals(bindAddress(text, "/var/lib/haproxy/"), expected, text);
});

const MAIN = `# the main file
global
    log /dev/log local0
    stats socket /run/haproxy/admin.sock mode 660 level admin expose-fd listeners
    stats socket ipv4@127.0.0.1:9999 level operator
    stats timeout 30s
  # stats socket /commented level admin

defaults
    mode http

frontend fe
    bind :80
    stats socket /not/global.sock level admin
backend be
    stats uri /stats
`;

const EXTRA = `global
    unix-bind prefix /var/lib/haproxy/
    stats socket user.sock level user
    stats socket "/run/with space.sock"
    stats socket abns@hidden level admin
    stats socket /bad.sock level root
.if defined(NEVER)
    stats socket /conditional.sock level user
.endif
listen stats
    bind :8404
`;

Deno.test("stats sockets of several files: only global sections, each with its file, line and level", () => {
  const { sockets, skipped } = statsSockets([
    { path: "/etc/haproxy/haproxy.cfg", text: MAIN },
    { path: "/etc/haproxy/conf.d/extra.cfg", text: EXTRA },
  ]);
  const brief = sockets.map((s) => [s.address, s.level, `${s.file}:${s.line}`]);
  assertEquals(brief, [
    [{ transport: "unix", path: "/run/haproxy/admin.sock" }, "admin", "/etc/haproxy/haproxy.cfg:4"],
    [{ transport: "tcp", hostname: "127.0.0.1", port: 9999 }, "operator", "/etc/haproxy/haproxy.cfg:5"],
    [{ transport: "unix", path: "/var/lib/haproxy/user.sock" }, "user", "/etc/haproxy/conf.d/extra.cfg:3"],
    [{ transport: "unix", path: "/run/with space.sock" }, "operator", "/etc/haproxy/conf.d/extra.cfg:4"],
    [{ transport: "unix", path: "/conditional.sock" }, "user", "/etc/haproxy/conf.d/extra.cfg:8"],
  ]);
  assertEquals(skipped, [
    "/etc/haproxy/conf.d/extra.cfg:5: abns@ sockets cannot be reached by another program",
    '/etc/haproxy/conf.d/extra.cfg:6: unknown level "root"',
  ]);
  assertEquals(statsSockets([{ path: "/e", text: "defaults\n  mode http\n" }]), { sockets: [], skipped: [] });
});

Deno.test("command lines: -f files and directories, -C, -S with its options, files after --", () => {
  assertEquals(
    readCommandLine(["haproxy", "-W", "-db", "-f", "/a.cfg", "-f/conf.d", "-S", "/m.sock,mode,600"]),
    {
      configs: ["/a.cfg", "/conf.d"],
      master: "/m.sock,mode,600",
    },
  );
  assertEquals(
    readCommandLine(["/usr/sbin/haproxy", "-Ws", "-C", "/etc/hap", "-f", "h.cfg", "--", "x.cfg"]),
    {
      configs: ["h.cfg", "x.cfg"],
      directory: "/etc/hap",
    },
  );
  assertEquals(readCommandLine(["haproxy"]), { configs: [] });
  const master = masterSocket(readCommandLine(["haproxy", "-S", "/m.sock,mode,600"]), "-S of pid 7");
  assertEquals(master, {
    kind: "master",
    address: { transport: "unix", path: "/m.sock" },
    level: "admin",
    file: "-S of pid 7",
    line: 0,
  });
  const low = masterSocket(readCommandLine(["haproxy", "-S", "/m.sock,level,user"]), "x") as FoundSocket;
  assertEquals(low.level, "user");
  assertEquals(
    masterSocket(readCommandLine(["haproxy", "-S", "abns@m"]), "x"),
    "x: -S abns@m: abns@ sockets cannot be reached by another program",
  );
  assertEquals(masterSocket(readCommandLine(["haproxy"]), "x"), undefined);
});

Deno.test("the best socket: highest level, then stats before master, unix before TCP, then the first", () => {
  const socket = (
    kind: FoundSocket["kind"],
    level: FoundSocket["level"],
    tcp: boolean,
    line: number,
  ): FoundSocket => ({
    kind,
    level,
    address: tcp ? { transport: "tcp", hostname: "127.0.0.1", port: 1 } : { transport: "unix", path: "/s" },
    file: "f",
    line,
  });
  const cases: [FoundSocket[], number | undefined][] = [
    [[
      socket("stats", "user", false, 1),
      socket("stats", "admin", true, 2),
      socket("stats", "operator", false, 3),
    ], 2],
    [[socket("master", "admin", false, 1), socket("stats", "admin", false, 2)], 2],
    [[socket("stats", "admin", true, 1), socket("stats", "admin", false, 2)], 2],
    [[socket("stats", "operator", false, 1), socket("stats", "operator", false, 2)], 1],
    [[socket("master", "admin", false, 1), socket("stats", "operator", false, 2)], 1],
    [[], undefined],
  ];
  for (const [sockets, line] of cases) assertEquals(bestSocket(sockets)?.line, line);
});
