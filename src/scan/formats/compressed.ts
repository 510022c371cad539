// Compressed streams (gzip, zlib, bz2, xz, lzma, lz4, zstd, 7z, joblib "ZF").
// joblib.load decompresses any of its formats and unpickles the result, so a compressed
// file named like a pickle-loaded model is an execution point we have not analysed.
import type { FormatResult, ScanContext } from '../context.js'
import type { Compression } from '../sniff.js'
import { suggestsPickleLoader } from '../names.js'
import { notAnalysed } from './unsupported.js'

export function scanCompressed(ctx: ScanContext, compression: Compression, name: string): FormatResult {
  if (!suggestsPickleLoader(name) && compression !== 'joblib-zf') return { format: 'compressed', findings: [] }
  return notAnalysed('compressed', `${compression}-compressed data`, ctx, 'decompression is not supported yet')
}
