/**
 * Pure framing for HAProxy's runtime API: splitting a typed CLI line into single commands, and cutting the
 * prompt-mode byte stream into one response per command.
 *
 * In prompt mode HAProxy writes, after each command's output, an empty line and the prompt `"> "`. HAProxy
 * guarantees that no command prints an empty line inside its output, so "empty line followed by `> `" ends a
 * response, while a `"> "` anywhere else (for example at the start of a non-empty output line) is output.
 *
 * @module
 */

/**
 * Splits a CLI line on unescaped `;`, the way HAProxy does. A `\;` stays part of the command (escape included,
 * so HAProxy still sees it escaped); `\\` is an escaped backslash. Parts are trimmed and empty parts dropped.
 *
 * @example
 * ```ts
 * import { splitCommands } from "./framing.ts";
 *
 * splitCommands("show info; show stat ;;"); // ["show info", "show stat"]
 * splitCommands("set var a\\;b; show info"); // ["set var a\\;b", "show info"]
 * ```
 */
export function splitCommands(line: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "\\" && i + 1 < line.length) {
      current += ch + line[i + 1];
      i++;
    } else if (ch === ";") {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

const NEWLINE = 0x0a;

/** Room for the first chunks; the buffer doubles when a reply is larger and keeps its size afterwards. */
const INITIAL_CAPACITY = 64 * 1024;

/**
 * Incremental reader for prompt mode. {@linkcode ResponseReader.push} takes raw chunks as they arrive and
 * returns the responses completed so far, in order.
 *
 * The stream `"\n> "` alone is an empty response; `"out\n\n> "` is the response `"out"`. The returned text
 * excludes the terminating empty line and the prompt. There is no line or size cap. The prompt is `> ` on a
 * worker's socket and `master> ` on the master CLI (give it to the constructor).
 *
 * Chunks are copied into one byte buffer and each response is decoded from UTF-8 once, when it is complete
 * (the terminator is ASCII, so it is found in the bytes; a character split across chunks decodes whole).
 *
 * @example
 * ```ts
 * import { ResponseReader } from "./framing.ts";
 *
 * const reader = new ResponseReader();
 * const bytes = new TextEncoder().encode("\n> 2.6.12\n\n> 1 (ini");
 * reader.push(bytes); // ["", "2.6.12"]
 * reader.push(new TextEncoder().encode("tial 1)\n\n> ")); // ["1 (initial 1)"]
 * ```
 */
export class ResponseReader {
  #decoder = new TextDecoder("utf-8");
  // What ends a response: the newline ending the last output line, an empty line, then the prompt.
  #terminator: Uint8Array;

  /** A reader for replies ending with `prompt` (ASCII; default `> `). */
  constructor(prompt = "> ") {
    this.#terminator = new TextEncoder().encode(`\n\n${prompt}`);
  }
  // The pending response, preceded by a "\n" so that "\n> " at the very start also ends a response.
  #buffer = new Uint8Array(INITIAL_CAPACITY).fill(NEWLINE, 0, 1);
  #length = 1;
  // Where the search for the next terminator goes on: terminators starting before it were ruled out.
  #searched = 0;

  /** Feeds one raw chunk; returns every response that this chunk completed (often none, sometimes several). */
  push(chunk: Uint8Array): string[] {
    this.#append(chunk);
    const buf = this.#buffer.subarray(0, this.#length);
    const done: string[] = [];
    let start = 0;
    let from = this.#searched;
    const last = this.#terminator.length - 1;
    for (;;) {
      const at = findTerminator(buf, from, this.#terminator);
      if (at < 0) break;
      done.push(this.#decoder.decode(buf.subarray(start + 1, at)));
      // The prompt's last byte (a space) is consumed: it becomes the "\n" in front of the next response.
      start = at + last;
      buf[start] = NEWLINE;
      from = start;
    }
    if (start > 0) {
      buf.copyWithin(0, start, this.#length);
      this.#length -= start;
      from -= start;
    }
    // A terminator that starts in the last bytes may still be completed by the next chunk.
    this.#searched = Math.max(from, this.#length - last);
    return done;
  }

  /** Whether part of a response has arrived but not its end (used to tell "closed mid-reply"). */
  get partial(): boolean {
    return this.#length > 1;
  }

  #append(chunk: Uint8Array): void {
    const needed = this.#length + chunk.length;
    if (needed > this.#buffer.length) {
      let capacity = this.#buffer.length;
      while (capacity < needed) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.#buffer.subarray(0, this.#length));
      this.#buffer = grown;
    }
    this.#buffer.set(chunk, this.#length);
    this.#length = needed;
  }
}

/** The index of the first complete `terminator` (it starts with "\n") in `buf` at or after `from`, or -1. */
function findTerminator(buf: Uint8Array, from: number, terminator: Uint8Array): number {
  const end = buf.length - terminator.length;
  for (let at = buf.indexOf(NEWLINE, from); at >= 0 && at <= end; at = buf.indexOf(NEWLINE, at + 1)) {
    let k = 1;
    while (k < terminator.length && buf[at + k] === terminator[k]) k++;
    if (k === terminator.length) return at;
  }
  return -1;
}
