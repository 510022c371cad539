// Tensor infos and the data section, as gguf.cpp checks them (name, dims, element count,
// type, byte size, then the data start and each offset against the running padded size),
// followed by llama.cpp's loader check that each tensor's data lies within the file
// (llama-model-loader.cpp `llama_tensor_weight`). Sizes are exact (bigint): where ggml's
// size_t arithmetic would wrap, the file is refused rather than read as ggml would.
import { GGML_MAX_DIMS, GGML_MAX_NAME, INT64_MAX, SIZE_MAX } from './constants.js'
import { GGML_TYPE_COUNT, GGML_TYPES } from './ggml-types.js'
import type { HeaderReader } from './reader.js'
import { GgufRejected, GgufTooLarge } from './rejection.js'
import { cString, shown, stringLength } from './strings.js'
import type { Tick } from './kv.js'

/** Tensors remembered for the duplicate-name and bounds checks (real files have tens of thousands at most). */
export const MAX_TENSORS_KEPT = 1_000_000

interface Placed {
  name: string
  /** Header offset of the tensor's `offset` field. */
  field: number
  /** Data-relative start and end. */
  start: bigint
  end: bigint
}

export interface TensorWalk {
  names: Map<string, number>
  placed: Placed[]
  /** ctx->size: the running sum of padded tensor sizes. */
  size: bigint
  /** gguf.cpp checks offsets only after the data start: the first failure waits here. */
  pending?: GgufRejected
}

const pad = (x: bigint, n: bigint): bigint => ((x + n - 1n) / n) * n

/** Reads tensor info `i` and places it after the previous ones. */
export async function readTensorInfo(r: HeaderReader, i: number, walk: TensorWalk, alignment: number, tick: Tick): Promise<void> {
  tick(r.pos)
  const nameOffset = r.pos
  const n = await stringLength(r, `the name of tensor ${i}`)
  if (n >= GGML_MAX_NAME) {
    throw new GgufRejected('tensor-name-length', `tensor ${i}: name is ${n} bytes, ggml names hold at most ${GGML_MAX_NAME - 1} (GGML_MAX_NAME ${GGML_MAX_NAME})`, nameOffset)
  }
  const bytes = await r.bytes(n, `the name of tensor ${i}`)
  const cname = cString(bytes)
  const name = shown(bytes.subarray(0, cname.length))
  const first = walk.names.get(cname)
  if (first !== undefined) throw new GgufRejected('duplicate-tensor', `duplicate tensor name ${name} for tensors ${first} and ${i}`, nameOffset, cname)
  if (walk.names.size >= MAX_TENSORS_KEPT) throw new GgufTooLarge(`more than ${MAX_TENSORS_KEPT} tensors`, nameOffset)
  walk.names.set(cname, i)

  const ne = await readShape(r, name, cname)
  const typeOffset = r.pos
  const type = await r.i32(`the type of tensor ${name}`)
  const nbytes = tensorBytes(ne, type, name, cname, typeOffset)
  const field = r.pos
  const offset = await r.u64(`the data offset of tensor ${name}`)
  if (walk.pending !== undefined) return
  if (offset !== walk.size) {
    walk.pending = new GgufRejected('tensor-offset', `tensor ${name} has offset ${offset}, expected ${walk.size} (tensors are contiguous, in header order, each padded to ${alignment})`, field, cname)
    return
  }
  const padded = pad(nbytes, BigInt(alignment))
  if (SIZE_MAX - walk.size < padded) {
    walk.pending = new GgufRejected('data-size', `tensor ${name}: the data size overflows (${walk.size} + ${padded} > ${SIZE_MAX})`, field, cname)
    return
  }
  walk.placed.push({ name: cname, field, start: offset, end: offset + nbytes })
  walk.size += padded
}

/** n_dims, then each dimension (≥ 0), then the element count (< INT64_MAX). */
async function readShape(r: HeaderReader, name: string, cname: string): Promise<bigint[]> {
  const dimsOffset = r.pos
  const nDims = await r.u32(`the dimension count of tensor ${name}`)
  if (nDims > GGML_MAX_DIMS) throw new GgufRejected('n-dims', `tensor ${name} has ${nDims} dimensions; the maximum is ${GGML_MAX_DIMS}`, dimsOffset, cname)
  const ne = [1n, 1n, 1n, 1n]
  for (let j = 0; j < nDims; j++) {
    const at = r.pos
    ne[j] = await r.i64(`dimension ${j} of tensor ${name}`)
    if (ne[j] < 0n) throw new GgufRejected('dimension', `tensor ${name} dimension ${j} has ${ne[j]} elements (< 0)`, at, cname)
  }
  if (ne.every((x) => x > 0n)) {
    const [n0, n1, n2, n3] = ne
    if (INT64_MAX / n1 <= n0 || INT64_MAX / n2 <= n0 * n1 || INT64_MAX / n3 <= n0 * n1 * n2) {
      // ggml multiplies in int64: a product that wraps to ≤ 0 skips llama.cpp's own check.
      const wrapped = BigInt.asIntN(64, n0 * n1 * n2 * n3)
      const note = wrapped <= 0n ? ` (the int64 product wraps to ${wrapped}, which skips llama.cpp's check: refused here)` : ''
      throw new GgufRejected('element-count', `tensor ${name} with shape (${ne.join(', ')}) has ≥ ${INT64_MAX} elements${note}`, dimsOffset + 4, cname)
    }
  }
  return ne
}

/** The type's checks and ggml_nbytes (0 when a dimension is 0). */
function tensorBytes(ne: bigint[], type: number, name: string, cname: string, at: number): bigint {
  if (type < 0 || type >= GGML_TYPE_COUNT) {
    throw new GgufRejected('tensor-type', `tensor ${name} has invalid ggml type ${type}; it should be in [0, ${GGML_TYPE_COUNT})`, at, cname)
  }
  const t = GGML_TYPES[type]
  const blck = BigInt(t?.blck ?? 0)
  if (blck === 0n || ne[0] % blck !== 0n) {
    const what = t === undefined ? `type ${type} (removed from ggml)` : `type ${type} (${t.name})`
    throw new GgufRejected('block-size', `tensor ${name} of ${what} has ${ne[0]} elements per row, not a multiple of the block size (${blck})`, at, cname)
  }
  const size = BigInt(t.size)
  const elements = ne[0] * ne[1] * ne[2] * ne[3]
  if (elements / blck > SIZE_MAX / size) {
    throw new GgufRejected('byte-size', `tensor ${name} with shape (${ne.join(', ')}) has a size in bytes > ${SIZE_MAX}`, at, cname)
  }
  return (elements / blck) * size
}

/** After the infos: the data section start, the deferred offset check, then every tensor within the file. */
export function placeData(infoEnd: number, size: number, tensors: number, alignment: number, walk: TensorWalk): number {
  const dataStart = tensors > 0 ? Math.ceil(infoEnd / alignment) * alignment : infoEnd
  if (dataStart > size) {
    throw new GgufRejected('data-start', `the data section would start at ${dataStart} (the tensor infos end at ${infoEnd}, padded to ${alignment}), past the end of the file (${size} bytes)`, infoEnd)
  }
  if (walk.pending !== undefined) throw walk.pending
  const base = BigInt(dataStart)
  const bad = walk.placed.find((t) => base + t.end > BigInt(size))
  if (bad !== undefined) {
    const what = `tensor ${shown(Buffer.from(bad.name, 'latin1'))} data [${base + bad.start}, ${base + bad.end})`
    throw new GgufRejected('data-bounds', `${what} is not within the file (${size} bytes)`, bad.field, bad.name)
  }
  return dataStart
}
