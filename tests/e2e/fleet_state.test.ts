/**
 * The fleet view's instance labels and states end to end: two real labs opened by a group of the config file,
 * shown under their labels; one lab killed is lost, then reconnecting, while the other keeps updating; back,
 * it is up again.
 *
 * @module
 */
import { assertEquals } from "../support/assert.ts";
import { startLab, statusOf } from "../support/lab.ts";
import { startHatop } from "../support/program.ts";
import { instanceRowIndex, smallBody } from "../support/fleet.ts";

/** A matcher: the instance row of `be_app/s1` for `instance` matches `re`. */
function s1Row(instance: string, re: RegExp) {
  return (_: string, lines: string[]) =>
    re.test(lines[instanceRowIndex(lines, "be_app", "s1", instance)] ?? "");
}

Deno.test("fleet: labels from the config file, and each instance's state while one is killed and restarted", async () => {
  await using alpha = await startLab(smallBody({}), { node: "alpha" });
  await using beta = await startLab(smallBody({}), { node: "beta" });
  const ready = (csv: string) => statusOf(csv, "be_app", "s1") === "UP";
  await Promise.all([alpha.waitForStat(ready), beta.waitForStat(ready)]);
  const home = await Deno.makeTempDir({ prefix: "hatop-fleet-" });
  try {
    await Deno.mkdir(`${home}/hatop`);
    await Deno.writeTextFile(
      `${home}/hatop/config.toml`,
      `[instances.a]\naddress = "${alpha.sockets.admin}"\nlabel = "lb-alpha"\n\n` +
        `[instances.b]\naddress = "${beta.sockets.admin}"\nlabel = "lb-beta"\n\n[groups]\nboth = ["a", "b"]\n`,
    );
    await using tmux = await startHatop(["@both", "-i", "1"], { columns: 110, rows: 40 }, {
      env: { XDG_CONFIG_HOME: home },
    });
    await tmux.waitForAll(
      /Nodes: lb-alpha \+ lb-beta \(figures/,
      "Instances: 2/2 answering",
      s1Row("lb-alpha", /^ {2}lb-alpha\s+1 UP\s/),
      s1Row("lb-beta", /^ {2}lb-beta\s+1 UP\s/),
    );
    await beta.kill();
    await tmux.waitFor(/Nodes: lb-alpha \+ lb-beta \((lost|reconnecting)\)/);
    await tmux.waitForAll(/Nodes: lb-alpha \+ lb-beta \(reconnecting\)/, "Instances: 1/2 answering");
    // lb-alpha keeps updating while lb-beta is away.
    assertEquals(await alpha.command("disable server be_app/s1"), "\n");
    await tmux.waitForAll(
      s1Row("lb-alpha", /^ {2}lb-alpha\s+1 MAINT\s/),
      s1Row("lb-beta", /\?UP/),
      /Nodes: lb-alpha \+ lb-beta \(reconnecting\)/,
    );
    await beta.restart();
    await tmux.waitForAll(
      /Nodes: lb-alpha \+ lb-beta \(figures/,
      "Instances: 2/2 answering",
      s1Row("lb-beta", /^ {2}lb-beta\s+1 UP\s/),
    );
    await tmux.send("q");
    assertEquals(await tmux.exitStatus(), 0);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
