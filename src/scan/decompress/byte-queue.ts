// Input bytes pushed in pieces and parsed by structure: the codecs whose formats are byte-aligned
// records (xz, lzma-alone, lz4 frames, bzip2 blocks) read them through this queue, waiting for the
// few bytes (or the one bounded block) the next record needs.

export class ByteQueue {
  private chunks: Uint8Array[] = []
  /** Offset of the first unread byte in chunks[0]. */
  private head = 0
  /** Unread bytes. */
  length = 0
  /** Bytes read (taken or skipped) since the start. */
  consumed = 0

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return
    this.chunks.push(chunk)
    this.length += chunk.length
  }

  /** The next `n` (≤ length) bytes as one array, copied only when they span pieces. */
  peek(n: number): Uint8Array {
    const first = this.chunks[0]
    if (first !== undefined && first.length - this.head >= n) return first.subarray(this.head, this.head + n)
    const out = new Uint8Array(n)
    let filled = 0
    let skip = this.head
    for (const c of this.chunks) {
      if (filled >= n) break
      const part = c.subarray(skip, skip + (n - filled))
      out.set(part, filled)
      filled += part.length
      skip = 0
    }
    return out
  }

  skip(n: number): void {
    this.length -= n
    this.consumed += n
    while (n > 0) {
      const room = this.chunks[0].length - this.head
      if (n < room) {
        this.head += n
        return
      }
      n -= room
      this.chunks.shift()
      this.head = 0
    }
  }

  take(n: number): Uint8Array {
    const out = this.peek(n)
    this.skip(n)
    return out
  }

  /** The unread bytes as views of the pieces they sit in (no copy). */
  pieces(): Uint8Array[] {
    return this.chunks.map((c, i) => (i === 0 ? c.subarray(this.head) : c))
  }

  /** Byte `i` ahead of the read position (i < length). */
  at(i: number): number {
    let k = this.head + i
    for (const c of this.chunks) {
      if (k < c.length) return c[k]
      k -= c.length
    }
    return -1
  }
}
