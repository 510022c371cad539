// Positioned reads with a small cache, so that walking many adjacent small records
// (central directory, local headers) costs one read per chunk, never a whole-file read.
import type { Source } from '../source.js'

export class ByteWindow {
  private start = 0
  private buf: Uint8Array = new Uint8Array(0)

  constructor(
    readonly source: Source,
    private readonly chunk: number
  ) {}

  /** Up to `length` bytes at `offset` (fewer only at the end of the source). */
  async get(offset: number, length: number): Promise<Uint8Array> {
    if (offset < 0 || length <= 0 || offset >= this.source.size) return new Uint8Array(0)
    const end = Math.min(offset + length, this.source.size)
    if (offset >= this.start && end <= this.start + this.buf.length) {
      return this.buf.subarray(offset - this.start, end - this.start)
    }
    this.buf = await this.source.read(offset, Math.max(end - offset, this.chunk))
    this.start = offset
    return this.buf.subarray(0, Math.min(end - offset, this.buf.length))
  }
}

/**
 * First offset >= `from` (and < `to`) where one of `sigs` (little-endian u32) starts, reading
 * `chunk` bytes at a time. Used only where a reader has no size to jump by.
 */
export async function findSignature(
  source: Source,
  from: number,
  to: number,
  sigs: readonly number[],
  chunk: number
): Promise<{ offset: number; sig: number } | null> {
  let pos = Math.max(0, from)
  const end = Math.min(to, source.size)
  while (pos + 4 <= end) {
    const buf = await source.read(pos, Math.min(chunk, end - pos))
    if (buf.length < 4) return null
    for (let i = 0; i + 4 <= buf.length; i++) {
      if (buf[i] !== 0x50 || buf[i + 1] !== 0x4b) continue
      const sig = (buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16)) + buf[i + 3] * 0x1000000
      if (sigs.includes(sig)) return { offset: pos + i, sig }
    }
    // Overlap by 3 bytes so a signature straddling two chunks is still seen.
    pos += buf.length - 3
  }
  return null
}
