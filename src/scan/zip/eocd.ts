// End-of-central-directory search, twice: as miniz 3.0.2 (torch.load, torch.jit.load) does it
// and as CPython's zipfile (`_EndRecData`, `_EndRecData64`, `_RealGetContents`) does it.
// The two can pick different end records, different Zip64 records, and so different directories.
import type { Source } from '../source.js'
import {
  CENTRAL_SIZE,
  EOCD_SIZE,
  SIG,
  U32_MAX,
  ZIP64_EOCD_SIZE,
  ZIP64_LOCATOR_SIZE,
  hasSig,
  parseEnd,
  parseZip64End,
  parseZip64Locator,
  u32,
  type EndRecord,
  type Zip64End,
  type Zip64Locator
} from './records.js'

/** miniz scans 4 KiB blocks backwards (stepping 4093) until it has looked ~64 KiB + 22 back: at most this many bytes. */
const MINIZ_BLOCK = 4096
const MINIZ_WINDOW = MINIZ_BLOCK + 16 * (MINIZ_BLOCK - 3)
/** Python searches the last 64 KiB + 22 bytes (maximum comment plus the record). */
const PYTHON_WINDOW = 0xffff + EOCD_SIZE
export const TAIL_WINDOW = Math.max(MINIZ_WINDOW, PYTHON_WINDOW)

export interface Tail {
  start: number
  bytes: Uint8Array
  /** Every `PK\x05\x06` in the tail, ascending. More than one end record is a finding. */
  signatures: number[]
}

export interface DirectoryLocation {
  eocd: EndRecord
  locator?: Zip64Locator
  /** The Zip64 end record this reader used, if any. */
  zip64?: Zip64End
  cdOffset: number
  cdSize: number
}

export interface MinizEnd extends DirectoryLocation {
  totalEntries: number
  /** "Number of this disk" (Zip64 value when miniz uses Zip64): entries must start on it or on disk 1. */
  disk: number
  /** Why miniz refuses the whole archive (mz_zip_reader_init fails), if it does. */
  rejected?: string
}

export interface PythonEnd extends DirectoryLocation {
  /** `concat`: bytes Python assumes were prepended; it adds this to every offset. */
  concat: number
  /** `start_dir` = cdOffset + concat. */
  cdStart: number
  rejected?: string
}

export async function readTail(source: Source): Promise<Tail> {
  const start = Math.max(0, source.size - TAIL_WINDOW)
  const bytes = await source.read(start, source.size - start)
  const signatures: number[] = []
  for (let i = 0; i + 4 <= bytes.length; i++) if (hasSig(bytes, i, SIG.eocd)) signatures.push(start + i)
  return { start, bytes, signatures }
}

async function readAt(source: Source, tail: Tail, offset: number, length: number): Promise<Uint8Array> {
  if (offset >= tail.start && offset + length <= tail.start + tail.bytes.length) {
    return tail.bytes.subarray(offset - tail.start, offset - tail.start + length)
  }
  return source.read(offset, length)
}

/** `mz_zip_reader_locate_header_sig`: the last signature with >= 22 bytes after it, within miniz's window. */
export function minizEndOffset(size: number, tail: Tail): number | null {
  if (size < EOCD_SIZE) return null
  let cur = Math.max(size - MINIZ_BLOCK, 0)
  for (;;) {
    const n = Math.min(MINIZ_BLOCK, size - cur)
    for (let i = n - 4; i >= 0; i--) {
      const at = cur + i
      if (hasSig(tail.bytes, at - tail.start, SIG.eocd) && size - at >= EOCD_SIZE) return at
    }
    if (cur === 0 || size - cur >= 0xffff + EOCD_SIZE) return null
    cur = Math.max(cur - (MINIZ_BLOCK - 3), 0)
  }
}

/** `mz_zip_reader_read_central_dir` up to (not including) the per-entry checks. */
export async function minizEnd(source: Source, tail: Tail): Promise<MinizEnd | { rejected: string }> {
  const at = minizEndOffset(source.size, tail)
  if (at === null) return { rejected: 'no end of central directory record within 64 KiB of the end' }
  const eocd = parseEnd(await readAt(source, tail, at, EOCD_SIZE), at)
  let locator: Zip64Locator | undefined
  let zip64: Zip64End | undefined
  if (at >= ZIP64_LOCATOR_SIZE + ZIP64_EOCD_SIZE) {
    const loc = await readAt(source, tail, at - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE)
    if (hasSig(loc, 0, SIG.zip64Locator)) {
      locator = parseZip64Locator(loc, at - ZIP64_LOCATOR_SIZE)
      // miniz trusts the locator's absolute offset.
      if (locator.recordOffset > source.size - ZIP64_EOCD_SIZE) {
        return { rejected: `the Zip64 locator points past the end of the file (${locator.recordOffset})` }
      }
      const rec = await readAt(source, tail, locator.recordOffset, ZIP64_EOCD_SIZE)
      if (rec.length === ZIP64_EOCD_SIZE && hasSig(rec, 0, SIG.zip64Eocd)) zip64 = parseZip64End(rec, locator.recordOffset)
    }
  }
  let totalEntries = eocd.entriesTotal
  let onDisk = eocd.entriesOnDisk
  let cdSize = eocd.cdSize
  let cdOffset = eocd.cdOffset
  let disk = eocd.disk
  let cdDisk = eocd.cdDisk
  const base = { eocd, locator, zip64 }
  if (zip64 && locator) {
    if (zip64.recordSize < ZIP64_EOCD_SIZE - 12) return { rejected: 'the Zip64 end record is too small' }
    if (locator.totalDisks !== 1) return { rejected: 'the Zip64 locator declares more than one disk' }
    if (zip64.entriesTotal > U32_MAX || zip64.entriesOnDisk > U32_MAX) return { rejected: 'more than 2^32 entries' }
    if (zip64.cdSize > U32_MAX) return { rejected: 'a central directory larger than 4 GiB' }
    totalEntries = zip64.entriesTotal
    onDisk = zip64.entriesOnDisk
    cdSize = zip64.cdSize
    cdOffset = zip64.cdOffset
    disk = zip64.disk
    cdDisk = zip64.cdDisk
  }
  const location = { ...base, cdOffset, cdSize, totalEntries, disk }
  if (totalEntries !== onDisk) return { ...location, rejected: 'the entry counts for this disk and in total differ' }
  if ((disk | cdDisk) !== 0 && (disk !== 1 || cdDisk !== 1)) return { ...location, rejected: 'multi-disk archive' }
  if (cdSize < totalEntries * 46) return { ...location, rejected: 'the central directory is smaller than its entry count needs' }
  if (cdOffset + cdSize > source.size) return { ...location, rejected: 'the central directory extends past the end of the file' }
  return location
}

/** `_EndRecData` + `_EndRecData64` + the start of `_RealGetContents` (CPython's classic Zip64 handling). */
export async function pythonEnd(source: Source, tail: Tail): Promise<PythonEnd | { rejected: string }> {
  const size = source.size
  let at: number | null = null
  // Fast path: a record in the last 22 bytes whose comment length is zero.
  if (size >= EOCD_SIZE) {
    const last = tail.bytes.subarray(tail.bytes.length - EOCD_SIZE)
    if (hasSig(last, 0, SIG.eocd) && last[20] === 0 && last[21] === 0) at = size - EOCD_SIZE
  }
  if (at === null) {
    const windowStart = Math.max(size - PYTHON_WINDOW, 0)
    const hits = tail.signatures.filter((s) => s >= windowStart)
    if (hits.length === 0) return { rejected: 'no end of central directory record within 64 KiB of the end' }
    const last = hits[hits.length - 1]
    // rfind takes the last signature even when a full record does not fit after it.
    if (last + EOCD_SIZE > size) {
      return { rejected: `the last end-record signature (offset ${last}) has fewer than 22 bytes after it` }
    }
    at = last
  }
  const eocd = parseEnd(await readAt(source, tail, at, EOCD_SIZE), at)
  let locator: Zip64Locator | undefined
  let zip64: Zip64End | undefined
  if (at >= ZIP64_LOCATOR_SIZE) {
    const loc = await readAt(source, tail, at - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE)
    if (hasSig(loc, 0, SIG.zip64Locator)) {
      locator = parseZip64Locator(loc, at - ZIP64_LOCATOR_SIZE)
      if (locator.disk !== 0 || locator.totalDisks > 1) return { rejected: 'zipfiles that span multiple disks are not supported' }
      // Python ignores the locator's offset and expects the record right before it.
      const fixed = at - ZIP64_LOCATOR_SIZE - ZIP64_EOCD_SIZE
      if (fixed < 0) return { rejected: 'the Zip64 locator has no room for an end record before it' }
      const rec = await readAt(source, tail, fixed, ZIP64_EOCD_SIZE)
      if (rec.length === ZIP64_EOCD_SIZE && u32(rec, 0) === SIG.zip64Eocd) zip64 = parseZip64End(rec, fixed)
    }
  }
  const cdSize = zip64 ? zip64.cdSize : eocd.cdSize
  const cdOffset = zip64 ? zip64.cdOffset : eocd.cdOffset
  const concat = at - cdSize - cdOffset - (zip64 ? ZIP64_EOCD_SIZE + ZIP64_LOCATOR_SIZE : 0)
  const cdStart = cdOffset + concat
  const location = { eocd, locator, zip64, cdOffset, cdSize, concat, cdStart }
  if (cdStart < 0) return { ...location, rejected: 'bad offset for central directory' }
  return location
}

/**
 * A central directory that miniz or Python zipfile finds from the end of the file: the test
 * `zipfile.is_zipfile` + `ZipFile()` pass whatever precedes the archive (a self-extractor stub, a
 * script, another format). An empty directory holds nothing to load, so it does not count.
 * `knownFrom`: bytes before this offset are not at hand (streamed content known by its tail only);
 * a directory starting there cannot be ruled out, so it counts as found.
 */
export async function directoryFromEnd(source: Source, knownFrom = 0): Promise<boolean> {
  if (source.size < EOCD_SIZE) return false
  const tail = await readTail(source)
  if (tail.signatures.length === 0) return false
  for (const end of await Promise.all([minizEnd(source, tail), pythonEnd(source, tail)])) {
    if (!('eocd' in end) || end.rejected !== undefined || end.cdSize < CENTRAL_SIZE) continue
    const start = 'cdStart' in end ? end.cdStart : end.cdOffset
    if (start < knownFrom || hasSig(await readAt(source, tail, start, 4), 0, SIG.central)) return true
  }
  return false
}

/** Content known only by its last bytes (a stream too large to buffer), for `directoryFromEnd`. */
export function tailSource(tail: Uint8Array, size: number): Source {
  const start = size - tail.length
  return {
    size,
    read: async (offset, length) => {
      const from = Math.max(offset, start)
      const to = Math.min(offset + length, size)
      return from === offset && to > from ? tail.subarray(from - start, to - start) : new Uint8Array(0)
    }
  }
}
