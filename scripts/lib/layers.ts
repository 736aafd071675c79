/**
 * Which way the dependencies of src/ point: the parts of the program (folders, a few files), what each may
 * import, and a check of an import graph (scripts/lib/import_graph.ts) against them that names every file and
 * line importing against the rules, and every import cycle. The one place these rules are written;
 * tests/architecture.test.ts holds src/ to them and docs/architecture.md explains them.
 *
 * The data path is socket (haproxy) -> snapshot (stats) -> model -> update(event) -> view (app) -> cell
 * buffer -> terminal (tui), with cli on top: cli -> app -> (stats, runtime, haproxy, bulk, record, tui), cli -> bulk -> (stats, haproxy) for
 * actions on many servers (without a screen, or the monitor's tagged rows), and cli -> record -> (stats, haproxy) for recordings. Inside src/app,
 * widgets and domain know nothing of the state; model is the state and what changes it; views, overlays and
 * chrome draw and take keys, and never import the run loop or another view (only the table kit,
 * views/table.ts); core routes events and draws frames through the registry; edge is the only code with
 * timers and sockets; mod.ts is what cli sees.
 *
 * @module
 */
import type { Edge } from "./import_graph.ts";

/** One part of src/: a folder or a file (relative to src/), and what it may import beyond itself. */
export interface Part {
  readonly path: string;
  /** Parts (folders or files) it may import. */
  readonly may: readonly string[];
  /** Within the part, the only files the others may import (absent: any). */
  readonly inside?: readonly string[];
}

const BELOW_APP = ["stats", "runtime", "haproxy", "bulk", "record", "tui", "version.ts"];

/** The parts of src/, and what each may import. */
export const PARTS: readonly Part[] = [
  { path: "tui", may: [] },
  { path: "haproxy", may: [] },
  { path: "version.ts", may: [] },
  { path: "stats", may: ["haproxy/version.ts"] },
  { path: "runtime", may: ["stats/info.ts", "stats/types.ts", "haproxy/version.ts"] },
  { path: "bulk", may: ["stats", "haproxy"] },
  { path: "record", may: ["stats", "haproxy"] },
  { path: "app/widgets", may: ["tui"] },
  { path: "app/domain", may: ["app/widgets", "stats", "haproxy"] },
  { path: "app/model", may: ["app/domain", "app/widgets", ...BELOW_APP] },
  {
    path: "app/views",
    may: ["app/model", "app/domain", "app/widgets", ...BELOW_APP],
    inside: ["app/views/table.ts"],
  },
  {
    path: "app/overlays",
    may: ["app/model", "app/domain", "app/widgets", ...BELOW_APP],
    inside: ["app/overlays/detail_charts.ts"],
  },
  { path: "app/chrome", may: ["app/model", "app/domain", "app/widgets", ...BELOW_APP] },
  {
    path: "app/core",
    may: ["app/views", "app/overlays", "app/chrome", "app/model", "app/domain", "app/widgets", ...BELOW_APP],
  },
  { path: "app/edge", may: ["app/core", "app/model", "app/domain", "app/widgets", ...BELOW_APP] },
  { path: "app/mod.ts", may: ["app/core", "app/edge", "app/model"] },
  { path: "cli", may: ["app/mod.ts", "bulk", "record", ...BELOW_APP] },
];

/** Whether `path` (relative to src/) is `part` or inside it. */
function within(path: string, part: string): boolean {
  return path === part || path.startsWith(`${part}/`);
}

/** The part a module of src/ belongs to: the longest that holds it. */
export function partOf(path: string, parts: readonly Part[] = PARTS): Part | undefined {
  return parts.filter((p) => within(path, p.path)).sort((a, b) => b.path.length - a.path.length)[0];
}

/** Why an import from `from` to `to` (both relative to src/) breaks the rules, or undefined. */
function against(from: string, to: string, parts: readonly Part[]): string | undefined {
  const part = partOf(from, parts);
  if (!part) return `${from} is in no part of scripts/lib/layers.ts`;
  const target = partOf(to, parts);
  if (target === part) {
    if (!part.inside || part.inside.includes(to)) return undefined;
    const allowed = part.inside.length > 0 ? `only ${part.inside.join(", ")}` : "none of its files";
    return `${part.path} may import ${allowed} of its own`;
  }
  if (part.may.some((m) => within(to, m))) return undefined;
  return `${part.path} may not import ${target?.path ?? to} (it may import: ${
    part.may.join(", ") || "nothing"
  })`;
}

/** The cycles of a graph: each as the modules of one strongly connected component, in an order they loop. */
export function cycles(graph: ReadonlyMap<string, readonly Edge[]>): string[][] {
  // Tarjan's algorithm, iterative enough for a few hundred modules.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const e of graph.get(v) ?? []) {
      if (!indexOf.has(e.to)) {
        visit(e.to);
        low.set(v, Math.min(low.get(v)!, low.get(e.to)!));
      } else if (onStack.has(e.to)) {
        low.set(v, Math.min(low.get(v)!, indexOf.get(e.to)!));
      }
    }
    if (low.get(v) !== indexOf.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    const loops = component.length > 1 || (graph.get(v) ?? []).some((e) => e.to === v);
    if (loops) out.push(component.reverse());
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return out;
}

/** The only file outside src/ that src/ may import: the one place npm modules are named. */
export const OUTSIDE = "deps.ts";

/**
 * Every problem of a graph of src/ (absolute paths under `src`, which ends with `/`): each import against
 * {@linkcode PARTS} or of a file outside src/ other than {@linkcode OUTSIDE} (a test helper, the lab), as
 * `file:line imports target: why`, and each cycle, as `cycle: a:line -> b:line -> a`. Type-only and dynamic
 * imports count like the others.
 */
export function architectureProblems(
  graph: ReadonlyMap<string, readonly Edge[]>,
  src: string,
  parts: readonly Part[] = PARTS,
): string[] {
  const rel = (p: string) => p.slice(src.length);
  const inSrc = (p: string) => p.startsWith(src);
  const problems: string[] = [];
  const local = new Map<string, Edge[]>();
  for (const [from, edges] of graph) {
    if (!inSrc(from)) continue;
    local.set(from, edges.filter((e) => inSrc(e.to)));
    for (const e of edges) {
      if (!inSrc(e.to)) {
        if (e.to !== `${src.replace(/[^/]+\/$/, "")}${OUTSIDE}`) {
          problems.push(
            `src/${rel(from)}:${e.line} imports ${e.to}: src/ may import nothing outside it but ${OUTSIDE}`,
          );
        }
        continue;
      }
      const why = against(rel(from), rel(e.to), parts);
      if (why) problems.push(`src/${rel(from)}:${e.line} imports src/${rel(e.to)}: ${why}`);
    }
  }
  for (const component of cycles(local)) {
    const loop = loopThrough(local, component);
    const shown = loop.map((e) => `src/${rel(e.from)}:${e.line}`);
    problems.push(`cycle: ${shown.join(" -> ")} -> src/${rel(loop[0].from)}`);
  }
  return problems;
}

/** The imports of one loop through a cycle's first module, staying inside the cycle (breadth first). */
function loopThrough(graph: ReadonlyMap<string, readonly Edge[]>, component: readonly string[]): Edge[] {
  const start = component[0];
  const members = new Set(component);
  const via = new Map<string, Edge>();
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const e of graph.get(at) ?? []) {
      if (!members.has(e.to)) continue;
      if (e.to === start) {
        const path = [e];
        for (let back = via.get(at); back; back = via.get(back.from)) path.unshift(back);
        return path;
      }
      if (!via.has(e.to) && e.to !== start) {
        via.set(e.to, e);
        queue.push(e.to);
      }
    }
  }
  return [];
}
