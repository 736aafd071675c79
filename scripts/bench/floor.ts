/**
 * Floors of the monitor's memory and CPU, run beside it by `deno task bench` at ~1k services: what a Deno
 * program holds and spends before the monitor's own work starts.
 *
 * `deno run -A scripts/bench/floor.ts modules`: loads every module the monitor loads at start (main.ts's
 * graph and src/cli/monitor.ts's), prints the line the benchmark waits for, then only waits.
 * `deno run -A scripts/bench/floor.ts read -s SOCKET`: connects as the monitor does and reads and parses
 * `show info` and `show stat` once a second with the program's own client and parser; nothing else (no
 * model, no frame, no terminal).
 *
 * @module
 */
import "../../main.ts";
import { parseOptions } from "../../src/cli/options.ts";
import { connectAll } from "../../src/cli/connect.ts";
import { route } from "../../src/haproxy/master.ts";
import { fetchSnapshot } from "../../src/stats/read_snapshot.ts";

/** The text the benchmark waits for before it starts its clocks (see side_by_side.ts). */
const READY = "srv_00000 (a floor of the benchmark: this line is what it waits for)";

async function modules(): Promise<number> {
  await import("../../src/cli/monitor.ts");
  console.log(READY);
  setInterval(() => {}, 1000);
  return await new Promise<number>(() => {});
}

async function read(argv: readonly string[]): Promise<number> {
  const parsed = parseOptions(argv);
  if (parsed.kind === "exit") {
    console.error(parsed.stderr || parsed.stdout);
    return parsed.code;
  }
  const io = { out: (t: string) => console.log(t), err: (t: string) => console.error(t) };
  const instances = await connectAll(parsed.options, io);
  if (typeof instances === "number") return instances;
  const [{ client, commands }] = instances;
  const { sender } = await route(client);
  await fetchSnapshot(sender, commands);
  console.log(READY);
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    await fetchSnapshot(sender, commands);
  }
}

if (import.meta.main) {
  const [what, ...rest] = Deno.args;
  if (what === "modules") Deno.exit(await modules());
  if (what === "read") Deno.exit(await read(rest));
  console.error("usage: floor.ts modules | floor.ts read -s SOCKET");
  Deno.exit(2);
}
