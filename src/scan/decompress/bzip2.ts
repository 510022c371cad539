// bzip2 (.bz2 files as Python's bz2 module reads them: streams one after another; zip method 12:
// one stream). Blocks are decoded by unbzip2-stream's block decoder (micro-bunzip lineage), one
// whole block at a time: the codec waits until MAX_BLOCK_INPUT bytes (more than any block can
// take) are in hand, or the input has ended. A block yields at most ~46 MB (900 kB of BWT data
// with maximal run lengths), so that is the bound of one push.
import bzip2 from 'unbzip2-stream/lib/bzip2.js'
import { CorruptData, QueuedCodec, type CodecFactory, type Emit } from './codec.js'

/**
 * Input one block can read, whether valid or not: 32767 selectors × 50 symbols × 20-bit codes,
 * plus the tables, is about 4.1 MB.
 */
const MAX_BLOCK_INPUT = 5 << 20
const OUT_PIECE = 64 * 1024
const MAGIC = [0x42, 0x5a, 0x68] // "BZh"

class OutOfInput extends Error {}

/** unbzip2-stream's bit reader contract over the queue's bytes: bits(n) MSB first, bits(null) aligns. */
class BitReader {
  private pieces: Uint8Array[]
  private piece = 0
  private pos: number
  /** Whole bytes left behind (counted from the queue's read position). */
  bytes = 0

  constructor(
    queuePieces: Uint8Array[],
    /** Bits of the first byte already read by the previous block. */
    public bit: number
  ) {
    this.pieces = queuePieces
    this.pos = 0
  }

  read = (n: number | null): number => {
    if (n === null) {
      if (this.bit !== 0) this.advance()
      return 0
    }
    let result = 0
    while (n > 0) {
      const cur = this.current()
      const left = 8 - this.bit
      if (n >= left) {
        result = (result << left) | (cur & ((1 << left) - 1))
        this.advance()
        n -= left
      } else {
        result = (result << n) | ((cur >> (left - n)) & ((1 << n) - 1))
        this.bit += n
        n = 0
      }
    }
    return result
  }

  private current(): number {
    while (this.piece < this.pieces.length && this.pos >= this.pieces[this.piece].length) {
      this.piece++
      this.pos = 0
    }
    if (this.piece >= this.pieces.length) throw new OutOfInput()
    return this.pieces[this.piece][this.pos]
  }

  private advance(): void {
    this.pos++
    this.bytes++
    this.bit = 0
  }
}

class Bzip2 extends QueuedCodec {
  private level = 0
  private streamCrc = 0
  private bit = 0
  private blocks = 0
  private streams = 0
  private buf = new Int32Array(0)
  private done = false
  private readonly outBuf = new Uint8Array(OUT_PIECE)
  private outLen = 0

  constructor(
    emit: Emit,
    private readonly multiStream: boolean
  ) {
    super(emit)
  }

  protected decode(): boolean {
    for (;;) {
      if (this.done) {
        this.q.skip(this.q.length)
        return false
      }
      if (this.level === 0 && !this.startStream()) return false
      if (this.level === 0) continue
      if (this.q.length < MAX_BLOCK_INPUT && !this.final) return false
      if (this.room <= 0) return true
      this.block()
    }
  }

  /** A stream header here (true: started or ended the input, false: wait for input). */
  private startStream(): boolean {
    if (this.q.length < 4 && !this.final) return false
    const h = this.q.peek(Math.min(4, this.q.length))
    const valid = h.length === 4 && MAGIC.every((b, i) => h[i] === b) && h[3] >= 0x31 && h[3] <= 0x39
    if (!valid) {
      // After the first stream, bytes that start none are trailing data Python ignores.
      if (this.streams === 0) throw new CorruptData('bzip2 stream header is invalid')
      this.done = true
      return true
    }
    this.q.skip(4)
    this.level = h[3] - 0x30
    if (this.buf.length !== this.level * 100000) this.buf = new Int32Array(this.level * 100000)
    // Sets up the decoder's (module-level) tables; the magic was checked above.
    bzip2.header(new BitReader([h], 0).read)
    this.streamCrc = 0
    this.bit = 0
    return true
  }

  private block(): void {
    const start = this.q.consumed
    const reader = new BitReader(this.q.pieces(), this.bit)
    let crc: number | null
    try {
      crc = bzip2.decompress(reader.read, this.put, this.buf, this.buf.length, this.streamCrc)
    } catch (err) {
      this.flushOut()
      if (err instanceof OutOfInput) this.cutOff('a bzip2 block')
      const what = err instanceof Error && /crc/i.test(err.message) ? 'does not match its CRC' : 'is invalid'
      throw new CorruptData(`bzip2 block ${this.blocks + 1} (at compressed byte ${start}) ${what}`)
    }
    this.flushOut()
    this.q.skip(reader.bytes)
    this.bit = reader.bit
    if (crc !== null) {
      this.streamCrc = crc
      this.blocks++
      return
    }
    // End of stream (byte-aligned now): another stream may follow.
    this.level = 0
    this.streams++
    if (!this.multiStream) this.done = true
  }

  private readonly put = (byte: number): void => {
    this.outBuf[this.outLen++] = byte
    if (this.outLen === OUT_PIECE) this.flushOut()
  }

  private flushOut(): void {
    if (this.outLen === 0) return
    this.emit(this.outBuf.slice(0, this.outLen))
    this.outLen = 0
  }
}

/** .bz2 files: every stream, trailing non-bzip2 data ignored. */
export const bzip2File: CodecFactory = (emit) => new Bzip2(emit, true)
/** Zip method 12: one stream. */
export const bzip2Member: CodecFactory = (emit) => new Bzip2(emit, false)
