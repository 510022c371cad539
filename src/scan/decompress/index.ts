// Decompressors by name: every codec behind the one streaming driver.
import type { CodecFactory } from './codec.js'
import { bzip2File, bzip2Member } from './bzip2.js'
import { gunzip, inflateRaw, unzlib } from './deflate.js'
import { lz4 } from './lz4.js'
import { lzmaFile, zipLzma } from './lzma.js'
import { zstd } from './zstd.js'

export { decompressStream, type DecompressResult, type Decompressed } from './driver.js'

export type Codec = 'gzip' | 'zlib' | 'deflate-raw' | 'bz2' | 'xz' | 'lzma' | 'lz4' | 'zstd' | 'zip-bzip2' | 'zip-lzma'

export const CODECS: Readonly<Record<Codec, CodecFactory>> = {
  gzip: gunzip,
  zlib: unzlib,
  'deflate-raw': inflateRaw,
  bz2: bzip2File,
  // lzma.open reads .xz and .lzma alike (FORMAT_AUTO), stream after stream.
  xz: lzmaFile,
  lzma: lzmaFile,
  lz4,
  zstd,
  'zip-bzip2': bzip2Member,
  'zip-lzma': zipLzma
}

/** Zip compression methods decoded, as Python zipfile reads them (93: Python 3.14's zstd). */
export const ZIP_METHODS: Readonly<Record<number, Codec>> = { 8: 'deflate-raw', 12: 'zip-bzip2', 14: 'zip-lzma', 93: 'zstd' }
