// Local headers: read on demand (cached), and walked forward from offset 0 the way streaming
// unzippers see an archive. The walk jumps by the sizes in each local header, so a well-formed
// archive costs one small read per entry whatever its size; it searches forward for the next
// signature only where a streaming reader would have to (sizes deferred to a data descriptor)
// or where the bytes after an entry are not a header.
import type { Source } from '../source.js'
import { DEFAULT_CHUNK } from '../source.js'
import { MAX_ZIP_ENTRIES } from './central.js'
import { FLAG, LOCAL_SIZE, SIG, U32_MAX, applyLocalZip64, u16, u32, u64, type LocalHeader } from './records.js'
import { ByteWindow, findSignature } from './window.js'
import { PROBE_FIRST } from '../pickle/probe.js'

/** Headers are small and mostly far apart: read a little more than a header with its name. */
const HEADER_READ = 4096
/**
 * Bytes the walk may search for signatures per archive. Well-formed archives need none (or only
 * descriptor checks at known sizes); past this the walk stops and the scan is incomplete.
 */
export const MAX_SEARCH_BYTES = 64 * 1024 * 1024
/** Local headers the central directories name, fetched ahead together by a remote source. */
const PREFETCH_BATCH = 64
/** Each with the first bytes of its data: what a torch storage's pickle probe reads. */
const PREFETCH_LENGTH = HEADER_READ + PROBE_FIRST

export class LocalHeaders {
  private readonly cache = new Map<number, LocalHeader | null>()
  private readonly window: ByteWindow
  /** Where the next prefetch batch starts in `expected`. */
  private prefetched = 0

  /**
   * `expected`: the local header offsets the central directories name, ascending. Over HTTP each
   * header far from the others would be a request of its own; a source that can fetch ahead
   * gets them in batches (one multi-range request each where the server allows).
   */
  constructor(
    readonly source: Source,
    private readonly expected: readonly number[] = []
  ) {
    this.window = new ByteWindow(source, HEADER_READ)
  }

  /** Up to `length` bytes at `offset` through the same small cache (signature checks between entries). */
  async bytes(offset: number, length: number): Promise<Uint8Array> {
    await this.prefetchFrom(offset)
    return this.window.get(offset, length)
  }

  /** The local header at `offset`, or null when there is no complete `PK\x03\x04` header there. */
  async get(offset: number): Promise<LocalHeader | null> {
    const cached = this.cache.get(offset)
    if (cached !== undefined) return cached
    await this.prefetchFrom(offset)
    const header = await this.read(offset)
    this.cache.set(offset, header)
    return header
  }

  /** Fetches ahead the next batch of expected headers once a read reaches one not yet fetched. */
  private async prefetchFrom(offset: number): Promise<void> {
    if (this.source.prefetch === undefined || this.prefetched >= this.expected.length) return
    let i = this.prefetched
    while (i < this.expected.length && this.expected[i] < offset) i++
    if (this.expected[i] !== offset) return
    const batch = this.expected.slice(i, i + PREFETCH_BATCH)
    this.prefetched = i + batch.length
    await this.source.prefetch(batch.map((o) => [o, PREFETCH_LENGTH] as const))
  }

  private async read(offset: number): Promise<LocalHeader | null> {
    if (!Number.isSafeInteger(offset) || offset < 0) return null
    const fixed = await this.window.get(offset, LOCAL_SIZE)
    if (fixed.length < LOCAL_SIZE || u32(fixed, 0) !== SIG.local) return null
    const nameLength = u16(fixed, 26)
    const extraLength = u16(fixed, 28)
    const versionNeeded = u16(fixed, 4)
    const flags = u16(fixed, 6)
    const method = u16(fixed, 8)
    const crc = u32(fixed, 14)
    const compSize = u32(fixed, 18)
    const uncompSize = u32(fixed, 22)
    const body = await this.window.get(offset + LOCAL_SIZE, nameLength + extraLength)
    if (body.length < nameLength + extraLength) return null
    // Copies: the cache outlives the read buffers, which must not be retained per header.
    return applyLocalZip64(
      {
        offset,
        versionNeeded,
        flags,
        method,
        crc,
        compSize,
        uncompSize,
        nameBytes: body.slice(0, nameLength),
        dataOffset: offset + LOCAL_SIZE + nameLength + extraLength
      },
      body.subarray(nameLength)
    )
  }
}

export interface WalkEntry {
  header: LocalHeader
  /** Compressed size as the stream shows it: local header, data descriptor, or distance to the next signature. */
  compSize: number
  sizeFrom: 'local' | 'descriptor' | 'next-signature' | 'end-of-file'
  /** Data descriptor found after the data (CRC and sizes a streaming reader checks against). */
  descriptor?: { offset: number; crc: number; compSize: number; uncompSize: number }
}

export interface WalkView {
  entries: WalkEntry[]
  /** Where the walk stopped and why (`central directory`, `end of file`, ...). */
  stoppedAt: number
  stop: string
  /** The entry cap or the search budget stopped the walk. */
  capped?: 'entries' | 'search'
}

const HEADER_SIGS = [SIG.local, SIG.central, SIG.eocd, SIG.zip64Eocd] as const
const DESCRIPTOR_SIGS = [...HEADER_SIGS, SIG.descriptor] as const

async function sigAt(headers: LocalHeaders, offset: number): Promise<number | null> {
  const b = await headers.bytes(offset, 4)
  return b.length === 4 ? u32(b, 0) : null
}

class Search {
  left = MAX_SEARCH_BYTES
  /** Where the budget ran out, if it did. */
  exhaustedAt: number | null = null

  constructor(private readonly source: Source) {}

  /** `findSignature` within what is left of the budget. */
  async find(from: number, sigs: readonly number[]): Promise<{ offset: number; sig: number } | null> {
    const to = Math.min(this.source.size, from + this.left)
    const hit = await findSignature(this.source, from, to, sigs, DEFAULT_CHUNK)
    this.left -= Math.max(0, (hit ? hit.offset : to) - from)
    if (!hit && to < this.source.size) this.exhaustedAt = to
    return hit
  }
}

type Deferred = Omit<WalkEntry, 'header'> & { next: number | null }

/** A data descriptor right after `length` bytes of data, signed or not, declaring that length. */
async function descriptorAt(headers: LocalHeaders, header: LocalHeader, length: number): Promise<Deferred | null> {
  const at = header.dataOffset + length
  const d = await headers.bytes(at, 24)
  const signed = d.length >= 4 && u32(d, 0) === SIG.descriptor ? 4 : 0
  const fields = d.subarray(signed)
  if (fields.length >= 12 && u32(fields, 4) === length) {
    const descriptor = { offset: at, crc: u32(fields, 0), compSize: length, uncompSize: u32(fields, 8) }
    return { compSize: length, sizeFrom: 'descriptor', descriptor, next: at + signed + 12 }
  }
  if (fields.length >= 20 && u64(fields, 4) === length) {
    const descriptor = { offset: at, crc: u32(fields, 0), compSize: length, uncompSize: u64(fields, 12) }
    return { compSize: length, sizeFrom: 'descriptor', descriptor, next: at + signed + 20 }
  }
  return null
}

/**
 * Finds where the data of a header with deferred sizes (flag bit 3, sizes zero) ends. Deflate
 * data delimits itself and a streaming reader stops where the stream does, followed by the data
 * descriptor: the sizes the central directories give are tried first. Stored data does not, so a
 * streaming reader can only search: the first descriptor whose size matches its distance from the
 * data, or the next header signature (a header inside the data is then taken as the next entry).
 */
async function deferredEnd(headers: LocalHeaders, header: LocalHeader, hints: readonly number[], search: Search): Promise<Deferred> {
  const source = headers.source
  for (const length of header.method === 8 ? hints : []) {
    const found = await descriptorAt(headers, header, length)
    if (found) return found
  }
  let from = header.dataOffset
  for (;;) {
    const hit = await search.find(from, DESCRIPTOR_SIGS)
    if (!hit) return { compSize: source.size - header.dataOffset, sizeFrom: 'end-of-file', next: null }
    const length = hit.offset - header.dataOffset
    if (hit.sig !== SIG.descriptor) return { compSize: length, sizeFrom: 'next-signature', next: hit.offset }
    const found = await descriptorAt(headers, header, length)
    if (found) return found
    from = hit.offset + 1
  }
}

/** After data with a known size and flag bit 3: skip the descriptor, with or without its signature. */
async function skipDescriptor(headers: LocalHeaders, at: number): Promise<number> {
  const sig = await sigAt(headers, at)
  if (sig === SIG.descriptor) return at + 16
  const after = await sigAt(headers, at + 12)
  return after !== null && (HEADER_SIGS as readonly number[]).includes(after) ? at + 12 : at
}

/**
 * `hints`: compressed sizes the central directories give per local header offset, used to find
 * the data descriptor of entries with deferred sizes without searching.
 */
export async function walkLocalHeaders(source: Source, headers: LocalHeaders, hints: ReadonlyMap<number, number[]>): Promise<WalkView> {
  const entries: WalkEntry[] = []
  const search = new Search(source)
  const stopped = (stoppedAt: number, stop: string): WalkView =>
    search.exhaustedAt !== null
      ? { entries, stoppedAt: search.exhaustedAt, stop: 'search limit', capped: 'search' }
      : { entries, stoppedAt, stop }
  let pos: number | null = 0
  if ((await sigAt(headers, 0)) !== SIG.local) {
    // Streaming readers that tolerate a preamble look for the first local header.
    const hit = await search.find(0, HEADER_SIGS)
    if (!hit || hit.sig !== SIG.local) return stopped(hit?.offset ?? source.size, 'no local header')
    pos = hit.offset
  }
  while (pos !== null && pos < source.size) {
    if (entries.length >= MAX_ZIP_ENTRIES) return { entries, stoppedAt: pos, stop: 'entry limit', capped: 'entries' }
    const header = await headers.get(pos)
    if (!header) return { entries, stoppedAt: pos, stop: 'truncated local header' }
    let next: number | null
    if (header.flags & FLAG.descriptor && (header.compSize === 0 || header.compSize === U32_MAX)) {
      const found = await deferredEnd(headers, header, hints.get(pos) ?? [], search)
      entries.push({ header, compSize: found.compSize, sizeFrom: found.sizeFrom, descriptor: found.descriptor })
      next = found.next
    } else {
      entries.push({ header, compSize: header.compSize, sizeFrom: 'local' })
      next = header.dataOffset + header.compSize
      if (header.flags & FLAG.descriptor) next = await skipDescriptor(headers, next)
    }
    if (next === null || next >= source.size) return stopped(source.size, 'end of file')
    const sig = await sigAt(headers, next)
    if (sig === SIG.local) {
      pos = next
      continue
    }
    if (sig === SIG.central || sig === SIG.eocd || sig === SIG.zip64Eocd) return { entries, stoppedAt: next, stop: 'central directory' }
    // Not a header where one should be: resynchronise on the next signature, as lenient readers do.
    const hit = await search.find(next, HEADER_SIGS)
    if (!hit) return stopped(source.size, 'end of file')
    if (hit.sig !== SIG.local) return { entries, stoppedAt: hit.offset, stop: 'central directory' }
    pos = hit.offset
  }
  return { entries, stoppedAt: source.size, stop: 'end of file' }
}
