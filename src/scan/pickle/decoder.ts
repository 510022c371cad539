// Opcode decoder: turns bytes into opcodes and argument values exactly as the C
// unpickler reads them. `Decoder.decode` is synchronous over an in-memory buffer and
// reports when it needs more bytes, so the analyzer's hot loop never awaits per opcode;
// `Input` refills that buffer from a chunk stream, and streams oversized payloads
// through without keeping them.
import { Arg, ARG_LAYOUT, Op } from './opcodes.js'
import { ascii, cFloat, cInt, cLong, decimalIndex, latin1, quotedEscape, rawUnicodeEscape, utf8, utf8Prefix } from './text.js'
import { FLOAT, PyBytes, PyLongStr, PyOpaque, type Value } from './values.js'

export const Step = {
  /** One opcode decoded; its fields are set. */
  Op: 0,
  /** The buffer holds too few bytes: refill to `need` bytes from the opcode, then decode again. */
  Need: 1,
  /** Clean end of input at an opcode boundary. */
  End: 2,
  /** The loader cannot go on: invalid opcode, truncated or impossible argument (`fault`). */
  Invalid: 3,
  /** A length-prefixed payload of `num` bytes too large to keep: `next` is its first byte. */
  Large: 4,
  /** A text argument longer than `LINE_MAX` with no newline yet. */
  LongLine: 5
} as const
export type Step = (typeof Step)[keyof typeof Step]

/** Payloads up to this size are decoded whole; larger ones keep `PREFIX` bytes. */
export const INLINE_MAX = 1 << 20
/** Text arguments (one line) longer than this are streamed, keeping `PREFIX` bytes. */
export const LINE_MAX = 1 << 20
/** Bytes kept of an oversized payload: enough to name it and to sniff a nested pickle. */
export const PREFIX = 4096

/** Value of an argument the loader rejects (the opcode's extent is still known). */
const INVALID_ARGUMENT = new PyOpaque('an invalid argument', true)

const TWO_63 = 2 ** 63

export class Decoder {
  /** Opcode byte. */
  code = 0
  /** Buffer index just after the opcode and its argument (after the length header for `Large`). */
  next = 0
  /** Integer argument: u8/u16/i32/u32/u64 value, memo index, payload length for `Large`. */
  num = 0
  /** Constant the opcode pushes (strings, numbers, bytes, ...). */
  value: Value = null
  /** GLOBAL / INST lines. */
  module = ''
  name = ''
  /** GLOBAL / INST names cut short (over `LINE_MAX`): not resolvable. */
  namesTruncated = false
  /** The loader rejects the argument (message); set together with `INVALID_ARGUMENT`. */
  fault: string | null = null
  /** For `Need`: bytes required from the opcode byte. */
  need = 0
  /** Payloads above this size are returned as `Large` (lowered when the analyzer's retention budget is spent). */
  inlineMax = INLINE_MAX

  /**
   * Decodes the opcode at `buf[pos]`. `end` is the end of valid data, `eof` whether
   * more can come, `offset` the stream offset of `buf[pos]` (stamped on bytes values).
   */
  decode(buf: Buffer, pos: number, end: number, eof: boolean, offset: number): Step {
    if (pos >= end) return eof ? Step.End : this.short(1, eof)
    const code = buf[pos]
    this.code = code
    this.fault = null
    const avail = end - pos
    switch (ARG_LAYOUT[code]) {
      case Arg.None:
        this.next = pos + 1
        return Step.Op
      case Arg.U1:
        if (avail < 2) return this.short(2, eof)
        this.num = buf[pos + 1]
        this.next = pos + 2
        return Step.Op
      case Arg.U2:
        if (avail < 3) return this.short(3, eof)
        this.num = buf.readUInt16LE(pos + 1)
        this.next = pos + 3
        return Step.Op
      case Arg.I4:
        if (avail < 5) return this.short(5, eof)
        this.num = buf.readInt32LE(pos + 1)
        this.next = pos + 5
        return Step.Op
      case Arg.U4:
        if (avail < 5) return this.short(5, eof)
        this.num = buf.readUInt32LE(pos + 1)
        this.next = pos + 5
        return Step.Op
      case Arg.U8:
        if (avail < 9) return this.short(9, eof)
        this.num = u64(buf, pos + 1)
        this.next = pos + 9
        return this.num >= TWO_63 ? this.invalid('FRAME length exceeds the maximum') : Step.Op
      case Arg.F8:
        if (avail < 9) return this.short(9, eof)
        this.value = FLOAT
        this.next = pos + 9
        return Step.Op
      case Arg.Line: {
        const nl = buf.indexOf(10, pos + 1)
        if (nl < 0 || nl >= end) return this.shortLine(avail, eof)
        this.next = nl + 1
        this.lineValue(buf, pos + 1, nl)
        return Step.Op
      }
      case Arg.Line2: {
        const nl1 = buf.indexOf(10, pos + 1)
        const nl2 = nl1 < 0 || nl1 >= end ? -1 : buf.indexOf(10, nl1 + 1)
        if (nl2 < 0 || nl2 >= end) return this.shortLine(avail, eof)
        this.next = nl2 + 1
        this.namesTruncated = false
        this.names(buf, pos + 1, nl1, nl2)
        return Step.Op
      }
      case Arg.Len1:
        if (avail < 2) return this.short(2, eof)
        return this.payload(buf, pos, 2, buf[pos + 1], end, eof, offset)
      case Arg.Len4:
        if (avail < 5) return this.short(5, eof)
        return this.payload(buf, pos, 5, buf.readUInt32LE(pos + 1), end, eof, offset)
      case Arg.Len4S: {
        if (avail < 5) return this.short(5, eof)
        const length = buf.readInt32LE(pos + 1)
        if (length < 0) return this.invalid(`${code === Op.LONG4 ? 'LONG pickle' : 'BINSTRING pickle'} has negative byte count`)
        return this.payload(buf, pos, 5, length, end, eof, offset)
      }
      case Arg.Len8: {
        if (avail < 9) return this.short(9, eof)
        const length = u64(buf, pos + 1)
        if (length >= TWO_63) return this.invalid('length exceeds the maximum (OverflowError)')
        return this.payload(buf, pos, 9, length, end, eof, offset)
      }
      default:
        return this.invalid(`invalid load key 0x${code.toString(16).padStart(2, '0')}`)
    }
  }

  /** Builds the value of a `Large` payload from its kept prefix. */
  fromLarge(prefix: Uint8Array, length: number, offset: number): void {
    const code = this.code
    this.fault = null
    if (code === Op.LONG4) this.value = new PyOpaque(`an int of ${length} bytes`)
    else if (code === Op.BINBYTES || code === Op.BINBYTES8 || code === Op.BYTEARRAY8) this.value = new PyBytes(prefix, length, offset, code === Op.BYTEARRAY8)
    else this.value = new PyLongStr(utf8Prefix(prefix), length)
  }

  /** Builds the value of a text argument longer than `LINE_MAX` from the kept prefix of each line. */
  fromLongLines(prefixes: Buffer[], lengths: number[]): void {
    this.fault = null
    switch (this.code) {
      case Op.GLOBAL:
      case Op.INST:
        this.module = latin1(prefixes[0], 0, prefixes[0].length)
        this.name = latin1(prefixes[1], 0, prefixes[1].length)
        this.namesTruncated = true
        return
      case Op.GET:
      case Op.PUT:
        this.setFault(`memo index of ${lengths[0]} digits`)
        return
      case Op.INT:
      case Op.LONG:
      case Op.FLOAT:
        this.value = new PyOpaque(`a number of ${lengths[0]} characters`)
        return
      default:
        this.value = new PyLongStr(latin1(prefixes[0], 0, prefixes[0].length), lengths[0])
    }
  }

  private short(need: number, eof: boolean): Step {
    if (eof) return this.invalid('pickle data was truncated')
    this.need = need
    return Step.Need
  }

  private shortLine(avail: number, eof: boolean): Step {
    if (eof) return this.invalid('pickle data was truncated')
    if (avail > LINE_MAX) return Step.LongLine
    this.need = avail + 1
    return Step.Need
  }

  private invalid(message: string): Step {
    this.fault = message
    return Step.Invalid
  }

  private setFault(message: string): void {
    this.fault = message
    this.value = INVALID_ARGUMENT
  }

  private payload(buf: Buffer, pos: number, header: number, length: number, end: number, eof: boolean, offset: number): Step {
    if (length > this.inlineMax) {
      this.num = length
      this.next = pos + header
      return Step.Large
    }
    const start = pos + header
    if (end - start < length) return this.short(header + length, eof)
    const stop = start + length
    this.next = stop
    switch (this.code) {
      case Op.SHORT_BINUNICODE:
      case Op.BINUNICODE:
      case Op.BINUNICODE8: {
        const text = utf8(buf, start, stop, true)
        if (text === null) this.setFault("'utf-8' codec can't decode the BINUNICODE argument")
        else this.value = text
        break
      }
      case Op.SHORT_BINSTRING:
      case Op.BINSTRING:
        this.value = codecString(buf, start, stop)
        break
      case Op.LONG1:
      case Op.LONG4:
        this.value = littleEndianInt(buf, start, stop)
        break
      default: // BINBYTES, SHORT_BINBYTES, BINBYTES8, BYTEARRAY8: copied (Buffer#slice would be a view), the buffer is reused
        this.value = new PyBytes(Uint8Array.prototype.slice.call(buf, start, stop), length, offset, this.code === Op.BYTEARRAY8)
    }
    return Step.Op
  }

  private lineValue(buf: Buffer, start: number, stop: number): void {
    switch (this.code) {
      case Op.INT: {
        const v = cInt(latin1(buf, start, stop))
        if (v === null) this.setFault('could not convert string to int')
        else this.value = v
        return
      }
      case Op.LONG: {
        const v = cLong(latin1(buf, start, stop))
        if (v === null) this.setFault('could not convert string to int')
        else this.value = v
        return
      }
      case Op.FLOAT: {
        const v = cFloat(latin1(buf, start, stop))
        if (v === null) this.setFault('could not convert string to float')
        else this.value = FLOAT
        return
      }
      case Op.GET:
      case Op.PUT: {
        const v = decimalIndex(latin1(buf, start, stop))
        if (v === null) this.setFault('invalid literal for int() with base 10')
        else if (v < 0 && this.code === Op.PUT) this.setFault('negative PUT argument')
        else this.num = v
        return
      }
      case Op.PERSID: {
        const v = ascii(buf, start, stop)
        if (v === null) this.setFault('persistent IDs in protocol 0 must be ASCII strings')
        else this.value = v
        return
      }
      case Op.STRING: {
        const v = quotedEscape(buf, start, stop)
        if (typeof v === 'string') this.setFault(v)
        else this.value = codecString(Buffer.from(v.buffer, v.byteOffset, v.length), 0, v.length)
        return
      }
      default: {
        // UNICODE
        const v = rawUnicodeEscape(buf, start, stop)
        if (v === null) this.setFault("'rawunicodeescape' codec can't decode the UNICODE argument")
        else this.value = v
      }
    }
  }

  /** GLOBAL lines are strict UTF-8, INST lines strict ASCII; both must be non-empty. */
  private names(buf: Buffer, start: number, nl1: number, nl2: number): void {
    if (nl1 === start || nl2 === nl1 + 1) {
      this.fault = 'pickle data was truncated (empty GLOBAL/INST name)'
      return
    }
    const decode = this.code === Op.GLOBAL ? (s: number, e: number) => utf8(buf, s, e, false) : (s: number, e: number) => ascii(buf, s, e)
    const module = decode(start, nl1)
    const name = decode(nl1 + 1, nl2)
    if (module === null || name === null) {
      this.fault = this.code === Op.GLOBAL ? "'utf-8' codec can't decode the GLOBAL name" : "'ascii' codec can't decode the INST name"
      return
    }
    this.module = module
    this.name = name
  }
}

function u64(buf: Buffer, at: number): number {
  const high = buf.readUInt32LE(at + 4)
  // A small result stays a small integer (not a double): frame ends feed the machine's fast path.
  return high === 0 ? buf.readUInt32LE(at) : high * 2 ** 32 + buf.readUInt32LE(at)
}

/**
 * STRING / BINSTRING text. `pickle.load` decodes ASCII (and fails on other bytes),
 * `torch.load` UTF-8, NumPy's Python 2 compatibility Latin-1: the analyzer accepts
 * what any of them accepts, so a stream is never cut short where some loader goes on.
 */
function codecString(buf: Buffer, start: number, stop: number): string {
  return utf8(buf, start, stop, false) ?? latin1(buf, start, stop)
}

function littleEndianInt(buf: Buffer, start: number, stop: number): number | bigint {
  const n = stop - start
  if (n <= 6) {
    // Fits a double exactly: the common case (LONG1 of a few bytes) without BigInt.
    let small = 0
    for (let i = stop - 1; i >= start; i--) small = small * 256 + buf[i]
    return n > 0 && buf[stop - 1] & 0x80 ? small - 2 ** (8 * n) : small
  }
  let value = 0n
  for (let i = stop - 1; i >= start; i--) value = (value << 8n) | BigInt(buf[i])
  if (buf[stop - 1] & 0x80) value -= 1n << BigInt(8 * n)
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
}
