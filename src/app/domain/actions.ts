/**
 * The actions menu (key `a`) on the selected server, with the modern commands: state ready/drain/maint, an
 * exact weight, maxconn, health and agent checks on/off, and shutting its sessions down (asked first).
 *
 * @module
 */

/** The server an action targets, captured when the menu opened. */
export interface Target {
  readonly pxname: string;
  readonly svname: string;
  readonly key: string;
  /** The instance the row comes from (`*`: every instance); absent with one socket. */
  readonly instance?: string;
}

/** What the actions share: the key that picks it in the menu, and its label. */
interface ActionBase {
  readonly key: string;
  readonly label: string;
}

/** An action sent at once (`send`) or after a y/N question (`confirm`), with its commands for a target. */
export interface DirectAction extends ActionBase {
  readonly kind: "send" | "confirm";
  readonly commands: (target: string) => string[];
}

/** An action that asks for a value first: what is asked, and its commands for a target and that value. */
export interface PromptAction extends ActionBase {
  readonly kind: "prompt";
  readonly prompt: "weight" | "maxconn";
  readonly commands: (target: string, value: string) => string[];
}

/** One entry of the actions menu. */
export type Action = DirectAction | PromptAction;

/** The actions menu, in the order shown. */
export const ACTIONS: readonly Action[] = [
  {
    key: "r",
    label: "ready: back in load balancing",
    kind: "send",
    commands: (t) => [`set server ${t} state ready`],
  },
  {
    key: "d",
    label: "drain: no new sessions, keep checks",
    kind: "send",
    commands: (t) => [`set server ${t} state drain`],
  },
  {
    key: "m",
    label: "maint: out of service",
    kind: "send",
    commands: (t) => [`set server ${t} state maint`],
  },
  {
    key: "w",
    label: "weight... (0-256 or N%)",
    kind: "prompt",
    prompt: "weight",
    commands: (t, v) => [`set weight ${t} ${v}`],
  },
  {
    key: "c",
    label: "maxconn... (0 = no limit)",
    kind: "prompt",
    prompt: "maxconn",
    commands: (t, v) => [`set maxconn server ${t} ${v}`],
  },
  { key: "h", label: "enable health checks", kind: "send", commands: (t) => [`enable health ${t}`] },
  { key: "H", label: "disable health checks", kind: "send", commands: (t) => [`disable health ${t}`] },
  { key: "g", label: "enable agent checks", kind: "send", commands: (t) => [`enable agent ${t}`] },
  { key: "G", label: "disable agent checks", kind: "send", commands: (t) => [`disable agent ${t}`] },
  {
    key: "k",
    label: "shutdown sessions (kills every session)",
    kind: "confirm",
    commands: (t) => [`shutdown sessions server ${t}`],
  },
];

/** Checks a prompted value; returns the value to send or why it is refused. */
export function validatePrompt(
  kind: "weight" | "maxconn",
  text: string,
): { value: string } | { error: string } {
  const v = text.trim();
  if (kind === "weight") {
    const m = v.match(/^(\d{1,4})(%?)$/);
    if (!m) return { error: "a weight is a number 0-256, or a percentage of the initial weight like 50%" };
    if (!m[2] && Number(m[1]) > 256) return { error: "an absolute weight is at most 256" };
    return { value: v };
  }
  if (!/^\d{1,9}$/.test(v)) return { error: "maxconn is a whole number (0 = no limit)" };
  return { value: v };
}
