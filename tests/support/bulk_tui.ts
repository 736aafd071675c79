/**
 * What the end-to-end tests of tags and bulk actions in the monitor share: tagging by a filter as an operator
 * does, the target lines of the bulk box (preview or results), and a cell of a row read under its column.
 *
 * @module
 */
import { footer, rowIndex } from "./program.ts";
import type { TmuxSession } from "./tmux.ts";

/** Types `/` `filter` ENTER, then `T`, and waits for the footer to count `count` tagged servers. */
export async function tagByFilter(tmux: TmuxSession, filter: string, count: number): Promise<string> {
  await tmux.send("/");
  await tmux.sendText(filter);
  // The prompt's own line (a message cannot hide it) says the filter is applied; keys are taken in order.
  await tmux.waitFor(` Filter: ${filter}  `);
  await tmux.send("Enter", "T");
  return await tmux.waitFor((s) => footer(s).includes(` ${count}-TAGGED `));
}

/** The target lines of the bulk box on a screen (`px/sv [#i/#s]  command or outcome`), top to bottom. */
export function boxLines(screen: string): string[] {
  return [...screen.matchAll(/\| +(\S+\/\S+ \[#\d+\/#\d+\] {2}.*?) *\|/g)].map((m) => m[1]);
}

/**
 * The cell of the row `name` under the column `header` (right-aligned numbers end where their header ends),
 * "" when empty; undefined when the screen has no such row or column.
 */
export function cellOf(screen: string, name: string, header: string): string | undefined {
  const lines = screen.split("\n");
  const head = lines.find((l) => /^NAME\s/.test(l));
  const row = lines[rowIndex(lines, name)];
  const at = head ? ` ${head} `.indexOf(` ${header} `) : -1;
  if (!head || row === undefined || at < 0) return undefined;
  const end = at + header.length;
  if ((row[end - 1] ?? " ") === " ") return "";
  return row.slice(0, end).split(/\s+/).at(-1);
}
