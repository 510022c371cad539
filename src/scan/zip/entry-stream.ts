// Reading one member's bytes as loaders would produce them, as a ChunkStream.
//
// Cap: loaders never produce more than the declared uncompressed size (miniz fails beyond it,
// Python's ZipExtFile stops there), and for stored data they read min(compressed, uncompressed)
// bytes. So the stream ends at min(that size, limits.maxDecompressedBytes); reaching the limit
// first is `capped`, which the caller reports as `scan/incomplete`.
//
// Deflate, bzip2 (12), LZMA (14) and zstd (93) go through the engine's capped streaming
// decompressor (../decompress), which pushes input in pieces sized from the ratio seen so far, so
// one push never yields much more than a chunk even for a bomb, and hands output out in chunks
// <= 1 MiB.
import type { Finding } from '../findings.js'
import type { Limits } from '../policy.js'
import { DEFAULT_CHUNK, sliceSource, sourceChunks, type ChunkStream, type Source } from '../source.js'
import { CODECS, ZIP_METHODS, decompressStream } from '../decompress/index.js'
import { crc32 } from './records.js'
import { incomplete, quote, zipAnomaly } from './report.js'
import type { ZipMember } from './types.js'

export interface MemberReadResult {
  /**
   * pending: not read to the end yet; complete: the declared size was produced; capped: stopped
   * at `limits.maxDecompressedBytes`; short: the data ended before the declared size; corrupt: the
   * compressed data is invalid or cut off; unsupported: a method not in ZIP_METHODS.
   */
  status: 'pending' | 'complete' | 'capped' | 'short' | 'corrupt' | 'unsupported'
  /** Bytes handed out (or skipped). */
  bytes: number
  /** What loaders would produce: the declared uncompressed size (stored: min of both sizes). */
  expected: number
  cap: number
  /** Set when the whole declared size was produced without skips: does it match the CRC? */
  crcMatches?: boolean
  error?: string
}

export interface MemberReader {
  stream: ChunkStream
  result(): MemberReadResult
}

/**
 * `timed` wraps the compressed input of a decompressor (the time budget's `timedChunks`): data
 * that inflates to nothing is then stopped too, not only output that is read.
 */
export function openMember(source: Source, member: ZipMember, limits: Limits, timed: (input: ChunkStream) => ChunkStream = (input) => input): MemberReader {
  const expected = member.method === 0 ? Math.min(member.compSize, member.uncompSize) : member.uncompSize
  const cap = Math.min(expected, limits.maxDecompressedBytes)
  const state: MemberReadResult = { status: 'pending', bytes: 0, expected, cap }
  let crc = 0
  let crcValid = true

  const finish = (status: MemberReadResult['status'], error?: string): null => {
    if (state.status !== 'pending') return null
    state.status = status === 'complete' || state.bytes >= expected ? 'complete' : state.bytes >= cap ? 'capped' : status
    if (error !== undefined && state.status !== 'complete') state.error = error
    if (state.status === 'complete' && crcValid) state.crcMatches = crc === member.crc
    return null
  }
  const emit = (chunk: Uint8Array): Uint8Array => {
    state.bytes += chunk.length
    crc = crc32(crc, chunk)
    return chunk
  }

  const codec = ZIP_METHODS[member.method]
  if (member.method !== 0 && codec === undefined) {
    state.status = 'unsupported'
    state.error = `compression method ${member.method}`
    return { stream: { next: async () => null }, result: () => ({ ...state }) }
  }

  const inputEnd = Math.min(member.dataOffset + member.compSize, source.size)

  if (member.method === 0) {
    let pos = member.dataOffset
    return {
      result: () => ({ ...state }),
      stream: {
        async next() {
          if (state.status !== 'pending') return null
          if (state.bytes >= cap) return finish('capped')
          const chunk = await source.read(pos, Math.min(DEFAULT_CHUNK, cap - state.bytes, inputEnd - pos))
          if (chunk.length === 0) return finish('short', 'the file ends inside the stored data')
          pos += chunk.length
          return emit(chunk)
        },
        async skip(n) {
          if (state.status !== 'pending') return 0
          const k = Math.max(0, Math.min(n, cap - state.bytes, inputEnd - pos))
          pos += k
          state.bytes += k
          crcValid = false
          return k
        }
      }
    }
  }

  const inflated = decompressStream(timed(sourceChunks(sliceSource(source, member.dataOffset, inputEnd - member.dataOffset))), CODECS[codec], { cap })
  return {
    result: () => ({ ...state }),
    stream: {
      async next() {
        if (state.status !== 'pending') return null
        const chunk = await inflated.stream.next()
        if (chunk !== null) return emit(chunk)
        const { status, error } = inflated.result()
        if (status === 'corrupt') return finish('corrupt', error)
        return finish(status === 'capped' ? 'capped' : 'short', 'the compressed stream ends before the declared size')
      }
    }
  }
}

/**
 * Findings about one member read: `scan/incomplete` when the cap stopped the read or the deflate
 * data could not be decoded (`unsupported` is reported by `readZip` already), `zip/anomaly` for a
 * CRC mismatch or data shorter than declared.
 */
export function memberReadFindings(member: ZipMember, result: MemberReadResult, prefix?: string): Finding[] {
  const name = quote(member.label)
  switch (result.status) {
    case 'capped':
      return [
        incomplete(
          `entry ${name} was analysed only up to ${result.bytes} of ${result.expected} bytes: the decompression limit (limits.maxDecompressedBytes = ${result.cap}) was reached; possible zip bomb`,
          prefix,
          member.label,
          member.localOffset,
          { limit: result.cap, declaredSize: result.expected }
        )
      ]
    case 'corrupt':
      return [
        incomplete(
          `entry ${name}: the compressed data could not be decoded after ${result.bytes} bytes (${result.error ?? 'error'}); loaders may decode further`,
          prefix,
          member.label,
          member.localOffset
        )
      ]
    case 'short':
      return [
        zipAnomaly(
          `entry ${name} yields ${result.bytes} bytes but declares ${result.expected}: torch.load (miniz) fails on it, Python zipfile reads the ${result.bytes} bytes`,
          prefix,
          [member.label],
          member.localOffset
        )
      ]
    case 'complete':
      return result.crcMatches === false
        ? [
            zipAnomaly(
              `entry ${name} does not match its CRC-32: torch.load (miniz) never checks it, and Python zipfile raises only after the whole entry was read (a pickle in it has already run)`,
              prefix,
              [member.label],
              member.localOffset
            )
          ]
        : []
    default:
      return []
  }
}
