/**
 * Frames: `view(state)` diffed against the frame before (src/tui/render.ts) and written to the terminal.
 * Frames are coalesced: every event asks for one, and all that ask in one turn of the event loop get one,
 * drawn from the state as it is then.
 *
 * @module
 */
import { renderDiff } from "../../tui/render.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import type { Frame } from "../core/view.ts";
import type { Timers } from "./timers.ts";

/** Where frames go: the terminal's output. */
export interface FrameOutput {
  write(text: string): void;
}

/** The frames of one monitor. */
export class FrameLoop {
  readonly #draw: () => Frame;
  readonly #out: FrameOutput;
  readonly #color: boolean;
  readonly #timers: Timers;
  #previous: ScreenBuffer | undefined;
  #scheduled = false;
  #stopped = false;

  /** Frames of `draw()` (the view of the current state) to `out`, in colour or not. */
  constructor(draw: () => Frame, out: FrameOutput, color: boolean, timers: Timers) {
    this.#draw = draw;
    this.#out = out;
    this.#color = color;
    this.#timers = timers;
  }

  /** Asks for a frame: it is drawn on the next turn, once however many asked. */
  request(): void {
    if (this.#scheduled || this.#stopped) return;
    this.#scheduled = true;
    this.#timers.setTimeout(() => this.render(), 0);
  }

  /** Draws a frame now (the first one, before any event). */
  render(): void {
    this.#scheduled = false;
    if (this.#stopped) return;
    const frame = this.#draw();
    this.#out.write(renderDiff(this.#previous, frame.buffer, { color: this.#color, cursor: frame.cursor }));
    this.#previous = frame.buffer;
  }

  /** The terminal's contents are lost (a resize): the next frame repaints everything. */
  invalidate(): void {
    this.#previous = undefined;
  }

  /** No frame is drawn any more (the monitor is quitting), not even one already asked for. */
  stop(): void {
    this.#stopped = true;
  }
}
