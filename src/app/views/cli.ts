/**
 * The embedded CLI (mode 5): editing, history, scrolling and running a line, and its screen: the output log
 * wrapped to the width above the input line. Every action's commands and replies are logged here too.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, DIM, REVERSE } from "../../tui/types.ts";
import { splitCommands } from "../../haproxy/framing.ts";
import { editLine, EMPTY_LINE, historyBack, historyForward, remember } from "../widgets/line_editor.ts";
import { wrappedCount, wrapTail } from "../widgets/text.ts";
import { ctime } from "../widgets/clock.ts";
import { wheel, WHEEL_LINES } from "../widgets/scroll.ts";
import { refusal } from "../domain/cli_policy.ts";
import { cliTarget } from "../model/instances.ts";
import { type Region, screenLayout } from "../model/layout.ts";
import { appendOutput, say, type Step } from "../model/ops.ts";
import type { Size, State } from "../model/state.ts";
import type { Cursor, ViewDef } from "../model/view_def.ts";

/** The CLI's output when it starts. */
export const WELCOME = [
  "Welcome to the embedded HAProxy command line.",
  "Type `help' for HAProxy's command reference. Commands separated by ';' run one after another.",
  "Keys: ENTER run (empty: marker)  UP/DOWN history  PGUP/PGDOWN scroll  Ctrl-A/E/U/K/W edit",
  "      ESC ESC or ALT-n leave the CLI  TAB next mode  Ctrl-C quit",
  "",
];

/** The input line: the body's last row, with a blank row above it. */
function inputRow(body: Region): number {
  return body.y + body.height - 1;
}

/** Visible output lines (above a blank row and the input line). */
function outputHeight(size: Size): number {
  const { body } = screenLayout(size);
  return Math.max(1, inputRow(body) - 1 - body.y);
}

/** Handles a key in the CLI. */
function cliKey(s: State, k: Key): Step {
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
      return [scrollOutput(s, k.name === "pageup" ? 1 : -1, Math.max(1, outputHeight(s.size) - 1)), []];
    case "mouse": {
      const notch = wheel(k);
      return [notch === 0 ? s : scrollOutput(s, notch === -1 ? 1 : -1, WHEEL_LINES), []];
    }
  }
  const edited = editLine(cli.input, k);
  if (edited) return [{ ...s, cli: { ...cli, input: edited } }, []];
  return [s, []];
}

/** Scrolls the output by `lines` wrapped lines up (direction 1) or down (-1), within the scrollback. */
function scrollOutput(s: State, direction: 1 | -1, lines: number): State {
  const height = outputHeight(s.size);
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

/** Draws the CLI: its title (naming the instance lines go to), the output, the input line. */
function drawCli(buf: ScreenBuffer, s: State): Cursor {
  const { header, body } = screenLayout(s.size);
  const w = buf.width;
  const target = cliTarget(s);
  const name = target && (s.instances.find((i) => i.id === target)?.name ?? target);
  buf.line(header.y, ` haproxy command line${name ? ` (to ${name})` : ""}`, REVERSE | BOLD);
  const hint = "use ALT-n / ESC-n to escape ";
  buf.put(w - hint.length, header.y, hint, REVERSE | BOLD);
  const height = outputHeight(s.size);
  const lines = wrapTail(s.cli.output, w, height + s.cli.scroll);
  const shown = lines.slice(0, Math.max(0, lines.length - s.cli.scroll)).slice(-height);
  shown.forEach((line, i) => buf.put(0, body.y + i, line));
  const y = inputRow(body);
  if (s.cli.busy) buf.put(0, y - 1, "running...", DIM);
  buf.put(0, y, "> ", BOLD);
  const room = w - 4;
  const { text, cursor } = s.cli.input;
  const start = Math.max(0, cursor - room);
  buf.put(2, y, text.slice(start, start + room));
  if (start > 0) buf.put(1, y, "<", BOLD);
  if (text.length > start + room) buf.put(w - 2, y, ">", BOLD);
  return { x: 2 + cursor - start, y };
}

const KEY = "5";

/** The embedded CLI view. */
export const cliView: ViewDef = {
  id: "cli",
  keys: [KEY],
  tab: "CLI",
  permanentTab: true,
  enabled: (config) => !config.readOnly,
  textInput: true,
  help: {
    summary: "embedded HAProxy command line (not with --read-only)",
    sections: [{
      title: `Keys in the CLI (mode ${KEY})`,
      lines: [
        ["ENTER", "run the line (commands split on ';' run one by one); empty: a marker"],
        ["LEFT / RIGHT", "move in the line"],
        ["HOME / END, Ctrl-A/E", "start / end of the line"],
        ["BACKSPACE / DEL", "delete before / under the cursor (Ctrl-H is BACKSPACE)"],
        ["Ctrl-U / Ctrl-K", "delete to the start / to the end of the line"],
        ["Ctrl-W", "delete the word before the cursor"],
        ["UP / DOWN", "older / newer history entry (100 kept; the unsent line comes back)"],
        ["PGUP / PGDOWN", "scroll the output a page"],
        "  Output lines longer than the screen wrap at its width; each continuation starts with '+ '.",
        "  The CLI shares the monitor's connection, so these are refused (the reason is shown):",
        "  prompt, quit, set timeout cli (the monitor owns them); user, operator (they would lower the",
        "  connection's level, and every action would be refused); set severity-output (it changes every",
        "  reply); show events -w (it never ends); payload commands (<<). A refused line leaves the input",
        "  line; UP brings it back. expert-mode, experimental-mode and mcli-debug-mode are sent.",
      ],
    }],
  },
  onKey: cliKey,
  draw: (buf, s) => drawCli(buf, s),
  hints: () => ({ tail: ["PGUP/PGDOWN=SCROLL"], extra: [] }),
};
