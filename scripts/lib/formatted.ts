/**
 * Writing a generated document (README's releases table, docs/benchmark.md) in the project's own format, so
 * that `deno task check` (`deno fmt --check`) stays clean after a run that rewrote it.
 *
 * @module
 */

/** Writes `text` to `path`, then formats it with this Deno's `deno fmt` (which says on stderr why it could not). */
export async function writeFormatted(path: string, text: string): Promise<void> {
  await Deno.writeTextFile(path, text);
  await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "-q", path],
    stdin: "null",
    stdout: "null",
    stderr: "inherit",
  })
    .output();
}
