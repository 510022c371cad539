// Sequential reads of a GGUF header on positioned reads, through one window of at most
// WINDOW bytes: a vocabulary of hundreds of thousands of strings costs a few window loads,
// skipped values (string bytes, numeric arrays, tensor data) cost nothing. Every read is
// bounded by the bytes left in the file, as gguf.cpp's reader bounds it by `nbytes_remain`.
import { createHash } from 'node:crypto'
import type { Source } from '../source.js'
import { GgufRejected } from './rejection.js'

export const WINDOW = 1024 * 1024

export class HeaderReader {
  /** Offset of the next byte to read. */
  pos = 0
  private buf: Uint8Array = new Uint8Array(0)
  private view: DataView = new DataView(this.buf.buffer)
  private start = 0

  constructor(
    private readonly source: Source,
    private readonly window = WINDOW
  ) {}

  get size(): number {
    return this.source.size
  }

  /** gguf.cpp's `nbytes_remain`: the bytes from the position to the end of the file. */
  get remain(): number {
    return this.source.size - this.pos
  }

  // The window may move while a read awaits: take the view only after it.
  async u32(what: string): Promise<number> {
    const i = await this.fixed(4, what)
    return this.view.getUint32(i, true)
  }

  async i32(what: string): Promise<number> {
    const i = await this.fixed(4, what)
    return this.view.getInt32(i, true)
  }

  async u64(what: string): Promise<bigint> {
    const i = await this.fixed(8, what)
    return this.view.getBigUint64(i, true)
  }

  async i64(what: string): Promise<bigint> {
    const i = await this.fixed(8, what)
    return this.view.getBigInt64(i, true)
  }

  /** The next u64 when its 8 bytes are in the window (no await: the vocabulary loop), else undefined. */
  u64Now(): bigint | undefined {
    const i = this.pos - this.start
    if (i < 0 || i + 8 > this.buf.length) return undefined
    this.pos += 8
    return this.view.getBigUint64(i, true)
  }

  /** Moves past `n` bytes without reading them (a read of `what` past the end is refused). */
  skip(n: number, what: string): void {
    if (n > this.remain) this.truncated(n, what)
    this.pos += n
  }

  /** The next `n` bytes (n is small: a key head, a template, a name), copied. */
  async bytes(n: number, what: string): Promise<Uint8Array> {
    if (n > this.remain) this.truncated(n, what)
    const at = this.pos
    const inWindow = at >= this.start && at + n <= this.start + this.buf.length
    const out = inWindow ? this.buf.slice(at - this.start, at - this.start + n) : await this.source.read(at, n)
    if (out.length < n) this.truncated(n, what, at + out.length)
    this.pos += n
    return inWindow ? out : out.slice()
  }

  /** SHA-256 of the next `n` bytes, read a window at a time (`tick` between windows). */
  async digest(n: number, what: string, tick: (offset: number) => void): Promise<string> {
    const hash = createHash('sha256')
    const end = this.pos + n
    for (let at = this.pos; at < end; ) {
      tick(at)
      const part = await this.source.read(at, Math.min(this.window, end - at))
      if (part.length === 0) this.truncated(n, what, at)
      hash.update(part)
      at += part.length
    }
    this.pos = end
    return hash.digest('hex')
  }

  /** Index in the window of the next `n` (≤ 8) bytes, loading the window when needed. */
  private async fixed(n: number, what: string): Promise<number> {
    if (n > this.remain) this.truncated(n, what)
    const at = this.pos
    if (at < this.start || at + n > this.start + this.buf.length) {
      const buf = await this.source.read(at, Math.min(this.window, this.remain))
      if (buf.length < n) this.truncated(n, what, at + buf.length)
      this.buf = buf
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
      this.start = at
    }
    this.pos += n
    return at - this.start
  }

  /** gguf.cpp's reader returns false: the read needs bytes past the end of the file. */
  private truncated(n: number, what: string, end = this.source.size): never {
    throw new GgufRejected('truncated', `${what} at offset ${this.pos} needs ${n} bytes but the file ends at ${end}`, this.pos)
  }
}
