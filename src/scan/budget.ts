// The per-file time budget (limits.timeBudgetMs): a deadline carried in the ScanContext.
//
// Why a polled flag rather than a thrown error: a throw would unwind through every container
// and pickle frame and lose the findings made so far, which describe code a loader has
// already run. So the loops that can run long (the pickle opcode loop, each archive member,
// each piece of content dispatched, the tar header walk) ask `spent()` and stop where they
// are, without a finding of their own (every level above them stops too, and one file must
// get one finding); `scanFile` then adds the single `scan/incomplete` naming the limit and
// the first stop point, next to everything found before. Chunk reads call `check()`, which
// reads the clock, so a loop that reads is stopped within one chunk; `spent()` itself reads
// the clock only every POLL_STRIDE calls (a counter otherwise), so the pickle loop can ask
// once per opcode at no measurable cost.
import { RULES, type Finding } from './findings.js'
import type { ChunkStream } from './source.js'

/** Calls to `spent()` between clock reads: a power of two. */
const POLL_STRIDE = 128

/** Where a loop stopped: depth and entry as in the ScanContext, offset within that entry. */
export interface StopPoint {
  depth: number
  entry?: string
}

export class TimeBudget {
  private readonly deadline: number
  private calls = 0
  private over = false
  private stop: { entry?: string; offset?: number } | undefined

  constructor(
    readonly ms: number,
    private readonly now: () => number = () => performance.now()
  ) {
    this.deadline = now() + ms
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
    if (this.stop === undefined) {
      const located = at.depth === 0 || at.entry !== undefined
      this.stop = { ...(at.entry !== undefined ? { entry: at.entry } : {}), ...(located && offset !== undefined ? { offset } : {}) }
    }
    return true
  }

  /** The `scan/incomplete` finding when some loop stopped for the budget, else undefined. */
  finding(): Finding | undefined {
    if (this.stop === undefined) return undefined
    const { entry, offset } = this.stop
    const where = [entry !== undefined ? `in ${JSON.stringify(entry.length > 200 ? `${entry.slice(0, 200)}…` : entry)}` : '', offset !== undefined ? `at offset ${offset}` : '']
      .filter(Boolean)
      .join(' ')
    return {
      rule: RULES.incomplete,
      severity: 'high',
      message:
        `The scan stopped${where ? ` ${where}` : ''}: the time budget (limits.timeBudgetMs = ${this.ms}) was used up, so the rest of the file was not analysed ` +
        'and it is not known to be safe. Findings made before the stop are kept. Raise --time-budget (action input time-budget) or review the file by hand.',
      ...(entry !== undefined || offset !== undefined ? { location: { ...(entry !== undefined ? { entry } : {}), ...(offset !== undefined ? { offset } : {}) } } : {})
    }
  }
}

/** `stream` with the clock read before each chunk: a loop that reads is stopped within one chunk. */
export function timedChunks(stream: ChunkStream, budget: TimeBudget): ChunkStream {
  const skip = stream.skip
  return {
    next: () => {
      budget.check()
      return stream.next()
    },
    ...(skip !== undefined ? { skip: (n: number) => skip.call(stream, n) } : {})
  }
}
