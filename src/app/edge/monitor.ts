/**
 * The monitor's edges wired around the pure `update` and `view`: keys and resizes from the terminal, refreshes
 * and ticks from the scheduler, replies from the sockets, each as an event; the commands `update` returns are
 * run here (refresh, send, a bulk plan, remember a CLI line, quit); every event asks for a frame (coalesced, see
 * frame_loop.ts). Nothing is dispatched, drawn or sent once the monitor quits.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import { type App, createApp } from "../core/app.ts";
import { VIEWS } from "../core/registry.ts";
import type { Command, Config, Event, Size, State, ViewId } from "../model/state.ts";
import type { HistoryStore } from "./history_store.ts";
import { say } from "../model/ops.ts";
import { FrameLoop } from "./frame_loop.ts";
import { Scheduler } from "./scheduler.ts";
import { type MonitorInstance, runBulk, sendCommand } from "./send.ts";
import { SYSTEM_TIMERS, type Timers } from "./timers.ts";
import { MonitorRecording, type RecordSink } from "./recording.ts";
import { ReplaySource } from "./replay.ts";
import type { Recording } from "../../record/mod.ts";

export type { MonitorInstance } from "./send.ts";

/** What the monitor needs of a terminal (src/tui/terminal.ts; a test may give a fake one). */
export interface MonitorTerminal {
  size(): Size;
  write(text: string): void;
  keys(): AsyncIterable<Key>;
  onResize(listener: (size: Size) => void): void;
}

/** What a monitor runs on. */
export interface MonitorOptions {
  readonly instances: readonly MonitorInstance[];
  readonly terminal: MonitorTerminal;
  readonly config: Config;
  /** The view shown first. */
  readonly view: ViewId;
  /** The views (default: the monitor's own). */
  readonly app?: App;
  /** Where executed CLI lines are kept across runs, and what was kept before. */
  readonly history?: {
    readonly store: HistoryStore;
    readonly lines: readonly string[];
    /** Why the history could not be read, if it could not. */
    readonly error?: string;
  };
  /** A line for the message line at the start (which socket was found in HAProxy's configuration). */
  readonly message?: string;
  /** `--record FILE`: every refresh of every instance is written to it (instances in `instances`' order). */
  readonly recorder?: RecordSink;
  /**
   * `--replay FILE`: the recording is played instead of reading sockets (`instances` is empty), from the
   * moment `at` (paused) or from its start.
   */
  readonly replay?: { readonly recording: Recording; readonly at?: number };
  /** Timers and clock (default: the system's). */
  readonly timers?: Timers;
  readonly now?: () => number;
}

/** Runs the monitor until the user quits (or the keyboard ends); resolves with the exit code. */
export function runMonitor(opts: MonitorOptions): Promise<number> {
  const { terminal, config } = opts;
  const timers = opts.timers ?? SYSTEM_TIMERS;
  const now = opts.now ?? Date.now;
  const app = opts.app ?? createApp(VIEWS);
  const ids = opts.replay
    ? ReplaySource.instanceIds(opts.replay.recording)
    : opts.instances.map((i) => (i.label ? { id: i.id, label: i.label } : i.id));
  let state: State = app.init(config, terminal.size(), opts.view, now(), opts.history?.lines, ids);
  if (opts.message) state = say(state, opts.message);
  let finished = false;
  let historyFailed = false;
  let resolveDone: (code: number) => void;
  const done = new Promise<number>((r) => (resolveDone = r));

  const replay = opts.replay &&
    new ReplaySource(opts.replay.recording, (e) => dispatch(e), now, timers, config.intervalMs);
  const recording = opts.recorder &&
    new MonitorRecording(
      opts.recorder,
      ids.map((i) => (typeof i === "string" ? i : i.id)),
      (e) => dispatch(e),
      now,
    );
  const frames = new FrameLoop(() => app.view(state), terminal, config.color, timers);
  const dispatch = (event: Event) => {
    if (finished) return;
    recording?.observe(event);
    // Every event carries the time, so a clock tick still waiting is answered by this frame.
    scheduler.eventArrived();
    const [next, commands] = app.update(state, event);
    state = next;
    for (const command of commands) run(command);
    frames.request();
  };
  const scheduler = new Scheduler({
    instances: opts.instances,
    intervalMs: config.intervalMs,
    state: () => state,
    dispatch,
    timers,
    now,
    poll: app.poll,
  });

  function run(command: Command) {
    switch (command.type) {
      case "refresh":
        return command.instance === undefined ? scheduler.refreshAll() : scheduler.refresh(command.instance);
      case "send":
        return void sendCommand(opts.instances, state, command).then((sent) =>
          dispatch({ ...sent, now: now() })
        );
      case "bulk":
        return void runBulk(opts.instances, state, command).then((results) =>
          dispatch({ type: "bulkDone", results, rowKeys: command.rowKeys, now: now() })
        );
      case "quit":
        return finish(command.code);
      case "replay":
        return replay?.control(command.control);
      case "remember":
        return void opts.history?.store.append(command.line).catch((e) => {
          if (historyFailed) return;
          historyFailed = true;
          dispatch({ type: "notice", text: `CLI history not saved: ${(e as Error).message}`, now: now() });
        });
    }
  }

  function finish(code: number) {
    if (finished) return;
    finished = true;
    scheduler.stop();
    replay?.stop();
    frames.stop();
    resolveDone(code);
  }

  terminal.onResize((size) => {
    frames.invalidate();
    dispatch({ type: "resize", size, now: now() });
  });
  (async () => {
    for await (const key of terminal.keys()) {
      dispatch({ type: "key", key, now: now() });
      if (finished) break;
    }
    // The keyboard is gone (end of input): nobody can quit any more, so stop.
    finish(0);
  })();
  recording?.start();
  frames.render();
  scheduler.start();
  scheduler.refreshAll();
  replay?.start(opts.replay?.at);
  if (opts.history?.error) {
    dispatch({ type: "notice", text: `CLI history not read: ${opts.history.error}`, now: now() });
  }
  return done;
}
