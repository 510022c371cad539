// A read-ahead window over a positioned-read Source: protobuf walks read many small tags in
// order, so one `source.read` of CHUNK bytes serves the tags that follow it (a remote source
// pays one range request per chunk, not one per field). Skipped payloads are never read.
import type { Source } from '../source.js'

const CHUNK = 64 * 1024

export class ByteWindow {
  private buf: Uint8Array = new Uint8Array(0)
  private start = 0

  constructor(
    private readonly source: Source,
    private readonly chunk = CHUNK
  ) {}

  get size(): number {
    return this.source.size
  }

  /** Up to `n` bytes at `offset` (fewer only at the end of the source). */
  async at(offset: number, n: number): Promise<Uint8Array> {
    const from = offset - this.start
    if (from >= 0 && from + n <= this.buf.length) return this.buf.subarray(from, from + n)
    this.buf = await this.source.read(offset, Math.max(n, this.chunk))
    this.start = offset
    return this.buf.subarray(0, n)
  }
}
