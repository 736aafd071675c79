/**
 * The monitor's refresh as the bench scripts run it: the program's own functions in the order
 * `src/app/edge/scheduler.ts` calls them (parse, snapshot, `update`, `view`, `renderDiff`) on replies the
 * script read, with a hook after each stage for what the script measures (time, used heap, a profile), and
 * the socket those replies come from (a lab started for the run, or one given).
 *
 * @module
 */
import { startLab } from "../lab/haproxy.ts";
import { manyServersBody } from "../lab/configs.ts";
import { parseInfo } from "../../src/stats/info.ts";
import { parseStat } from "../../src/stats/csv.ts";
import { buildSnapshot } from "../../src/stats/snapshot.ts";
import { init, update, view } from "../../src/app/mod.ts";
import { renderDiff } from "../../src/tui/render.ts";
import type { ScreenBuffer } from "../../src/tui/buffer.ts";
import type { State } from "../../src/app/model/state.ts";
import { PANE } from "./side_by_side.ts";

/** The stages of one refresh, in order. */
export const STAGES = ["parse", "snapshot", "update", "view", "diff"] as const;

/** One stage of a refresh. */
export type Stage = (typeof STAGES)[number];

/** One refresh's result: the terminal output and the snapshot's services. */
export interface Refreshed {
  out: string;
  services: number;
}

/** A monitor's state across refreshes, fed replies one refresh at a time. */
export class Refresher {
  #state: State;
  #previous: ScreenBuffer | undefined;

  /** A monitor of `socketName` in a terminal of `size`. */
  constructor(socketName: string, size: { columns: number; rows: number } = PANE) {
    const config = { readOnly: false, intervalMs: 1000, color: true, socketName };
    this.#state = init(config, size, "status", Date.now());
  }

  /** Refreshes with `show info` and `show stat` replies at `now`, calling `after` when each stage is done. */
  run(infoText: string, statText: string, now: number, after?: (stage: Stage) => void): Refreshed {
    const info = parseInfo(infoText);
    const table = parseStat(statText);
    after?.("parse");
    const snapshot = buildSnapshot(info, [table]);
    after?.("snapshot");
    this.#state = update(this.#state, { type: "snapshot", snapshot, seq: this.#state.refreshSeq, now })[0];
    after?.("update");
    const frame = view(this.#state);
    after?.("view");
    const out = renderDiff(this.#previous, frame.buffer, { color: true, cursor: frame.cursor });
    after?.("diff");
    this.#previous = frame.buffer;
    return { out, services: snapshot.services };
  }
}

/** The socket a script reads, and what stops the lab started for it. */
export interface BenchSocket extends AsyncDisposable {
  path: string;
}

/** The options of {@linkcode benchSocket} for `parseArgs`: `--servers N` (a lab's size) or `--socket PATH`. */
export const SOCKET_OPTIONS = {
  servers: { type: "string", default: "960" },
  socket: { type: "string" },
} as const;

/** `socket` when given, else the admin socket of a lab of `servers` servers, stopped on dispose. */
export async function benchSocket(socket: string | undefined, servers: number): Promise<BenchSocket> {
  if (socket !== undefined) return { path: socket, [Symbol.asyncDispose]: () => Promise.resolve() };
  const lab = await startLab(manyServersBody(servers), { startTimeoutMs: 120_000 });
  return { path: lab.sockets.admin, [Symbol.asyncDispose]: () => lab[Symbol.asyncDispose]() };
}
