/**
 * Bulk actions on servers, as a pure domain the command line (`--drain PATTERN` ...) and the monitor share:
 * `proxy/server` glob patterns matched against snapshots, plans that name every target by id with the exact
 * command it gets, per-target results with HAProxy's own refusal, the level check that comes before a preview,
 * and the step of a drain wait (who still has sessions).
 *
 * Imports src/stats and src/haproxy only; no I/O but through a given command sender.
 *
 * @module
 */
export { type MatchResult, matchTargets, parsePattern, PatternError, type ServerPattern } from "./pattern.ts";
export {
  type BulkAction,
  commandFor,
  describeAction,
  type InstancePlan,
  parseWeight,
  type Plan,
  planAction,
  type PlannedTarget,
  type Target,
  targetRef,
} from "./plan.ts";
export { type Level, levelRefusal, readLevel } from "./level.ts";
export {
  executePlan,
  judgeReply,
  type Outcome,
  summarize,
  type Summary,
  type TargetResult,
} from "./execute.ts";
export { type Busy, type DrainStep, drainStep, isDrained } from "./drain.ts";
