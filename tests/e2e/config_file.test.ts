/**
 * The config file end to end: `hatop @group` and `hatop @instance` over two real labs, labels in the output,
 * an instance's read-only flag refusing an action before anything is sent, the XDG default file and its
 * `default`, names mixed with -s, and each mistake (a bad file, an unknown name, no file) with exit 1.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { startLab, statusOf } from "../support/lab.ts";
import { runHatop } from "../support/program.ts";
import { smallBody } from "../support/fleet.ts";

Deno.test("config file: groups, instances, labels, read-only, the default, and mistakes", async (t) => {
  await using alpha = await startLab(smallBody({}), { node: "alpha" });
  await using beta = await startLab(smallBody({}), { node: "beta" });
  const ready = (csv: string) => statusOf(csv, "be_app", "s1") === "UP";
  await Promise.all([alpha.waitForStat(ready), beta.waitForStat(ready)]);
  const home = await Deno.makeTempDir({ prefix: "hatop-config-" });
  try {
    const file = `${home}/hatop/config.toml`;
    await Deno.mkdir(`${home}/hatop`);
    await Deno.writeTextFile(
      file,
      `default = "both"\n\n[instances.a]\naddress = "${alpha.sockets.admin}"\nlabel = "lb-alpha"\n\n` +
        `[instances.b]\naddress = "${beta.sockets.tcp.hostname}:${beta.sockets.tcp.port}"\nlabel = "lb-beta"\n` +
        `read-only = true\n\n[groups]\nboth = ["a", "b"]\n`,
    );
    const env = { XDG_CONFIG_HOME: home };

    await t.step("@group: every instance, under its label", async () => {
      const { code, stdout, stderr } = await runHatop(["@both", "--batch"], env);
      assertEquals([code, stderr], [0, ""]);
      const heads = stdout.split("\n").filter((l) => l.startsWith("=== "));
      assertEquals(heads, [
        `=== lb-alpha (${alpha.sockets.admin}) ===`,
        `=== lb-beta (${beta.sockets.tcp.hostname}:${beta.sockets.tcp.port}) ===`,
      ]);
      const json = JSON.parse((await runHatop(["@both", "--batch", "--format=json"], env)).stdout);
      assertEquals(json.instances.map((i: { instance: string }) => i.instance), ["lb-alpha", "lb-beta"]);
    });

    await t.step("without -s, -t or a name: the file's default; --config names another file", async () => {
      const { code, stdout } = await runHatop(["--batch"], env);
      assertEquals(code, 0);
      assertEquals(stdout.split("\n").filter((l) => l.startsWith("=== ")).length, 2, stdout);
      const other = `${home}/other.toml`;
      await Deno.writeTextFile(other, `[instances.solo]\naddress = "${beta.sockets.admin}"\n`);
      const solo = await runHatop(["--config", other, "@solo", "--batch", "--format=json"], env);
      assertEquals([solo.code, solo.stderr], [0, ""]);
      assertEquals(JSON.parse(solo.stdout).info.node, "beta");
    });

    await t.step("@instance mixed with -s", async () => {
      const { code, stdout, stderr } = await runHatop(["@a", "-s", beta.sockets.admin, "--batch"], env);
      assertEquals([code, stderr], [0, ""]);
      const heads = stdout.split("\n").filter((l) => l.startsWith("=== "));
      assertEquals(heads, [
        `=== lb-alpha (${alpha.sockets.admin}) ===`,
        `=== beta (${beta.sockets.admin}) ===`,
      ]);
    });

    await t.step("a read-only instance refuses an action before anything is sent", async () => {
      const { code, stdout, stderr } = await runHatop(["@b", "--drain", "be_app/s1"], env);
      assertEquals(code, 4, stdout + stderr);
      assertMatch(stdout + stderr, /read-only/);
      assertEquals(statusOf(await beta.command("show stat"), "be_app", "s1"), "UP");
      const writable = await runHatop(["@a", "--drain", "be_app/s1"], env);
      assertEquals(writable.code, 0, writable.stdout + writable.stderr);
      assertEquals(statusOf(await alpha.command("show stat"), "be_app", "s1"), "DRAIN");
      await alpha.command("set server be_app/s1 state ready");
    });

    await t.step("mistakes: exit 1 naming the file, the line, or what is defined", async () => {
      const unknown = await runHatop(["@prod", "--batch"], env);
      assertEquals(unknown.code, 1);
      assertEquals(
        unknown.stderr,
        `hatop: @prod: not defined in ${file} (instances: @a, @b; groups: @both)\n`,
      );
      const bad = `${home}/bad.toml`;
      await Deno.writeTextFile(bad, `[instances.a]\naddress = "${alpha.sockets.admin}"\nmode = 9\n`);
      const invalid = await runHatop(["--config", bad, "@a", "--batch"], env);
      assertEquals([invalid.code, invalid.stderr], [
        1,
        `hatop: config file ${bad}:3: instance a: mode must be 1-5\n`,
      ]);
      const missing = await runHatop(["--config", `${home}/none.toml`, "@a", "--batch"], env);
      assertEquals([missing.code, missing.stderr], [
        1,
        `hatop: config file ${home}/none.toml: no such file\n`,
      ]);
      const none = await runHatop(["@a", "--batch"], { XDG_CONFIG_HOME: `${home}/empty` });
      assertEquals(none.code, 1);
      assertMatch(
        none.stderr,
        /^hatop: @a: no config file to look the name up in \(.*empty\/hatop\/config\.toml\)\n$/,
      );
      const syntax = `${home}/syntax.toml`;
      await Deno.writeTextFile(syntax, `[instances.a]\naddress = "/x"\n\nlabel = "unclosed\n`);
      const broken = await runHatop(["--config", syntax, "@a"], env);
      assertEquals(broken.code, 1);
      assertMatch(broken.stderr, new RegExp(`^hatop: config file ${syntax}:4: .+\\n$`));
      assert(!broken.stderr.includes("at "), broken.stderr);
    });
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
