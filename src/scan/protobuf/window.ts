// A read-ahead window over a positioned-read Source: protobuf walks read many small tags in
// order, so one `source.read` of CHUNK bytes serves the tags that follow it (a remote source
// pays one range request per chunk, not one per field). Skipped payloads are never read.
// The reader decodes from `bytes` directly once `ensure` has loaded the range (no copy, no
// promise per byte range when it is already there).
import type { Source } from '../source.js'

const CHUNK = 64 * 1024

export class ByteWindow {
  /** Bytes of the source from `start`. */
  bytes: Uint8Array = new Uint8Array(0)
  start = 0

  constructor(
    private readonly source: Source,
    private readonly chunk = CHUNK
  ) {}

  get size(): number {
    return this.source.size
  }

  /** True when [offset, offset + n) is in the window. */
  covers(offset: number, n: number): boolean {
    return offset >= this.start && offset + n <= this.start + this.bytes.length
  }

  /** Loads the window at `offset` unless it covers n bytes there (fewer exist only at the end of the source). */
  async ensure(offset: number, n: number): Promise<void> {
    if (this.covers(offset, n)) return
    this.bytes = await this.source.read(offset, Math.max(n, this.chunk))
    this.start = offset
  }

  /** Up to `n` bytes at `offset` (fewer only at the end of the source). */
  async at(offset: number, n: number): Promise<Uint8Array> {
    await this.ensure(offset, n)
    const from = offset - this.start
    return this.bytes.subarray(from, from + n)
  }
}
