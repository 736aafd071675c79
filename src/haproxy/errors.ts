/**
 * The one error type the runtime-API client throws, tagged with what went wrong so callers (the app, the
 * reconnect logic) can react without matching on message text.
 *
 * @module
 */

/**
 * What went wrong talking to HAProxy:
 * - `connect`: the first connection could not be made (no such socket, refused, permission denied, timeout).
 * - `timeout`: a command got no complete reply in time; the connection was closed.
 * - `closed`: the peer closed the connection (HAProxy reload, restart, stop) or it was closed locally.
 * - `protocol`: the request could not be sent as asked (e.g. a command containing a line break).
 */
export type HaproxyErrorKind = "connect" | "timeout" | "closed" | "protocol";

/**
 * An error from the runtime-API client. The message is one line, fit to show to a user as it is.
 *
 * @example Telling a lost connection apart from a refused first connection
 * ```ts
 * import { HaproxyError } from "./errors.ts";
 *
 * const err = new HaproxyError("closed", "HAProxy closed the connection; reconnecting in 0.5s");
 * console.log(err.kind); // "closed"
 * ```
 */
export class HaproxyError extends Error {
  /** What went wrong; see {@linkcode HaproxyErrorKind}. */
  readonly kind: HaproxyErrorKind;

  /** Creates an error of the given kind with a one-line message. */
  constructor(kind: HaproxyErrorKind, message: string) {
    super(message);
    this.name = "HaproxyError";
    this.kind = kind;
  }
}
