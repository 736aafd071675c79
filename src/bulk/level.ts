/**
 * The session's privilege level, read before a preview: every bulk action needs level admin, and an operator
 * must hear that before the list of targets, not as one refusal per server after it.
 *
 * @module
 */
import { isPermissionDenied } from "../haproxy/client.ts";

/** HAProxy's privilege levels, lowest first. */
export type Level = "user" | "operator" | "admin";

/**
 * Reads the reply to `show cli level` (2.0+): the level, `denied` when even asking was refused (a master CLI
 * below admin forwarding to a worker), undefined when the reply says neither (then HAProxy's refusals tell).
 */
export function readLevel(reply: string): Level | "denied" | undefined {
  const text = reply.trim();
  if (text === "user" || text === "operator" || text === "admin") return text;
  return isPermissionDenied(text) ? "denied" : undefined;
}

/** Why a session at `level` cannot send bulk actions, or undefined when it can (or the level is unknown). */
export function levelRefusal(level: Level | "denied" | undefined): string | undefined {
  if (level === undefined || level === "admin") return undefined;
  const what = level === "denied" ? "the socket refused 'show cli level'" : `the socket's level is ${level}`;
  return `${what}: changing servers needs a socket with level admin`;
}
