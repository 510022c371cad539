// A small GGUF writer for tests that need files too large to commit (a 200k-string vocabulary,
// a template over the size cap): header bytes, plus a Source that adds zero tensor data
// without holding it and counts the bytes read.
import type { Source } from '../../src/scan/source.js'

const enc = new TextEncoder()

export class GgufWriter {
  private parts: Uint8Array[] = []
  private length = 0

  constructor(nTensors: number, nKv: number) {
    this.raw(enc.encode('GGUF')).u32(3).u64(BigInt(nTensors)).u64(BigInt(nKv))
  }

  get size(): number {
    return this.length
  }

  raw(bytes: Uint8Array): this {
    this.parts.push(bytes)
    this.length += bytes.length
    return this
  }

  u32(v: number): this {
    const b = new Uint8Array(4)
    new DataView(b.buffer).setUint32(0, v, true)
    return this.raw(b)
  }

  u64(v: bigint): this {
    const b = new Uint8Array(8)
    new DataView(b.buffer).setBigUint64(0, v, true)
    return this.raw(b)
  }

  str(s: string): this {
    const b = enc.encode(s)
    return this.u64(BigInt(b.length)).raw(b)
  }

  kvString(key: string, value: string): this {
    return this.str(key).u32(8).str(value)
  }

  kvStrings(key: string, values: Iterable<string>, n: number): this {
    this.str(key).u32(9).u32(8).u64(BigInt(n))
    for (const v of values) this.str(v)
    return this
  }

  kvFloats(key: string, n: number): this {
    return this.str(key).u32(9).u32(6).u64(BigInt(n)).raw(new Uint8Array(4 * n))
  }

  /** An f32 tensor info at `offset` (relative to the data section). */
  tensorF32(name: string, dims: number[], offset: bigint): this {
    this.str(name).u32(dims.length)
    for (const d of dims) this.u64(BigInt(d))
    return this.u32(0).u64(offset)
  }

  /** The header padded to 32 bytes, as one buffer. */
  header(): Uint8Array {
    const out = new Uint8Array(Math.ceil(this.length / 32) * 32)
    let at = 0
    for (const p of this.parts) {
      out.set(p, at)
      at += p.length
    }
    return out
  }
}

/** `header` followed by `dataSize` zero bytes that exist only when read; `read` counts bytes. */
export function countingSource(header: Uint8Array, dataSize: number): Source & { bytesRead: number } {
  const size = header.length + dataSize
  const source = {
    size,
    bytesRead: 0,
    read: async (offset: number, length: number): Promise<Uint8Array> => {
      const end = Math.min(size, offset + length)
      const out = new Uint8Array(Math.max(0, end - offset))
      if (offset < header.length) out.set(header.subarray(offset, Math.min(end, header.length)))
      source.bytesRead += out.length
      return out
    }
  }
  return source
}
