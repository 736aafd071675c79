/**
 * csv-parse (an npm module, ~10 MB resident with Deno's npm machinery) is loaded only when a quoted record
 * appears, and a reply still reads when it cannot be loaded. Each case runs in a fresh Deno, where nothing
 * has loaded it yet.
 */
import assert from "node:assert/strict";

const CSV = new URL("../../src/stats/csv.ts", import.meta.url).href;
const ROOT = new URL("../../", import.meta.url).pathname;
const HEADER = "# pxname,svname,iid,sid,type,check_desc,status,\n";
const QUOTED = `${HEADER}be,s1,3,1,2,"Layer7, wrong status",UP,\n`;
const PLAIN = `${HEADER}be,s1,3,1,2,Layer7 OK,UP,\n`;

interface Seen {
  readonly checkDesc: string | undefined;
  readonly status: string | undefined;
  readonly warnings: readonly string[];
}

/** Runs `steps` (parseStat/parseStatAsync calls on PLAIN and QUOTED) in a new Deno; returns what each saw. */
async function inFreshDeno(steps: string, options: { denoDir?: string } = {}): Promise<Seen[]> {
  const dir = await Deno.makeTempDir({ prefix: "hatop-quoting-" });
  try {
    const script = `${dir}/steps.ts`;
    await Deno.writeTextFile(
      script,
      `import { parseStat, parseStatAsync } from ${JSON.stringify(CSV)};\n` +
        `const PLAIN = ${JSON.stringify(PLAIN)};\nconst QUOTED = ${JSON.stringify(QUOTED)};\n` +
        `const seen = [];\nconst see = (t) => seen.push({ checkDesc: t.rows[0].get("check_desc"), ` +
        `status: t.rows[0].get("status"), warnings: t.warnings });\n${steps}\n` +
        `console.log(JSON.stringify(seen));\n`,
    );
    const env = options.denoDir ? { DENO_DIR: options.denoDir } : undefined;
    const args = ["run", "--allow-read", ...(options.denoDir ? ["--cached-only"] : []), script];
    const out = await new Deno.Command(Deno.execPath(), {
      args,
      cwd: ROOT,
      env,
      stdout: "piped",
      stderr: "piped",
    })
      .output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    return JSON.parse(new TextDecoder().decode(out.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const UNQUOTED = { checkDesc: "Layer7, wrong status", status: "UP", warnings: [] };

Deno.test("a reply without quotes leaves csv-parse unloaded; the first quoted record loads it", async () => {
  const seen = await inFreshDeno(
    "see(await parseStatAsync(PLAIN));\nsee(parseStat(QUOTED));\nsee(await parseStatAsync(QUOTED));\n" +
      "see(parseStat(QUOTED));",
  );
  assert.deepEqual(seen[0], { checkDesc: "Layer7 OK", status: "UP", warnings: [] });
  // Not loaded yet: parseStat cannot wait for it, so it reads the record as it stands and says so.
  assert.deepEqual(seen[1], {
    checkDesc: '"Layer7',
    status: ' wrong status"',
    warnings: [
      "show stat: quoted values read as they stand: csv-parse is not loaded (use parseStatAsync)",
      "show stat: line 2: be/s1 has 1 values beyond the header",
    ],
  });
  assert.deepEqual(seen[2], UNQUOTED);
  assert.deepEqual(seen[3], UNQUOTED, "loaded once, parseStat unquotes too");
});

Deno.test("when csv-parse cannot be loaded, quoted records are read as they stand, with a warning why", async () => {
  const denoDir = await Deno.makeTempDir({ prefix: "hatop-deno-dir-" });
  try {
    // An empty cache and --cached-only: the package cannot be fetched, as on a host without the network.
    const [plain, quoted] = await inFreshDeno(
      "see(await parseStatAsync(PLAIN));\nsee(await parseStatAsync(QUOTED));",
      {
        denoDir,
      },
    );
    assert.deepEqual(plain, { checkDesc: "Layer7 OK", status: "UP", warnings: [] });
    assert.equal(quoted.checkDesc, '"Layer7');
    assert.match(
      quoted.warnings[0],
      /^show stat: quoted values read as they stand: csv-parse could not be loaded \(.+\)$/,
    );
  } finally {
    await Deno.remove(denoDir, { recursive: true });
  }
});
