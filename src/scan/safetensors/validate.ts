// `Metadata::validate()` of safetensors/src/tensor.rs, in its order: tensors sorted
// by (begin, end), then for each: offsets contiguous from 0, element count, bit
// count, byte alignment, byte size. All arithmetic is u64 with overflow checks, done
// with BigInt.
//
// The reference sorts a HashMap's entries (random order per process), so among
// tensors with equal offsets it checks them in an order that changes from run to run,
// and with it which error and name it reports. Accept-or-reject never depends on it:
// every tensor must pass every check. We break ties by document order.
import { HeaderRejected, SAFETENSORS_RULES, type SafetensorsRule } from './errors.js'
import type { TensorEntry } from './header.js'
import { formatShape, quote } from './text.js'

const U64_MAX = (1n << 64n) - 1n

export interface Layout {
  /** End of the last tensor: the data buffer's required length. */
  dataEnd: bigint
  /** Sum of the tensors' element counts. */
  parameters: bigint
}

export function validateLayout(tensors: readonly TensorEntry[]): Layout {
  const sorted = [...tensors].sort((a, b) => compare(a.begin, b.begin) || compare(a.end, b.end))
  let start = 0n
  let previous: TensorEntry | null = null
  let parameters = 0n
  for (const t of sorted) {
    const name = `tensor ${quote(t.name)}`
    const offsets = `data_offsets [${t.begin}, ${t.end}]`
    if (t.end < t.begin) {
      throw reject(SAFETENSORS_RULES.invalidOffset, `${name} has ${offsets}: the end is before the begin`, t)
    }
    if (t.begin !== start) {
      const where =
        previous === null
          ? 'the first tensor in the data buffer must start at 0'
          : t.begin > start
            ? `the previous tensor (${quote(previous.name)}) ends at ${start}, leaving ${t.begin - start} bytes no tensor covers`
            : `that overlaps the previous tensor (${quote(previous.name)}, which ends at ${start})`
      throw reject(SAFETENSORS_RULES.invalidOffset, `${name} has ${offsets}; ${where}`, t)
    }
    start = t.end
    previous = t
    const described = `${name} (${t.dtype}, shape ${formatShape(t.shape.dims, t.shape.rank)})`
    const elements = t.shape.elements
    if (elements === null) {
      throw reject(SAFETENSORS_RULES.overflow, `${described}: the element count overflows 2^64 − 1`, t)
    }
    const bits = elements * BigInt(t.bits)
    if (bits > U64_MAX) {
      throw reject(SAFETENSORS_RULES.overflow, `${described}: ${elements} elements × ${t.bits} bits overflows 2^64 − 1`, t)
    }
    if (bits % 8n !== 0n) {
      throw reject(SAFETENSORS_RULES.misaligned, `${described}: ${elements} elements × ${t.bits} bits = ${bits} bits, not a whole number of bytes`, t)
    }
    if (t.end - t.begin !== bits / 8n) {
      throw reject(SAFETENSORS_RULES.sizeMismatch, `${described} needs ${bits / 8n} bytes but ${offsets} span ${t.end - t.begin}`, t)
    }
    parameters += elements
  }
  return { dataEnd: start, parameters }
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function reject(rule: SafetensorsRule, message: string, t: TensorEntry): HeaderRejected {
  return new HeaderRejected(rule, message, t.offset, t.name)
}
