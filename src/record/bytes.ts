/**
 * Reading part of a file: the head of a recording (its header), a gzip member of it, the tail of one being
 * appended to. Recordings can be large; only what is needed is read.
 *
 * @module
 */

/** Up to `length` bytes of `path` from offset `start` (fewer at the end of the file). */
export async function readRange(path: string, start: number, length: number): Promise<Uint8Array> {
  const file = await Deno.open(path, { read: true });
  try {
    const out = new Uint8Array(length);
    if (start > 0) await file.seek(start, Deno.SeekMode.Start);
    for (let n = 0; n < out.length;) {
      const got = await file.read(out.subarray(n));
      if (got === null) return out.subarray(0, n);
      n += got;
    }
    return out;
  } finally {
    file.close();
  }
}
