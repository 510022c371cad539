// Byte layouts of the ZIP records (APPNOTE 4.3) and the small decoders every view shares.
// Nothing here decides what a loader does with the values; the views do that.

export const SIG = {
  local: 0x04034b50,
  central: 0x02014b50,
  eocd: 0x06054b50,
  zip64Eocd: 0x06064b50,
  zip64Locator: 0x07064b50,
  descriptor: 0x08074b50
} as const

export const LOCAL_SIZE = 30
export const CENTRAL_SIZE = 46
export const EOCD_SIZE = 22
export const ZIP64_EOCD_SIZE = 56
export const ZIP64_LOCATOR_SIZE = 20
export const U16_MAX = 0xffff
export const U32_MAX = 0xffffffff

export const FLAG = {
  encrypted: 0x0001,
  descriptor: 0x0008,
  patched: 0x0020,
  strongEncryption: 0x0040,
  utf8: 0x0800,
  maskedLocal: 0x2000
} as const

export const EXTRA_ZIP64 = 0x0001
export const EXTRA_UNICODE_PATH = 0x7075

export function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8)
}

export function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000
}

/** Exact below 2^53; above that the value is only "huge", which every bound check rejects anyway. */
export function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 0x100000000
}

export function hasSig(b: Uint8Array, o: number, sig: number): boolean {
  return o >= 0 && o + 4 <= b.length && u32(b, o) === sig
}

export interface EndRecord {
  offset: number
  disk: number
  cdDisk: number
  entriesOnDisk: number
  entriesTotal: number
  cdSize: number
  cdOffset: number
  commentLength: number
}

export function parseEnd(b: Uint8Array, offset: number): EndRecord {
  return {
    offset,
    disk: u16(b, 4),
    cdDisk: u16(b, 6),
    entriesOnDisk: u16(b, 8),
    entriesTotal: u16(b, 10),
    cdSize: u32(b, 12),
    cdOffset: u32(b, 16),
    commentLength: u16(b, 20)
  }
}

export interface Zip64Locator {
  offset: number
  disk: number
  recordOffset: number
  totalDisks: number
}

export function parseZip64Locator(b: Uint8Array, offset: number): Zip64Locator {
  return { offset, disk: u32(b, 4), recordOffset: u64(b, 8), totalDisks: u32(b, 16) }
}

export interface Zip64End {
  offset: number
  recordSize: number
  disk: number
  cdDisk: number
  entriesOnDisk: number
  entriesTotal: number
  cdSize: number
  cdOffset: number
}

export function parseZip64End(b: Uint8Array, offset: number): Zip64End {
  return {
    offset,
    recordSize: u64(b, 4),
    disk: u32(b, 16),
    cdDisk: u32(b, 20),
    entriesOnDisk: u64(b, 24),
    entriesTotal: u64(b, 32),
    cdSize: u64(b, 40),
    cdOffset: u64(b, 48)
  }
}

/** A central directory file header as stored (32-bit fields, before any Zip64 extra is applied). */
export interface CentralRecord {
  /** Absolute offset of the record in the source. */
  offset: number
  /** 46 + name + extra + comment lengths, as declared. */
  length: number
  /** The declared lengths ran past the end of the directory region, so name/extra were cut. */
  clipped: boolean
  versionMadeBy: number
  versionNeeded: number
  flags: number
  method: number
  crc: number
  compSize: number
  uncompSize: number
  diskStart: number
  externalAttr: number
  localOffset: number
  nameBytes: Uint8Array
  extra: Uint8Array
}

export function parseCentralFixed(b: Uint8Array): Omit<CentralRecord, 'offset' | 'clipped' | 'nameBytes' | 'extra'> & {
  nameLength: number
  extraLength: number
  commentLength: number
} {
  const nameLength = u16(b, 28)
  const extraLength = u16(b, 30)
  const commentLength = u16(b, 32)
  return {
    length: CENTRAL_SIZE + nameLength + extraLength + commentLength,
    versionMadeBy: u16(b, 4),
    versionNeeded: u16(b, 6),
    flags: u16(b, 8),
    method: u16(b, 10),
    crc: u32(b, 16),
    compSize: u32(b, 20),
    uncompSize: u32(b, 24),
    diskStart: u16(b, 34),
    externalAttr: u32(b, 38),
    localOffset: u32(b, 42),
    nameLength,
    extraLength,
    commentLength
  }
}

export interface LocalHeader {
  offset: number
  versionNeeded: number
  flags: number
  method: number
  crc: number
  /** Sizes as the local header declares them, Zip64 extra applied when the 32-bit field is 0xFFFFFFFF. */
  compSize: number
  uncompSize: number
  nameBytes: Uint8Array
  /** First byte of the member's data: offset + 30 + name length + extra length (miniz and Python agree). */
  dataOffset: number
}

export interface ExtraField {
  id: number
  data: Uint8Array
}

/**
 * Splits an extra block the way Python's `_decodeExtra` walks it: 1-3 trailing bytes are
 * ignored, a field whose declared size runs past the block is corruption.
 */
export function splitExtra(extra: Uint8Array): { fields: ExtraField[]; corrupt?: { id: number; size: number } } {
  const fields: ExtraField[] = []
  let pos = 0
  while (extra.length - pos >= 4) {
    const id = u16(extra, pos)
    const size = u16(extra, pos + 2)
    if (pos + 4 + size > extra.length) return { fields, corrupt: { id, size } }
    fields.push({ id, data: extra.subarray(pos + 4, pos + 4 + size) })
    pos += 4 + size
  }
  return { fields }
}

/** Local-header Zip64 extra: both sizes are present (uncompressed first) whenever either 32-bit field is saturated. */
export function applyLocalZip64(header: LocalHeader, extra: Uint8Array): LocalHeader {
  if (header.compSize !== U32_MAX && header.uncompSize !== U32_MAX) return header
  const field = splitExtra(extra).fields.find((f) => f.id === EXTRA_ZIP64)
  if (!field || field.data.length < 16) return header
  return { ...header, uncompSize: u64(field.data, 0), compSize: u64(field.data, 8) }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** Incremental CRC-32 (zlib's): start with 0, feed chunks, the result is unsigned. */
export function crc32(crc: number, bytes: Uint8Array): number {
  let c = ~crc
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return ~c >>> 0
}

// Python decodes names without the UTF-8 flag as cp437; these are code points 0x80-0xFF.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0'

export function decodeCp437(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80]
  return out
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true })
const UTF8_LOSSY = new TextDecoder('utf-8')

/** Python's name decoding: UTF-8 when flag bit 11 is set (invalid bytes are an error), else cp437. */
export function decodePythonName(bytes: Uint8Array, flags: number): string | null {
  if (!(flags & FLAG.utf8)) return decodeCp437(bytes)
  try {
    return UTF8_STRICT.decode(bytes)
  } catch {
    return null
  }
}

/** A display form of raw name bytes (miniz compares bytes; people read text). */
export function displayName(bytes: Uint8Array): string {
  return UTF8_LOSSY.decode(bytes)
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** miniz's MZ_TOLOWER: ASCII A-Z only, byte by byte. Returned as a binary string for use as a map key. */
export function asciiLowerKey(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += String.fromCharCode(b >= 0x41 && b <= 0x5a ? b + 32 : b)
  return out
}

export const METHOD_NAMES: Readonly<Record<number, string>> = {
  0: 'stored',
  8: 'deflate',
  9: 'deflate64',
  12: 'bzip2',
  14: 'lzma',
  93: 'zstd',
  95: 'xz',
  99: 'AES-encrypted'
}

export function methodName(method: number): string {
  return METHOD_NAMES[method] ? `${method} (${METHOD_NAMES[method]})` : String(method)
}
