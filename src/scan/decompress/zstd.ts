// Zstandard (.zst; zip method 93 in Python 3.14): fzstd decodes, this module walks the frames
// around it. The walk reads each frame header (refusing, as libzstd does by default, windows over
// 128 MiB, which fzstd would otherwise allocate up front, and frames that need a dictionary),
// skips skippable frames, and hands fzstd one whole block at a time (≤ 128 KiB out), so a push
// pauses once it has produced OUTPUT_PER_PUSH. Frames follow one another until the input ends;
// after the first, bytes that start no frame are ignored (Python's reader does the same).
import { Decompress } from 'fzstd'
import { CorruptData, type CodecFactory, type Emit } from './codec.js'
import { FramedCodec } from './frames.js'

const ZSTD_MAGIC = 0xfd2fb528
/** ZSTD_WINDOWLOG_LIMIT_DEFAULT: the largest window libzstd decodes unless told otherwise. */
const MAX_WINDOW = 2 ** 27

type State = 'frame' | 'block' | 'checksum' | 'skip' | 'trailing'


class Zstd extends FramedCodec {
  private readonly inner: Decompress
  private state: State = 'frame'
  private checksum = false
  private flushed = false

  constructor(emit: Emit) {
    super(emit, 'a zstd', ZSTD_MAGIC)
    this.inner = new Decompress((chunk) => this.emit(chunk))
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
          if (q.length === 0 && this.final) return this.finish()
          if (q.length < 8 && !this.final) return false
          if (!this.frameHeader()) return false
          break
        case 'block': {
          if (this.room <= 0) return true
          if (q.length < 3) return this.final ? this.cutOff('a zstd block') : false
          const h = q.peek(3)
          const header = h[0] | (h[1] << 8) | (h[2] << 16)
          const type = (header >> 1) & 3
          if (type === 3) throw new CorruptData(`zstd block at compressed byte ${q.consumed} has the reserved type`)
          const size = 3 + (type === 1 ? 1 : header >>> 3)
          if (q.length < size) return this.final ? this.cutOff('a zstd block') : false
          this.feed(q.take(size))
          if (header & 1) this.state = this.checksum ? 'checksum' : 'frame'
          break
        }
        case 'checksum':
          if (q.length < 4) return this.final ? this.cutOff('a zstd frame checksum') : false
          this.feed(q.take(4))
          this.state = 'frame'
          break
      }
    }
  }

  /** Reads a frame header (or a skippable frame's); false when more input is needed. */
  private frameHeader(): boolean {
    const { q } = this
    const head = this.frameAt(14)
    if (head === 'need') return false
    if (!(head instanceof Uint8Array)) {
      this.state = head
      return true
    }
    const fhd = head[4]
    const single = (fhd >> 5) & 1
    const dictBytes = [0, 1, 2, 4][fhd & 3]
    const sizeBytes = [single, 2, 4, 8][fhd >> 6]
    const length = 5 + (single ? 0 : 1) + dictBytes + sizeBytes
    if (q.length < length) return this.final ? this.cutOff('a zstd frame header') : false
    if (fhd & 0x08) throw new CorruptData(`zstd frame header at compressed byte ${q.consumed} has the reserved bit set`)
    const at = 5 + (single ? 0 : 1)
    let dictId = 0
    for (let i = dictBytes - 1; i >= 0; i--) dictId = dictId * 256 + head[at + i]
    if (dictId !== 0) throw new CorruptData(`zstd frame at compressed byte ${q.consumed} needs dictionary ${dictId}, which the loader does not have either`)
    let window: number
    if (single) {
      window = 0
      for (let i = sizeBytes - 1; i >= 0; i--) window = window * 256 + head[at + dictBytes + i]
      if (sizeBytes === 2) window += 256
    } else {
      const base = 2 ** (10 + (head[5] >> 3))
      window = base + (base / 8) * (head[5] & 7)
    }
    if (window > MAX_WINDOW) throw new CorruptData(`zstd frame at compressed byte ${q.consumed} needs a ${window}-byte window, over the 128 MiB zstd decodes by default`)
    this.checksum = ((fhd >> 2) & 1) === 1
    this.feed(q.take(length))
    this.frames++
    this.state = 'block'
    return true
  }

  private feed(bytes: Uint8Array): void {
    try {
      this.inner.push(bytes, false)
    } catch (err) {
      throw new CorruptData(`zstd data at compressed byte ${this.q.consumed} is invalid (${err instanceof Error ? err.message : String(err)})`)
    }
  }

  /** End of input between frames: fzstd still holds a short frame's bytes until told the input ended. */
  private finish(): boolean {
    if (!this.flushed) {
      this.flushed = true
      try {
        this.inner.push(new Uint8Array(0), true)
      } catch (err) {
        throw new CorruptData(`zstd data is invalid at its end (${err instanceof Error ? err.message : String(err)})`)
      }
    }
    return false
  }
}

export const zstd: CodecFactory = (emit) => new Zstd(emit)
