// 7z archives (nullifAI packaging, pickle.md §9.1 C8). No model loader opens a 7z, but
// people unpack and load what is inside. This is a minimal reader: it finds the packed streams
// (from the start header and the header's pack info), decodes those it can without an LZMA
// decoder (LZMA2 "uncompressed" chunks, or stored data that is itself recognisable content) and
// dispatches them by content; any other stream is `scan/incomplete`.
import type { Finding } from '../findings.js'
import type { ScanContext } from '../context.js'
import { bufferSource, sourceChunks, type Source } from '../source.js'
import { sniff } from '../sniff.js'
import { BUFFER_LIMIT, deeper, incompleteFinding, type ContentScanner, type Scanned } from '../containers/content.js'
import { entryPath } from '../zip/report.js'

const START_HEADER = 32
const K_HEADER = 0x01
const K_MAIN_STREAMS = 0x04
const K_PACK_INFO = 0x06
const K_SIZE = 0x09
const K_ENCODED_HEADER = 0x17

/** 7z's variable-length UINT64: the leading one bits of the first byte count the extra bytes. */
function readNumber(b: Uint8Array, pos: number): { value: number; next: number } | undefined {
  const first = b[pos]
  if (first === undefined) return undefined
  let mask = 0x80
  let extra = 0
  while (extra < 8 && first & mask) {
    extra++
    mask >>= 1
  }
  if (pos + 1 + extra > b.length) return undefined
  let value = 0
  for (let i = 0; i < extra; i++) value += b[pos + 1 + i] * 2 ** (8 * i)
  if (extra < 8) value += (first & (mask - 1)) * 2 ** (8 * extra)
  return Number.isSafeInteger(value) ? { value, next: pos + 1 + extra } : undefined
}

interface PackInfo {
  packPos: number
  sizes: number[]
}

function packInfo(b: Uint8Array, pos: number): PackInfo | undefined {
  if (b[pos] !== K_PACK_INFO) return undefined
  const packPos = readNumber(b, pos + 1)
  const count = packPos && readNumber(b, packPos.next)
  if (packPos === undefined || count === undefined || count.value > 4096) return undefined
  const sizes: number[] = []
  let p = count.next
  if (b[p] === K_SIZE) {
    p++
    for (let i = 0; i < count.value; i++) {
      const size = readNumber(b, p)
      if (size === undefined) return undefined
      sizes.push(size.value)
      p = size.next
    }
  }
  return { packPos: packPos.value, sizes }
}

/** The content of LZMA2 data made only of uncompressed chunks; undefined when a chunk is LZMA-compressed or the data is not LZMA2. */
function lzma2Stored(data: Uint8Array): Uint8Array | undefined {
  const parts: Uint8Array[] = []
  let pos = 0
  while (pos < data.length) {
    const control = data[pos]
    if (control === 0x00) break
    if (control !== 0x01 && control !== 0x02) return undefined
    if (pos + 3 > data.length) return undefined
    const size = ((data[pos + 1] << 8) | data[pos + 2]) + 1
    if (pos + 3 + size > data.length) return undefined
    parts.push(data.subarray(pos + 3, pos + 3 + size))
    pos += 3 + size
  }
  return parts.length > 0 ? Buffer.concat(parts) : undefined
}

export async function scanSevenZip(source: Source, ctx: ScanContext, scan: ContentScanner): Promise<Scanned> {
  const fail = (message: string, offset?: number): Scanned => ({ format: 'compressed', findings: [incompleteFinding(message, ctx.entry, offset)] })
  const start = await source.read(0, START_HEADER)
  if (start.length < START_HEADER) return fail('7z archive is truncated: it was not analysed.', 0)
  const view = new DataView(start.buffer, start.byteOffset, start.byteLength)
  const nextOffset = Number(view.getBigUint64(12, true))
  const nextSize = Number(view.getBigUint64(20, true))
  const headerAt = START_HEADER + nextOffset
  if (!Number.isSafeInteger(headerAt) || headerAt + nextSize > source.size || nextSize > BUFFER_LIMIT) return fail('7z archive header lies outside the file: it was not analysed.', 12)
  const header = await source.read(headerAt, nextSize)
  // A plain header lists the packed streams of the files; an encoded one is itself packed, and the file data is everything before it.
  const info = header[0] === K_HEADER && header[1] === K_MAIN_STREAMS ? packInfo(header, 2) : header[0] === K_ENCODED_HEADER ? packInfo(header, 1) : undefined
  if (info === undefined) return fail('7z archive header could not be read (unsupported layout): its files were not analysed.', headerAt)
  const streams: Array<[number, number]> = []
  if (header[0] === K_HEADER) {
    let at = START_HEADER + info.packPos
    for (const size of info.sizes) {
      streams.push([at, size])
      at += size
    }
  } else if (info.packPos > 0) streams.push([START_HEADER, info.packPos])

  const findings: Finding[] = []
  let pickleSeen: Scanned['pickleSeen']
  for (const [offset, size] of streams) {
    if (size > BUFFER_LIMIT || offset + size > source.size) {
      findings.push(incompleteFinding(`7z packed stream at offset ${offset} (${size} bytes) was not analysed: it is too large or lies outside the file.`, ctx.entry, offset))
      continue
    }
    const packed = await source.read(offset, size)
    const decoded = lzma2Stored(packed) ?? ((await sniff(bufferSource(packed))).kind === 'other' ? undefined : packed)
    if (decoded === undefined) {
      findings.push(
        incompleteFinding(
          `7z packed stream at offset ${offset} (${size} bytes) is compressed (LZMA or another 7z codec), which modelgate does not decode: the files in it were not analysed. Unpack the archive and scan its files.`,
          ctx.entry,
          offset
        )
      )
      continue
    }
    const entry = entryPath(ctx.entry, `packed-stream@${offset}`)
    const child = deeper(ctx, entry, `7z packed stream at offset ${offset}`)
    if ('skipped' in child) {
      findings.push(child.skipped)
      continue
    }
    const content = bufferSource(decoded)
    const scanned = await scan({ name: '', source: content, stream: sourceChunks(content), size: decoded.length }, child.ctx)
    findings.push(...scanned.findings)
    pickleSeen ??= scanned.pickleSeen
  }
  return { format: 'compressed', findings, details: { packedStreams: streams.length }, ...(pickleSeen !== undefined ? { pickleSeen } : {}) }
}
