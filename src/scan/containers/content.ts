// What container scanners hand to the dispatcher: the bytes of a file, an archive member or a
// decompressed stream, as a forward stream (always) and a random-access source (when it costs
// nothing: files, stored members). Plus the result shape the dispatcher returns, which carries
// the facts needed for the one file-level `pickle/format` verdict.
import { RULES, type Finding } from '../findings.js'
import type { FormatResult, ScanContext } from '../context.js'
import type { ScanOptions } from '../policy.js'
import { bufferSource, type ChunkStream, type Source } from '../source.js'
import { PICKLE_GLOBAL_RULES, pickleFormatFinding } from '../pickle/report.js'

export interface Content {
  /** File or member name: an extension hint only, content decides. */
  name: string
  stream: ChunkStream
  /** The same bytes with random access, when available without buffering. */
  source?: Source
  /** Declared size (a member's uncompressed size), when known. */
  size?: number
  /** A record of a torch archive: its pickles are read by torch, never by joblib (no inline arrays, wrappers are not data). */
  torchRecord?: boolean
  /** Scan it as what it starts with only: its end was already read as a zip (dispatch's both-ways scan). */
  startOnly?: boolean
}

export interface Scanned extends FormatResult {
  /** Pickle data was seen here: where (the entry of its first member, undefined for the file itself). */
  pickleSeen?: { entry?: string }
}

/** Dispatches content to the scanner for what it is (the dispatcher's `scanContent`). */
export type ContentScanner = (content: Content, ctx: ScanContext) => Promise<Scanned>

/** The file-level result: the single `pickle/format` finding when pickle data was seen and every global in it is allowlisted. */
export function fileResult(scanned: Scanned, options: ScanOptions): FormatResult {
  const { pickleSeen, ...result } = scanned
  if (pickleSeen === undefined || result.findings.some((f) => PICKLE_GLOBAL_RULES.has(f.rule))) return result
  return { ...result, findings: [...result.findings, pickleFormatFinding(options, pickleSeen.entry)] }
}

const at = (entry: string | undefined, offset?: number) =>
  entry === undefined && offset === undefined ? {} : { location: { ...(entry !== undefined ? { entry } : {}), ...(offset !== undefined ? { offset } : {}) } }

/** `scan/incomplete` (high) at `entry`. */
export function incompleteFinding(message: string, entry: string | undefined, offset?: number, detail: Record<string, unknown> = {}): Finding {
  return { rule: RULES.incomplete, severity: 'high', message, ...at(entry, offset), ...detail }
}

/**
 * The context for content one level deeper (an archive member, a decompressed stream), or a
 * `scan/incomplete` finding when that would pass `limits.maxDepth`.
 */
export function deeper(ctx: ScanContext, entry: string | undefined, what: string): { ctx: ScanContext } | { skipped: Finding } {
  const max = ctx.options.limits.maxDepth
  if (ctx.depth + 1 > max) {
    return {
      skipped: incompleteFinding(
        `${what} is nested deeper than limits.maxDepth = ${max}: it was not analysed, so it is not known to be safe. Unpack it and scan its contents.`,
        entry
      )
    }
  }
  const { decompressed: _, ...rest } = ctx
  return { ctx: { ...rest, depth: ctx.depth + 1, entry } }
}

export interface Peeked {
  /** Every byte read so far (at least `n` unless the stream ended). */
  head: Uint8Array
  /** The stream ended within `head`. */
  ended: boolean
  /** The whole stream again, from its first byte. */
  stream: ChunkStream
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]
  const out = new Uint8Array(total)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** Reads at least `n` bytes (fewer at end of stream) and returns them with a stream that replays them first. */
export async function peek(stream: ChunkStream, n: number): Promise<Peeked> {
  const parts: Uint8Array[] = []
  let have = 0
  let ended = false
  while (have < n) {
    const chunk = await stream.next()
    if (chunk === null) {
      ended = true
      break
    }
    parts.push(chunk)
    have += chunk.length
  }
  const head = concat(parts, have)
  let replay: Uint8Array | null = head.length > 0 ? head : null
  return {
    head,
    ended,
    stream: {
      async next() {
        if (replay !== null) {
          const chunk = replay
          replay = null
          return chunk
        }
        return ended ? null : stream.next()
      },
      // The head stays the caller's (it may be the first chunk itself): only later chunks go back.
      recycle(chunk) {
        if (chunk !== head) stream.recycle?.(chunk)
      },
      // Same bytes at the same offsets: reading back goes to the stream peeked at (less what is still to replay).
      ...(stream.readSync !== undefined && stream.position !== undefined
        ? { readSync: stream.readSync.bind(stream), position: () => stream.position!() - (replay?.length ?? 0) }
        : {}),
      async skip(k) {
        let skipped = 0
        if (replay !== null) {
          skipped = Math.min(k, replay.length)
          replay = skipped < replay.length ? replay.subarray(skipped) : null
        }
        if (skipped < k && !ended) {
          if (stream.skip !== undefined) skipped += await stream.skip(k - skipped)
          else {
            while (skipped < k) {
              const chunk = await stream.next()
              if (chunk === null) break
              const use = Math.min(chunk.length, k - skipped)
              skipped += use
              if (use < chunk.length) replay = chunk.subarray(use)
            }
          }
        }
        return skipped
      }
    }
  }
}

/** Members up to this size are buffered when a scanner needs random access (nested zips, safetensors, tar, 7z). */
export const BUFFER_LIMIT = 64 * 1024 * 1024

/** Random access to content: its source, or its stream buffered whole when at most `limit` bytes; null when larger. */
export async function randomAccess(content: Content, limit = BUFFER_LIMIT): Promise<Source | null> {
  if (content.source !== undefined) return content.source
  const parts: Uint8Array[] = []
  let total = 0
  for (let chunk = await content.stream.next(); chunk !== null; chunk = await content.stream.next()) {
    total += chunk.length
    if (total > limit) return null
    parts.push(chunk)
  }
  return bufferSource(concat(parts, total))
}

/** Drains `stream`, keeping its last `n` bytes: the tail and the stream's length. */
export async function streamTail(stream: ChunkStream, n: number): Promise<{ tail: Uint8Array; size: number }> {
  let tail = new Uint8Array(0)
  let size = 0
  for (let chunk = await stream.next(); chunk !== null; chunk = await stream.next()) {
    size += chunk.length
    if (chunk.length >= n) tail = chunk.slice(chunk.length - n)
    else {
      const keep = Math.min(tail.length, n - chunk.length)
      const next = new Uint8Array(keep + chunk.length)
      next.set(tail.subarray(tail.length - keep))
      next.set(chunk, keep)
      tail = next
    }
  }
  return { tail, size }
}
