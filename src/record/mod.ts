/**
 * Recording and replay: every refresh of every watched HAProxy appended to a file as compact deltas (with a
 * full snapshot every few minutes), read back as the same snapshots the live monitor had, at any moment, and
 * the state transitions of a recording as events. The format is docs/record-format.md.
 *
 * This folder imports only src/stats, src/haproxy and Deno/`node:` APIs, so the monitor (src/app), batch
 * mode (src/cli) and other tools can all drive it: {@linkcode Recorder} writes, {@linkcode Recording} reads,
 * {@linkcode events} and {@linkcode eventsOf} tell what changed.
 *
 * @module
 */
export { DEFAULT_FULL_EVERY_S, FORMAT_VERSION, type Observation, type RecordedInstance } from "./format.ts";
export {
  RECORD_PARTS,
  Recorder,
  type RecorderOptions,
  RecordOpenError,
  type RecordResult,
} from "./writer.ts";
export {
  type Frame,
  type InstanceFrame,
  type Moment,
  Recording,
  RecordingError,
  type Step,
} from "./reader.ts";
export { adminState, type EventKind, events, type Observed, type StateEvent } from "./events.ts";
export { eventsOf } from "./events_of.ts";
export { AT_FORMS, type MomentSpec, parseMoment, parseSize, resolveMoment } from "./time.ts";
