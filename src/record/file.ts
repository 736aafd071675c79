/**
 * One recording file on disk, append-only: records go into the open gzip member; a failed write is cut off
 * again (the file is truncated to its last complete record), so what is already written stays readable and
 * the next record starts a clean member. Created with mode 0600: stats can be sensitive.
 *
 * @module
 */
import { readRange } from "./bytes.ts";
import { Compressor, concat, crc32, MEMBER_HEADER, memberEnd, openLastMember } from "./gzip.ts";

const encoder = new TextEncoder();

/** How much of the end of a file is searched for a member left open (a member is rarely more than a few MB). */
const TAIL_BYTES = 64 * 2 ** 20;

/** The member records are being added to, with the CRC and length of what is on disk. */
interface Member {
  readonly compressor: Compressor;
  crc: number;
  length: number;
  /** A write failed: the stream is no longer usable; the member is ended from what is on disk. */
  broken: boolean;
}

/** An open recording file. */
export class RecordFile {
  readonly path: string;
  /** The file's size when it was opened. */
  readonly openedSize: number;
  readonly #file: Deno.FsFile;
  /** Bytes on disk that hold complete records. */
  #size: number;
  #member: Member | undefined;
  readonly #level: number;

  private constructor(path: string, file: Deno.FsFile, size: number, level: number) {
    this.path = path;
    this.#file = file;
    this.#size = size;
    this.openedSize = size;
    this.#level = level;
  }

  /**
   * Opens `path` for appending, creating it with mode 0600. A last member left without its ending by a
   * crashed recorder is ended first when its text ends with a complete record.
   *
   * @throws the error of Deno.open (permission denied, no such directory…).
   */
  static async open(path: string, level = 6): Promise<RecordFile> {
    const file = await Deno.open(path, { append: true, create: true, mode: 0o600 });
    try {
      const size = (await file.stat()).size;
      const out = new RecordFile(path, file, size, level);
      if (size > 0) await out.#endCrashedMember();
      return out;
    } catch (e) {
      file.close();
      throw e;
    }
  }

  /** Bytes of the file that hold complete records. */
  get size(): number {
    return this.#size;
  }

  async #endCrashedMember(): Promise<void> {
    const length = Math.min(this.#size, TAIL_BYTES);
    const bytes = await readRange(this.path, this.#size - length, length);
    const text = await openLastMember(bytes);
    if (text === undefined || text.length === 0 || text[text.length - 1] !== 10) return;
    try {
      await this.#append(memberEnd(await crc32(text), text.length));
    } catch {
      // Left open: the reader reads such a member as well.
    }
  }

  /** Appends bytes; on failure the file is cut back to its last complete record and the error rethrown. */
  async #append(bytes: Uint8Array): Promise<void> {
    try {
      for (let done = 0; done < bytes.length;) done += await this.#file.write(bytes.subarray(done));
    } catch (e) {
      await this.#file.truncate(this.#size).catch(() => {});
      throw e;
    }
    this.#size += bytes.length;
  }

  /**
   * Appends one record (a JSON line without its line break), starting a member when none is open.
   *
   * @throws the write error; the file then ends with the previous record.
   */
  async append(line: string): Promise<void> {
    if (this.#member?.broken) await this.endMember();
    const text = encoder.encode(line + "\n");
    let member = this.#member;
    let header: Uint8Array | undefined;
    if (!member) {
      member = { compressor: await Compressor.create(this.#level), crc: 0, length: 0, broken: false };
      header = MEMBER_HEADER;
    }
    let bytes: Uint8Array;
    let crc: number;
    try {
      bytes = await member.compressor.compress(text);
      crc = await crc32(text, member.crc);
    } catch (e) {
      member.broken = true;
      throw e;
    }
    try {
      await this.#append(header ? concat([header, bytes]) : bytes);
    } catch (e) {
      if (header) member.compressor.destroy();
      else member.broken = true;
      throw e;
    }
    this.#member = member;
    member.crc = crc;
    member.length += text.length;
  }

  /** Ends the open member (so that a new one starts at the next record); nothing when none is open. */
  async endMember(): Promise<void> {
    const member = this.#member;
    if (!member) return;
    await this.#append(memberEnd(member.crc, member.length));
    member.compressor.destroy();
    this.#member = undefined;
  }

  /** Ends the open member if it can and closes the file; never throws. */
  async close(): Promise<void> {
    await this.endMember().catch(() => {});
    this.#member?.compressor.destroy();
    this.#member = undefined;
    try {
      this.#file.close();
    } catch {
      // Already closed.
    }
  }
}
