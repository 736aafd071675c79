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
      args: ["compile", ...PERMISSIONS, "--target", target, "-o", output, "main.ts"],
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
