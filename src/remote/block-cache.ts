// The bounded memory of an HTTP source: its aligned blocks, least recently used dropped first.

/** Aligned blocks, least recently used dropped first, at most `capacity` bytes. */
export class BlockCache {
  private readonly blocks = new Map<number, Uint8Array>()
  private bytes = 0
  constructor(private readonly capacity: number) {}

  get(index: number): Uint8Array | undefined {
    const block = this.blocks.get(index)
    if (block !== undefined) {
      this.blocks.delete(index)
      this.blocks.set(index, block)
    }
    return block
  }

  has(index: number): boolean {
    return this.blocks.has(index)
  }

  /** Keeps a copy: a block must not pin the larger answer it was cut from. */
  set(index: number, block: Uint8Array): void {
    if (block.length > this.capacity || this.blocks.has(index)) return
    this.blocks.set(index, new Uint8Array(block))
    this.bytes += block.length
    for (const [oldest, old] of this.blocks) {
      if (this.bytes <= this.capacity) break
      this.blocks.delete(oldest)
      this.bytes -= old.length
    }
  }

  clear(): void {
    this.blocks.clear()
    this.bytes = 0
  }

  get size(): number {
    return this.bytes
  }
}
