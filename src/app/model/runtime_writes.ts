/**
 * Writes from the runtime views (`shutdown session`, `clear table`, `add/set/del map`, `add/del acl`): each
 * is checked against read-only mode, the connection, and the release and level of the instance it goes to
 * before anything is shown, then previewed with its exact command line and sent only once confirmed. The
 * level must be known: on HAProxy 3.0.11 a key command refused for its level leaks its stick-table entry
 * (docs/runtime-api.md), so no such command is ever sent at a level that would be refused.
 *
 * @module
 */
import { expectedUnsupportedReason, syntaxOf } from "../../runtime/mod.ts";
import { EMPTY_LINE, insertText } from "../widgets/line_editor.ts";
import { reachable } from "./instances.ts";
import { openOverlay, say } from "./ops.ts";
import { READ_ONLY } from "./server_actions.ts";
import type { Dialog, State } from "./state.ts";

/** Why `command` cannot be sent to `instance` now, or undefined when it may be offered. */
export function writeBlocked(s: State, command: string, instance: string): string | undefined {
  if (s.config.readOnly) return READ_ONLY;
  if (!reachable(s, instance)) return "not sent: HAProxy is not connected";
  const inst = s.instances.find((i) => i.id === instance);
  const version = inst?.snapshot?.info.get("Version");
  if (version === undefined || inst?.level === undefined) {
    return "not sent: this socket's level is not known yet";
  }
  const syntax = syntaxOf(command);
  const why = syntax && expectedUnsupportedReason(syntax, version, inst.level);
  return why ? `not sent: ${why}` : undefined;
}

/**
 * A write asked about first: the confirmation naming it and its exact command, or why it cannot be sent.
 * `stale` says, when `y` is pressed, why the command no longer does what was shown.
 */
export function confirmWrite(
  s: State,
  instance: string,
  title: string,
  command: string,
  stale?: (s: State) => string | undefined,
): State {
  const blocked = writeBlocked(s, command, instance);
  if (blocked) return say(s, `${blocked}: ${command}`, "error");
  const dialog: Dialog = {
    kind: "confirm",
    title,
    lines: [command],
    commands: [command],
    rowKeys: [],
    instance,
    ...(stale ? { stale } : {}),
  };
  return openOverlay(s, { kind: "dialog", dialog });
}

/** What a typed write needs: its prompt, the text it starts with, and the command a text makes. */
export interface EntrySpec {
  readonly title: string;
  readonly initial?: string;
  /** A command standing for the kind of write, to check the level before anything is typed. */
  readonly sample: string;
  readonly plan: Extract<Dialog, { kind: "entry" }>["plan"];
}

/** A write typed first (a map entry, an ACL pattern), then previewed; or why it cannot be sent. */
export function promptWrite(s: State, instance: string, spec: EntrySpec): State {
  const blocked = writeBlocked(s, spec.sample, instance);
  if (blocked) return say(s, `${blocked}: ${syntaxOf(spec.sample) ?? spec.sample}`, "error");
  const input = spec.initial ? insertText(EMPTY_LINE, spec.initial) : EMPTY_LINE;
  const dialog: Dialog = { kind: "entry", title: spec.title, input, plan: spec.plan, instance };
  return openOverlay(s, { kind: "dialog", dialog });
}
