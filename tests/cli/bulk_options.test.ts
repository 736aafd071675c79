import { assert, assertEquals } from "../support/assert.ts";
import { parseOptions } from "../../src/cli/options.ts";

const S = ["-s", "/run/h.sock"];

function bulk(argv: string[]) {
  const r = parseOptions([...S, ...argv]);
  if (r.kind !== "run") {
    throw new Error(`expected options for ${argv.join(" ")}: ${r.kind === "exit" && r.stderr}`);
  }
  assert(r.options.bulk, "a bulk request");
  const { action, patterns, dryRun, waitDrained } = r.options.bulk;
  return { action, patterns: patterns.map((p) => p.text), dryRun, waitDrained, format: r.options.format };
}

function refused(argv: string[], withSocket = true) {
  const r = parseOptions(withSocket ? [...S, ...argv] : argv);
  if (r.kind !== "exit") throw new Error(`expected an exit for ${argv.join(" ")}`);
  return { code: r.code, stderr: r.stderr ?? "" };
}

Deno.test("each action with one or more patterns (the option repeated)", () => {
  assertEquals(bulk(["--drain", "be_app/web*", "--drain=*/web1"]), {
    action: { kind: "drain" },
    patterns: ["be_app/web*", "*/web1"],
    dryRun: false,
    waitDrained: undefined,
    format: "text",
  });
  assertEquals(bulk(["--ready", "a/b"]).action, { kind: "ready" });
  assertEquals(bulk(["--maint", "a/b"]).action, { kind: "maint" });
  assertEquals(bulk(["--weight", "be/*=50%", "--weight", "x/y=50%"]).action, {
    kind: "weight",
    weight: "50%",
  });
  assertEquals(bulk(["--weight", "be/*=50%", "--weight", "x/y=50%"]).patterns, ["be/*", "x/y"]);
  assertEquals(bulk(["--weight=be/*=0"]).action, { kind: "weight", weight: "0" });
  assertEquals(bulk(["--health", "be/*=off"]).action, { kind: "health", on: false });
  assertEquals(bulk(["--agent", "be/*=on"]).action, { kind: "agent", on: true });
  assertEquals(bulk(["--drain", "a/b", "--wait-drained", "120", "--format", "json"]).waitDrained, 120);
  assertEquals(bulk(["--drain", "a/b", "--wait-drained", "120", "--format", "json"]).format, "json");
  assertEquals(bulk(["--maint", "a/b", "--wait-drained", "0"]).waitDrained, 0);
  assertEquals(bulk(["--drain", "a/b", "--dry-run", "-n"]).dryRun, true);
  const none = parseOptions(S);
  assert(none.kind === "run" && none.options.bulk === undefined);
});

Deno.test("with an action, every command-line problem exits 2 with a message naming it", () => {
  const cases: [string[], string][] = [
    [
      ["--drain", "a/b", "--weight", "c/d=1"],
      "one action per run: --drain and --weight are given; run once per action",
    ],
    [
      ["--weight", "a/*=1", "--weight", "b/*=2"],
      "one action per run: --weight is given the values 1 and 2; run once per value",
    ],
    [["--weight", "a/*"], "--weight takes PATTERN=N, e.g. 'be_app/web*=N'"],
    [["--health", "a/*"], "--health takes PATTERN=on|off, e.g. 'be_app/web*=on'"],
    [["--agent", "a/*=yes"], "--agent: 'yes' is not on or off"],
    [["--weight", "a/*=257"], "--weight a/*=257: an absolute weight is at most 256"],
    [["--weight", "a/*=x"], "--weight a/*=x: a weight is N (0-256) or N% of the initial weight"],
    [["--drain", "be_app"], "pattern 'be_app' is not proxy/server (for every server of it: 'be_app/*')"],
    [
      ["--drain", "a/b c"],
      "pattern 'a/b c': ' ' cannot appear in a proxy or server name (letters, digits, - _ . : and the globs * ? [...])",
    ],
    [["--ready", "a/b", "--wait-drained", "5"], "--wait-drained goes with --drain or --maint"],
    [["--wait-drained", "5"], "--wait-drained goes with --drain or --maint"],
    [
      ["--dry-run"],
      "--dry-run goes with an action (--ready, --drain, --maint, --weight, --health or --agent)",
    ],
    [
      ["--drain", "a/b", "--wait-drained", "5", "--dry-run"],
      "--wait-drained does not go with --dry-run (nothing is sent, nothing drains)",
    ],
    [["--drain", "a/b", "--wait-drained", "x"], "invalid --wait-drained: x (0-86400 seconds)"],
    [["--drain", "a/b", "--wait-drained", "86401"], "invalid --wait-drained: 86401 (0-86400 seconds)"],
    [["--drain", "a/b", "--batch"], "--batch and --drain exclude each other"],
    [["--drain", "a/b", "--check"], "--check and --drain exclude each other"],
    [
      ["--drain", "a/b", "-p", "be"],
      "-f and -p do not go with --drain: its PATTERN names the proxies and servers",
    ],
    // An option of the original that is refused with exit 1 on its own exits 2 with an action.
    [["--drain", "a/b", "-i", "99"], "invalid update interval: 99 (1-30)"],
    [["--drain", "a/b", "--wait", "3"], "--wait goes with --check"],
  ];
  for (const [argv, message] of cases) {
    assertEquals(refused(argv), { code: 2, stderr: `hatop: ${message}\n` }, argv.join(" "));
  }
  assertEquals(refused(["--drain", "a/b"], false), {
    code: 2,
    stderr: "hatop: --drain needs a socket: -s SOCKET, -t HOST:PORT or @NAME of the config file\n",
  });
  // A missing value is the usual usage error.
  assertEquals(refused(["--drain"]).code, 2);
  // Without an action, the original's codes are kept.
  assertEquals(refused(["-i", "99"]).code, 1);
  assertEquals(refused(["--format", "json"]), {
    code: 1,
    stderr: "hatop: --format goes with --batch, --check, --events or an action\n",
  });
});
