/**
 * When the monitor reads HAProxy and when the clock ticks. Each instance refreshes on its own, so one that
 * stops answering does not hold the others back, and an instance's refreshes never overlap: one asked for
 * while another is in flight runs right after it. Every refresh of all instances is a round (numbered on
 * the snapshot event; its first answer adds the trend point). A large reply is parsed in slices with turns
 * of the event loop between them, so keys are handled meanwhile. The clock's tick waits for a refresh in
 * flight (whose frame shows the time anyway), at most {@linkcode TICK_WAIT_MS}. With several instances the
 * answers of a round are held for each other (at most {@linkcode HOLD_MS}) and merged once.
 *
 * @module
 */
import { type CommandSender, route } from "../../haproxy/master.ts";
import { fetchSnapshot, yieldToEventLoop } from "../../stats/read_snapshot.ts";
import type { Event, State } from "../model/state.ts";
import type { SourceRequest } from "../model/view_def.ts";
import { type MonitorInstance, senderFor } from "./send.ts";
import type { TimerId, Timers } from "./timers.ts";

/** How long a clock tick waits for the frame of a refresh in flight before it draws its own. */
export const TICK_WAIT_MS = 500;

/** How often the clock ticks. */
export const TICK_MS = 1000;

/**
 * With several instances, how long an answer is held for the others of its round, so that their merge (of
 * every instance: the cost of an answer in a fleet) is done once: at most this long, so that a slow or lost
 * instance does not hold the others back.
 */
export const HOLD_MS = 200;

/** What the scheduler works with. */
export interface SchedulerOptions {
  readonly instances: readonly MonitorInstance[];
  /** Refresh interval in ms. */
  readonly intervalMs: number;
  /** The current state (the sequence number of the refresh, the worker chosen and shown). */
  readonly state: () => State;
  readonly dispatch: (event: Event) => void;
  readonly timers: Timers;
  readonly now: () => number;
  /** What else the shown view reads from an instance after its refresh (core/registry.ts: sourceRequest). */
  readonly poll?: (s: State, instance: string) => SourceRequest | undefined;
}

/** What is kept per instance: whether a refresh is in flight, another is due, its level was asked. */
interface Slot {
  readonly instance: MonitorInstance;
  refreshing: boolean;
  again: boolean;
  levelAsked: boolean;
}

/** Refreshes and ticks of one monitor. */
export class Scheduler {
  readonly #opts: SchedulerOptions;
  readonly #slots: Map<string, Slot>;
  /** The refresh round: every refresh of all instances is the next one (their trend point comes from it). */
  #round = 0;
  #timers: TimerId[] = [];
  #waitingTick: TimerId | undefined;
  /** Answers held for the others of their round (see {@linkcode HOLD_MS}), and the timer that lets them go. */
  #held: Extract<Event, { type: "snapshot" }>[] = [];
  #holdTimer: TimerId | undefined;
  #stopped = false;

  /** A scheduler for these instances; nothing runs before {@linkcode Scheduler.start} or a refresh. */
  constructor(opts: SchedulerOptions) {
    this.#opts = opts;
    this.#slots = new Map(opts.instances.map((instance) => [instance.id, {
      instance,
      refreshing: false,
      again: false,
      levelAsked: false,
    }]));
  }

  /** Starts the refresh interval and the clock. */
  start(): void {
    const { timers, intervalMs } = this.#opts;
    this.#timers = [
      timers.setInterval(() => this.refreshAll(), intervalMs),
      timers.setInterval(() => this.tick(), TICK_MS),
    ];
  }

  /** Stops both, a tick waiting, and what a refresh in flight would do next (ask again, ask the level). */
  stop(): void {
    this.#stopped = true;
    for (const t of this.#timers) this.#opts.timers.clearInterval(t);
    this.#timers = [];
    if (this.#holdTimer !== undefined) this.#opts.timers.clearTimeout(this.#holdTimer);
    this.#holdTimer = undefined;
    this.#held = [];
    this.eventArrived();
  }

  /** Whether a refresh is in flight. */
  get busy(): boolean {
    return [...this.#slots.values()].some((slot) => slot.refreshing);
  }

  /** A new round: every instance refreshes. */
  refreshAll(): void {
    this.#round++;
    for (const slot of this.#slots.values()) void this.#refresh(slot);
  }

  /** One instance refreshes (after `w` chose another worker), in the current round. */
  refresh(id: string): void {
    const slot = this.#slots.get(id);
    if (slot) void this.#refresh(slot);
  }

  /** The clock's tick: now, or once the refresh in flight has drawn its frame, at most TICK_WAIT_MS later. */
  tick(): void {
    const { timers, dispatch, now } = this.#opts;
    if (!this.busy) {
      dispatch({ type: "tick", now: now() });
      return;
    }
    this.#waitingTick ??= timers.setTimeout(() => {
      this.#waitingTick = undefined;
      dispatch({ type: "tick", now: now() });
    }, TICK_WAIT_MS);
  }

  /** An event is handled, and its frame shows the time: a tick waiting is not needed any more. */
  eventArrived(): void {
    if (this.#waitingTick === undefined) return;
    this.#opts.timers.clearTimeout(this.#waitingTick);
    this.#waitingTick = undefined;
  }

  async #refresh(slot: Slot): Promise<void> {
    if (this.#stopped) return;
    if (slot.refreshing) {
      slot.again = true;
      return;
    }
    slot.refreshing = true;
    const { state, dispatch, now } = this.#opts;
    const seq = state().refreshSeq;
    const round = this.#round;
    const { client, statCommands, id } = slot.instance;
    try {
      // The worker chosen with `w` (the state forgets it once that worker is gone), else the current one.
      const pinned = state().instances.find((i) => i.id === id)?.pinned;
      const { sender, workers, worker } = await route(client, pinned);
      const snapshot = await fetchSnapshot(sender, statCommands, { pause: yieldToEventLoop });
      this.#answered(slot, {
        type: "snapshot",
        snapshot,
        seq,
        now: now(),
        instance: id,
        workers,
        worker,
        round,
      });
      this.#askLevel(slot);
      await this.#readSource(slot, sender);
    } catch (e) {
      dispatch({ type: "refreshFailed", error: (e as Error).message, now: now(), instance: id });
    } finally {
      slot.refreshing = false;
      if (this.#held.length > 0 && !this.busy) this.#release();
      if (slot.again) {
        slot.again = false;
        void this.#refresh(slot);
      }
    }
  }

  /**
   * An instance answered: at once when no other instance is refreshing, else held until the last of them
   * answers or fails, or {@linkcode HOLD_MS} has passed.
   */
  #answered(slot: Slot, event: Extract<Event, { type: "snapshot" }>): void {
    this.#held.push(event);
    const others = [...this.#slots.values()].some((other) => other !== slot && other.refreshing);
    if (!others) return this.#release();
    this.#holdTimer ??= this.#opts.timers.setTimeout(() => this.#release(), HOLD_MS);
  }

  /** Dispatches the answers held: each but the last deferred, so that the model merges them once. */
  #release(): void {
    if (this.#holdTimer !== undefined) this.#opts.timers.clearTimeout(this.#holdTimer);
    this.#holdTimer = undefined;
    const held = this.#held;
    this.#held = [];
    if (this.#stopped) return;
    held.forEach((e, i) => this.#opts.dispatch(i < held.length - 1 ? { ...e, defer: true } : e));
  }

  /** Sends the shown view's source commands, if it has some, and hands their replies (or the error) on. */
  async #readSource(slot: Slot, sender: CommandSender): Promise<void> {
    const { state, dispatch, now, poll } = this.#opts;
    const id = slot.instance.id;
    const request = this.#stopped ? undefined : poll?.(state(), id);
    if (!request) return;
    const { view } = request;
    const commands = [...request.commands];
    const replies: string[] = [];
    try {
      for (const command of commands) replies.push(await sender.send(command));
      const more = request.then?.(replies) ?? [];
      for (const command of more) replies.push(await sender.send(command));
      commands.push(...more);
      dispatch({ type: "sourceData", view, instance: id, commands, replies, now: now() });
    } catch (e) {
      dispatch({ type: "sourceData", view, instance: id, commands, error: (e as Error).message, now: now() });
    }
  }

  /** Asks an instance's privilege level once (again after a failure), after its first answer. */
  #askLevel(slot: Slot): void {
    if (slot.levelAsked || this.#stopped) return;
    slot.levelAsked = true;
    const { state, dispatch, now } = this.#opts;
    const worker = state().instances.find((i) => i.id === slot.instance.id)?.worker;
    senderFor(slot.instance, worker).send("show cli level").then(
      (out) => {
        const level = out.trim();
        if (level === "user" || level === "operator" || level === "admin") {
          dispatch({ type: "level", level, now: now(), instance: slot.instance.id });
        }
      },
      () => (slot.levelAsked = false),
    );
  }
}
