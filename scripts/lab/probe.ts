/**
 * What an HAProxy binary is, asked before it runs: `haproxy -v` reduced to the version, so a lab can write a
 * configuration the release accepts (keywords differ between 2.2 and 3.x) before starting it.
 *
 * Imports nothing of the lab itself, so the release provider can use it too.
 *
 * @module
 */

/** The first line of `haproxy -v` reduced to the version, e.g. "3.2.26-1" ("HA-Proxy version 2.2.9-2…" too). */
export async function binaryVersion(binary: string): Promise<string> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(binary, { args: ["-v"], stdout: "piped", stderr: "piped", stdin: "null" })
      .output();
  } catch (e) {
    throw new Error(`cannot run ${binary} -v: ${(e as Error).message}`);
  }
  const first = new TextDecoder().decode(out.stdout).split("\n")[0];
  const m = first.match(/version (\S+)/i);
  if (!out.success || !m) throw new Error(`${binary} -v printed no version: ${first}`);
  return m[1];
}
