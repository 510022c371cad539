// .lzma ("alone", lzma.FORMAT_ALONE) streams, zip method 14 members, and the file-level reader for
// .xz / .lzma files as Python reads them (lzma.open, joblib): one stream after another, each new
// one detected as FORMAT_AUTO does (xz magic, or an .lzma header liblzma accepts), xz stream
// padding skipped, anything else after the first stream ignored as trailing data.
import { CorruptData, QueuedCodec, type CodecFactory } from './codec.js'
import { LzmaDecoder, MAX_SYMBOL_INPUT, decodePropsByte, type LzmaProps, type RunResult } from './lzma-core.js'
import { XZ_MAGIC, XzStream, type StepResult, type SubStream } from './xz.js'

const ALONE_HEADER = 13
const UNKNOWN_SIZE = -1

interface LzmaHeader {
  props: LzmaProps
  dictSize: number
  /** Uncompressed size, or UNKNOWN_SIZE (then the stream ends with the end marker). */
  size: number
}

/**
 * The 13-byte .lzma header. `picky`: liblzma's FORMAT_AUTO checks (dictionary 2^n or 2^n + 2^(n-1),
 * known sizes below 2^38), which decide whether trailing bytes are another stream.
 */
function aloneHeader(h: Uint8Array, picky: boolean): LzmaHeader | undefined {
  const props = decodePropsByte(h[0])
  if (props === undefined || props.lc + props.lp > 4) return undefined
  const dictSize = (h[1] | (h[2] << 8) | (h[3] << 16) | (h[4] << 24)) >>> 0
  const low = (h[5] | (h[6] << 8) | (h[7] << 16) | (h[8] << 24)) >>> 0
  const high = (h[9] | (h[10] << 8) | (h[11] << 16) | (h[12] << 24)) >>> 0
  const unknown = low === 0xffffffff && high === 0xffffffff
  if (picky) {
    let d = (dictSize - 1) >>> 0
    for (const shift of [2, 3, 4, 8, 16]) d = (d | (d >>> shift)) >>> 0
    if (((d + 1) >>> 0) !== dictSize) return undefined
    if (!unknown && high >= 1 << 6) return undefined
  }
  return { props, dictSize, size: unknown ? UNKNOWN_SIZE : high * 2 ** 32 + low }
}

/** Raw LZMA1 data after its header: streamed with MAX_SYMBOL_INPUT bytes kept in hand. */
class Lzma1Stream implements SubStream {
  private readonly lz: LzmaDecoder
  private started = false

  constructor(
    private readonly io: QueuedCodec,
    private readonly header: LzmaHeader
  ) {
    this.lz = new LzmaDecoder(header.dictSize, io.emit)
    this.lz.setProps(header.props)
  }

  step(): StepResult {
    const { q } = this.io
    if (!this.started) {
      if (q.length < 5) return this.io.final ? this.io.cutOff('the LZMA data') : 'input'
      this.lz.initRange(q.take(5), 0)
      this.started = true
    }
    const { size } = this.header
    for (;;) {
      if (size !== UNKNOWN_SIZE && this.lz.produced >= size) return 'end'
      if (this.io.room <= 0) return 'room'
      const margin = this.io.final ? 0 : MAX_SYMBOL_INPUT
      if (q.length < margin) return 'input'
      const bytes = q.peek(q.length)
      const limit = Math.min(this.io.room, size === UNKNOWN_SIZE ? Infinity : size - this.lz.produced)
      let run: RunResult
      try {
        run = this.lz.run(bytes, 0, bytes.length, margin, limit)
      } finally {
        this.lz.flush() // what was decoded before a fault has reached the loader too
      }
      q.skip(run.pos)
      if (run.marker) {
        if (!this.lz.finished) throw new CorruptData('LZMA end marker is not at the end of the range-coded data')
        return 'end'
      }
    }
  }
}

/** .xz / .lzma files: streams one after another, as Python's DecompressReader reads them. */
class LzmaFile extends QueuedCodec {
  private current: SubStream | undefined
  private streams = 0
  private ignoring = false

  protected decode(): boolean {
    for (;;) {
      if (this.ignoring) {
        this.q.skip(this.q.length)
        return false
      }
      if (this.current === undefined) {
        const next = this.nextStream()
        if (next === 'input') return false
        this.current = next
      }
      const r = this.current.step()
      if (r === 'input') return false
      if (r === 'room') return true
      this.current = undefined
      this.streams++
    }
  }

  /** The stream starting here; after the first one, bytes that start none are ignored as trailing data. */
  private nextStream(): SubStream | 'input' {
    const { q } = this
    for (;;) {
      const first = this.streams === 0
      if (q.length < ALONE_HEADER && !this.final) return 'input'
      if (q.length === 0 && !first) {
        this.ignoring = true
        return 'input'
      }
      const head = q.peek(Math.min(q.length, ALONE_HEADER))
      if (head.length >= XZ_MAGIC.length && XZ_MAGIC.every((b, i) => head[i] === b)) return new XzStream(this)
      const alone = head.length === ALONE_HEADER ? aloneHeader(head, !first) : undefined
      if (alone !== undefined) {
        q.skip(ALONE_HEADER)
        return new Lzma1Stream(this, alone)
      }
      if (first) throw new CorruptData('the data is neither an xz stream nor an .lzma header')
      // xz stream padding: groups of four zero bytes between streams.
      if (head.length >= 4 && head[0] === 0 && head[1] === 0 && head[2] === 0 && head[3] === 0) {
        q.skip(4)
        continue
      }
      this.ignoring = true
      return 'input'
    }
  }
}

/** Zip method 14: version (2 bytes), properties size (2 bytes, 5), LZMA properties, raw LZMA1 data. */
class ZipLzma extends QueuedCodec {
  private stream: Lzma1Stream | undefined
  private ended = false

  protected decode(): boolean {
    if (this.ended) return false
    if (this.stream === undefined) {
      if (this.q.length < 9) return this.final ? this.cutOff('the zip LZMA header') : false
      const h = this.q.take(9)
      const propsSize = h[2] | (h[3] << 8)
      const props = decodePropsByte(h[4])
      if (propsSize !== 5 || props === undefined || props.lc + props.lp > 4) throw new CorruptData('the zip LZMA header is invalid')
      const dictSize = (h[5] | (h[6] << 8) | (h[7] << 16) | (h[8] << 24)) >>> 0
      this.stream = new Lzma1Stream(this, { props, dictSize, size: UNKNOWN_SIZE })
    }
    const r = this.stream.step()
    this.ended = r === 'end'
    return r === 'room'
  }
}

export const lzmaFile: CodecFactory = (emit) => new LzmaFile(emit)
export const zipLzma: CodecFactory = (emit) => new ZipLzma(emit)
