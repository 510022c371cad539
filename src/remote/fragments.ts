// Exact byte ranges fetched ahead (a zip's local headers with the first bytes of their data,
// signature probes): found by any offset inside them, oldest dropped past a byte budget.

export class Fragments {
  /** Insertion order is age: the first entries go first. */
  private readonly byStart = new Map<number, Uint8Array>()
  /** The starts, ascending, for finding the fragment that holds an offset. */
  private starts: number[] = []
  private bytes = 0

  constructor(private readonly capacity: number) {}

  /** The bytes [offset, offset + length) when one fragment holds them all. */
  get(offset: number, length: number): Uint8Array | undefined {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    const start = this.starts[lo]
    if (start === undefined || start > offset) return undefined
    const fragment = this.byStart.get(start)!
    return offset + length <= start + fragment.length ? fragment.subarray(offset - start, offset - start + length) : undefined
  }

  /** Keeps a copy: a fragment must not pin the larger answer it was cut from. */
  set(start: number, bytes: Uint8Array): void {
    if (bytes.length > this.capacity || (this.byStart.get(start)?.length ?? -1) >= bytes.length) return
    this.drop(start)
    this.byStart.set(start, new Uint8Array(bytes))
    this.starts.splice(this.insertionPoint(start), 0, start)
    this.bytes += bytes.length
    for (const oldest of this.byStart.keys()) {
      if (this.bytes <= this.capacity) break
      this.drop(oldest)
    }
  }

  clear(): void {
    this.byStart.clear()
    this.starts = []
    this.bytes = 0
  }

  private drop(start: number): void {
    const old = this.byStart.get(start)
    if (old === undefined) return
    this.byStart.delete(start)
    this.starts.splice(this.insertionPoint(start), 1)
    this.bytes -= old.length
  }

  /** Index of the first start >= `start`. */
  private insertionPoint(start: number): number {
    let lo = 0
    let hi = this.starts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.starts[mid] < start) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
