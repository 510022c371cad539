// The per-file time budget (limits.timeBudgetMs): a deadline carried in the ScanContext.
//
// Two ways to stop. Loops that hold findings (the pickle opcode loop, each archive member, each
// piece of content dispatched, the tar header walk) ask `spent()` and stop where they are,
// without a finding of their own (every level above them stops too, and one file must get one
// finding). Reads are stopped hard: a timed stream (`timedChunks`) throws `BudgetStop` on the
// first chunk or skip past the deadline, whatever loop reads it (a skip over a long BINBYTES8,
// draining a member to buffer it or find its tail, a decompressor fed input that yields
// nothing), and the throw is caught by the nearest `scanContent` or pickle analysis, which
// return what they found so far (a throw caught any higher would lose findings that describe
// code a loader has already run). `scanFile` then adds the single `scan/incomplete` naming the
// limit and the first stop point, next to everything found before. `spent()` reads the clock
// only every POLL_STRIDE calls (a counter otherwise), so the pickle loop can ask once per
// opcode at no measurable cost; a timed stream reads it once per chunk (at most 1 MiB).
//
// A decompressor must therefore read its compressed input through `timedChunks` (its output
// is timed by the `scanContent` it is handed to) and hand out output in bounded chunks, so
// neither a stream that yields nothing nor one that yields without end runs unchecked.
import { RULES, type Finding } from './findings.js'
import type { ChunkStream } from './source.js'

/** Calls to `spent()` between clock reads: a power of two. */
const POLL_STRIDE = 128

/** Thrown by a timed stream past the deadline; the stop point is already recorded. */
export class BudgetStop extends Error {
  constructor() {
    super('time budget spent')
  }
}

/** Where a loop stopped: depth, entry and decompression as in the ScanContext, offset within that content. */
export interface StopPoint {
  depth: number
  entry?: string
  decompressed?: string
}

export class TimeBudget {
  private readonly deadline: number
  private calls = 0
  private over = false
  private stop: { entry?: string; offset?: number; decompressed?: string } | undefined

  constructor(
    readonly ms: number,
    private readonly now: () => number = () => performance.now()
  ) {
    this.deadline = now() + ms
  }

  /** A loop or a read stopped for the budget (`finding()` is then defined). */
  get stopped(): boolean {
    return this.stop !== undefined
  }

  /** Reads the clock: true once the deadline has passed (and from then on). */
  check(): boolean {
    if (!this.over && this.now() >= this.deadline) this.over = true
    return this.over
  }

  /**
   * True when the caller must stop because the deadline has passed; records the first place a
   * loop stopped. `offset` is within `at.entry` (or the file); nested deserializer bytes have
   * no entry of their own, so their offsets are not recorded.
   */
  spent(at: StopPoint, offset?: number): boolean {
    if (!this.over && ((++this.calls & (POLL_STRIDE - 1)) !== 0 || !this.check())) return false
    this.record(at, offset)
    return true
  }

  /** Throws `BudgetStop` (recording `at`, `offset` as for `spent`) once the deadline has passed; reads the clock. */
  halt(at: StopPoint, offset?: number): void {
    if (!this.check()) return
    this.record(at, offset)
    throw new BudgetStop()
  }

  private record(at: StopPoint, offset: number | undefined): void {
    if (this.stop !== undefined) return
    const located = at.depth === 0 || at.entry !== undefined || at.decompressed !== undefined
    this.stop = {
      ...(at.entry !== undefined ? { entry: at.entry } : {}),
      ...(located && offset !== undefined ? { offset, ...(at.decompressed !== undefined ? { decompressed: at.decompressed } : {}) } : {})
    }
  }

  /** The `scan/incomplete` finding when some loop stopped for the budget, else undefined. */
  finding(): Finding | undefined {
    if (this.stop === undefined) return undefined
    const { entry, offset, decompressed } = this.stop
    const at = offset === undefined ? '' : decompressed !== undefined ? `at offset ${offset} of the ${decompressed}-decompressed data` : `at offset ${offset}`
    const where = [entry !== undefined ? `in ${JSON.stringify(entry.length > 200 ? `${entry.slice(0, 200)}…` : entry)}` : '', at]
      .filter(Boolean)
      .join(' ')
    return {
      rule: RULES.incomplete,
      severity: 'high',
      message:
        `The scan stopped${where ? ` ${where}` : ''}: the time budget (limits.timeBudgetMs = ${this.ms}) was used up, so the rest of the file was not analysed ` +
        'and it is not known to be safe. Findings made before the stop are kept. Raise --time-budget (action input time-budget) or review the file by hand.',
      ...(entry !== undefined || offset !== undefined ? { location: { ...(entry !== undefined ? { entry } : {}), ...(offset !== undefined ? { offset } : {}) } } : {}),
      ...(decompressed !== undefined ? { decompressed } : {})
    }
  }
}

/**
 * `stream` with the clock read before each chunk and skip: past the deadline it throws
 * `BudgetStop`, recording `at` and (when `located`) the offset reached in the stream.
 */
export function timedChunks(stream: ChunkStream, budget: TimeBudget, at: StopPoint, located = true): ChunkStream {
  let offset = 0
  const where = (): number | undefined => (located ? offset : undefined)
  const skip = stream.skip
  const recycle = stream.recycle
  return {
    next: async () => {
      budget.halt(at, where())
      const chunk = await stream.next()
      if (chunk !== null) offset += chunk.length
      return chunk
    },
    ...(recycle !== undefined ? { recycle: (chunk: Uint8Array) => recycle.call(stream, chunk) } : {}),
    // A read back of bytes already streamed (a memoized str): no chunk, nothing for the clock.
    ...(stream.readSync !== undefined && stream.position !== undefined ? { readSync: stream.readSync.bind(stream), position: stream.position.bind(stream) } : {}),
    ...(skip !== undefined
      ? {
          skip: async (n: number) => {
            budget.halt(at, where())
            const k = await skip.call(stream, n)
            offset += k
            return k
          }
        }
      : {})
  }
}
