// Compressed streams (gzip, zlib, joblib's "ZF", bz2, xz, lzma, lz4, zstd). joblib.load
// decompresses any of its formats and unpickles the result, so the content is decompressed as a
// stream (under limits.maxDecompressedBytes) and dispatched by content: a pickle there is a
// joblib file. Offsets in findings are then offsets in the decompressed data (findings carry
// `decompressed: <compression>`).
import type { Finding } from '../findings.js'
import type { ScanContext } from '../context.js'
import type { Compression } from '../sniff.js'
import { deeper, incompleteFinding, type Content, type ContentScanner, type Scanned } from '../containers/content.js'
import { CODECS, decompressStream, type Codec } from '../decompress/index.js'

/** joblib < 0.10 "ZF" files: `ZF`, a 19-character hex length, an optional space, then zlib data. */
const ZF_HEADER = 2 + 19

/** The decompressor for each sniffed compression (7z is an archive, scanned by sevenzip.ts). */
export const CODEC: Readonly<Record<Exclude<Compression, '7z'>, Codec>> = { gzip: 'gzip', zlib: 'zlib', 'joblib-zf': 'zlib', bz2: 'bz2', xz: 'xz', lzma: 'lzma', lz4: 'lz4', zstd: 'zstd' }

/** `model.pkl.gz` → `model.pkl`: the name the decompressed content would have. */
function innerName(name: string): string {
  return name.replace(/\.(gz|gzip|z|zlib|bz2|xz|lzma|lz4|zst)$/i, '')
}

export async function scanCompressed(content: Content, head: Uint8Array, compression: Exclude<Compression, '7z'>, ctx: ScanContext, scan: ContentScanner): Promise<Scanned> {
  const child = deeper(ctx, ctx.entry, `${compression}-compressed data`)
  if ('skipped' in child) return { format: 'compressed', findings: [child.skipped] }
  let input = content.stream
  if (compression === 'joblib-zf') {
    const skip = ZF_HEADER + (head[ZF_HEADER] === 0x20 ? 1 : 0)
    if (input.skip === undefined || (await input.skip(skip)) < skip) return { format: 'compressed', findings: [] }
  }
  const limit = ctx.options.limits.maxDecompressedBytes
  const inflated = decompressStream(input, CODECS[CODEC[compression]], { cap: limit })
  const inner = await scan({ name: innerName(content.name), stream: inflated.stream }, { ...child.ctx, decompressed: compression })
  const findings: Finding[] = inner.findings.map((f) => ({ ...f, decompressed: compression }))
  const status = inflated.result()
  if (status.status === 'capped') {
    findings.push(
      incompleteFinding(
        `The ${compression}-compressed data was analysed only up to ${status.bytes} decompressed bytes: the decompression limit (limits.maxDecompressedBytes = ${limit}) was reached; possible decompression bomb.`,
        ctx.entry,
        undefined,
        { limit }
      )
    )
  } else if (status.status === 'corrupt') {
    findings.push(
      incompleteFinding(
        `The ${compression}-compressed data could not be decoded after ${status.bytes} decompressed bytes (${status.error ?? 'error'}): a loader may decode further.`,
        ctx.entry
      )
    )
  }
  const format = inner.format === 'other' ? 'compressed' : inner.format === 'pickle' ? 'joblib' : inner.format
  return { ...inner, format, findings }
}
