/**
 * The timeline's types, apart from model/timeline.ts so that the State (model/state.ts) can hold one without
 * an import cycle: the events seen, newest first, bounded, and what the events diff keeps per instance.
 *
 * @module
 */
import type { CheckCodes, StateEvent } from "../../record/events.ts";

/**
 * How many events the monitor keeps (the newest): 5,000 lines of a few hundred bytes, about 1-2 MB at most,
 * whatever the number of services; older ones are dropped (a recording keeps them all).
 */
export const EVENTS_KEPT = 5000;

/** One event of the timeline: src/record's event, the socket it came from and its running number. */
export interface TimelineEvent extends StateEvent {
  /** The instance's id (its socket address), for the row key of the service. */
  readonly instanceId: string;
  readonly seq: number;
}

/** The events seen so far (newest first, at most {@linkcode EVENTS_KEPT}) and what the diff keeps per instance. */
export interface Timeline {
  readonly events: readonly TimelineEvent[];
  /** The last finished check code of each row, by instance id (see src/record's CheckCodes). */
  readonly codes: ReadonlyMap<string, CheckCodes>;
  /** Events seen since the start (the next event's `seq`). */
  readonly seen: number;
}

/** A timeline without events. */
export const EMPTY_TIMELINE: Timeline = { events: [], codes: new Map(), seen: 0 };
