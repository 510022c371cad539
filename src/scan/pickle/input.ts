// A refillable window over a chunk stream. The decoder reads `buf[pos..]` directly;
// the analyzer calls `fill` only when a decode step needs more bytes, and `take` /
// `takeLine` to stream an oversized argument through while keeping a prefix of it.
//
// An opcode that straddles two chunks is decoded from a small *stitch*: the unread tail
// of the old chunk plus the first few KiB of the new one. As soon as only bytes of the
// new chunk remain, the window moves onto the chunk itself, so chunks are never copied
// whole (no second allocation of every chunk, no copy of the whole stream). A chunk the
// window has left is handed back to the stream (`recycle`), which reads later chunks into it:
// nothing decoded from a chunk may keep a view of it (values copy their bytes).
import type { ChunkStream } from '../source.js'

const EMPTY = Buffer.alloc(0)

/** Bytes of the next chunk copied into a stitch beyond what the current step needs. */
const STITCH_EXTRA = 4096

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
  /**
   * Called before the window lets go of its buffer (a refill or a skip): the machine's
   * undecoded strings point into it, and a stream may reuse a chunk's memory once it is released.
   */
  onRelease: (() => void) | undefined
  /** Stream offset of `buf[0]` (including the caller's base offset). */
  private base: number
  /** When `buf` is a stitch: the chunk whose first bytes are `buf[restStart..]`. */
  private rest: Buffer | null = null
  private restStart = 0

  /** `stream.position()` when the window was made (the stream may have been read or skipped before): -1 without one. */
  private readonly origin: number

  constructor(
    private readonly stream: ChunkStream,
    private readonly baseOffset = 0
  ) {
    this.base = baseOffset
    this.origin = stream.readSync !== undefined && stream.position !== undefined ? stream.position() : -1
  }

  /** Stream offset of `buf[pos]`. */
  get offset(): number {
    return this.base + this.pos
  }

  /** Where `buf[0]` lies from the stream's first byte, as `ChunkStream.readSync` takes it; -1 when the stream cannot read back. */
  get streamStart(): number {
    return this.origin < 0 ? -1 : this.origin + this.base - this.baseOffset
  }

  /** Makes at least `min` unread bytes available; false if the stream ends first. */
  async fill(min: number): Promise<boolean> {
    this.unstitch()
    const have0 = this.buf.length - this.pos
    if (have0 >= min) return true
    this.onRelease?.()
    const released = this.buf
    // Unread bytes: the old window's tail, then (inside a stitch) the rest of the chunk it continues.
    const old = this.rest !== null ? this.buf.subarray(this.pos, this.restStart) : this.buf.subarray(this.pos)
    const chunks: Buffer[] = this.rest !== null ? [this.rest] : []
    let have = old.length + (this.rest?.length ?? 0)
    this.base += this.pos
    this.pos = 0
    this.rest = null
    while (have < min) {
      const chunk = await this.stream.next()
      if (chunk === null) {
        this.eof = true
        break
      }
      chunks.push(asBuffer(chunk))
      have += chunk.length
    }
    if (chunks.length === 0) this.buf = old.length === 0 ? EMPTY : old
    else if (old.length === 0 && chunks.length === 1) this.buf = chunks[0]
    else if (chunks.length === 1 && have >= min) {
      // The common straddle: a stitch of the tail and the head of the one new chunk.
      const chunk = chunks[0]
      // At least doubling a stitch that grows (a text line read a little further each time) keeps the copying linear.
      const take = Math.min(chunk.length, Math.max(min - old.length, STITCH_EXTRA, old.length))
      const stitch = Buffer.allocUnsafe(old.length + take)
      stitch.set(old, 0)
      stitch.set(chunk.subarray(0, take), old.length)
      this.buf = stitch
      if (take < chunk.length) {
        this.rest = chunk
        this.restStart = old.length
      }
    } else this.buf = Buffer.concat(old.length > 0 ? [old, ...chunks] : chunks, have)
    // The old window's tail is copied into the new one unless it is the new one (the stream's end).
    if (chunks.length > 0) this.stream.recycle?.(released)
    return have >= min
  }

  /** Whether any unread byte remains (reads ahead one chunk if needed). */
  async more(): Promise<boolean> {
    return this.pos < this.buf.length || this.rest !== null || (!this.eof && (await this.fill(1)))
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
      if (this.pos < this.buf.length) continue // moved from a stitch onto its chunk
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
        const part = this.buf.subarray(this.pos, Math.min(stop, this.pos + keep - kept))
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
      if (this.pos < this.buf.length) continue // moved from a stitch onto its chunk
      if (!(await this.fill(1))) return { prefix: Buffer.concat(parts), length, found: false }
    }
  }

  /** Leaves a stitch for the chunk it continues once only that chunk's bytes remain unread. */
  private unstitch(): void {
    if (this.rest === null || this.pos < this.restStart) return
    this.onRelease?.()
    this.base += this.restStart
    this.pos -= this.restStart
    this.buf = this.rest
    this.rest = null
  }

  /** Releases a fully consumed buffer. */
  private drop(): void {
    this.unstitch()
    if (this.pos < this.buf.length) return
    this.onRelease?.()
    this.stream.recycle?.(this.buf)
    this.base += this.buf.length
    this.buf = EMPTY
    this.pos = 0
  }
}
