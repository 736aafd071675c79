/**
 * `--batch --format json` is `show stat` itself, field for field, on every release: the JSON of the real
 * program is compared with the lab's own `show stat` read just before and just after it. The lab has no
 * health checks and no traffic, so only clock-driven fields (lastchg, downtime) move between the reads; a
 * value is right when it equals one of the two reads or lies between them.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startLab } from "../support/lab.ts";
import { runHatop } from "../support/program.ts";

/** Frontend, backends with plain, weighted, backup, disabled and drained servers. */
async function quietBody({ port }: { port: () => Promise<number> }): Promise<string> {
  return `defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s

frontend fe_quiet
    bind 127.0.0.1:${await port()}
    default_backend be_quiet

backend be_quiet
    balance roundrobin
    server q1 127.0.0.1:${await port()}
    server q2 127.0.0.1:${await port()} weight 7 maxconn 30
    server q3 127.0.0.1:${await port()} backup
    server q4 127.0.0.1:${await port()} disabled
    server q5 127.0.0.1:${await port()}
`;
}

/** `show stat` as rows of fields by header name (the `-` column left out), keyed `pxname/svname`. */
function statRows(csv: string): Map<string, Map<string, string>> {
  const lines = csv.split("\n").filter((l) => l !== "");
  const names = lines[0].replace(/^# /, "").split(",");
  const rows = new Map<string, Map<string, string>>();
  for (const line of lines.slice(1)) {
    // No field of this lab holds a comma or a quote, so a plain split is exact.
    const values = line.split(",");
    const row = new Map(names.flatMap((n, i) => (n === "" || n === "-" ? [] : [[n, values[i] ?? ""]])));
    rows.set(`${row.get("pxname")}/${row.get("svname")}`, row);
  }
  return rows;
}

Deno.test("--batch --format json equals show stat field for field", async () => {
  await using lab = await startLab(quietBody, { node: "quiet" });
  assertEquals((await lab.command("set server be_quiet/q5 state drain")).trim(), "");
  await lab.waitForStat((csv) => /^be_quiet,q5,(?:[^,]*,){15}DRAIN,/m.test(csv));
  const before = statRows(await lab.command("show stat"));
  const r = await runHatop(["-s", lab.sockets.admin, "--batch", "--format", "json"]);
  const after = statRows(await lab.command("show stat"));
  assertEquals(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as { stats: Record<string, unknown>[] };
  const seen = new Set<string>();
  for (const row of json.stats) {
    const key = `${row.pxname}/${row.svname}`;
    seen.add(key);
    const a = before.get(key);
    const b = after.get(key);
    assert(a && b, `${key} is not in show stat`);
    assertEquals(new Set(Object.keys(row)), new Set(a.keys()), `${key}: the same fields by name`);
    for (const [name, value] of Object.entries(row)) {
      const text = value === null ? "" : String(value);
      const [x, y] = [a.get(name)!, b.get(name)!];
      const between = text !== "" && Number(x) <= Number(text) && Number(text) <= Number(y);
      assert(text === x || text === y || between, `${key} ${name}: batch ${text}, show stat ${x} then ${y}`);
    }
  }
  assertEquals([...seen].sort(), [...before.keys()].sort(), "every row, once");
  assertEquals(json.stats.find((s) => s.svname === "q4")?.status, "MAINT");
  assertEquals(json.stats.find((s) => s.svname === "q5")?.status, "DRAIN");
});
