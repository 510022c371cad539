// A well-formed zip writer for tests that build archives at run time (nesting, bombs):
// stored or deflated members with correct CRCs and sizes, as Python's zipfile writes them.
import { deflateRawSync } from 'node:zlib'
import { crc32 } from '../src/scan/zip/records.js'

export interface ZipInput {
  name: string
  data: Uint8Array
  /** Deflate the member (default: stored). */
  deflate?: boolean
  /** Already deflated data in place of `data` (a bomb), with the size and CRC it declares. */
  deflated?: { data: Uint8Array; size: number; crc: number }
}

/**
 * `base`: offsets count from that many bytes before the archive, as when it is appended to a
 * prefix of that length (`ZipFile(mode='a')`, `zip -A`); 0 writes offsets from the archive's start.
 */
export function writeZip(entries: readonly ZipInput[], base = 0): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let pos = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const data = e.deflated !== undefined ? Buffer.from(e.deflated.data) : e.deflate === true ? deflateRawSync(e.data) : Buffer.from(e.data)
    const method = e.deflate === true || e.deflated !== undefined ? 8 : 0
    const crc = e.deflated?.crc ?? crc32(0, e.data)
    const size = e.deflated?.size ?? e.data.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x800, 6) // UTF-8 names
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x800, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(base + pos, 42)
    locals.push(local, name, data)
    centrals.push(central, name)
    pos += 30 + name.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(base + pos, 16)
  return Buffer.concat([...locals, directory, end])
}
