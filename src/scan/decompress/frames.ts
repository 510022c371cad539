// What the zstd and LZ4 decoders share: frames one after another, the skippable-frame magic
// range (0x184D2A50–5F, a 4-byte length, then that many bytes to ignore), and bytes after the
// last frame that start no frame, which Python's readers ignore.
import { CorruptData, QueuedCodec, type Emit } from './codec.js'

const SKIPPABLE_MASK = 0xfffffff0
const SKIPPABLE_MAGIC = 0x184d2a50

export function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0
}

/** Between frames: a skippable frame (its header consumed), bytes after the last frame, a frame of the codec's own, or too few bytes yet. */
export type FrameStart = 'skip' | 'trailing' | 'frame' | 'need'

export abstract class FramedCodec extends QueuedCodec {
  /** Frames of the codec's own started so far. */
  protected frames = 0
  private skipLeft = 0

  /** `article`: how messages name the format ('an LZ4', 'a zstd'). */
  constructor(
    emit: Emit,
    private readonly article: string,
    private readonly magic: number
  ) {
    super(emit)
  }

  /**
   * At a frame start: the first `headMax` bytes (fewer at the end of input) when a frame of the
   * codec's own starts, else what comes instead ('need' more input, a 'skip'pable frame whose
   * header is consumed, or 'trailing' bytes).
   */
  protected frameAt(headMax: number): Uint8Array | Exclude<FrameStart, 'frame'> {
    const head = this.q.peek(Math.min(this.q.length, headMax))
    const start = this.frameStart(head)
    return start === 'frame' ? head : start
  }

  /** The states between frames: false when decode must return (more input needed, or only trailing bytes are left). */
  protected passGap(gap: 'skip' | 'trailing'): boolean {
    if (gap === 'skip') return this.skipRest()
    this.q.skip(this.q.length)
    return false
  }

  /** Classifies the frame start at the queue's head (`head` peeks at it). */
  private frameStart(head: Uint8Array): FrameStart {
    const found = head.length >= 4 ? u32(head, 0) : -1
    if ((found & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      if (head.length < 8) return this.final ? this.cutOff(`${this.article} skippable frame`) : 'need'
      this.q.skip(8)
      this.skipLeft = u32(head, 4)
      return 'skip'
    }
    if (found === this.magic) return 'frame'
    if (this.frames === 0) throw new CorruptData(`the data does not start with ${this.article} frame`)
    return 'trailing'
  }

  /** Drops what the queue holds of the current skippable frame; true once all of it is gone. */
  private skipRest(): boolean {
    const n = Math.min(this.skipLeft, this.q.length)
    this.q.skip(n)
    this.skipLeft -= n
    if (this.skipLeft > 0 && this.final) this.cutOff(`${this.article} skippable frame`)
    return this.skipLeft === 0
  }
}
