/**
 * The captured runtime-API replies (tests/fixtures/runtime/<release line>/, written by
 * scripts/lab/capture_runtime.ts): the release lines, one reply by name, what the capture's scenario did
 * (scenario.json) and what each socket level may run (levels.txt). Tests derive their expectations from
 * these records and from the release's version, never from numbers copied out of a reply.
 *
 * @module
 */
import type { Level } from "../../src/runtime/commands.ts";

const ROOT = new URL("../fixtures/runtime/", import.meta.url).pathname;

/** The release lines captured, oldest first ("2.2", "2.6", …). */
export const RELEASE_LINES: readonly string[] = [...Deno.readDirSync(ROOT)]
  .filter((e) => e.isDirectory)
  .map((e) => e.name)
  .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));

/** The raw reply saved as `<name>.txt` for a release line. */
export function reply(line: string, name: string): string {
  return Deno.readTextFileSync(`${ROOT}${line}/${name}.txt`);
}

/** What the capture's scenario did (see scripts/lab/capture_runtime.ts). */
export interface Scenario {
  readonly version: string;
  readonly node: string;
  readonly names: Readonly<Record<string, string>>;
  readonly initialMap: readonly (readonly [string, string])[];
  readonly initialAcl: readonly string[];
  readonly mapDefault: string;
  readonly badRequests: Readonly<Record<string, string>>;
  readonly capturedAt: string;
  readonly ports: Readonly<Record<string, number>>;
  readonly store: readonly string[];
  readonly requests: Readonly<Record<string, number>>;
  readonly held: { readonly clientPort: number; readonly sessionId: string };
  readonly mapFile: string;
  readonly aclFile: string;
  readonly mapEntry: {
    readonly key: string;
    readonly value: string;
    readonly changed: string;
    readonly addedBody: string;
    readonly changedBody: string;
  };
  readonly aclPattern: {
    readonly pattern: string;
    readonly deniedStatus: number;
    readonly allowedStatus: number;
  };
  readonly helpSameAtUser: boolean;
  readonly caCommonName: string;
  readonly certificates: readonly {
    readonly days: number;
    readonly file: string;
    readonly commonName: string;
    readonly dnsNames: readonly string[];
    readonly algorithm: string;
  }[];
  /** The command sent for each reply name. */
  readonly commands: Readonly<Record<string, string>>;
}

/** The scenario record of a release line. */
export function scenario(line: string): Scenario {
  return JSON.parse(Deno.readTextFileSync(`${ROOT}${line}/scenario.json`));
}

/** One line of levels.txt. */
export interface LevelProbe {
  readonly syntax: string;
  readonly level: Level;
  /** `applied` / `not applied` for writes, undefined for reads. */
  readonly applied?: boolean;
  /** The reply's first line; "" for an empty one. */
  readonly firstLine: string;
}

/** The level probes of a release line. */
export function levelProbes(line: string): LevelProbe[] {
  return Deno.readTextFileSync(`${ROOT}${line}/levels.txt`).split("\n")
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => {
      const [syntax, level, effect, first] = l.split("\t");
      return {
        syntax,
        level: level as Level,
        applied: effect === "-" ? undefined : effect === "applied",
        firstLine: first === "(empty)" ? "" : first,
      };
    });
}

/** Lines of a raw reply matching `re` (to count what the parser must find). */
export function linesMatching(text: string, re: RegExp): string[] {
  return text.split("\n").filter((l) => re.test(l));
}
