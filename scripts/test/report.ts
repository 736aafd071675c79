/**
 * The README's "Supported HAProxy releases" table, written from a full passing run of `deno task test`
 * between the `<!-- releases:begin -->` and `<!-- releases:end -->` markers.
 *
 * @module
 */
import type { RunResult } from "./results.ts";

/** What a group of test files checks, by path prefix (first match wins). */
const AREAS: readonly [string, string][] = [
  ["tests/e2e/program", "batch text and JSON = show stat, --check"],
  ["tests/e2e/batch", "batch text and JSON = show stat, --check"],
  ["tests/e2e/quoted", "batch text and JSON = show stat, --check"],
  ["tests/cli/", "batch text and JSON = show stat, --check"],
  ["tests/e2e/monitor", "TUI modes and hotkeys in tmux"],
  ["tests/e2e/beyond", "filter, sort, detail, actions, mouse"],
  ["tests/e2e/bugs", "operator-found bugs"],
  ["tests/e2e/fleet", "several sockets in one view"],
  ["tests/e2e/master", "master CLI, reload with an old worker"],
  ["tests/e2e/bulk", "bulk actions: plan = recording, drain and wait"],
  ["tests/haproxy/master", "master CLI, reload with an old worker"],
  ["tests/haproxy/", "client: levels, framing, reconnect"],
  ["tests/scripts/demo", "the demo"],
  ["tests/e2e/", "end to end in tmux"],
  ["tests/ship/", "one-file bundle, run from a URL"],
  ["tests/support/", "the test helpers themselves"],
];

/** The short description of what a test file checks. */
export function areaOf(file: string): string {
  return AREAS.find(([prefix]) => file.startsWith(prefix))?.[1] ?? file.replace(/^tests\//, "");
}

/** One release's column of the table. */
export interface ReleaseRow {
  readonly version: string;
  readonly suite: string;
  readonly result: RunResult;
}

/**
 * The markdown between the markers: one column per release, one row per area of what the tests check, each
 * cell the number of tests of that area that passed on that release.
 */
export function releasesTable(rows: readonly ReleaseRow[], unit: RunResult, wallSeconds: number): string {
  const counts = new Map<string, number[]>();
  rows.forEach((r, i) => {
    for (const [file, f] of r.result.files) {
      const area = areaOf(file);
      const row = counts.get(area) ?? rows.map(() => 0);
      row[i] += f.passed;
      counts.set(area, row);
    }
  });
  const lines = [
    `| what the tests check | ${rows.map((r) => `${r.version} (${r.suite})`).join(" | ")} |`,
    `| --- | ${rows.map(() => "---").join(" | ")} |`,
    ...[...counts].sort(([a], [b]) => a.localeCompare(b)).map(([area, n]) =>
      `| ${area} | ${n.join(" | ")} |`
    ),
    `| **tests passed** | ${rows.map((r) => `**${r.result.passed}**`).join(" | ")} |`,
  ];
  // Whole minutes, so that a rerun does not rewrite the README for a few seconds' difference.
  const minutes = Math.max(1, Math.round(wallSeconds / 60));
  lines.push(
    "",
    `Plus ${unit.passed} tests that need no HAProxy (parsing, layout, keys, rendering, options), run once. ` +
      `Wall time of the whole run on a 2-core machine: about ${minutes} min.`,
  );
  return lines.join("\n");
}

/** `readme` with the text between the markers replaced; unchanged when a marker is missing. */
export function replaceBetweenMarkers(readme: string, body: string): string {
  const begin = "<!-- releases:begin -->";
  const end = "<!-- releases:end -->";
  const a = readme.indexOf(begin);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) return readme;
  return `${readme.slice(0, a + begin.length)}\n${body}\n${readme.slice(b)}`;
}
