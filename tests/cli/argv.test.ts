/**
 * The command line's spellings and usage errors, word for word as hatop printed them with commander (the
 * expected texts were taken from the commander build), now read with `node:util`'s parseArgs.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { parseOptions } from "../../src/cli/options.ts";
import { readArgv, UsageError } from "../../src/cli/argv.ts";
import { OPTION_TABLE, type OptionSpec } from "../../src/cli/option_table.ts";

const USAGE = "Usage: hatop (-s SOCKET | -t HOST:PORT) [OPTIONS]...\n\n";

function usageError(argv: string[]): string {
  const r = parseOptions(argv);
  if (r.kind !== "exit" || r.code !== 2) throw new Error(`expected exit 2 for ${argv.join(" ")}`);
  assertEquals(r.stderr!.slice(0, USAGE.length), USAGE);
  return r.stderr!.slice(USAGE.length);
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

/** The values read from argv with the real option table, only those given (arrays only when not empty). */
function given(argv: string[]) {
  const values = readArgv(argv, OPTION_TABLE);
  return Object.fromEntries(
    Object.entries(values).filter(([key, v]) =>
      Array.isArray(v) ? v.length > 0 : !((key === "mouse" || key === "header") && v === true)
    ),
  );
}

Deno.test("unknown options are named whole, with the nearest long options", () => {
  const cases: [string[], string][] = [
    [["-s", "x", "--bogus"], "unknown option '--bogus'"],
    [["-s", "x", "--forma", "json"], "unknown option '--forma'\n(Did you mean --format?)"],
    [["-s", "x", "--mouse"], "unknown option '--mouse'\n(Did you mean --mode?)"],
    [["-s", "x", "--batt"], "unknown option '--batt'\n(Did you mean one of --at, --batch, --wait?)"],
    [["-s", "x", "--batch=1"], "unknown option '--batch=1'\n(Did you mean --batch?)"],
    [["-s", "x", "--no-mouse=1"], "unknown option '--no-mouse=1'\n(Did you mean --no-mouse?)"],
    [["-s", "x", "--read-only=yes"], "unknown option '--read-only=yes'"],
    [["-s", "x", "-x"], "unknown option '-x'"],
    // In a bundle, the unknown letter and the rest of the bundle; the letters after it are not read.
    [["-s", "x", "-nzs", "y"], "unknown option '-zs'"],
    [["-s", "x", "-b-5t"], "unknown option '--5t'\n(Did you mean --at?)"],
    // An unknown option wins over a stray argument and over -h.
    [["-s", "x", "extra", "--bogus"], "unknown option '--bogus'"],
    [["-s", "x", "-h", "--bogus"], "unknown option '--bogus'"],
  ];
  for (const [argv, message] of cases) {
    assertEquals(usageError(argv), `hatop: error: ${message}\n`, argv.join(" "));
  }
});

Deno.test("a missing value names the option as the help shows it, and wins over an unknown option", () => {
  assertEquals(usageError(["-s"]), "hatop: error: option '-s, --unix-socket <SOCKET>' argument missing\n");
  const interval = "hatop: error: option '-i, --update-interval <INTERVAL>' argument missing\n";
  assertEquals(usageError(["-s", "x", "--bogus", "-i"]), interval);
  assertEquals(usageError(["-s", "x", "-nzs", "-i"]), interval);
});

Deno.test("stray arguments, negative numbers and anything after -- are counted and listed", () => {
  const cases: [string[], string][] = [
    [["-s", "x", "extra", "-5"], "got 2: extra, -5."],
    [["-s", "x", "-n5"], "got 1: -5."],
    [["-s", "x", "--", "-n"], "got 1: -n."],
  ];
  for (const [argv, tail] of cases) {
    assertEquals(usageError(argv), `hatop: error: too many arguments. Expected 0 arguments but ${tail}\n`);
  }
});

Deno.test("bundled short options, attached values and values that look like options", () => {
  assertEquals(given(["-nbs/x", "-i5"]), {
    readOnly: true,
    batch: true,
    unixSocket: ["/x"],
    updateInterval: "5",
  });
  assertEquals(given(["-n-mode", "3"]), { readOnly: true, mode: "3" });
  assertEquals(given(["-s", "-t"]), { unixSocket: ["-t"] });
  assertEquals(given(["-s", "x", "-s=y", "--unix-socket", "z", "--unix-socket="]), {
    unixSocket: ["x", "=y", "z", ""],
  });
  assertEquals(given(["-i", "-1", "--no-mouse"]), { updateInterval: "-1", mouse: false });
  assertEquals(given(["-b", "--no-header"]), { batch: true, header: false });
  const negative = parseOptions(["-s", "x", "-i", "-1"]);
  assertEquals(negative, { kind: "exit", code: 1, stderr: "hatop: invalid update interval: -1 (1-30)\n" });
});

Deno.test("readArgv follows the table it is given: defaults, negated and repeatable options", () => {
  const table: OptionSpec[] = [
    { flags: "-q, --quiet", help: "", group: "Optional" },
    { flags: "--no-color", help: "", group: "Optional" },
    { flags: "-x, --exclude <NAME>", help: "", group: "Filters", repeatable: true },
    { flags: "--level <N>", help: "", group: "Optional" },
  ];
  assertEquals(readArgv([], table), { color: true, exclude: [] });
  assertEquals(readArgv(["-qx", "a", "--exclude=b", "--no-color", "--level", "1", "--level=2"], table), {
    quiet: true,
    color: false,
    exclude: ["a", "b"],
    level: "2",
  });
  const unknown = thrown(() => readArgv(["-s"], table));
  assert(unknown instanceof UsageError);
  assertEquals(unknown.message, "unknown option '-s'");
  const bad = thrown(() => readArgv([], [{ flags: "-s --socket", help: "", group: "Optional" }]));
  assertEquals(bad.message, 'option table: cannot read flags "-s --socket"');
});
