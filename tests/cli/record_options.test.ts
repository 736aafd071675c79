/** The recording options: which go with which, their values, and the messages (exit code 1). */
import { assertEquals } from "../support/assert.ts";
import { parseOptions } from "../../src/cli/options.ts";

function run(argv: string[]) {
  const r = parseOptions(argv);
  if (r.kind !== "run") {
    throw new Error(`expected options for ${argv.join(" ")}: ${r.kind === "exit" && r.stderr}`);
  }
  return r.options;
}

function refused(argv: string[]): string {
  const r = parseOptions(argv);
  if (r.kind !== "exit" || r.code !== 1) throw new Error(`expected exit 1 for ${argv.join(" ")}`);
  return r.stderr!.replace(/^hatop: /, "").trimEnd();
}

Deno.test("--count, --record, --record-max, --record-full with --batch", () => {
  const o = run([
    "-s",
    "/s",
    "--batch",
    "--count",
    "5",
    "--record",
    "/tmp/r",
    "--record-max",
    "100M",
    "--record-full",
    "2",
  ]);
  assertEquals([o.count, o.record], [5, { path: "/tmp/r", maxBytes: 100 * 2 ** 20, fullEverySeconds: 120 }]);
  assertEquals(run(["-s", "/s", "--batch", "--record", "/tmp/r"]).record, {
    path: "/tmp/r",
    fullEverySeconds: 300,
  });
  assertEquals(run(["-s", "/s", "--batch", "--count", "0"]).count, 0, "0: until interrupted");
  assertEquals(run(["-s", "/s", "--batch"]).count, undefined);
});

Deno.test("--replay with --batch, --at and --events; no socket needed", () => {
  const o = run(["--replay", "/tmp/r", "--batch", "--at", "+90s", "--format", "json"]);
  assertEquals(o.replay, { path: "/tmp/r", events: false, at: { kind: "fromStart", ms: 90_000 } });
  assertEquals(o.sockets, []);
  assertEquals(run(["--replay", "/tmp/r", "--events", "--format", "json"]).replay, {
    path: "/tmp/r",
    events: true,
  });
  assertEquals(run(["--replay", "/tmp/r", "--batch", "--count", "3"]).count, 3);
});

Deno.test("what does not go together, and bad values: a message each", () => {
  const table: [string[], string][] = [
    [["-s", "/s", "--count", "3"], "--count goes with --batch"],
    [["-s", "/s", "--batch", "--count", "x"], "invalid count: x (0 or more)"],
    [["-s", "/s", "--check", "--record", "/r"], "--record goes with the monitor or --batch, not --check"],
    [["-s", "/s", "--batch", "--record", ""], "empty --record file name"],
    [["-s", "/s", "--batch", "--record-max", "1G"], "--record-max goes with --record"],
    [
      ["-s", "/s", "--batch", "--record", "/r", "--record-max", "100K"],
      "invalid --record-max: 100K (at least 1M)",
    ],
    [
      ["-s", "/s", "--batch", "--record", "/r", "--record-max", "lots"],
      "--record-max: invalid size: 'lots' (bytes, or a number with K, M, G or T such as 100M)",
    ],
    [
      ["-s", "/s", "--batch", "--record", "/r", "--record-full", "0"],
      "invalid --record-full: 0 (1-1440 minutes)",
    ],
    [["-s", "/s", "--batch", "--record-full", "3"], "--record-full goes with --record"],
    [
      ["--replay", "/r", "-s", "/s", "--batch"],
      "--replay reads a recording instead of a socket: leave out -s and -t",
    ],
    [
      ["--replay", "/r", "--batch", "-p", "web"],
      "-p and -f choose what is recorded; they do not apply to --replay",
    ],
    [["--replay", "/r", "--check"], "--check asks a live HAProxy; it does not go with --replay"],
    [["--replay", "/r", "--batch", "--events"], "--events and --batch exclude each other: choose one"],
    [["--replay", "/r", "--batch", "--record", "/w"], "--record and --replay exclude each other"],
    [["--replay", "/r", "--events", "--at", "+5s"], "--at goes with --replay --batch"],
    [["-s", "/s", "--batch", "--at", "+5s"], "--at goes with --replay"],
    [["-s", "/s", "--events"], "--events goes with --replay"],
    [
      ["--replay", "/r", "--batch", "--at", "noon"],
      "invalid time: 'noon' (an ISO 8601 time such as 2026-12-03T06:40:00Z, or an offset from the start such as " +
      "+90s, +5m or +1h30m (from the end: -5m))",
    ],
  ];
  for (const [argv, message] of table) assertEquals(refused(argv), message, argv.join(" "));
});
