/**
 * What the embedded CLI refuses to send, by command word (not by exact spacing or case). The CLI shares the
 * monitor's own connection, so a command that changes that session changes it for every later refresh,
 * hotkey and action too; those that would break the monitor are refused, with the reason:
 *
 * - `prompt`, `quit`, `set timeout cli`: the monitor owns the prompt mode, the connection and its timeout.
 * - `user`, `operator`: they lower the session's level for the rest of the run, so every later action
 *   would be refused with "Permission denied" although the socket is admin. To see what a level allows,
 *   start a monitor on a socket of that level.
 * - `set severity-output`: it prefixes replies with a severity, which the monitor would misread (its own
 *   `show cli level`, HAProxy's "Permission denied").
 * - `show events ... -w`: it waits for new events until the connection closes, which would hold the
 *   connection every refresh needs.
 * - payload commands (`<<`): they need a multi-line client.
 *
 * Allowed although they change the session: `expert-mode` and `experimental-mode` (they only unlock more
 * commands; they stay on for later lines, as in HAProxy's own interactive CLI, until the monitor reconnects),
 * and on a master CLI `mcli-debug-mode` (the monitor addresses workers with `@!<pid>`, which it does not
 * change). On a master CLI a leading `@<target>` is looked through: `@master quit` is refused like `quit`.
 *
 * @module
 */

/** Why a command may not be sent from the embedded CLI, or undefined when it may. */
export function refusal(command: string): string | undefined {
  const words = command.trim().toLowerCase().split(/\s+/);
  if (words[0]?.startsWith("@") && words.length > 1) words.shift();
  const [first, second, third] = words;
  if (first === "prompt") return "command not allowed: prompt (the monitor owns the prompt mode)";
  if (first === "quit") return "command not allowed: quit (leave with ESC then q, or Ctrl-C)";
  if (first === "set" && second === "timeout" && third === "cli") {
    return "command not allowed: set timeout cli (the monitor sets the connection's timeout)";
  }
  if (first === "user" || first === "operator") {
    return `command not allowed: ${first} (it would lower the level of the monitor's own connection for ` +
      `the rest of the run, and every action would be refused; start a monitor on a ${first}-level socket)`;
  }
  if (first === "set" && second === "severity-output") {
    return "command not allowed: set severity-output (it would change every reply the monitor reads)";
  }
  if (first === "show" && second === "events" && words.includes("-w")) {
    return "command not allowed: show events -w (it waits for events until the connection closes, and " +
      "the monitor's connection is needed for every refresh)";
  }
  if (/<<\S*$/.test(command.trim())) {
    return "command not allowed: payload commands (<<) need a multi-line client";
  }
  return undefined;
}
