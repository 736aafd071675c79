/**
 * The recording's compression: gzip members that `zcat` reads, written so that a crash or a failed write
 * never costs more than the record being written.
 *
 * A member is a fixed 10-byte gzip header, then one deflate stream that is sync-flushed after every record
 * (so every record already on disk decodes), then, when the member is closed, an empty final block and the
 * gzip trailer (CRC-32 and length of the text). The writer adds that ending itself from the CRC and length of
 * what was written successfully, so a member cut short by a failed write is ended cleanly after truncating
 * the failed bytes away. The reader decodes member by member: a member without its ending (a crash) decodes
 * up to its last flushed record; a corrupt one up to the corruption, and reading resumes at the next member.
 *
 * @module
 */
type Zlib = typeof import("node:zlib");

let loading: Promise<Zlib> | undefined;

/**
 * `node:zlib`, imported the first time a recording is compressed or decoded: importing it loads a large part
 * of Deno's Node layer (about 30 ms of start and 5 MB resident), which a monitor that records nothing must
 * not pay. Everything here that needs it is therefore async.
 */
function zlib(): Promise<Zlib> {
  return loading ??= import("node:zlib");
}

/** The header every member of ours starts with: gzip, deflate, no flags, no time, OS unknown. */
export const MEMBER_HEADER: Uint8Array = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** A member's ending: an empty final stored block, then CRC-32 and length (mod 2^32), little-endian. */
export function memberEnd(crc: number, length: number): Uint8Array {
  const out = new Uint8Array(13);
  out.set([1, 0, 0, 0xff, 0xff]);
  const view = new DataView(out.buffer);
  view.setUint32(5, crc >>> 0, true);
  view.setUint32(9, length >>> 0, true);
  return out;
}

/** CRC-32 of `data` continuing from `crc`. */
export async function crc32(data: Uint8Array, crc = 0): Promise<number> {
  return (await zlib()).crc32(data, crc);
}

/** One member's deflate stream: each `compress` returns the bytes of one record, sync-flushed. */
export class Compressor {
  readonly #stream: ReturnType<Zlib["createDeflateRaw"]>;
  readonly #syncFlush: number;
  #chunks: Uint8Array[] = [];
  #failed: Error | undefined;

  /** A member's stream at compression `level`. */
  static async create(level = 6): Promise<Compressor> {
    return new Compressor(await zlib(), level);
  }

  private constructor(z: Zlib, level: number) {
    this.#stream = z.createDeflateRaw({ level });
    this.#syncFlush = z.constants.Z_SYNC_FLUSH;
    this.#stream.on("data", (chunk: Uint8Array) => this.#chunks.push(chunk));
    this.#stream.on("error", (e: Error) => this.#failed = e);
  }

  /** The compressed bytes of `text`, decodable on their own after what came before in this member. */
  compress(text: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      if (this.#failed) return reject(this.#failed);
      this.#stream.write(text);
      this.#stream.flush(this.#syncFlush, () => {
        if (this.#failed) return reject(this.#failed);
        const out = concat(this.#chunks);
        this.#chunks = [];
        resolve(out);
      });
    });
  }

  /** Frees the stream (the member's ending is written by the caller). */
  destroy(): void {
    this.#stream.destroy();
  }
}

/** The byte arrays one after another. */
export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Where `needle` next occurs in `bytes` at or after `from`, or -1. */
function indexOf(bytes: Uint8Array, needle: Uint8Array, from: number): number {
  for (let at = bytes.indexOf(needle[0], from); at >= 0; at = bytes.indexOf(needle[0], at + 1)) {
    let i = 1;
    while (i < needle.length && bytes[at + i] === needle[i]) i++;
    if (i === needle.length) return at;
  }
  return -1;
}

/** Byte offsets where our members start (the file's start too, when it is gzip). */
export function memberStarts(bytes: Uint8Array): number[] {
  const starts: number[] = [];
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) starts.push(0);
  for (let at = indexOf(bytes, MEMBER_HEADER, 1); at >= 0; at = indexOf(bytes, MEMBER_HEADER, at + 1)) {
    starts.push(at);
  }
  return starts;
}

/** The end of a gzip header at `at` (its flags' optional parts skipped), or -1 when it is not one. */
function headerEnd(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== 0x1f || bytes[at + 1] !== 0x8b || bytes[at + 2] !== 8) return -1;
  const flags = bytes[at + 3];
  let pos = at + 10;
  if (flags & 4) pos += 2 + (bytes[pos] | (bytes[pos + 1] << 8));
  for (const bit of [8, 16]) {
    if (!(flags & bit)) continue;
    while (pos < bytes.length && bytes[pos] !== 0) pos++;
    pos++;
  }
  if (flags & 2) pos += 2;
  return pos <= bytes.length ? pos : -1;
}

interface Inflated {
  readonly data: Uint8Array;
  readonly consumed: number;
}

function inflate(z: Zlib, body: Uint8Array): Inflated {
  const r = z.inflateRawSync(body, { finishFlush: z.constants.Z_SYNC_FLUSH, info: true }) as unknown as {
    buffer: Uint8Array;
    engine: { bytesWritten: number };
  };
  return { data: r.buffer, consumed: r.engine.bytesWritten };
}

/**
 * The last member of a file when it lacks its ending (its recorder crashed): its text as bytes, so that the
 * ending can be added. Undefined when the file ends with a complete member, or its last one is corrupt.
 */
export async function openLastMember(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  const starts = memberStarts(bytes);
  const start = starts[starts.length - 1];
  if (start === undefined) return undefined;
  const body = headerEnd(bytes, start);
  if (body < 0) return undefined;
  const z = await zlib();
  try {
    const { data, consumed } = inflate(z, bytes.subarray(body));
    return body + consumed + 8 > bytes.length ? data : undefined;
  } catch {
    return undefined;
  }
}

/** What a region of a recording decoded to. */
export interface Decoded {
  /** The text of the region's members, one after another. */
  readonly text: string;
  /** Problems met: corrupt bytes skipped, a member without its ending. */
  readonly problems: readonly string[];
  /** Whether the last member lacks its ending (written by a recorder that is still running, or crashed). */
  readonly open: boolean;
}

const decoder = new TextDecoder();

/**
 * Decodes the gzip members in `bytes` (a region from one member start to the next, or a whole file): a
 * member without its ending up to its last flushed record, a corrupt one up to the corruption.
 */
export async function decodeRegion(bytes: Uint8Array): Promise<Decoded> {
  const z = await zlib();
  const texts: string[] = [];
  const problems: string[] = [];
  let open = false;
  let pos = 0;
  while (pos < bytes.length) {
    const body = headerEnd(bytes, pos);
    if (body < 0) {
      problems.push(`${bytes.length - pos} bytes that are not gzip data skipped`);
      break;
    }
    let inflated: Inflated;
    try {
      inflated = inflate(z, bytes.subarray(body));
    } catch (e) {
      const good = longestGoodPrefix(z, bytes.subarray(body));
      texts.push(decoder.decode(good));
      problems.push(`corrupt compressed data (${(e as Error).message}): the rest of this part is skipped`);
      break;
    }
    texts.push(decoder.decode(inflated.data));
    const trailer = body + inflated.consumed;
    if (trailer + 8 > bytes.length) {
      open = true;
      break;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset + trailer, 8);
    if (view.getUint32(0, true) !== z.crc32(inflated.data, 0)) {
      problems.push("a member's checksum does not match");
    }
    pos = trailer + 8;
  }
  return { text: texts.join(""), problems, open };
}

/** The text of the longest prefix of a corrupt deflate stream that still decodes. */
function longestGoodPrefix(z: Zlib, body: Uint8Array): Uint8Array {
  let lo = 0;
  let hi = body.length;
  let best: Uint8Array = new Uint8Array(0);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      best = inflate(z, body.subarray(0, mid)).data;
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return best;
}
