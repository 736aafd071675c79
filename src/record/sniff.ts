/**
 * Telling a recording from any other file by its first record, before appending to it or replaying it.
 *
 * @module
 */
import type { HeaderRecord } from "./format.ts";
import { readRange } from "./bytes.ts";
import { decodeRegion } from "./gzip.ts";

/** How much of a file is read to find its header. */
const HEAD_BYTES = 1 << 18;

/** Whether bytes start like gzip. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The header record of a recording's text, or why the text is not a recording. */
export function headerOf(firstLine: string): HeaderRecord | string {
  let record: unknown;
  try {
    record = JSON.parse(firstLine);
  } catch {
    return "it is not a hatop recording (its first line is not a JSON record)";
  }
  const r = record as Partial<HeaderRecord> | null;
  if (typeof r !== "object" || r === null || r.type !== "header" || typeof r.format !== "number") {
    return "it is not a hatop recording (its first record is not a hatop header)";
  }
  if (!Array.isArray(r.instances)) return "it is not a hatop recording (its header lists no instances)";
  return r as HeaderRecord;
}

/** The header of the recording at `path`, or why it is not one. Throws what Deno.open throws. */
export async function readHeader(path: string): Promise<HeaderRecord | string> {
  return await headerOfBytes(await readRange(path, 0, HEAD_BYTES));
}

/** The header at the start of a recording's bytes, or why they are not a recording. */
export async function headerOfBytes(bytes: Uint8Array): Promise<HeaderRecord | string> {
  if (bytes.length === 0) return "it is empty";
  let text: string;
  // The header is the first record: the start of the first member is enough, however large the file.
  if (isGzip(bytes)) text = (await decodeRegion(bytes.subarray(0, HEAD_BYTES))).text;
  else if (bytes[0] === 0x7b) text = new TextDecoder().decode(bytes);
  else return "it is not a hatop recording (neither gzip nor JSON lines)";
  const end = text.indexOf("\n");
  if (end < 0) return "it is not a hatop recording (no complete first record)";
  return headerOf(text.slice(0, end));
}
