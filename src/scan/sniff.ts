// Format detection by content. The file name is only a hint, used by the dispatcher
// when content says nothing (so a renamed pickle is still a pickle).
import type { Source } from './source.js'
import { parseLfsPointer, LFS_MAX_POINTER_SIZE } from './formats/lfs.js'
import { looksLikeSafetensors } from './formats/safetensors.js'
import { probePickleSource, type NotPickle } from './pickle/probe.js'
import { TAIL_WINDOW } from './zip/eocd.js'

export type Sniffed =
  | 'empty'
  | 'lfs-pointer'
  | 'safetensors'
  | 'zip'
  | 'numpy'
  | 'gguf'
  | 'hdf5'
  | 'compressed'
  | 'tar'
  | 'pickle'
  | 'other'

export type Compression = 'gzip' | 'zlib' | 'bz2' | 'xz' | 'lzma' | 'lz4' | 'zstd' | '7z' | 'joblib-zf'

export interface SniffResult {
  kind: Sniffed
  compression?: Compression
  /** Offset of the HDF5 superblock (0 or a user-block size). */
  hdf5Offset?: number
  /** For 'other': where a pickle loader would stop on the content. */
  notPickle?: NotPickle
}

/** Bytes read from the start of every file to classify it. */
export const SNIFF_HEAD = 64 * 1024

const USTAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72] // "ustar" (POSIX and GNU tar)
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]

const COMPRESSION_MAGIC: ReadonlyArray<[Compression, number[]]> = [
  ['gzip', [0x1f, 0x8b]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['bz2', [0x42, 0x5a, 0x68]], // "BZh"
  ['lz4', [0x04, 0x22, 0x4d, 0x18]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['lzma', [0x5d, 0x00, 0x00]], // lzma "alone": properties byte 0x5D, dictionary size LE
  ['joblib-zf', [0x5a, 0x46]] // "ZF": joblib < 0.10 compat format
]

function startsWith(head: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (head.length < at + magic.length) return false
  for (let i = 0; i < magic.length; i++) if (head[at + i] !== magic[i]) return false
  return true
}

/** RFC 1950 header: deflate method, window ≤ 32 KiB, header checksum. */
function isZlibHeader(head: Uint8Array): boolean {
  if (head.length < 2) return false
  const [cmf, flg] = [head[0], head[1]]
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0
}

/** LZ4 and zstd skippable frames share one magic (0x184D2A5X): the frame after it tells which. */
function afterSkippable(head: Uint8Array): Compression | undefined {
  if (head.length < 8 || head[1] !== 0x2a || head[2] !== 0x4d || head[3] !== 0x18 || (head[0] & 0xf0) !== 0x50) return undefined
  const next = 8 + (head[4] | (head[5] << 8) | (head[6] << 16)) + head[7] * 2 ** 24
  return next < head.length ? sniffCompression(head.subarray(next)) : undefined
}

export function sniffCompression(head: Uint8Array): Compression | undefined {
  for (const [name, magic] of COMPRESSION_MAGIC) if (startsWith(head, magic)) return name
  const skipped = afterSkippable(head)
  if (skipped === 'lz4' || skipped === 'zstd') return skipped
  return isZlibHeader(head) ? 'zlib' : undefined
}

/** HDF5 superblock at 0 or at a user-block offset (512, 1024, 2048, ...). */
async function findHdf5(source: Source, head: Uint8Array): Promise<number | undefined> {
  if (startsWith(head, HDF5_SIGNATURE)) return 0
  const probes: [number, number][] = []
  for (let at = 512; at + HDF5_SIGNATURE.length <= source.size; at *= 2) if (at + HDF5_SIGNATURE.length > head.length) probes.push([at, HDF5_SIGNATURE.length])
  // Over HTTP each probe past the head would be a request: fetch them together, with the end
  // records the caller reads next (content is also sniffed from its end).
  if (probes.length > 0) await source.prefetch?.([...probes, [source.size - TAIL_WINDOW, TAIL_WINDOW]])
  for (let at = 512; at + HDF5_SIGNATURE.length <= source.size; at *= 2) {
    const probe = at + HDF5_SIGNATURE.length <= head.length ? head.subarray(at) : await source.read(at, HDF5_SIGNATURE.length)
    if (startsWith(probe, HDF5_SIGNATURE)) return at
  }
  return undefined
}

/** Classifies `source`; `head` is its first SNIFF_HEAD bytes when the caller has read them already. */
export async function sniff(source: Source, head?: Uint8Array): Promise<SniffResult> {
  if (source.size === 0) return { kind: 'empty' }
  head ??= await source.read(0, SNIFF_HEAD)
  if (source.size <= LFS_MAX_POINTER_SIZE && parseLfsPointer(head) !== null) return { kind: 'lfs-pointer' }
  // Before pickle and zip: a safetensors length prefix can spell `\x80\x02` or `PK` (formats.md §0).
  if (looksLikeSafetensors(head, source.size)) return { kind: 'safetensors' }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'zip' }
  if (startsWith(head, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) return { kind: 'numpy' } // \x93NUMPY
  // Before the weaker signatures: "GGUF" starts with BINFLOAT and a zlib header can be `(S`,
  // so a pickle could pose as either; a real GGUF/zlib/HDF5 file fails the probe at once.
  const notPickle = await probePickleSource(source, head)
  if (notPickle === null) return { kind: 'pickle' }
  if (startsWith(head, [0x47, 0x47, 0x55, 0x46])) return { kind: 'gguf' } // "GGUF"
  const hdf5Offset = await findHdf5(source, head)
  if (hdf5Offset !== undefined) return { kind: 'hdf5', hdf5Offset }
  if (startsWith(head, USTAR_MAGIC, 257)) return { kind: 'tar' } // torch < 0.4 checkpoints are tar files
  const compression = sniffCompression(head)
  if (compression !== undefined) return { kind: 'compressed', compression }
  return { kind: 'other', notPickle }
}
