// Streaming gzip / zlib / raw-deflate decompression of a chunk stream, with fflate's push
// API. Input goes in small pieces sized from the ratio seen so far, so one push never yields
// much more than a chunk even for a bomb; output stops at a cap (the caller's
// limits.maxDecompressedBytes), which the caller reports as `scan/incomplete`.
import { Gunzip, Inflate, Unzlib } from 'fflate'
import { DEFAULT_CHUNK, type ChunkStream } from './source.js'

export type Deflated = 'gzip' | 'zlib' | 'deflate-raw'

export interface InflateResult {
  /** pending: not read to the end; complete: the compressed stream ended cleanly; capped: stopped at the cap; corrupt: undecodable or cut off. */
  status: 'pending' | 'complete' | 'capped' | 'corrupt'
  /** Decompressed bytes handed out. */
  bytes: number
  error?: string
}

export interface Inflated {
  stream: ChunkStream
  result(): InflateResult
}

const MIN_PIECE = 1024
const MAX_PIECE = 64 * 1024

export function inflateStream(input: ChunkStream, kind: Deflated, cap: number): Inflated {
  const state: InflateResult = { status: 'pending', bytes: 0 }
  const queue: Uint8Array[] = []
  const onData = (chunk: Uint8Array): void => {
    if (chunk.length > 0) queue.push(chunk)
  }
  const inflater = kind === 'gzip' ? new Gunzip(onData) : kind === 'zlib' ? new Unzlib(onData) : new Inflate(onData)
  let pending: Uint8Array = new Uint8Array(0)
  let at = 0
  let ended = false
  let piece = MIN_PIECE

  /** Pushes the next input piece; false when nothing more can come out. */
  const feed = async (): Promise<boolean> => {
    if (ended) return false
    if (at >= pending.length) {
      const chunk = await input.next()
      at = 0
      pending = chunk ?? new Uint8Array(0)
      if (chunk === null) {
        ended = true
        try {
          inflater.push(pending, true)
        } catch (err) {
          state.error = err instanceof Error ? err.message : String(err)
        }
        return true
      }
    }
    const slice = pending.subarray(at, at + piece)
    at += slice.length
    const before = queue.reduce((n, c) => n + c.length, 0)
    try {
      inflater.push(slice, false)
    } catch (err) {
      state.error = err instanceof Error ? err.message : String(err)
      ended = true
      return false
    }
    const ratio = (queue.reduce((n, c) => n + c.length, 0) - before) / Math.max(slice.length, 1)
    piece = Math.max(MIN_PIECE, Math.min(MAX_PIECE, Math.floor(DEFAULT_CHUNK / Math.max(ratio, 1) / 16)))
    return true
  }

  const finish = (status: InflateResult['status']): null => {
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
            state.bytes += out.length
            return out
          }
          if (!(await feed())) return finish(state.error !== undefined ? 'corrupt' : 'complete')
        }
      }
    }
  }
}
