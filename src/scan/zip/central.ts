// The central directory as each loader reads it.
//  - miniz (torch): absolute offsets, exactly `total_entries` records, whole-archive rejections,
//    names are raw bytes looked up ASCII-case-insensitively.
//  - Python zipfile (numpy, Keras): offsets shifted by `concat`, records read until `cd_size`
//    bytes are consumed, names decoded (UTF-8 / cp437), cut at NUL, replaced by a matching
//    Info-ZIP Unicode Path extra; the last duplicate name wins.
import type { Source } from '../source.js'
import { DEFAULT_CHUNK } from '../source.js'
import type { MinizEnd, PythonEnd } from './eocd.js'
import type { ZipMember } from './types.js'
import {
  CENTRAL_SIZE,
  EXTRA_UNICODE_PATH,
  EXTRA_ZIP64,
  FLAG,
  LOCAL_SIZE,
  SIG,
  U32_MAX,
  crc32,
  decodePythonName,
  displayName,
  parseCentralFixed,
  splitExtra,
  u32,
  u64,
  type CentralRecord
} from './records.js'
import { ByteWindow } from './window.js'

/** Central directory entries read per archive before the scan stops with `scan/incomplete`. */
export const MAX_ZIP_ENTRIES = 100_000
/** Central directory bytes read per archive before the scan stops with `scan/incomplete`. */
export const MAX_CENTRAL_DIRECTORY_BYTES = 256 * 1024 * 1024
/** Python refuses archives with any entry needing a newer "version needed to extract" (6.3). */
const PYTHON_MAX_EXTRACT_VERSION = 63

export interface CentralScan {
  start: number
  size: number
  records: CentralRecord[]
  /** Why parsing stopped before `size` bytes were consumed (bad signature, truncated record). */
  stop?: { offset: number; reason: string }
  /** The entry or byte cap stopped parsing: the rest of the directory was not read. */
  capped?: 'entries' | 'bytes'
}

/**
 * Reads consecutive records in [start, start + size), in chunks. Records whose declared name,
 * extra or comment run past the region are kept with what fits (`clipped`): Python reads such a
 * record from its in-memory copy and gets short fields; miniz rejects it.
 */
export async function scanCentral(source: Source, start: number, size: number): Promise<CentralScan> {
  const window = new ByteWindow(source, DEFAULT_CHUNK)
  const limit = Math.min(size, MAX_CENTRAL_DIRECTORY_BYTES)
  const end = start + limit
  const records: CentralRecord[] = []
  const result: CentralScan = { start, size, records }
  if (size > MAX_CENTRAL_DIRECTORY_BYTES) result.capped = 'bytes'
  let pos = start
  while (pos < end) {
    if (records.length >= MAX_ZIP_ENTRIES) {
      result.capped = 'entries'
      return result
    }
    const fixed = await window.get(pos, CENTRAL_SIZE)
    if (fixed.length < CENTRAL_SIZE || pos + CENTRAL_SIZE > end) {
      if (!result.capped) result.stop = { offset: pos, reason: 'truncated central directory' }
      return result
    }
    if (u32(fixed, 0) !== SIG.central) {
      result.stop = { offset: pos, reason: 'bad signature in the central directory' }
      return result
    }
    const f = parseCentralFixed(fixed)
    const available = Math.max(0, Math.min(end, source.size) - pos - CENTRAL_SIZE)
    const body = await window.get(pos + CENTRAL_SIZE, Math.min(f.nameLength + f.extraLength, available))
    // Views into the directory chunk: the whole directory is read anyway, so nothing extra is retained.
    const nameBytes = body.subarray(0, Math.min(f.nameLength, body.length))
    const extra = body.subarray(nameBytes.length, nameBytes.length + f.extraLength)
    records.push({
      offset: pos,
      length: f.length,
      clipped: pos + f.length > end,
      versionMadeBy: f.versionMadeBy,
      versionNeeded: f.versionNeeded,
      flags: f.flags,
      method: f.method,
      crc: f.crc,
      compSize: f.compSize,
      uncompSize: f.uncompSize,
      diskStart: f.diskStart,
      externalAttr: f.externalAttr,
      localOffset: f.localOffset,
      nameBytes,
      extra
    })
    pos += f.length
  }
  return result
}

/** One central directory entry as one loader resolves it. */
export interface CentralEntry {
  /** Position in the loader's directory order. */
  index: number
  /** Absolute offset of the central directory record. */
  recordOffset: number
  nameBytes: Uint8Array
  /** miniz: the raw bytes shown as UTF-8; Python: the final `ZipInfo.filename`. */
  name: string
  flags: number
  method: number
  crc: number
  compSize: number
  uncompSize: number
  /** Local header offset as this loader computes it (Python adds `concat`). */
  localOffset: number
  versionNeeded: number
  externalAttr: number
  /** The data range this entry reads, once the views are united (absent when its local header is unreadable). */
  member?: ZipMember
}

export interface PythonEntry extends CentralEntry {
  /** `ZipInfo.orig_filename`: the decoded name before NUL truncation and Unicode Path replacement. */
  origName: string
}

export interface MinizView {
  /** Absent when miniz finds no end record. */
  end?: MinizEnd
  entries: CentralEntry[]
  /** Why miniz refuses to open the archive at all; entries are empty then. */
  rejected?: string
}

export interface PythonView {
  /** Absent when Python finds no end record. */
  end?: PythonEnd
  entries: PythonEntry[]
  /** Why `zipfile.ZipFile(...)` raises; entries are empty then. */
  rejected?: string
}

/** miniz reads Zip64 extra values only for saturated fields (`mz_zip_file_stat_internal`). */
function minizZip64(record: CentralRecord): { compSize: number; uncompSize: number; localOffset: number } | string {
  let { compSize, uncompSize, localOffset } = record
  if (Math.max(compSize, uncompSize, localOffset) !== U32_MAX || record.extra.length === 0) {
    return { compSize, uncompSize, localOffset }
  }
  let pos = 0
  const extra = record.extra
  while (pos < extra.length) {
    if (extra.length - pos < 4) return 'a corrupt extra field'
    const id = extra[pos] | (extra[pos + 1] << 8)
    const size = extra[pos + 2] | (extra[pos + 3] << 8)
    if (pos + 4 + size > extra.length) return 'a corrupt extra field'
    if (id === EXTRA_ZIP64) {
      let p = pos + 4
      const fieldEnd = p + size
      for (const field of ['uncompSize', 'compSize', 'localOffset'] as const) {
        const current = field === 'uncompSize' ? uncompSize : field === 'compSize' ? compSize : localOffset
        if (current !== U32_MAX) continue
        if (fieldEnd - p < 8) return 'a truncated Zip64 extra field'
        const value = u64(extra, p)
        p += 8
        if (field === 'uncompSize') uncompSize = value
        else if (field === 'compSize') compSize = value
        else localOffset = value
      }
      break
    }
    pos += 4 + size
  }
  return { compSize, uncompSize, localOffset }
}

export function minizView(end: MinizEnd, scan: CentralScan, fileSize: number): MinizView {
  const view: MinizView = { end, entries: [] }
  if (end.rejected) return { ...view, rejected: end.rejected }
  const count = Math.min(end.totalEntries, MAX_ZIP_ENTRIES)
  if (scan.records.length < count && !scan.capped) {
    return { ...view, rejected: scan.stop?.reason ?? 'fewer central directory records than the end record counts' }
  }
  const entries: CentralEntry[] = []
  for (let i = 0; i < Math.min(count, scan.records.length); i++) {
    const r = scan.records[i]
    const at = `central directory entry ${i} (offset ${r.offset})`
    if (r.clipped) return { ...view, rejected: `${at} runs past the end of the central directory` }
    const sizes = minizZip64(r)
    if (typeof sizes === 'string') return { ...view, rejected: `${at} has ${sizes}` }
    if (sizes.compSize !== U32_MAX && sizes.uncompSize !== U32_MAX) {
      if (r.method === 0 && sizes.compSize !== sizes.uncompSize) {
        return { ...view, rejected: `${at} is stored with different compressed and uncompressed sizes` }
      }
      if (sizes.uncompSize !== 0 && sizes.compSize === 0) return { ...view, rejected: `${at} has data but no compressed size` }
    }
    if (r.diskStart === 0xffff || (r.diskStart !== end.disk && r.diskStart !== 1)) {
      return { ...view, rejected: `${at} starts on another disk` }
    }
    if (sizes.compSize !== U32_MAX && sizes.localOffset + LOCAL_SIZE + sizes.compSize > fileSize) {
      return { ...view, rejected: `${at} points past the end of the file` }
    }
    if (r.flags & FLAG.maskedLocal) return { ...view, rejected: `${at} has flag bit 13 (masked local headers) set` }
    entries.push({
      index: i,
      recordOffset: r.offset,
      nameBytes: r.nameBytes,
      name: displayName(r.nameBytes),
      flags: r.flags,
      method: r.method,
      crc: r.crc,
      compSize: sizes.compSize,
      uncompSize: sizes.uncompSize,
      localOffset: sizes.localOffset,
      versionNeeded: r.versionNeeded,
      externalAttr: r.externalAttr
    })
  }
  return { ...view, entries }
}

/** `_sanitize_filename` on POSIX: cut at the first NUL. */
function cutAtNul(name: string): string {
  const nul = name.indexOf('\0')
  return nul >= 0 ? name.slice(0, nul) : name
}

export function pythonView(end: PythonEnd, scan: CentralScan): PythonView {
  const view: PythonView = { end, entries: [] }
  if (end.rejected) return { ...view, rejected: end.rejected }
  if (scan.stop) return { ...view, rejected: scan.stop.reason }
  const entries: PythonEntry[] = []
  for (const [i, r] of scan.records.entries()) {
    const at = `central directory entry ${i} (offset ${r.offset})`
    const origName = decodePythonName(r.nameBytes, r.flags)
    if (origName === null) return { ...view, rejected: `${at} has a name flagged UTF-8 that is not valid UTF-8` }
    if (r.versionNeeded > PYTHON_MAX_EXTRACT_VERSION) {
      return { ...view, rejected: `${at} needs zip version ${(r.versionNeeded / 10).toFixed(1)}` }
    }
    let name = cutAtNul(origName)
    let { compSize, uncompSize, localOffset } = r
    const { fields, corrupt } = splitExtra(r.extra)
    if (corrupt) return { ...view, rejected: `${at} has a corrupt extra field ${corrupt.id.toString(16).padStart(4, '0')}` }
    for (const field of fields) {
      if (field.id === EXTRA_ZIP64) {
        let p = 0
        const take = (): number | null => {
          if (field.data.length - p < 8) return null
          p += 8
          return u64(field.data, p - 8)
        }
        if (uncompSize === U32_MAX) {
          const v = take()
          if (v === null) return { ...view, rejected: `${at} has a corrupt Zip64 extra field` }
          uncompSize = v
        }
        if (compSize === U32_MAX) {
          const v = take()
          if (v === null) return { ...view, rejected: `${at} has a corrupt Zip64 extra field` }
          compSize = v
        }
        if (localOffset === U32_MAX) {
          const v = take()
          if (v === null) return { ...view, rejected: `${at} has a corrupt Zip64 extra field` }
          localOffset = v
        }
      } else if (field.id === EXTRA_UNICODE_PATH) {
        if (field.data.length < 5) return { ...view, rejected: `${at} has a corrupt Unicode Path extra field` }
        if (field.data[0] === 1 && u32(field.data, 1) === crc32(0, r.nameBytes)) {
          const unicode = decodePythonName(field.data.subarray(5), FLAG.utf8)
          if (unicode === null) return { ...view, rejected: `${at} has a Unicode Path extra field that is not UTF-8` }
          if (unicode) name = cutAtNul(unicode)
        }
      }
    }
    entries.push({
      index: i,
      recordOffset: r.offset,
      nameBytes: r.nameBytes,
      name,
      origName,
      flags: r.flags,
      method: r.method,
      crc: r.crc,
      compSize,
      uncompSize,
      localOffset: localOffset + end.concat,
      versionNeeded: r.versionNeeded,
      externalAttr: r.externalAttr
    })
  }
  return { ...view, entries }
}
