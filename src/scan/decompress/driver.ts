// Streaming decompression of a chunk stream through any Codec, as a ChunkStream. Input goes in
// pieces sized from the ratio seen so far, so one push never yields much more than a chunk even
// for a bomb; output stops at a cap (the caller's limits.maxDecompressedBytes), which the caller
// reports as `scan/incomplete`. The time budget is the caller's: it hands in a timed input
// (budget.ts `timedChunks`, which throws past the deadline, through this stream to the consumer),
// so input that decodes to nothing is stopped too, and the consumer's reads are timed as well.
import { DEFAULT_CHUNK, type ChunkStream } from '../source.js'
import type { CodecFactory } from './codec.js'

export interface DecompressResult {
  /**
   * pending: not read to the end; complete: the compressed data ended cleanly; capped: stopped at
   * the cap; corrupt: undecodable or cut off.
   */
  status: 'pending' | 'complete' | 'capped' | 'corrupt'
  /** Decompressed bytes handed out. */
  bytes: number
  /** Compressed bytes pushed into the codec so far (for a corrupt stream: where it broke, within one piece). */
  consumed: number
  error?: string
}

export interface Decompressed {
  stream: ChunkStream
  result(): DecompressResult
}

export interface DecompressOptions {
  cap: number
}

const MIN_PIECE = 1024
const MAX_PIECE = 64 * 1024
const EMPTY = new Uint8Array(0)

export function decompressStream(input: ChunkStream, codec: CodecFactory, { cap }: DecompressOptions): Decompressed {
  const state: DecompressResult = { status: 'pending', bytes: 0, consumed: 0 }
  const queue: Uint8Array[] = []
  let queued = 0
  const decoder = codec((chunk) => {
    if (chunk.length === 0) return
    queue.push(chunk)
    queued += chunk.length
  })
  let pending: Uint8Array = EMPTY
  let at = 0
  let inputEnded = false
  let failed = false
  let piece = MIN_PIECE

  const push = (slice: Uint8Array, final: boolean): boolean => {
    try {
      decoder.push(slice, final)
      state.consumed += slice.length
      return true
    } catch (err) {
      state.error = err instanceof Error ? err.message : String(err)
      failed = true
      return false
    }
  }

  /** Pushes the next input piece (or lets a paused codec go on); false when nothing more can come out. */
  const feed = async (): Promise<boolean> => {
    if (failed) return false
    if (decoder.pending?.()) return push(EMPTY, inputEnded)
    if (inputEnded) return false
    if (at >= pending.length) {
      const chunk = await input.next()
      at = 0
      pending = chunk ?? EMPTY
      if (chunk === null) {
        inputEnded = true
        push(EMPTY, true)
        return true
      }
    }
    const slice = pending.subarray(at, at + piece)
    at += slice.length
    const before = queued
    if (!push(slice, false)) return false
    const ratio = (queued - before) / Math.max(slice.length, 1)
    piece = Math.max(MIN_PIECE, Math.min(MAX_PIECE, Math.floor(DEFAULT_CHUNK / Math.max(ratio, 1) / 16)))
    return true
  }

  const finish = (status: DecompressResult['status']): null => {
    if (state.status === 'pending') state.status = status
    return null
  }

  return {
    result: () => ({ ...state }),
    stream: {
      async next() {
        for (;;) {
          if (state.status !== 'pending') return null
          if (state.bytes >= cap) return finish('capped')
          const head = queue.shift()
          if (head !== undefined) {
            const room = Math.min(cap - state.bytes, DEFAULT_CHUNK)
            if (head.length > room) queue.unshift(head.subarray(room))
            const out = head.subarray(0, room)
            queued -= out.length
            state.bytes += out.length
            return out
          }
          // A codec that throws may have emitted the bytes before the fault: hand them out first.
          if (!(await feed()) && queue.length === 0) return finish(state.error !== undefined ? 'corrupt' : 'complete')
        }
      }
    }
  }
}
