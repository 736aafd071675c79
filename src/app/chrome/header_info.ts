/**
 * What the header shows with several sockets: not the first instance's `show info` (which the merged
 * snapshot carries) but the whole fleet's, said as such. The node line lists every instance, with its state
 * when it is not up (`beta (lost)`, `(reconnecting)`, `(connecting)`: model/instance_health.ts); the figures are sums over the instances that answer (Idle: the lowest, the busiest
 * instance's); version and release date are shown once when every instance agrees, else each distinct one.
 *
 * @module
 */
import { infoNumber } from "../../stats/info.ts";
import type { Info } from "../../stats/types.ts";
import type { State } from "../model/state.ts";
import { nameWithPhase } from "../model/instance_health.ts";

/** `show info` fields the header shows that add up across instances. */
const SUMMED = ["Nbthread", "Nbproc", "PipesUsed", "Maxpipes", "CurrConns", "Maxconn", "Tasks", "Run_queue"];

/** The header's `show info`: the only instance's, or (several) the fleet's, with `node` naming each one. */
export function headerInfo(s: State): Info | undefined {
  if (s.instances.length < 2) return s.snapshot?.info;
  const known = s.instances.filter((i) => i.snapshot);
  if (known.length === 0) return undefined;
  const live = known.filter((i) => i.connected);
  const from = (live.length > 0 ? live : known).map((i) => i.snapshot!.info);
  const info = new Map<string, string>();
  for (const key of SUMMED) {
    const values = from.map((i) => infoNumber(i, key));
    if (values.every((v) => v !== undefined)) info.set(key, String(values.reduce((a, b) => a! + b!, 0)));
  }
  const idle = from.map((i) => infoNumber(i, "Idle_pct")).filter((v): v is number => v !== undefined);
  if (idle.length > 0) info.set("Idle_pct", String(Math.min(...idle)));
  for (const key of ["Name", "Version", "Release_date"]) {
    const values = [...new Set(from.map((i) => i.get(key) ?? "").filter((v) => v !== ""))];
    if (values.length > 0) info.set(key, values.join(", "));
  }
  info.set("node", s.instances.map(nameWithPhase).join(" + "));
  return info;
}
