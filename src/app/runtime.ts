/**
 * The monitor's edges: keyboard, clock, socket and screen around the pure `update` and `view`.
 *
 * Keys are handled while a refresh is in flight (the socket is awaited and a large reply is parsed in slices
 * of a few milliseconds, so neither blocks input), refreshes never overlap, and frames are coalesced: several
 * events in one turn give one frame.
 *
 * @module
 */
import type { HaproxyClient } from "../haproxy/client.ts";
import type { Terminal } from "../tui/terminal.ts";
import { renderDiff } from "../tui/render.ts";
import type { ScreenBuffer } from "../tui/buffer.ts";
import { fetchSnapshot, yieldToEventLoop } from "./fetch.ts";
import { init, update } from "./update.ts";
import { view } from "./view.ts";
import type { Command, Config, Event, ModeId, State } from "./state.ts";
import type { HistoryStore } from "./history_store.ts";

export interface MonitorOptions {
  readonly client: HaproxyClient;
  readonly terminal: Terminal;
  readonly config: Config;
  readonly mode: ModeId;
  readonly statCommands: readonly string[];
  /** Where executed CLI lines are kept across runs, and what was kept before. */
  readonly history?: { readonly store: HistoryStore; readonly lines: readonly string[] };
}

/** Runs the monitor until the user quits; resolves with the exit code. */
export function runMonitor(opts: MonitorOptions): Promise<number> {
  const { client, terminal, config } = opts;
  let state: State = init(config, terminal.size(), opts.mode, Date.now(), opts.history?.lines);
  let previous: ScreenBuffer | undefined;
  let frameScheduled = false;
  let refreshing = false;
  let refreshAgain = false;
  let finished = false;
  let resolveDone: (code: number) => void;
  const done = new Promise<number>((r) => (resolveDone = r));

  const render = () => {
    frameScheduled = false;
    if (finished) return;
    const frame = view(state);
    terminal.write(renderDiff(previous, frame.buffer, { color: config.color, cursor: frame.cursor }));
    previous = frame.buffer;
  };

  const dispatch = (event: Event) => {
    if (finished) return;
    const [next, commands] = update(state, event);
    state = next;
    for (const command of commands) run(command);
    if (!frameScheduled && !finished) {
      frameScheduled = true;
      setTimeout(render, 0);
    }
  };

  const refresh = async () => {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    const seq = state.refreshSeq;
    try {
      const snapshot = await fetchSnapshot(client, opts.statCommands, { pause: yieldToEventLoop });
      dispatch({ type: "snapshot", snapshot, seq, now: Date.now() });
    } catch (e) {
      dispatch({ type: "refreshFailed", error: (e as Error).message, now: Date.now() });
    } finally {
      refreshing = false;
      if (refreshAgain) {
        refreshAgain = false;
        refresh();
      }
    }
  };

  const send = async (command: Extract<Command, { type: "send" }>) => {
    const results: { command: string; output: string }[] = [];
    let error: string | undefined;
    for (const c of command.commands) {
      try {
        results.push({ command: c, output: await client.send(c) });
      } catch (e) {
        error = `${c}: ${(e as Error).message}`;
        break;
      }
    }
    dispatch({
      type: "sent",
      origin: command.origin,
      results,
      error,
      rowKeys: command.rowKeys,
      now: Date.now(),
    });
  };

  const timers = [
    setInterval(refresh, config.intervalMs),
    setInterval(() => dispatch({ type: "tick", now: Date.now() }), 1000),
  ];

  function run(command: Command) {
    if (command.type === "refresh") refresh();
    else if (command.type === "send") send(command);
    else if (command.type === "quit") finish(command.code);
    else if (command.type === "remember") opts.history?.store.append(command.line).catch(() => {});
  }

  function finish(code: number) {
    if (finished) return;
    finished = true;
    for (const t of timers) clearInterval(t);
    resolveDone(code);
  }

  terminal.onResize((size) => {
    previous = undefined;
    dispatch({ type: "resize", size, now: Date.now() });
  });
  (async () => {
    for await (const key of terminal.keys()) {
      dispatch({ type: "key", key, now: Date.now() });
      if (finished) break;
    }
  })();
  client.level().then(
    (level) => dispatch({ type: "level", level, now: Date.now() }),
    () => {},
  );
  render();
  refresh();
  return done;
}
