// Decompression bombs built cheaply at test time: deflate blocks that each yield 1 MiB of a
// repeated pattern are compressed once (with a full flush, so they end byte-aligned and refer
// to nothing before them) and then repeated, so a multi-GiB bomb costs a few MiB and no time.
import { constants, deflateRawSync } from 'node:zlib'

const MiB = 1 << 20
const FULL_FLUSH = { finishFlush: constants.Z_FULL_FLUSH, level: 9 }
/** The final, empty fixed-Huffman block that ends a deflate stream. */
const END = Buffer.from([0x03, 0x00])

const blocks = new Map<string, Buffer>()

/** Non-final deflate blocks yielding `MiB` bytes of `pattern` repeated. */
function mebibyteOf(pattern: string): Buffer {
  let block = blocks.get(pattern)
  if (block === undefined) blocks.set(pattern, (block = deflateRawSync(Buffer.alloc(MiB, pattern, 'latin1'), FULL_FLUSH)))
  return block
}

export interface Bomb {
  /** Raw deflate data. */
  data: Buffer
  /** Bytes it inflates to. */
  size: number
}

/** Raw deflate of `head` followed by `mib` MiB of `pattern` (default: zeros). */
export function deflateBomb(head: Uint8Array, mib: number, pattern = '\0'): Bomb {
  const parts = [deflateRawSync(head, FULL_FLUSH), ...Array<Buffer>(mib).fill(mebibyteOf(pattern)), END]
  return { data: Buffer.concat(parts), size: head.length + mib * MiB }
}

/** The same as one gzip member (its trailer's CRC is not computed: no reader gets that far). */
export function gzipBomb(head: Uint8Array, mib: number, pattern = '\0'): Buffer {
  const { data, size } = deflateBomb(head, mib, pattern)
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(size % 2 ** 32, 4)
  return Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), data, trailer])
}
