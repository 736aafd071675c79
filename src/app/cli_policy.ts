/**
 * What the embedded CLI refuses to send, by command word (not by exact spacing or case): commands that would
 * break the monitor's own connection.
 *
 * @module
 */

/** Why a command may not be sent from the embedded CLI, or undefined when it may. */
export function refusal(command: string): string | undefined {
  const words = command.trim().toLowerCase().split(/\s+/);
  if (words[0] === "prompt") return "command not allowed: prompt (the monitor owns the prompt mode)";
  if (words[0] === "quit") return "command not allowed: quit (leave with ESC then q, or Ctrl-C)";
  if (words[0] === "set" && words[1] === "timeout" && words[2] === "cli") {
    return "command not allowed: set timeout cli (the monitor sets the connection's timeout)";
  }
  if (/<<\S*$/.test(command.trim())) {
    return "command not allowed: payload commands (<<) need a multi-line client";
  }
  return undefined;
}
