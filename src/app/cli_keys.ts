/**
 * Keys of the embedded CLI (mode 5): editing, history, scrolling, and running a line.
 *
 * @module
 */
import type { Key } from "../tui/types.ts";
import { splitCommands } from "../haproxy/framing.ts";
import { cliOutputHeight } from "./geometry.ts";
import { editLine, EMPTY_LINE, historyBack, historyForward, remember } from "./line_editor.ts";
import { refusal } from "./cli_policy.ts";
import { wrappedCount } from "./wrap.ts";
import { ctime } from "./clock.ts";
import { appendOutput, say, type Step } from "./state_ops.ts";
import type { State } from "./state.ts";

/**
 * With several sockets, the instance CLI lines go to: that of the selected row in the stat modes when it is
 * one instance's row, else the first socket. Undefined with one socket.
 */
export function cliTarget(s: State): string | undefined {
  if (s.instances.length < 2) return undefined;
  const line = s.lines[s.scroll.cursor];
  const own = line?.kind === "row" && line.row.instance && line.row.instance !== "*"
    ? line.row.instance
    : undefined;
  return own ?? s.instances[0].id;
}

/** Handles a key in the CLI. */
export function cliKey(s: State, k: Key): Step {
  const cli = s.cli;
  switch (k.name) {
    case "enter":
      return execute(s);
    case "up":
    case "down": {
      const r = k.name === "up" ? historyBack(cli.history, cli.input.text) : historyForward(cli.history);
      if (!r) return [s, []];
      return [
        { ...s, cli: { ...cli, history: r.history, input: { text: r.text, cursor: r.text.length } } },
        [],
      ];
    }
    case "pageup":
    case "pagedown":
      return [scrollOutput(s, k.name === "pageup" ? 1 : -1, Math.max(1, cliOutputHeight(s.size) - 1)), []];
    case "mouse":
      if (k.mouse?.button === 64) return [scrollOutput(s, 1, 3), []];
      if (k.mouse?.button === 65) return [scrollOutput(s, -1, 3), []];
      return [s, []];
  }
  const edited = editLine(cli.input, k);
  if (edited) return [{ ...s, cli: { ...cli, input: edited } }, []];
  return [s, []];
}

/** Scrolls the output by `lines` wrapped lines up (direction 1) or down (-1), within the scrollback. */
function scrollOutput(s: State, direction: 1 | -1, lines: number): State {
  const height = cliOutputHeight(s.size);
  const max = Math.max(0, wrappedCount(s.cli.output, s.size.columns) - height);
  const scroll = Math.max(0, Math.min(max, s.cli.scroll + direction * lines));
  return { ...s, cli: { ...s.cli, scroll } };
}

function execute(s: State): Step {
  const cli = s.cli;
  const text = cli.input.text;
  if (text.trim() === "") return [appendOutput(s, [`- ${ctime(s.now)} ${"-".repeat(50)}`, ""]), []];
  const commands = splitCommands(text);
  for (const c of commands) {
    const why = refusal(c);
    // A refused line leaves the input line (UP brings it back to be fixed): kept there, the next line typed
    // would be glued to it. It is not kept in the history file, as it never ran.
    if (why) {
      const cleared = { ...s, cli: { ...cli, input: EMPTY_LINE, history: remember(cli.history, text) } };
      return [say(appendOutput(cleared, [`> ${text}`, `* ${why}`, ""]), why, "error"), []];
    }
  }
  if (cli.busy) return [say(s, "a command is still running"), []];
  const next: State = {
    ...s,
    cli: { ...cli, input: EMPTY_LINE, history: remember(cli.history, text), busy: true, scroll: 0 },
  };
  const instance = cliTarget(s);
  const send = { type: "send", origin: "cli", commands, rowKeys: [] } as const;
  return [next, [instance === undefined ? send : { ...send, instance }, { type: "remember", line: text }]];
}
