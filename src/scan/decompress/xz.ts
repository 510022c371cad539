// One .xz stream (lzma.FORMAT_XZ, what `xz` and joblib's ".xz" write): stream header, blocks of
// LZMA2 chunks, index, footer. Checks (none, CRC32, CRC64, SHA-256 or any other size) are
// skipped, not verified: a block whose check fails has already been handed to the unpickler by
// Python's reader, and scanning it is the safe side. Filters other than LZMA2 (BCJ, delta) are
// reported as not decoded.
import { CorruptData, type QueuedCodec } from './codec.js'
import { LzmaDecoder, decodePropsByte, type RunResult } from './lzma-core.js'

export const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]

/** What a stream's `step` needs next: it ended, it waits for input, or it paused for output room. */
export type StepResult = 'end' | 'input' | 'room'

export interface SubStream {
  step(): StepResult
}

const LZMA2_FILTER = 0x21
const FILTER_NAMES: Record<number, string> = { 3: 'delta', 4: 'BCJ x86', 5: 'BCJ PowerPC', 6: 'BCJ IA-64', 7: 'BCJ ARM', 8: 'BCJ ARM-Thumb', 9: 'BCJ SPARC', 10: 'BCJ ARM64', 11: 'BCJ RISC-V' }

/** Check field size by check id (xz file format 1.2.1, §2.1.1.2). */
function checkSize(id: number): number {
  return id === 0 ? 0 : 4 << Math.floor((id - 1) / 3)
}

/** A variable-length integer at `bytes[at]`: value and length, 'short' when cut off, undefined when invalid. */
function vli(bytes: Uint8Array, at: number, end: number): { value: number; size: number } | 'short' | undefined {
  let value = 0
  for (let i = 0; i < 9; i++) {
    if (at + i >= end) return 'short'
    const b = bytes[at + i]
    value += (b & 0x7f) * 2 ** (7 * i)
    if ((b & 0x80) === 0) return b === 0 && i > 0 ? undefined : { value, size: i + 1 }
  }
  return undefined
}

/** LZMA2 dictionary size from its one properties byte. */
function lzma2DictSize(byte: number): number {
  if (byte > 40) throw new CorruptData(`LZMA2 dictionary size byte ${byte} is invalid`)
  return byte === 40 ? 0xffffffff : (2 | (byte & 1)) * 2 ** (Math.floor(byte / 2) + 11)
}

/** LZMA2 chunks (xz blocks, 7z coders): each chunk is read whole (≤ 64 KiB packed, ≤ 2 MiB out). */
export class Lzma2Reader {
  private readonly lz: LzmaDecoder
  private needDict = true
  private needProps = true

  constructor(
    private readonly io: QueuedCodec,
    dictSize: number
  ) {
    this.lz = new LzmaDecoder(dictSize, io.emit)
  }

  /** Decodes whole chunks from the queue. */
  step(): StepResult {
    const { q } = this.io
    for (;;) {
      if (q.length < 1) return this.io.final ? this.io.cutOff('an LZMA2 chunk') : 'input'
      const control = q.at(0)
      if (control === 0x00) {
        q.skip(1)
        return 'end'
      }
      if (this.io.room <= 0) return 'room'
      const lzma = control >= 0x80
      if (!lzma && control > 0x02) throw new CorruptData(`LZMA2 chunk control byte 0x${control.toString(16)} is invalid`)
      const headerSize = lzma ? (control >= 0xc0 ? 6 : 5) : 3
      if (q.length < headerSize) return this.io.final ? this.io.cutOff('an LZMA2 chunk header') : 'input'
      const header = q.peek(headerSize)
      const packed = lzma ? ((header[3] << 8) | header[4]) + 1 : ((header[1] << 8) | header[2]) + 1
      if (q.length < headerSize + packed) return this.io.final ? this.io.cutOff('an LZMA2 chunk') : 'input'
      if (control === 0x01 || control >= 0xe0) {
        this.lz.resetDict()
        this.needDict = false
        if (control === 0x01) this.needProps = true
      } else if (this.needDict) throw new CorruptData('LZMA2 data does not start with a dictionary reset')
      q.skip(headerSize)
      const data = q.take(packed)
      if (!lzma) {
        this.lz.putBytes(data)
        this.lz.flush()
        continue
      }
      if (control >= 0xc0) {
        const props = decodePropsByte(header[5])
        if (props === undefined || props.lc + props.lp > 4) throw new CorruptData(`LZMA2 properties byte ${header[5]} is invalid`)
        this.lz.setProps(props)
        this.needProps = false
      } else if (this.needProps) throw new CorruptData('LZMA2 chunk without properties')
      else if (control >= 0xa0) this.lz.resetState()
      const unpacked = (control & 0x1f) * 65536 + ((header[1] << 8) | header[2]) + 1
      const before = this.lz.produced
      let run: RunResult
      try {
        run = this.lz.run(data, this.lz.initRange(data, 0), data.length, 0, unpacked)
      } finally {
        this.lz.flush() // what was decoded before a fault has reached the loader too
      }
      if (run.marker || this.lz.produced - before !== unpacked) throw new CorruptData('LZMA2 chunk does not decode to its declared size')
    }
  }
}

type XzState = 'header' | 'block' | 'data' | 'block-end' | 'index-count' | 'index' | 'index-end' | 'footer'

export class XzStream implements SubStream {
  private state: XzState = 'header'
  private check = 0
  private blockStart = 0
  private lzma2: Lzma2Reader | undefined
  private records = 0
  private indexStart = 0

  constructor(private readonly io: QueuedCodec) {}

  /** Needs `n` bytes in the queue: true when they are there. */
  private has(n: number, what: string): boolean {
    if (this.io.q.length >= n) return true
    if (this.io.final) this.io.cutOff(what)
    return false
  }

  step(): StepResult {
    const { q } = this.io
    for (;;) {
      switch (this.state) {
        case 'header': {
          if (!this.has(12, 'the xz stream header')) return 'input'
          const h = q.take(12)
          if (!XZ_MAGIC.every((b, i) => h[i] === b) || h[6] !== 0 || h[7] > 0x0f) throw new CorruptData('xz stream header is invalid')
          this.check = checkSize(h[7])
          this.state = 'block'
          break
        }
        case 'block': {
          if (!this.has(1, 'an xz block header')) return 'input'
          if (q.at(0) === 0x00) {
            this.indexStart = q.consumed
            q.skip(1)
            this.state = 'index-count'
            break
          }
          const size = (q.at(0) + 1) * 4
          if (!this.has(size, 'an xz block header')) return 'input'
          this.blockStart = q.consumed
          this.lzma2 = new Lzma2Reader(this.io, this.blockDictSize(q.take(size)))
          this.state = 'data'
          break
        }
        case 'data': {
          const r = this.lzma2!.step()
          if (r !== 'end') return r
          this.state = 'block-end'
          break
        }
        case 'block-end': {
          const skip = ((4 - ((q.consumed - this.blockStart) % 4)) % 4) + this.check
          if (!this.has(skip, 'an xz block check')) return 'input'
          q.skip(skip)
          this.state = 'block'
          break
        }
        case 'index-count':
        case 'index': {
          // The count, then (unpadded size, uncompressed size) per record: nothing in them is needed.
          const count = this.state === 'index' ? 2 : 1
          const bytes = q.peek(Math.min(q.length, 9 * count))
          let at = 0
          let value = 0
          for (let k = 0; k < count; k++) {
            const v = vli(bytes, at, bytes.length)
            if (v === undefined) throw new CorruptData('xz index is invalid')
            if (v === 'short') return this.io.final ? this.io.cutOff('the xz index') : 'input'
            at += v.size
            value = v.value
          }
          q.skip(at)
          if (this.state === 'index-count') this.records = value
          else this.records--
          this.state = this.records > 0 ? 'index' : 'index-end'
          break
        }
        case 'index-end': {
          const skip = ((4 - ((q.consumed - this.indexStart) % 4)) % 4) + 4
          if (!this.has(skip, 'the xz index')) return 'input'
          q.skip(skip)
          this.state = 'footer'
          break
        }
        case 'footer': {
          if (!this.has(12, 'the xz stream footer')) return 'input'
          const f = q.take(12)
          if (f[10] !== 0x59 || f[11] !== 0x5a) throw new CorruptData('xz stream footer is invalid')
          return 'end'
        }
      }
    }
  }

  /** The LZMA2 dictionary size from a block header; other filters are not decoded. */
  private blockDictSize(h: Uint8Array): number {
    const flags = h[1]
    if (flags & 0x3c) throw new CorruptData('xz block header has reserved flags set')
    const filters = (flags & 3) + 1
    let at = 2
    for (const present of [flags & 0x40, flags & 0x80]) {
      if (!present) continue
      const size = vli(h, at, h.length)
      if (typeof size !== 'object') throw new CorruptData('xz block header is invalid')
      at += size.size
    }
    for (let i = 0; i < filters; i++) {
      const id = vli(h, at, h.length)
      const propsSize = typeof id === 'object' ? vli(h, at + id.size, h.length) : undefined
      if (typeof id !== 'object' || typeof propsSize !== 'object') throw new CorruptData('xz block header is invalid')
      at += id.size + propsSize.size
      if (id.value !== LZMA2_FILTER || i !== filters - 1) {
        const name = FILTER_NAMES[id.value] ?? `0x${id.value.toString(16)}`
        throw new CorruptData(`xz filter ${name} is not decoded by modelgate`)
      }
      if (propsSize.value !== 1) throw new CorruptData('xz LZMA2 filter properties are invalid')
      return lzma2DictSize(h[at])
    }
    throw new CorruptData('xz block header is invalid')
  }
}
