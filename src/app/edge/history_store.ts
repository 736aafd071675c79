/**
 * The CLI history on disk, kept across runs in the XDG state directory
 * (`$XDG_STATE_HOME/hatop/history`, else `~/.local/state/hatop/history`).
 *
 * Safe with several monitors at once: each executed line is appended with one `write` to a file opened for
 * appending (the kernel keeps such appends whole and in order), so nothing has to be written at exit and two
 * monitors exiting together cannot lose or corrupt the file. A file grown past {@linkcode COMPACT_AT} lines
 * is rewritten at start-up with its last {@linkcode HISTORY_KEEP} lines, through a temporary file renamed
 * over it (atomic).
 *
 * @module
 */

/** Lines kept, and read at start. */
export const HISTORY_KEEP = 100;
/** A file longer than this is rewritten with its last HISTORY_KEEP lines at start. */
export const COMPACT_AT = 1000;

/** Where the history goes; undefined when neither XDG_STATE_HOME nor HOME is set. */
export function historyPath(env: { get(key: string): string | undefined }): string | undefined {
  const state = env.get("XDG_STATE_HOME");
  if (state) return `${state}/hatop/history`;
  const home = env.get("HOME");
  return home ? `${home}/.local/state/hatop/history` : undefined;
}

/** Loads and appends history lines. */
export interface HistoryStore {
  load(): Promise<string[]>;
  append(line: string): Promise<void>;
}

function dirOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf("/"))) || "/";
}

/** A history store in the file at `path` (created with mode 0600 in a 0700 directory). */
export function fileHistoryStore(path: string): HistoryStore {
  const encoder = new TextEncoder();
  return {
    async load() {
      let text: string;
      try {
        text = await Deno.readTextFile(path);
      } catch (e) {
        if (e instanceof Deno.errors.NotFound) return [];
        throw e;
      }
      const lines = text.split("\n").filter((l) => l.trim() !== "");
      const kept = lines.slice(-HISTORY_KEEP);
      if (lines.length > COMPACT_AT) {
        const tmp = `${path}.${Deno.pid}.${Date.now()}.tmp`;
        await Deno.writeTextFile(tmp, kept.join("\n") + "\n", { mode: 0o600 });
        await Deno.rename(tmp, path);
      }
      return kept;
    },
    async append(line: string) {
      if (line.includes("\n") || line.trim() === "") return;
      await Deno.mkdir(dirOf(path), { recursive: true, mode: 0o700 });
      const file = await Deno.open(path, { append: true, create: true, mode: 0o600 });
      try {
        await file.write(encoder.encode(`${line}\n`));
      } finally {
        file.close();
      }
    },
  };
}
