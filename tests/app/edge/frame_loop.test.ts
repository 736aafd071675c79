import { assert, assertEquals } from "../../support/assert.ts";
import { ManualTimers } from "../../support/fake_timers.ts";
import { FrameLoop } from "../../../src/app/edge/frame_loop.ts";
import { ScreenBuffer } from "../../../src/tui/buffer.ts";

/** A frame loop drawing `text` on line 0 of a 20x3 screen, and what it wrote. */
function loop() {
  const writes: string[] = [];
  const timers = new ManualTimers();
  let text = "one";
  let draws = 0;
  const frames = new FrameLoop(
    () => {
      draws++;
      const buffer = new ScreenBuffer(20, 3);
      buffer.put(0, 0, text);
      return { buffer };
    },
    { write: (t) => writes.push(t) },
    false,
    timers,
  );
  return { frames, writes, timers, draws: () => draws, show: (t: string) => (text = t) };
}

Deno.test("frames: every ask in one turn gives one frame, drawn from the state as it is then", () => {
  const { frames, writes, timers, draws, show } = loop();
  frames.request();
  show("two");
  frames.request();
  frames.request();
  assertEquals([draws(), writes.length, timers.size], [0, 0, 1], "drawn on the next turn, once");
  timers.advance(0);
  assertEquals([draws(), writes.length], [1, 1]);
  assert(writes[0].includes("two"), "the latest state");
  frames.request();
  timers.advance(0);
  assertEquals(writes.length, 2, "a new ask after the frame gives another");
});

Deno.test("frames: only what changed is written; after invalidate the next frame repaints everything", () => {
  const { frames, writes, show } = loop();
  frames.render();
  show("onE");
  frames.render();
  assert(writes[1].length < writes[0].length, JSON.stringify(writes));
  assert(writes[1].includes("E") && !writes[1].includes("on"), "the changed cell only");
  frames.invalidate();
  frames.render();
  assert(writes[2].includes("onE"), "a full repaint");
});

Deno.test("frames: once stopped, nothing is drawn, not even a frame already asked for", () => {
  const { frames, writes, timers, draws } = loop();
  frames.request();
  frames.stop();
  timers.advance(0);
  frames.request();
  frames.render();
  timers.advance(0);
  assertEquals([draws(), writes.length, timers.size], [0, 0, 0]);
});
