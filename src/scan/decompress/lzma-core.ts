// The LZMA decoder (range coder, literal/match model and dictionary) that .lzma, zip method 14
// and LZMA2 (xz, 7z) share, written after the LZMA SDK's reference decoder (LzmaSpec.cpp).
//
// It decodes whole symbols (a literal or a match) from a contiguous buffer and stops between two
// of them, so it can resume on the next input piece without saving mid-symbol state: one symbol
// reads at most MAX_SYMBOL_INPUT bytes, so the streaming caller keeps that many bytes in hand (or
// has all input). Output is written to the dictionary window and handed out by `flush`; the
// window grows with the output up to the declared dictionary size, so a large declared
// dictionary costs memory only as data is actually produced.
import { CorruptData, type Emit } from './codec.js'

/** Input bytes one symbol can consume: one per decoded bit at most (about 50), rounded up. */
export const MAX_SYMBOL_INPUT = 64

const PROB_INIT = 1024
const STATES = 12
const POS_STATES_MAX = 16
const MATCH_MIN_LEN = 2
const END_MARKER = 0xffffffff
const FIRST_WINDOW = 1 << 20

export interface LzmaProps {
  lc: number
  lp: number
  pb: number
}

/** The properties byte (lc + lp*9 + pb*45); undefined when out of range. */
export function decodePropsByte(byte: number): LzmaProps | undefined {
  if (byte >= 9 * 5 * 5) return undefined
  return { lc: byte % 9, lp: Math.floor(byte / 9) % 5, pb: Math.floor(byte / 45) }
}

/** Outcome of `run`: where it stopped in the buffer and why. */
export interface RunResult {
  pos: number
  /** The end-of-payload marker was decoded. */
  marker: boolean
}

class Window {
  buf: Uint8Array
  pos = 0
  /** Bytes written since the last reset. */
  total = 0
  private flushed = 0

  constructor(
    readonly size: number,
    private readonly emit: Emit
  ) {
    this.buf = new Uint8Array(Math.min(size, FIRST_WINDOW))
  }

  reset(): void {
    this.flush()
    this.pos = this.flushed = this.total = 0
  }

  put(b: number): void {
    if (this.pos === this.buf.length) this.makeRoom()
    this.buf[this.pos++] = b
    this.total++
  }

  /** The byte `dist` (≥ 1) positions back. */
  back(dist: number): number {
    const i = this.pos - dist
    return this.buf[i < 0 ? i + this.buf.length : i]
  }

  copy(dist: number, len: number): void {
    for (let i = 0; i < len; i++) this.put(this.back(dist))
  }

  putBytes(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) this.put(bytes[i])
  }

  /** Distance `dist` (≥ 1) reaches a byte this window holds. */
  reaches(dist: number): boolean {
    return dist <= this.total && dist <= this.size
  }

  flush(): void {
    if (this.pos > this.flushed) this.emit(this.buf.slice(this.flushed, this.pos))
    this.flushed = this.pos
  }

  private makeRoom(): void {
    this.flush()
    if (this.buf.length < this.size) {
      const bigger = new Uint8Array(Math.min(this.size, this.buf.length * 2))
      bigger.set(this.buf)
      this.buf = bigger
    } else this.pos = this.flushed = 0
  }
}

export class LzmaDecoder {
  private readonly window: Window
  private lc = 0
  private lp = 0
  private pb = 0
  private probs = {
    literal: new Uint16Array(0),
    isMatch: new Uint16Array(STATES * POS_STATES_MAX),
    isRep: new Uint16Array(STATES),
    isRepG0: new Uint16Array(STATES),
    isRepG1: new Uint16Array(STATES),
    isRepG2: new Uint16Array(STATES),
    isRep0Long: new Uint16Array(STATES * POS_STATES_MAX),
    posSlot: new Uint16Array(4 * 64),
    pos: new Uint16Array(115),
    align: new Uint16Array(16),
    len: new Uint16Array(514),
    repLen: new Uint16Array(514)
  }
  private state = 0
  private reps = [0, 0, 0, 0]
  private range = 0
  private code = 0
  private buf: Uint8Array = new Uint8Array(0)
  private at = 0
  private end = 0

  constructor(dictSize: number, emit: Emit) {
    this.window = new Window(Math.max(dictSize, 4096), emit)
  }

  /** New lc/lp/pb (and a state reset). */
  setProps({ lc, lp, pb }: LzmaProps): void {
    this.lc = lc
    this.lp = lp
    this.pb = pb
    this.probs.literal = new Uint16Array(0x300 << (lc + lp))
    this.resetState()
  }

  resetState(): void {
    for (const p of Object.values(this.probs)) p.fill(PROB_INIT)
    this.state = 0
    this.reps = [0, 0, 0, 0]
  }

  resetDict(): void {
    this.window.reset()
  }

  /** Bytes written to the dictionary since its last reset. */
  get produced(): number {
    return this.window.total
  }

  /** Uncompressed data (LZMA2 stored chunks) goes through the dictionary too. */
  putBytes(bytes: Uint8Array): void {
    this.window.putBytes(bytes)
  }

  flush(): void {
    this.window.flush()
  }

  /** Starts the range decoder on the 5 bytes at `pos`; returns the position after them. */
  initRange(buf: Uint8Array, pos: number): number {
    if (buf[pos] !== 0) throw new CorruptData('LZMA range coder does not start with a zero byte')
    this.code = ((buf[pos + 1] << 24) | (buf[pos + 2] << 16) | (buf[pos + 3] << 8) | buf[pos + 4]) >>> 0
    this.range = END_MARKER
    if (this.code === this.range) throw new CorruptData('LZMA range coder state is invalid')
    return pos + 5
  }

  /**
   * Decodes symbols from buf[pos..end) until `limit` more bytes were produced, the end marker,
   * or fewer than `margin` bytes are left (0: all input is here, reading past it throws).
   */
  run(buf: Uint8Array, pos: number, end: number, margin: number, limit: number): RunResult {
    this.buf = buf
    this.at = pos
    this.end = end
    const stop = this.window.total + limit
    let marker = false
    // With all input here (margin 0) the last symbols may need no further byte: run until the limit.
    while (this.window.total < stop && (margin === 0 || end - this.at >= margin)) {
      if (this.symbol(stop - this.window.total)) {
        marker = true
        break
      }
    }
    return { pos: this.at, marker }
  }

  /** True when the range decoder's state says its stream ended cleanly here. */
  get finished(): boolean {
    return this.code === 0
  }

  private byte(): number {
    if (this.at >= this.end) throw new CorruptData('LZMA data is cut off')
    return this.buf[this.at++]
  }

  private bit(probs: Uint16Array, i: number): number {
    const p = probs[i]
    const bound = (this.range >>> 11) * p
    let b: number
    if (this.code < bound) {
      this.range = bound
      probs[i] = p + ((2048 - p) >>> 5)
      b = 0
    } else {
      this.range -= bound
      this.code -= bound
      probs[i] = p - (p >>> 5)
      b = 1
    }
    if (this.range < 0x1000000) {
      this.range *= 256
      this.code = this.code * 256 + this.byte()
    }
    return b
  }

  private direct(count: number): number {
    let result = 0
    for (let i = 0; i < count; i++) {
      this.range = this.range >>> 1
      let b = 0
      if (this.code >= this.range) {
        this.code -= this.range
        b = 1
      }
      result = result * 2 + b
      if (this.range < 0x1000000) {
        this.range *= 256
        this.code = this.code * 256 + this.byte()
      }
    }
    return result
  }

  private tree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1
    for (let i = 0; i < bits; i++) m = (m << 1) + this.bit(probs, base + m)
    return m - (1 << bits)
  }

  private reverseTree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1
    let symbol = 0
    for (let i = 0; i < bits; i++) {
      const b = this.bit(probs, base + m)
      m = (m << 1) + b
      symbol |= b << i
    }
    return symbol
  }

  /** Length decoder layout: choice 0, choice2 1, low 2 + posState*8, mid 130 + posState*8, high 258. */
  private length(probs: Uint16Array, posState: number): number {
    if (this.bit(probs, 0) === 0) return this.tree(probs, 2 + posState * 8, 3)
    if (this.bit(probs, 1) === 0) return 8 + this.tree(probs, 130 + posState * 8, 3)
    return 16 + this.tree(probs, 258, 8)
  }

  private distance(len: number): number {
    const slot = this.tree(this.probs.posSlot, Math.min(len, 3) * 64, 6)
    if (slot < 4) return slot
    const directBits = (slot >>> 1) - 1
    const dist = (2 | (slot & 1)) * 2 ** directBits
    if (slot < 14) return dist + this.reverseTree(this.probs.pos, dist - slot, directBits)
    return dist + this.direct(directBits - 4) * 16 + this.reverseTree(this.probs.align, 0, 4)
  }

  private literal(): void {
    const w = this.window
    const prev = w.total > 0 ? w.back(1) : 0
    const litState = ((w.total & ((1 << this.lp) - 1)) << this.lc) + (prev >>> (8 - this.lc))
    const base = 0x300 * litState
    const probs = this.probs.literal
    let symbol = 1
    if (this.state >= 7) {
      let matchByte = w.back(this.reps[0] + 1)
      do {
        const matchBit = (matchByte >>> 7) & 1
        matchByte <<= 1
        const b = this.bit(probs, base + ((1 + matchBit) << 8) + symbol)
        symbol = (symbol << 1) | b
        if (matchBit !== b) break
      } while (symbol < 0x100)
    }
    while (symbol < 0x100) symbol = (symbol << 1) | this.bit(probs, base + symbol)
    w.put(symbol - 0x100)
    this.state = this.state < 4 ? 0 : this.state < 10 ? this.state - 3 : this.state - 6
  }

  /** One literal or match; true for the end marker. `room`: bytes the caller still accepts. */
  private symbol(room: number): boolean {
    const w = this.window
    const p = this.probs
    const posState = w.total & ((1 << this.pb) - 1)
    const s = this.state
    if (this.bit(p.isMatch, (s << 4) + posState) === 0) {
      this.literal()
      return false
    }
    let len: number
    if (this.bit(p.isRep, s) === 1) {
      if (w.total === 0) throw new CorruptData('LZMA repeated match before any data')
      if (this.bit(p.isRepG0, s) === 0) {
        if (this.bit(p.isRep0Long, (s << 4) + posState) === 0) {
          this.state = s < 7 ? 9 : 11
          w.put(w.back(this.reps[0] + 1))
          return false
        }
      } else {
        let dist: number
        if (this.bit(p.isRepG1, s) === 0) dist = this.reps[1]
        else {
          if (this.bit(p.isRepG2, s) === 0) dist = this.reps[2]
          else {
            dist = this.reps[3]
            this.reps[3] = this.reps[2]
          }
          this.reps[2] = this.reps[1]
        }
        this.reps[1] = this.reps[0]
        this.reps[0] = dist
      }
      len = this.length(p.repLen, posState)
      this.state = s < 7 ? 8 : 11
    } else {
      this.reps[3] = this.reps[2]
      this.reps[2] = this.reps[1]
      this.reps[1] = this.reps[0]
      len = this.length(p.len, posState)
      this.state = s < 7 ? 7 : 10
      this.reps[0] = this.distance(len)
      if (this.reps[0] === END_MARKER) return true
    }
    len += MATCH_MIN_LEN
    const dist = this.reps[0] + 1
    if (!w.reaches(dist)) throw new CorruptData(`LZMA match distance ${dist} reaches before the start of the data`)
    w.copy(dist, Math.min(len, room))
    if (len > room) throw new CorruptData('LZMA match runs past the declared size')
    return false
  }
}
