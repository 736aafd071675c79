/**
 * The import graph of the project's own modules, read from their text: `import … from`, `export … from`,
 * bare `import "…"` and dynamic `import("…")` with a literal relative specifier. Used by the test runner (which
 * test files start a real HAProxy) and by the architecture test (which way the dependencies point).
 *
 * @module
 */

/** One import of a module. */
export interface Import {
  /** The specifier as written. */
  readonly specifier: string;
  /** `import type` / `export type`: erased at run time. */
  readonly typeOnly: boolean;
  /** `import("…")`: loaded when first needed, not at start. */
  readonly dynamic: boolean;
  /** 1-based line of the statement. */
  readonly line: number;
}

/** One arrow between two local modules (absolute paths). */
export interface Edge extends Import {
  readonly from: string;
  readonly to: string;
}

const STATIC = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']/g;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Removes comments (keeping line breaks and string contents), so commented-out imports are not read. */
function stripComments(text: string): string {
  return text.replace(
    /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g,
    (m, str) => (str ? m : m.replace(/[^\n]/g, " ")),
  );
}

/** The imports written in a module's text, in order. */
export function importsOf(source: string): Import[] {
  const text = stripComments(source);
  const found: (Import & { at: number })[] = [];
  for (const m of text.matchAll(STATIC)) {
    const at = m.index + m[0].indexOf(m[1]);
    found.push({ specifier: m[3], typeOnly: m[2] !== undefined, dynamic: false, line: lineAt(text, at), at });
  }
  for (const m of text.matchAll(DYNAMIC)) {
    found.push({ specifier: m[1], typeOnly: false, dynamic: true, line: lineAt(text, m.index), at: m.index });
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _, ...rest }) => rest);
}

/** Whether a specifier names a local file (relative or absolute path). */
export function isLocal(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/");
}

/** Resolves a local specifier against the importing module's absolute path. */
export function resolve(from: string, specifier: string): string {
  return new URL(specifier, `file://${from}`).pathname;
}

/**
 * The graph reached from `entries` (absolute paths) through local imports: each module's outgoing edges.
 * Modules that cannot be read are kept with no edges.
 */
export async function localGraph(entries: readonly string[]): Promise<Map<string, Edge[]>> {
  const graph = new Map<string, Edge[]>();
  const queue = [...entries];
  while (queue.length > 0) {
    const from = queue.pop()!;
    if (graph.has(from)) continue;
    let text = "";
    try {
      text = await Deno.readTextFile(from);
    } catch {
      // Missing: no edges.
    }
    const edges = importsOf(text).filter((i) => isLocal(i.specifier)).map((i) => ({
      ...i,
      from,
      to: resolve(from, i.specifier),
    }));
    graph.set(from, edges);
    for (const e of edges) if (!graph.has(e.to)) queue.push(e.to);
  }
  return graph;
}

/** Whether `target` is reachable from `from` in the graph. */
export function reaches(graph: ReadonlyMap<string, readonly Edge[]>, from: string, target: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (at === target) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    for (const e of graph.get(at) ?? []) stack.push(e.to);
  }
  return false;
}
