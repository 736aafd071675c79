/**
 * The bulk action box over the body (model/bulk.ts does what each step means): the menu of actions, the weight
 * prompt, the preview of every target with its ids and exact command (grouped by instance with several
 * sockets), which `y` sends and `n` or ESC cancels, the wait for the replies, then the result of each target
 * with HAProxy's own refusal. Long lists scroll (UP/DOWN, PGUP/PGDOWN, HOME/END); ESC closes the results.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, REVERSE } from "../../tui/types.ts";
import { describeAction, parseWeight, type Plan, type PlannedTarget, targetRef } from "../../bulk/mod.ts";
import { boxFirst, boxRoom, type BoxText, drawBox } from "../widgets/box.ts";
import { editLine, EMPTY_LINE } from "../widgets/line_editor.ts";
import {
  BULK_ACTIONS,
  bulkStage,
  confirmBulk,
  outcomeText,
  previewBulk,
  summaryText,
} from "../model/bulk.ts";
import { screenLayout } from "../model/layout.ts";
import { closeOverlay, say, type Step } from "../model/ops.ts";
import type { BulkStage, Overlay, State } from "../model/state.ts";
import type { Cursor, Hints, OverlayDef } from "../model/view_def.ts";

function cancel(s: State): Step {
  return [say(closeOverlay(s, "bulk"), "cancelled: nothing was sent"), []];
}

/** The box's area on this screen. */
function area(s: State) {
  const { info, header, message } = screenLayout(s.size);
  return { info: info.y, header: header.y, message: message.y };
}

/** A list's scroll after a moving key, or undefined for another key. */
function scrolled(s: State, scroll: number, count: number, k: Key): number | undefined {
  const room = boxRoom(area(s));
  const page = Math.max(1, room - 2);
  const by: Partial<Record<Key["name"], number>> = { up: -1, down: 1, pageup: -page, pagedown: page };
  if (by[k.name] !== undefined) return boxFirst(count, room, boxFirst(count, room, scroll) + by[k.name]!);
  if (k.name === "home") return 0;
  if (k.name === "end") return boxFirst(count, room, count);
  return undefined;
}

function bulkKey(s: State, b: BulkStage, k: Key): Step {
  switch (b.stage) {
    case "menu": {
      if (k.name === "escape") return cancel(s);
      if (k.name === "up" || k.name === "down") {
        const n = BULK_ACTIONS.length;
        return [bulkStage(s, { ...b, index: (b.index + (k.name === "up" ? n - 1 : 1)) % n }), []];
      }
      const entry = k.name === "enter"
        ? BULK_ACTIONS[b.index]
        : k.name === "char" && !k.alt
        ? BULK_ACTIONS.find((e) => e.key === k.text)
        : undefined;
      if (!entry) return [s, []];
      if (!entry.action) {
        return [bulkStage(s, { stage: "weight", targets: b.targets, input: EMPTY_LINE }), []];
      }
      return [previewBulk(s, b.targets, entry.action), []];
    }
    case "weight": {
      if (k.name === "escape") return cancel(s);
      if (k.name === "enter") {
        const checked = parseWeight(b.input.text);
        if ("error" in checked) return [bulkStage(s, { ...b, error: checked.error }), []];
        return [previewBulk(s, b.targets, { kind: "weight", weight: checked.weight }), []];
      }
      const input = editLine(b.input, k);
      return [input ? bulkStage(s, { ...b, input, error: undefined }) : s, []];
    }
    case "preview": {
      if (k.name === "escape" || (k.name === "char" && (k.text === "n" || k.text === "N"))) return cancel(s);
      if (k.name === "char" && (k.text === "y" || k.text === "Y")) return confirmBulk(s, b);
      const scroll = scrolled(s, b.scroll, planLines(s, b.plan).length, k);
      return [scroll === undefined ? s : bulkStage(s, { ...b, scroll }), []];
    }
    case "sending":
      // The commands are on their way: ESC only closes the box; the results are still logged and said.
      return [k.name === "escape" ? closeOverlay(s, "bulk") : s, []];
    case "results": {
      if (k.name === "escape" || k.name === "enter") return [closeOverlay(s, "bulk"), []];
      const scroll = scrolled(s, b.scroll, resultLines(s, b).length, k);
      return [scroll === undefined ? s : bulkStage(s, { ...b, scroll }), []];
    }
  }
}

/** The lines of a plan's targets, `px/sv [#i/#s]  ` and `what` each; with several sockets under each instance. */
function grouped(s: State, plan: Plan, what: (t: PlannedTarget, i: number) => string): string[] {
  const several = s.instances.length > 1;
  let n = 0;
  return plan.instances.flatMap(({ instance, targets }) => {
    const name = s.instances.find((i) => i.id === instance)?.name ?? instance;
    const head = several ? [`${name === instance ? name : `${name} (${instance})`}:`] : [];
    const pad = several ? "  " : "";
    return [
      ...head,
      ...targets.map((t) => `${pad}${t.proxy}/${t.server} [${targetRef(t)}]  ${what(t, n++)}`),
    ];
  });
}

/** The preview's lines: every target with its command. */
function planLines(s: State, plan: Plan): string[] {
  return grouped(s, plan, (t) => t.command);
}

/** The results' lines: every target with its outcome. */
function resultLines(s: State, b: Extract<BulkStage, { stage: "results" }>): string[] {
  return grouped(s, b.plan, (_t, i) => (b.results[i] ? outcomeText(b.results[i]) : "?"));
}

function targetsIn(plan: Plan): string {
  const where = plan.instances.length > 1 ? ` on ${plan.instances.length} instances` : "";
  return `${plan.size} server${plan.size === 1 ? "" : "s"}${where}`;
}

function bulkText(s: State, b: BulkStage): BoxText {
  switch (b.stage) {
    case "menu":
      return {
        title: `Bulk actions on ${b.targets.length} server${b.targets.length === 1 ? "" : "s"}`,
        lines: BULK_ACTIONS.map((e, i) => `${i === b.index ? ">" : " "} ${e.key}  ${e.label}`),
        footer: "key or UP/DOWN+ENTER picks, ESC cancels",
      };
    case "weight":
      return {
        title: `Weight (0-256 or N%) for ${b.targets.length} server${b.targets.length === 1 ? "" : "s"}`,
        lines: [`> ${b.input.text}`, b.error ? `! ${b.error}` : ""],
        footer: "ENTER previews, ESC cancels",
      };
    case "preview":
      return {
        title: `Preview: ${describeAction(b.plan.action)} for ${targetsIn(b.plan)}`,
        lines: planLines(s, b.plan),
        footer: "y sends exactly these, n or ESC cancels",
      };
    case "sending":
      return {
        title: `Sending: ${describeAction(b.plan.action)} for ${targetsIn(b.plan)}...`,
        lines: planLines(s, b.plan),
        footer: "waiting for HAProxy (ESC closes; results go to the CLI log)",
      };
    case "results":
      return {
        title: `Result: ${describeAction(b.plan.action)}: ${summaryText(b.results)}`,
        lines: resultLines(s, b),
        footer: "UP/DOWN scroll, ESC closes",
      };
  }
}

function drawBulk(buf: ScreenBuffer, s: State, b: BulkStage): Cursor | undefined {
  const text = bulkText(s, b);
  const scroll = b.stage === "preview" || b.stage === "results" ? b.scroll : 0;
  const { x, top } = drawBox(
    buf,
    area(s),
    text,
    scroll,
    (line) =>
      b.stage === "menu" && line.startsWith(">")
        ? REVERSE
        : line.startsWith("!") || / (refused|failed|not sent): /.test(line)
        ? BOLD
        : 0,
  );
  return b.stage === "weight" ? { x: x + 4 + b.input.cursor, y: top + 1 } : undefined;
}

/** The bulk action box. */
export const bulkOverlay: OverlayDef<Extract<Overlay, { kind: "bulk" }>> = {
  modal: true,
  onKey: (s, o, k) => bulkKey(s, o.bulk, k),
  draw: (buf, s, o) => drawBulk(buf, s, o.bulk),
  hints: (_s, o) => HINTS[o.bulk.stage],
};

/** The footer's hints at each stage. */
const HINTS: Readonly<Record<BulkStage["stage"], Hints>> = {
  menu: { tail: ["ESC=CANCEL"], extra: ["UP/DOWN+ENTER=PICK"] },
  weight: { tail: ["ENTER=PREVIEW", "ESC=CANCEL"], extra: [] },
  preview: { tail: ["Y=SEND", "N=CANCEL"], extra: ["UP/DOWN=SCROLL"] },
  sending: { tail: ["ESC=CLOSE"], extra: [] },
  results: { tail: ["ESC=CLOSE"], extra: ["UP/DOWN=SCROLL"] },
};
