// LZ4 frames (lz4.frame, what joblib's ".lz4" writes): frame descriptor, blocks (compressed or
// stored, independent or linked to the previous 64 KiB), end mark, optional checksums. Written
// here because the npm LZ4 decoders are whole-buffer or native. Checksums are skipped, not
// verified (the reader has handed the block to the unpickler before a content checksum fails;
// scanning more is the safe side). Frames follow one another; after the first, bytes that start
// no frame are ignored, skippable frames are skipped.
import { CorruptData, type CodecFactory, type Emit } from './codec.js'
import { FramedCodec, u32 } from './frames.js'

const LZ4_MAGIC = 0x184d2204
const HISTORY = 64 * 1024
const BLOCK_MAX: Record<number, number> = { 4: 64 * 1024, 5: 256 * 1024, 6: 1 << 20, 7: 4 << 20 }

type State = 'frame' | 'block' | 'content-checksum' | 'skip' | 'trailing'


/**
 * Decodes one LZ4 block from `src` into `dst` starting at `start` (bytes before it are the
 * history matches may reach); returns the end of the output.
 */
export function decodeBlock(src: Uint8Array, dst: Uint8Array, start: number): number {
  let s = 0
  let d = start
  const length = (n: number): number => {
    if (n !== 15) return n
    for (;;) {
      if (s >= src.length) throw new CorruptData('LZ4 sequence length is cut off')
      const b = src[s++]
      n += b
      if (b !== 255) return n
    }
  }
  for (;;) {
    if (s >= src.length) throw new CorruptData('LZ4 block is cut off')
    const token = src[s++]
    const literals = length(token >>> 4)
    if (s + literals > src.length || d + literals > dst.length) throw new CorruptData('LZ4 literals run past the block')
    dst.set(src.subarray(s, s + literals), d)
    s += literals
    d += literals
    if (s === src.length) return d
    if (s + 2 > src.length) throw new CorruptData('LZ4 match offset is cut off')
    const offset = src[s] | (src[s + 1] << 8)
    s += 2
    const len = length(token & 15) + 4
    if (offset === 0 || offset > d) throw new CorruptData(`LZ4 match offset ${offset} reaches before the data`)
    if (d + len > dst.length) throw new CorruptData('LZ4 match runs past the block size')
    for (let i = 0; i < len; i++, d++) dst[d] = dst[d - offset]
  }
}

class Lz4 extends FramedCodec {
  private state: State = 'frame'
  private blockMax = 0
  private independent = true
  private blockChecksum = false
  private contentChecksum = false
  private history = new Uint8Array(0)

  constructor(emit: Emit) {
    super(emit, 'an LZ4', LZ4_MAGIC)
  }

  protected decode(): boolean {
    const { q } = this
    for (;;) {
      switch (this.state) {
        case 'trailing':
        case 'skip':
          if (!this.passGap(this.state)) return false
          this.state = 'frame'
          break
        case 'frame':
          if (q.length === 0 && this.final) return false
          if (q.length < 15 && !this.final) return false
          if (!this.frameHeader()) return false
          break
        case 'block':
          if (this.room <= 0) return true
          if (!this.block()) return false
          break
        case 'content-checksum':
          if (q.length < 4) return this.final ? this.cutOff('an LZ4 content checksum') : false
          q.skip(4)
          this.state = 'frame'
          break
      }
    }
  }

  private frameHeader(): boolean {
    const { q } = this
    const head = this.frameAt(15)
    if (head === 'need') return false
    if (!(head instanceof Uint8Array)) {
      this.state = head
      return true
    }
    const flg = head[4]
    const length = 7 + (flg & 0x08 ? 8 : 0) + (flg & 0x01 ? 4 : 0)
    if (q.length < length) return this.final ? this.cutOff('an LZ4 frame header') : false
    const blockMax = BLOCK_MAX[(head[5] >> 4) & 7]
    if (flg >> 6 !== 1 || flg & 0x02 || head[5] & 0x8f || blockMax === undefined) {
      throw new CorruptData(`LZ4 frame descriptor at compressed byte ${q.consumed} is invalid`)
    }
    this.blockMax = blockMax
    this.independent = (flg & 0x20) !== 0
    this.blockChecksum = (flg & 0x10) !== 0
    this.contentChecksum = (flg & 0x04) !== 0
    this.history = new Uint8Array(0)
    q.skip(length)
    this.frames++
    this.state = 'block'
    return true
  }

  /** One whole block (false: wait for input). */
  private block(): boolean {
    const { q } = this
    if (q.length < 4) return this.final ? this.cutOff('an LZ4 block') : false
    const word = u32(q.peek(4), 0)
    if (word === 0) {
      q.skip(4)
      this.state = this.contentChecksum ? 'content-checksum' : 'frame'
      return true
    }
    const size = word & 0x7fffffff
    if (size > this.blockMax) throw new CorruptData(`LZ4 block at compressed byte ${q.consumed} is larger than the frame's block size`)
    const total = 4 + size + (this.blockChecksum ? 4 : 0)
    if (q.length < total) return this.final ? this.cutOff('an LZ4 block') : false
    q.skip(4)
    const data = q.take(size)
    if (this.blockChecksum) q.skip(4)
    let out: Uint8Array
    if (word & 0x80000000) out = data.slice()
    else {
      const history = this.independent ? new Uint8Array(0) : this.history
      const work = new Uint8Array(history.length + this.blockMax)
      work.set(history)
      const end = decodeBlock(data, work, history.length)
      out = work.slice(history.length, end)
      if (!this.independent) this.history = work.slice(Math.max(0, end - HISTORY), end)
    }
    if (!this.independent && word & 0x80000000) {
      const joined = new Uint8Array(Math.min(HISTORY, this.history.length + out.length))
      const keep = joined.length - Math.min(out.length, joined.length)
      joined.set(this.history.subarray(this.history.length - keep))
      joined.set(out.subarray(out.length - (joined.length - keep)), keep)
      this.history = joined
    }
    this.emit(out)
    return true
  }
}

export const lz4: CodecFactory = (emit) => new Lz4(emit)
