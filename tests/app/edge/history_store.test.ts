import { assert, assertEquals } from "../../support/assert.ts";
import {
  COMPACT_AT,
  fileHistoryStore,
  HISTORY_KEEP,
  historyPath,
} from "../../../src/app/edge/history_store.ts";
import { fakeEnv as env } from "../../support/env.ts";

Deno.test("history lives in the XDG state directory", () => {
  assertEquals(historyPath(env({ XDG_STATE_HOME: "/s", HOME: "/h" })), "/s/hatop/history");
  assertEquals(historyPath(env({ HOME: "/h" })), "/h/.local/state/hatop/history");
  assertEquals(historyPath(env({})), undefined);
});

Deno.test("appended lines come back on the next load; the directory is created private", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const store = fileHistoryStore(`${dir}/state/hatop/history`);
    assertEquals(await store.load(), []);
    await store.append("show info");
    await store.append("get weight be/s1");
    assertEquals(await fileHistoryStore(`${dir}/state/hatop/history`).load(), [
      "show info",
      "get weight be/s1",
    ]);
    assertEquals((await Deno.stat(`${dir}/state/hatop`)).mode! & 0o777, 0o700);
    assertEquals((await Deno.stat(`${dir}/state/hatop/history`)).mode! & 0o777, 0o600);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a long history file is compacted to its last lines at load", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/history`;
    const lines = Array.from({ length: COMPACT_AT + 50 }, (_, i) => `cmd ${i}`);
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const loaded = await fileHistoryStore(path).load();
    assertEquals(loaded, lines.slice(-HISTORY_KEEP));
    assertEquals((await Deno.readTextFile(path)).trim().split("\n"), lines.slice(-HISTORY_KEEP));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("two monitors writing at once lose and corrupt nothing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/history`;
    const module = new URL("../../../src/app/edge/history_store.ts", import.meta.url).href;
    const writer = (name: string) =>
      new Deno.Command(Deno.execPath(), {
        args: [
          "eval",
          `import { fileHistoryStore } from "${module}";
           const s = fileHistoryStore(${JSON.stringify(path)});
           await Promise.all(Array.from({ length: 300 }, (_, i) => s.append("${name} " + i + " " + "x".repeat(200))));`,
        ],
      }).output();
    const results = await Promise.all([writer("a"), writer("b")]);
    for (const r of results) assert(r.success, new TextDecoder().decode(r.stderr));
    const lines = (await Deno.readTextFile(path)).trimEnd().split("\n");
    assertEquals(lines.length, 600);
    for (const l of lines) assert(/^[ab] \d+ x{200}$/.test(l), `intact line: ${l.slice(0, 40)}`);
    assertEquals(new Set(lines).size, 600);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
