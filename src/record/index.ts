/**
 * The index a recording is read by, built once when it is opened: every record's kind, time, instance and
 * place (which gzip member of which part, which line), and for each snapshot record the full snapshot its
 * chain of deltas starts from. Decoding is tolerant: a corrupt record or member is skipped with a warning,
 * and the deltas that depended on it wait for their instance's next full snapshot.
 *
 * @module
 */
import { readRange } from "./bytes.ts";
import { FORMAT_VERSION, type HeaderRecord } from "./format.ts";
import { decodeRegion, memberStarts } from "./gzip.ts";
import { headerOf, headerOfBytes, isGzip } from "./sniff.ts";

/** A recording that cannot be read; the message starts with the file, then the problem. */
export class RecordingError extends Error {}

/** One record in the index. */
export interface Entry {
  readonly kind: "full" | "delta" | "error" | "end";
  /** Epoch ms. */
  readonly time: number;
  /** Index into the sessions. */
  readonly session: number;
  /** Index into the session's instances (-1 for an end record). */
  readonly instance: number;
  /** Which unit (a byte region of a part) and which line of its text. */
  readonly unit: number;
  readonly line: number;
  /** The entry index of the full snapshot its chain starts from; -1 when that chain is broken. */
  readonly base: number;
}

/** A byte region of one part: from one member start to the next. */
export interface Unit {
  readonly part: number;
  readonly start: number;
  readonly end: number;
}

/** One recording session (one run of hatop), over one or more parts. */
export interface Session {
  readonly header: HeaderRecord;
}

/** What opening a recording builds. */
export interface RecordingIndex {
  readonly parts: readonly string[];
  readonly sessions: readonly Session[];
  readonly units: readonly Unit[];
  readonly entries: readonly Entry[];
  readonly warnings: readonly string[];
}

const PREFIX = /^\{"type":"(full|delta|error|end)","time":"([^"]*)"(?:,"instance":(\d+))?/;

/** The parts of a recording, oldest first: FILE.N … FILE.1 (those that exist, from 1 up), FILE. */
export async function partsOf(path: string): Promise<string[]> {
  const rotated: string[] = [];
  for (let n = 1;; n++) {
    try {
      await Deno.stat(`${path}.${n}`);
      rotated.unshift(`${path}.${n}`);
    } catch {
      break;
    }
  }
  return [...rotated, path];
}

function describe(e: unknown): string {
  if (e instanceof Deno.errors.NotFound) return "no such file";
  if (e instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (e instanceof Deno.errors.IsADirectory) return "it is a directory";
  return (e as Error).message;
}

/** Reads a part whole, or throws a RecordingError naming it. */
async function readPart(path: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (e) {
    throw new RecordingError(`${path}: ${describe(e)}`);
  }
}

/** The decoded text of a unit, split into lines (an incomplete last line dropped). */
export interface UnitText {
  readonly lines: readonly string[];
  readonly problems: readonly string[];
  /** Whether the text ended in the middle of a record (cut). */
  readonly cut: boolean;
}

/** Splits a unit's text into complete lines. */
export async function unitText(bytes: Uint8Array): Promise<UnitText> {
  const decoded = isGzip(bytes)
    ? await decodeRegion(bytes)
    : { text: new TextDecoder().decode(bytes), problems: [] };
  const lines = decoded.text.split("\n");
  const last = lines.pop() ?? "";
  return { lines, problems: decoded.problems, cut: last !== "" };
}

/** Reads the bytes of a unit from its part. */
export function readUnit(parts: readonly string[], unit: Unit): Promise<Uint8Array> {
  return readRange(parts[unit.part], unit.start, unit.end - unit.start);
}

/** Builds the index of the recording at `path` (and its rotated parts). */
export async function buildIndex(path: string): Promise<RecordingIndex> {
  const parts = await partsOf(path);
  const builder = new Builder(parts);
  for (let p = 0; p < parts.length; p++) {
    const bytes = await readPart(parts[p]);
    const header = await headerOfBytes(bytes);
    if (typeof header === "string") {
      if (p === parts.length - 1 && builder.sessions.length === 0) {
        throw new RecordingError(`${parts[p]}: ${header}`);
      }
      builder.warnings.push(`${parts[p]}: ${header}; this part is skipped`);
      continue;
    }
    if (header.format > FORMAT_VERSION) {
      throw new RecordingError(
        `${
          parts[p]
        }: recorded in format ${header.format} by hatop ${header.hatop}; this hatop reads format ` +
          `${FORMAT_VERSION} and older: use a newer hatop`,
      );
    }
    const starts = isGzip(bytes) ? memberStarts(bytes) : [0];
    for (let u = 0; u < starts.length; u++) {
      const unit = { part: p, start: starts[u], end: starts[u + 1] ?? bytes.length };
      builder.add(unit, await unitText(bytes.subarray(unit.start, unit.end)));
    }
  }
  if (builder.entries.length === 0) throw new RecordingError(`${path}: the recording holds no snapshot yet`);
  return builder;
}

/** Collects entries while the parts are read. */
class Builder implements RecordingIndex {
  readonly parts: readonly string[];
  readonly sessions: Session[] = [];
  readonly units: Unit[] = [];
  readonly entries: Entry[] = [];
  readonly warnings: string[] = [];
  readonly #ids = new Map<string, number>();
  /** Per instance of the current session: the entry of its last full snapshot, or -1 (none, or broken). */
  #bases: number[] = [];
  #session = -1;
  /** Records of a session in a newer format are skipped (warned once, at its header). */
  #skipping = false;

  constructor(parts: readonly string[]) {
    this.parts = parts;
  }

  add(unit: Unit, text: UnitText): void {
    const u = this.units.push(unit) - 1;
    const where = `${this.parts[unit.part]} (bytes ${unit.start}-${unit.end})`;
    for (const problem of text.problems) {
      this.warnings.push(`${where}: ${problem}`);
      this.#break();
    }
    text.lines.forEach((line, i) => this.#line(u, i, line, where));
    if (text.cut) {
      this.warnings.push(`${where}: the last record is incomplete (the file was cut): skipped`);
      this.#break();
    }
  }

  /** A record was lost: every instance's deltas wait for its next full snapshot. */
  #break(): void {
    this.#bases.fill(-1);
  }

  #line(unit: number, line: number, text: string, where: string): void {
    if (text === "") return;
    let kind: string | undefined;
    let time: number;
    let instance = -1;
    const m = PREFIX.exec(text);
    if (m) {
      [kind, time, instance] = [m[1], Date.parse(m[2]), m[3] === undefined ? -1 : Number(m[3])];
    } else {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(text);
      } catch {
        this.warnings.push(`${where}: record ${line + 1} is not JSON (corrupt): skipped`);
        return this.#break();
      }
      if (record?.type === "header") return this.#header(text);
      kind = String(record?.type);
      time = Date.parse(String(record?.time));
      instance = typeof record?.instance === "number" ? record.instance : -1;
    }
    if (this.#skipping) return;
    const session = this.sessions[this.#session];
    const known = kind === "full" || kind === "delta" || kind === "error" || kind === "end";
    if (!known || !Number.isFinite(time) || !session) {
      this.warnings.push(`${where}: record ${line + 1} is not a record of this format: skipped`);
      return;
    }
    if (kind !== "end" && !(instance >= 0 && instance < session.header.instances.length)) {
      this.warnings.push(`${where}: record ${line + 1} names an instance the header does not list: skipped`);
      return;
    }
    const index = this.entries.length;
    let base = -1;
    if (kind === "full") base = this.#bases[instance] = index;
    else if (kind !== "end") base = this.#bases[instance];
    this.entries.push({
      kind: kind as Entry["kind"],
      time,
      session: this.#session,
      instance,
      unit,
      line,
      base,
    });
  }

  #header(text: string): void {
    const header = headerOf(text);
    if (typeof header === "string") return;
    this.#skipping = header.format > FORMAT_VERSION;
    if (this.#skipping) {
      this.warnings.push(`a session recorded in format ${header.format} by hatop ${header.hatop} is skipped`);
      return;
    }
    const known = this.#ids.get(header.session);
    if (known !== undefined && known === this.#session) return;
    this.#session = known ?? this.sessions.push({ header }) - 1;
    this.#ids.set(header.session, this.#session);
    this.#bases = header.instances.map(() => -1);
  }
}
