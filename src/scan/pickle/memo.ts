// The unpickler memo, sized for pickles that memoize millions of values. Python's
// pickler memoizes every str it writes; kept as JS strings they would dominate the
// heap (tens of bytes each), so short strings live as UTF-16 code units in one arena
// and become JS strings again only when a GET reads them.
import { PyOpaque, type Value } from './values.js'

/** Strings up to this many code units go to the arena. */
const ARENA_STRING_MAX = 64
/** Slots below this index use the dense typed arrays; others (sparse LONG_BINPUT indices) a map. */
const DENSE_SLOTS = 1 << 26

/** Marks a dense slot whose string is in the arena. */
const IN_ARENA = new PyOpaque('a memoized string')

export class Memo {
  private values: Value[] = []
  private readonly sparse = new Map<number, Value>()
  private starts = new Int32Array(0)
  private lengths = new Uint8Array(0)
  private arena = new Uint16Array(1 << 12)
  private arenaUsed = 0
  /** Occupied slots: `memo_len`, where MEMOIZE writes next. */
  size = 0

  get(index: number): Value | undefined {
    if (index >= DENSE_SLOTS) return this.sparse.get(index)
    const value = index < this.values.length ? this.values[index] : undefined
    if (value !== IN_ARENA) return value
    const start = this.starts[index]
    return String.fromCharCode.apply(null, this.arena.subarray(start, start + this.lengths[index]) as unknown as number[])
  }

  set(index: number, value: Value): void {
    if (index >= DENSE_SLOTS) {
      if (!this.sparse.has(index)) this.size++
      this.sparse.set(index, value)
      return
    }
    if (index >= this.values.length || this.values[index] === undefined) this.size++
    if (typeof value === 'string' && value.length <= ARENA_STRING_MAX) {
      this.store(index, value)
      value = IN_ARENA
    }
    this.values[index] = value
  }

  private store(index: number, text: string): void {
    if (index >= this.starts.length) {
      const capacity = Math.min(DENSE_SLOTS, Math.max(1024, index + 1, this.starts.length * 2))
      const starts = new Int32Array(capacity)
      starts.set(this.starts)
      const lengths = new Uint8Array(capacity)
      lengths.set(this.lengths)
      ;[this.starts, this.lengths] = [starts, lengths]
    }
    if (this.arenaUsed + text.length > this.arena.length) {
      const arena = new Uint16Array(Math.max(this.arena.length * 2, this.arenaUsed + text.length))
      arena.set(this.arena.subarray(0, this.arenaUsed))
      this.arena = arena
    }
    this.starts[index] = this.arenaUsed
    this.lengths[index] = text.length
    for (let i = 0; i < text.length; i++) this.arena[this.arenaUsed++] = text.charCodeAt(i)
  }
}
