/**
 * `deno task compile [TARGET...]`: one self-contained executable per target under dist/.
 *
 * Deno downloads the runtime stub of each target once (then caches it), so this needs the network the first
 * time. Targets: x86_64 and aarch64 Linux and macOS (default: all four).
 *
 * @module
 */
export const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
] as const;

// --allow-run: ssh:// sockets start the system ssh client (under sh).
const PERMISSIONS = ["--allow-read", "--allow-write", "--allow-net", "--allow-env", "--allow-run"];

/**
 * V8 flags the monitor is shipped with (here, `deno task start` and README's commands). A refresh's rows
 * live one refresh, so V8 grows the young generation to its maximum (semi-spaces of 16 MB) and lets the old
 * generation reach a few times the live data before a full GC. Semi-spaces of 1 MB and an old generation
 * allowed to grow 20 % past the live data after a GC keep 10,000 services near 95 MB instead of 150 MB and
 * 50,000 near 150 MB instead of 240-300 MB, for 10-20 % more CPU there and none measured at ~1,000
 * (docs/benchmark.md measures the monitor with and without them).
 */
export const V8_FLAGS = ["--v8-flags=--max-semi-space-size=1,--heap-growing-percent=20"];

if (import.meta.main) {
  const targets = Deno.args.length > 0 ? Deno.args : [...TARGETS];
  let failed = 0;
  for (const target of targets) {
    if (!(TARGETS as readonly string[]).includes(target)) {
      console.error(`unknown target ${target}; known: ${TARGETS.join(", ")}`);
      Deno.exit(2);
    }
    const output = `dist/hatop-${target}`;
    const { code } = await new Deno.Command(Deno.execPath(), {
      args: ["compile", ...PERMISSIONS, ...V8_FLAGS, "--target", target, "-o", output, "main.ts"],
      cwd: new URL("..", import.meta.url).pathname,
      stdout: "inherit",
      stderr: "inherit",
    }).spawn().status;
    if (code === 0) console.log(`built ${output}`);
    else {
      failed++;
      console.error(`could not build ${output} (deno compile exited ${code}; it needs the network once)`);
    }
  }
  Deno.exit(failed ? 1 : 0);
}
