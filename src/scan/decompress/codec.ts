// The one interface every decompressor implements, so the driver (driver.ts) does the cap, the
// input piece sizing and the error handling once for all of them.
import { ByteQueue } from './byte-queue.js'

/** Receives decoded bytes; the consumer keeps them (a codec never reuses what it emitted). */
export type Emit = (out: Uint8Array) => void

export interface Codec {
  /**
   * Decodes `chunk`, the next input bytes (`final` with the last, possibly empty, piece),
   * emitting what it can. Throws an Error on data a loader would refuse.
   */
  push(chunk: Uint8Array, final: boolean): void
  /** True when more output can come without more input: the driver pushes an empty piece first. */
  pending?(): boolean
}

export type CodecFactory = (emit: Emit) => Codec

/** Raised by codecs for undecodable or cut-off data; the message says what was wrong. */
export class CorruptData extends Error {}

/** Output one push may produce before the codec pauses (bounded memory whatever the ratio). */
export const OUTPUT_PER_PUSH = 4 << 20

/**
 * Base of the codecs written here: input accumulates in a ByteQueue, `decode` parses records
 * from it and pauses once a push has produced OUTPUT_PER_PUSH bytes.
 */
export abstract class QueuedCodec implements Codec {
  readonly q = new ByteQueue()
  /** The last input piece has been pushed. */
  final = false
  /** Bytes emitted during the current push. */
  private out = 0
  private paused = false

  constructor(private readonly sink: Emit) {}

  readonly emit: Emit = (bytes) => {
    this.out += bytes.length
    this.sink(bytes)
  }

  push(chunk: Uint8Array, final: boolean): void {
    this.q.push(chunk)
    this.final = final
    this.out = 0
    this.paused = this.decode()
  }

  pending(): boolean {
    return this.paused
  }

  /** Output room left in this push. */
  get room(): number {
    return OUTPUT_PER_PUSH - this.out
  }

  /** Decodes what the queue holds; true when it paused for output room with input left to decode. */
  protected abstract decode(): boolean

  /** At the end of input with a record still incomplete. */
  cutOff(what: string): never {
    throw new CorruptData(`the data ends inside ${what} (after ${this.q.consumed + this.q.length} compressed bytes)`)
  }
}
