// The GGUF header walk in llama.cpp's order (gguf.cpp `gguf_init_from_reader`): magic,
// version, counts, key-value pairs, `general.alignment`, tensor infos, data section. The
// first failing check throws GgufRejected, as gguf.cpp returns at its first failure.
import { ALIGNMENT_KEY, GGUF_ARRAY, GGUF_DEFAULT_ALIGNMENT, GGUF_MAGIC, GGUF_TYPE_NAME, GGUF_UINT32, GGUF_VERSION, MAX_KVS, MAX_TENSORS } from './constants.js'
import { readKv, type KvState, type Tick } from './kv.js'
import type { HeaderReader } from './reader.js'
import { GgufRejected } from './rejection.js'
import { placeData, readTensorInfo, type TensorWalk } from './tensors.js'

export interface Walked {
  version?: number
  tensors?: number
  kvs?: number
  alignment?: number
  dataOffset?: number
  dataSize?: bigint
}

/** Walks the header into `out` (filled as it goes, so a stop keeps what was read). */
export async function walkHeader(r: HeaderReader, kv: KvState, out: Walked, tick: Tick): Promise<void> {
  await checkMagic(r)
  out.version = await checkVersion(r)
  const tensors = await readCount(r, 'tensor-count', 'tensors', MAX_TENSORS)
  out.tensors = tensors
  out.kvs = await readCount(r, 'kv-count', 'key-value pairs', MAX_KVS)
  for (let i = 0; i < out.kvs; i++) {
    tick(r.pos)
    await readKv(r, i, kv, tick)
  }
  const alignment = checkAlignment(kv)
  out.alignment = alignment
  const walk: TensorWalk = { names: new Map(), placed: [], size: 0n }
  for (let i = 0; i < tensors; i++) await readTensorInfo(r, i, walk, alignment, tick)
  out.dataOffset = placeData(r.pos, r.size, tensors, alignment, walk)
  out.dataSize = walk.size
}

async function checkMagic(r: HeaderReader): Promise<void> {
  if (r.size < 4) throw new GgufRejected('magic', `failed to read the magic: the file is ${r.size} bytes`, 0)
  const magic = await r.bytes(4, 'the magic')
  if (magic.some((b, i) => b !== GGUF_MAGIC[i])) {
    const text = Array.from(magic, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?')).join('')
    throw new GgufRejected('magic', `invalid magic characters '${text}', expected 'GGUF'`, 0)
  }
}

/** Same tests in the same order as gguf.cpp: 0, byte-swapped (low 16 bits zero), 1, newer than 3. */
async function checkVersion(r: HeaderReader): Promise<number> {
  const v = await r.u32('the version')
  const hex = `0x${v.toString(16).padStart(8, '0')}`
  if (v === 0) throw new GgufRejected('version', 'bad GGUF version 0', 4)
  if ((v & 0xffff) === 0) {
    throw new GgufRejected(
      'version',
      `version ${v} (${hex}) is extremely large: a byte-swapped (big-endian) file, which llama.cpp refuses on little-endian hosts`,
      4
    )
  }
  if (v === 1) throw new GgufRejected('version', 'GGUF version 1 is no longer supported', 4)
  if (v > GGUF_VERSION) throw new GgufRejected('version', `GGUF version ${v} is newer than the newest supported (${GGUF_VERSION})`, 4)
  return v
}

/** An int64 count in [0, SIZE_MAX / sizeof(entry)]; larger counts run out of file when read. */
async function readCount(r: HeaderReader, check: 'tensor-count' | 'kv-count', what: string, max: bigint): Promise<number> {
  const at = r.pos
  const n = await r.i64(`the number of ${what}`)
  if (n < 0n || n > max) throw new GgufRejected(check, `the number of ${what} is ${n} but must be in [0, ${max}]`, at)
  // Each entry takes bytes of the file: a count past 2^53 fails on a read long before.
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n)
}

function checkAlignment(kv: KvState): number {
  const a = kv.alignment
  if (a === undefined) return GGUF_DEFAULT_ALIGNMENT
  if (a.type !== GGUF_UINT32) {
    const is = a.type === GGUF_ARRAY ? 'arr' : GGUF_TYPE_NAME[a.type]
    throw new GgufRejected('alignment-type', `key '${ALIGNMENT_KEY}' must be of type u32 but is ${is}`, a.typeOffset)
  }
  const v = a.value ?? 0
  if (v === 0 || (v & (v - 1)) !== 0) throw new GgufRejected('alignment', `alignment ${v} is not a power of 2`, a.valueOffset)
  return v
}
