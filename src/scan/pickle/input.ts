// A refillable window over a chunk stream. The decoder reads `buf[pos..]` directly;
// the analyzer calls `fill` only when a decode step needs more bytes, and `take` /
// `takeLine` to stream an oversized argument through while keeping a prefix of it.
import type { ChunkStream } from '../source.js'

const EMPTY = Buffer.alloc(0)

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
}

export class Input {
  /** Buffered bytes; valid data is all of it (`buf.length` is the end). */
  buf: Buffer = EMPTY
  /** Next unread index in `buf`. */
  pos = 0
  /** True once the stream has ended. */
  eof = false
  /** Stream offset of `buf[0]` (including the caller's base offset). */
  private base: number

  constructor(
    private readonly stream: ChunkStream,
    baseOffset = 0
  ) {
    this.base = baseOffset
  }

  /** Stream offset of `buf[pos]`. */
  get offset(): number {
    return this.base + this.pos
  }

  /** Makes at least `min` unread bytes available; false if the stream ends first. */
  async fill(min: number): Promise<boolean> {
    const have0 = this.buf.length - this.pos
    if (have0 >= min) return true
    const parts: Buffer[] = have0 > 0 ? [this.buf.subarray(this.pos)] : []
    let have = have0
    while (have < min) {
      const chunk = await this.stream.next()
      if (chunk === null) {
        this.eof = true
        break
      }
      parts.push(asBuffer(chunk))
      have += chunk.length
    }
    this.base += this.pos
    this.pos = 0
    this.buf = parts.length === 0 ? EMPTY : parts.length === 1 ? parts[0] : Buffer.concat(parts, have)
    return have >= min
  }

  /** Whether any unread byte remains (reads ahead one chunk if needed). */
  async more(): Promise<boolean> {
    return this.pos < this.buf.length || (!this.eof && (await this.fill(1)))
  }

  /**
   * Consumes `n` bytes and returns a copy of the first `keep` of them. Bytes past the
   * buffer are skipped through the stream (fast `skip` when it has one), never kept.
   * Returns how many bytes were actually there.
   */
  async take(n: number, keep: number): Promise<{ prefix: Buffer; taken: number }> {
    const prefix = Buffer.alloc(Math.min(n, keep))
    let kept = 0
    let taken = 0
    for (;;) {
      const avail = this.buf.length - this.pos
      const use = Math.min(avail, n - taken)
      if (kept < prefix.length) kept += this.buf.copy(prefix, kept, this.pos, this.pos + Math.min(use, prefix.length - kept))
      this.pos += use
      taken += use
      if (taken === n) break
      this.drop()
      if (kept >= prefix.length && this.stream.skip !== undefined && !this.eof) {
        const skipped = await this.stream.skip(n - taken)
        this.base += skipped
        taken += skipped
        if (taken === n) break
      }
      if (!(await this.fill(1))) break
    }
    return { prefix: kept === prefix.length ? prefix : prefix.subarray(0, kept), taken }
  }

  /**
   * Consumes one newline-terminated line (newline included) and returns a copy of its
   * first `keep` bytes, its length without the newline, and whether the newline was found.
   */
  async takeLine(keep: number): Promise<{ prefix: Buffer; length: number; found: boolean }> {
    const parts: Buffer[] = []
    let kept = 0
    let length = 0
    for (;;) {
      const nl = this.buf.indexOf(10, this.pos)
      const stop = nl < 0 ? this.buf.length : nl
      if (kept < keep) {
        const part = this.buf.slice(this.pos, Math.min(stop, this.pos + keep - kept))
        parts.push(part)
        kept += part.length
      }
      length += stop - this.pos
      if (nl >= 0) {
        this.pos = nl + 1
        return { prefix: Buffer.concat(parts), length, found: true }
      }
      this.pos = stop
      this.drop()
      if (!(await this.fill(1))) return { prefix: Buffer.concat(parts), length, found: false }
    }
  }

  /** Releases a fully consumed buffer. */
  private drop(): void {
    if (this.pos < this.buf.length) return
    this.base += this.buf.length
    this.buf = EMPTY
    this.pos = 0
  }
}
