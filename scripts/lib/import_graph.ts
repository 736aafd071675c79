/**
 * The import graph of the project's own modules, read from their text: `import … from`, `export … from`,
 * bare `import "…"` and dynamic `import("…")` with a literal relative specifier. Used by the test runner (which
 * test files start a real HAProxy), by the architecture test (which way the dependencies point) and by the
 * start graph test (no npm module is loaded at start).
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

/** Reads a module's text; a module that cannot be read has none (so no imports). */
export type ReadModule = (path: string) => Promise<string> | string;

async function readOrEmpty(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return "";
  }
}

/** The modules reached from `entries` through the local imports `follow` accepts, each with all its imports. */
async function walk(
  entries: readonly string[],
  follow: (i: Import) => boolean,
  read: ReadModule,
): Promise<Map<string, Import[]>> {
  const graph = new Map<string, Import[]>();
  const queue = [...entries];
  while (queue.length > 0) {
    const from = queue.pop()!;
    if (graph.has(from)) continue;
    const imports = importsOf(await read(from));
    graph.set(from, imports);
    for (const i of imports) {
      if (!isLocal(i.specifier) || !follow(i)) continue;
      const to = resolve(from, i.specifier);
      if (!graph.has(to)) queue.push(to);
    }
  }
  return graph;
}

/**
 * The graph reached from `entries` (absolute paths) through local imports: each module's outgoing edges.
 * Modules that cannot be read are kept with no edges.
 */
export async function localGraph(entries: readonly string[]): Promise<Map<string, Edge[]>> {
  const modules = await walk(entries, () => true, readOrEmpty);
  return new Map(
    [...modules].map(([from, imports]) => [
      from,
      imports.filter((i) => isLocal(i.specifier)).map((i) => ({
        ...i,
        from,
        to: resolve(from, i.specifier),
      })),
    ]),
  );
}

/**
 * The modules loaded when `entries` start: reached through static imports that are not type-only (an
 * `import()` is loaded when first called, an `import type` never), each with every import it writes, local
 * or not. `read` gives a module's text (default: the file's).
 */
export function startGraph(
  entries: readonly string[],
  read: ReadModule = readOrEmpty,
): Promise<Map<string, Import[]>> {
  return walk(entries, (i) => !i.dynamic && !i.typeOnly, read);
}

/** A static import of an npm package by a module of a start graph. */
export interface NpmAtStart {
  /** The importing module (absolute path). */
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
}

/** The `npm:` packages a start graph loads (static imports, not type-only): each costs Deno's npm machinery. */
export function npmAtStart(graph: ReadonlyMap<string, readonly Import[]>): NpmAtStart[] {
  return [...graph].flatMap(([file, imports]) =>
    imports.filter((i) => !i.dynamic && !i.typeOnly && i.specifier.startsWith("npm:"))
      .map((i) => ({ file, line: i.line, specifier: i.specifier }))
  );
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
