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

/** The end of a response: the newline ending the last output line, an empty line, then the prompt. */
const TERMINATOR = "\n\n> ";

/**
 * Incremental reader for prompt mode. {@linkcode ResponseReader.push} takes raw chunks as they arrive (UTF-8 is
 * decoded across chunk boundaries) and returns the responses completed so far, in order.
 *
 * The stream `"\n> "` alone is an empty response; `"out\n\n> "` is the response `"out"`. The returned text
 * excludes the terminating empty line and the prompt. There is no line or size cap.
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
  // The pending response, preceded by a virtual "\n" so that "\n> " at the very start also matches TERMINATOR.
  #parts: string[] = ["\n"];
  #length = 1;
  // The last (up to) three characters of the pending text, where a terminator split across chunks begins.
  #tail = "\n";

  /** Feeds one raw chunk; returns every response that this chunk completed (often none, sometimes several). */
  push(chunk: Uint8Array): string[] {
    return this.#feed(this.#decoder.decode(chunk, { stream: true }));
  }

  /** Whether part of a response has arrived but not its end (used to tell "closed mid-reply"). */
  get partial(): boolean {
    return this.#length > 1;
  }

  #feed(text: string): string[] {
    const done: string[] = [];
    for (;;) {
      const hay = this.#tail + text;
      const at = hay.indexOf(TERMINATOR);
      if (at < 0) {
        if (text !== "") {
          this.#parts.push(text);
          this.#length += text.length;
          this.#tail = hay.slice(-3);
        }
        return done;
      }
      const inText = at - this.#tail.length;
      if (inText >= 0) {
        done.push(this.#parts.join("").slice(1) + text.slice(0, inText));
      } else {
        const all = this.#parts.join("");
        done.push(all.slice(1, all.length + inText));
      }
      text = hay.slice(at + TERMINATOR.length);
      this.#parts = ["\n"];
      this.#length = 1;
      this.#tail = "\n";
    }
  }
}
