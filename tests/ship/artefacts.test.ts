/**
 * The shippable artefacts: the bundled single JS file, a run from a URL (no local deno.json), and the man
 * page generated from the same table as --help.
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { listenLoopback, startMixedLab } from "../support/lab.ts";
import { manPage } from "../../src/cli/man.ts";
import { OPTION_TABLE } from "../../src/cli/option_table.ts";
import { displayFlags } from "../../src/cli/help.ts";
import { VERSION } from "../../src/version.ts";

const ROOT = new URL("../../", import.meta.url);
const decoder = new TextDecoder();

async function deno(args: string[], cwd: string) {
  const out = await new Deno.Command(Deno.execPath(), { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

Deno.test("deno task bundle's single JS file runs anywhere: --version and --batch on a real HAProxy", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hatop-bundle-" });
  try {
    const file = `${dir}/hatop.js`;
    const bundled = await deno(["bundle", "-o", file, "main.ts"], ROOT.pathname);
    assertEquals(bundled.code, 0, bundled.stderr);
    const text = await Deno.readTextFile(file);
    assert(
      !/^import .*["'](\.|npm:|jsr:|https?:)/m.test(text),
      "no import left to resolve but node: built-ins",
    );
    const version = await deno(["run", "-A", file, "--version"], dir);
    assertEquals(version.stdout, `hatop version ${VERSION}\n`);
    await using lab = await startMixedLab();
    const batch = await deno(["run", "-A", file, "-s", lab.sockets.admin, "--batch"], dir);
    assertEquals(batch.code, 0, batch.stderr);
    assertMatch(batch.stdout, /^s2 +50 DOWN +(?:\* )?L4CON/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("main.ts runs from a URL served as text/plain, from a directory without deno.json", async () => {
  const server = await listenLoopback((port) =>
    Deno.serve({ hostname: "127.0.0.1", port, onListen: () => {} }, async (req) => {
      const path = decodeURIComponent(new URL(req.url).pathname);
      if (path.includes("..")) return new Response("no", { status: 403 });
      try {
        const body = await Deno.readFile(new URL(`.${path}`, ROOT));
        return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
      } catch {
        return new Response("not found", { status: 404 });
      }
    })
  );
  const dir = await Deno.makeTempDir({ prefix: "hatop-url-" });
  try {
    const base = `http://127.0.0.1:${server.addr.port}`;
    await using lab = await startMixedLab();
    const run = await deno(
      [
        "run",
        "-A",
        `--reload=${base}`,
        `${base}/main.ts`,
        "-t",
        `127.0.0.1:${lab.sockets.tcp.port}`,
        "--batch",
      ],
      dir,
    );
    assertEquals(run.code, 0, run.stderr);
    assertMatch(run.stdout, /^>>> be_app$/m);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hatop.1 is generated from the option table and is up to date", async () => {
  const committed = await Deno.readTextFile(new URL("hatop.1", ROOT));
  assertEquals(committed, manPage(), "run `deno task man` and commit hatop.1");
  for (const spec of OPTION_TABLE) {
    assert(committed.includes(displayFlags(spec).replaceAll("-", "\\-")), `man page lists ${spec.flags}`);
  }
});

Deno.test("README shows the current --help text", async () => {
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  const { helpText } = await import("../../src/cli/help.ts");
  assert(readme.includes(helpText().trimEnd()), "README's options block differs from --help: paste it again");
});
