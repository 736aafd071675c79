/**
 * An app is its list of views: `createApp(views)` gives the `init`, `update` and `view` that route keys to
 * those views and draw them. The monitor's app is `createApp(VIEWS)` (src/app/mod.ts); a test may make one
 * with a view of its own.
 *
 * @module
 */
import type { Command, Config, Event, Size, State, ViewId } from "../model/state.ts";
import type { SourceRequest, ViewDef } from "../model/view_def.ts";
import { sourceRequest } from "./registry.ts";
import { init, type InstanceSeed, update } from "./update.ts";
import { type Frame, view } from "./view.ts";

/** The pure monitor over a list of views. */
export interface App {
  readonly views: readonly ViewDef[];
  /** The first state (see core/update.ts: init). */
  init(
    config: Config,
    size: Size,
    view: ViewId,
    now: number,
    history?: readonly string[],
    instances?: readonly InstanceSeed[],
  ): State;
  /** The next state and the commands for the edges. */
  update(s: State, e: Event): [State, Command[]];
  /** The screen. */
  view(s: State): Frame;
  /** What to read from an instance for the shown view, beyond `show stat` (see core/registry.ts). */
  poll(s: State, instance: string): SourceRequest | undefined;
}

/** The app of `views` (ids and keys unique; see core/registry.ts). */
export function createApp(views: readonly ViewDef[]): App {
  return {
    views,
    init: (...args) => init(views, ...args),
    update: (s, e) => update(views, s, e),
    view: (s) => view(views, s),
    poll: (s, instance) => sourceRequest(views, s, instance),
  };
}
