/**
 * The monitor's edges: keyboard, clock, sockets and screen around the pure `update` and `view`.
 *
 * Keys are handled while a refresh is in flight (the socket is awaited and a large reply is parsed in slices
 * of a few milliseconds, so neither blocks input), an instance's refreshes never overlap, and frames are
 * coalesced: several events in one turn give one frame. Each socket (instance) refreshes on its own, so one
 * that stops answering does not hold the others back.
 *
 * @module
 */
import type { HaproxyClient } from "../haproxy/client.ts";
import { type CommandSender, route, workerSender } from "../haproxy/master.ts";
import type { Terminal } from "../tui/terminal.ts";
import { renderDiff } from "../tui/render.ts";
import type { ScreenBuffer } from "../tui/buffer.ts";
import { fetchSnapshot, yieldToEventLoop } from "./fetch.ts";
import { init, update } from "./update.ts";
import { view } from "./view.ts";
import type { Command, Config, Event, ModeId, State } from "./state.ts";
import type { HistoryStore } from "./history_store.ts";

/** How long a clock tick waits for the frame of a refresh in flight before it draws its own. */
const TICK_WAIT_MS = 500;

/** One socket: its id (the address as text), client, and the `show stat` commands of a refresh. */
export interface MonitorInstance {
  readonly id: string;
  readonly client: HaproxyClient;
  readonly statCommands: readonly string[];
}

export interface MonitorOptions {
  readonly instances: readonly MonitorInstance[];
  readonly terminal: Terminal;
  readonly config: Config;
  readonly mode: ModeId;
  /** Where executed CLI lines are kept across runs, and what was kept before. */
  readonly history?: {
    readonly store: HistoryStore;
    readonly lines: readonly string[];
    /** Why the history could not be read, if it could not. */
    readonly error?: string;
  };
}

/** What the edge keeps per instance: whether a refresh is in flight, and whether its level was asked. */
interface Edge {
  readonly instance: MonitorInstance;
  refreshing: boolean;
  again: boolean;
  levelAsked: boolean;
}

/**
 * Where a command typed or chosen on screen goes: the socket itself; on a master CLI, the worker whose stats
 * are on screen (never one the operator has not seen yet), and a line starting with `@` to the master as typed.
 */
function senderFor(edge: Edge, worker: number | undefined, command = ""): CommandSender {
  const client = edge.instance.client;
  if (!client.isMaster || command.startsWith("@")) return client;
  if (worker === undefined) return { send: () => Promise.reject(new Error("no worker is shown yet")) };
  return workerSender(client, worker);
}

/** Runs the monitor until the user quits; resolves with the exit code. */
export function runMonitor(opts: MonitorOptions): Promise<number> {
  const { terminal, config } = opts;
  const ids = opts.instances.map((i) => i.id);
  let state: State = init(config, terminal.size(), opts.mode, Date.now(), opts.history?.lines, ids);
  const edges = new Map(opts.instances.map((instance) => [instance.id, {
    instance,
    refreshing: false,
    again: false,
    levelAsked: false,
  } as Edge]));
  /** The refresh round: every refresh of all instances is the next one (their trend point comes from it). */
  let round = 0;
  let previous: ScreenBuffer | undefined;
  let frameScheduled = false;
  let tickTimer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  let historyFailed = false;
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
    // Every event carries the time, so a clock tick still waiting is answered by this frame.
    if (tickTimer !== undefined) {
      clearTimeout(tickTimer);
      tickTimer = undefined;
    }
    const [next, commands] = update(state, event);
    state = next;
    for (const command of commands) run(command);
    if (!frameScheduled && !finished) {
      frameScheduled = true;
      setTimeout(render, 0);
    }
  };

  const askLevel = (edge: Edge) => {
    if (edge.levelAsked) return;
    edge.levelAsked = true;
    const sender = senderFor(edge, workerShown(edge.instance.id));
    sender.send("show cli level").then(
      (out) => {
        const level = out.trim();
        if (level === "user" || level === "operator" || level === "admin") {
          dispatch({ type: "level", level, now: Date.now(), instance: edge.instance.id });
        }
      },
      () => (edge.levelAsked = false),
    );
  };

  const refreshOne = async (edge: Edge) => {
    if (edge.refreshing) {
      edge.again = true;
      return;
    }
    edge.refreshing = true;
    const seq = state.refreshSeq;
    const answers = round;
    const { client, statCommands, id } = edge.instance;
    try {
      // The worker chosen with `w` (the state forgets it once that worker is gone), else the current one.
      const pinned = state.instances.find((i) => i.id === id)?.pinned;
      const { sender, workers, worker } = await route(client, pinned);
      const snapshot = await fetchSnapshot(sender, statCommands, { pause: yieldToEventLoop });
      dispatch({
        type: "snapshot",
        snapshot,
        seq,
        now: Date.now(),
        instance: id,
        workers,
        worker,
        round: answers,
      });
      askLevel(edge);
    } catch (e) {
      dispatch({ type: "refreshFailed", error: (e as Error).message, now: Date.now(), instance: id });
    } finally {
      edge.refreshing = false;
      if (edge.again) {
        edge.again = false;
        refreshOne(edge);
      }
    }
  };
  const refresh = () => {
    round++;
    for (const edge of edges.values()) refreshOne(edge);
  };

  const send = async (command: Extract<Command, { type: "send" }>) => {
    const targets = command.instance === "*"
      ? [...edges.values()]
      : [edges.get(command.instance ?? ids[0])].filter((e): e is Edge => e !== undefined);
    const named = targets.length > 1 || edges.size > 1;
    // Each instance gets every command until one fails there; a failure on one instance does not keep
    // the others from being told. Results are logged in the instances' order.
    const outcomes = await Promise.all(targets.map(async (edge) => {
      const label = named ? `[${instanceName(edge.instance.id)}] ` : "";
      const worker = workerShown(edge.instance.id);
      const results: { command: string; output: string }[] = [];
      for (const c of command.commands) {
        try {
          results.push({ command: `${label}${c}`, output: await senderFor(edge, worker, c).send(c) });
        } catch (e) {
          return { results, error: `${label}${c}: ${(e as Error).message}` };
        }
      }
      return { results, error: undefined };
    }));
    const results = outcomes.flatMap((o) => o.results);
    const errors = outcomes.flatMap((o) => (o.error ? [o.error] : []));
    const error = errors.length > 0 ? errors.join("; ") : undefined;
    dispatch({
      type: "sent",
      origin: command.origin,
      results,
      error,
      rowKeys: command.rowKeys,
      now: Date.now(),
    });
  };

  // The clock's tick: while a refresh is in flight its own frame shows the time (one frame less a second),
  // so the tick waits for it, at most TICK_WAIT_MS.
  const tick = () => {
    if (![...edges.values()].some((edge) => edge.refreshing)) {
      dispatch({ type: "tick", now: Date.now() });
    } else {
      tickTimer ??= setTimeout(() => {
        tickTimer = undefined;
        dispatch({ type: "tick", now: Date.now() });
      }, TICK_WAIT_MS);
    }
  };

  const instanceName = (id: string) => state.instances.find((i) => i.id === id)?.name ?? id;
  const workerShown = (id: string) => state.instances.find((i) => i.id === id)?.worker;

  const timers = [
    setInterval(refresh, config.intervalMs),
    setInterval(tick, 1000),
  ];

  function run(command: Command) {
    switch (command.type) {
      case "refresh": {
        const edge = command.instance === undefined ? undefined : edges.get(command.instance);
        return edge ? void refreshOne(edge) : refresh();
      }
      case "send":
        return void send(command);
      case "quit":
        return finish(command.code);
      case "remember":
        return void opts.history?.store.append(command.line).catch((e) => {
          if (historyFailed) return;
          historyFailed = true;
          dispatch({
            type: "notice",
            text: `CLI history not saved: ${(e as Error).message}`,
            now: Date.now(),
          });
        });
    }
  }

  function finish(code: number) {
    if (finished) return;
    finished = true;
    for (const t of timers) clearInterval(t);
    clearTimeout(tickTimer);
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
    // The keyboard is gone (end of input): nobody can quit any more, so stop.
    finish(0);
  })();
  render();
  refresh();
  if (opts.history?.error) {
    dispatch({ type: "notice", text: `CLI history not read: ${opts.history.error}`, now: Date.now() });
  }
  return done;
}
