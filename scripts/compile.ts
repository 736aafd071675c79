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
 * V8 flags the monitor is shipped with (here, `deno task start` and README's commands): young-generation
 * semi-spaces of 1 MB instead of up to 16 MB. A refresh's rows live one refresh, so V8 grows the young
 * generation to its maximum and keeps it; capped, a 10,000-service monitor holds about 40 MB less at no
 * measured CPU cost (docs/benchmark.md measures the monitor with and without it).
 */
export const V8_FLAGS = ["--v8-flags=--max-semi-space-size=1"];

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
