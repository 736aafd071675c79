import { deepEqual } from "node:assert/strict";
import { readKeys } from "../../src/tui/key_stream.ts";
import type { Key } from "../../src/tui/types.ts";

/** A byte source the test controls: push() chunks, end() to finish; reads wait for the next push. */
class Source {
  #chunks: (Uint8Array | null)[] = [];
  #waiting: ((c: Uint8Array | null) => void) | undefined;
  push(s: string | null): void {
    const chunk = s === null ? null : new TextEncoder().encode(s);
    if (this.#waiting) {
      const w = this.#waiting;
      this.#waiting = undefined;
      w(chunk);
    } else {
      this.#chunks.push(chunk);
    }
  }
  read = (): Promise<Uint8Array | null> => {
    if (this.#chunks.length > 0) return Promise.resolve(this.#chunks.shift()!);
    return new Promise((resolve) => (this.#waiting = resolve));
  };
}

async function collect(it: AsyncIterable<Key>): Promise<Key[]> {
  const out: Key[] = [];
  for await (const k of it) out.push(k);
  return out;
}

Deno.test("key stream: keys from several chunks, sequences split across chunks", async () => {
  const src = new Source();
  src.push("a\x1b[");
  src.push("21~\x1bO");
  src.push("A");
  src.push(null);
  deepEqual(await collect(readKeys(src.read)), [
    { name: "char", text: "a" },
    { name: "f10" },
    { name: "up" },
  ]);
});

Deno.test("key stream: a lone ESC becomes escape when no more input arrives in time", async () => {
  const src = new Source();
  src.push("\x1b");
  const keys = readKeys(src.read, 5);
  deepEqual((await keys.next()).value, { name: "escape" });
  src.push("q");
  deepEqual((await keys.next()).value, { name: "char", text: "q" });
  src.push(null);
  deepEqual((await keys.next()).done, true);
});

Deno.test("key stream: pending bytes are flushed at end of input", async () => {
  const src = new Source();
  src.push("x\x1b");
  src.push(null);
  deepEqual(await collect(readKeys(src.read, 60_000)), [{ name: "char", text: "x" }, { name: "escape" }]);
});
