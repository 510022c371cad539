// A streaming protobuf wire-format reader on positioned reads (protobuf C++ parsing rules).
// It yields the fields of one message within a bounded byte range; length-delimited payloads
// are handed out as ranges, so callers descend into sub-messages (`sub`) or skip tensor data
// by length without reading it. Structural errors the C++ parser rejects throw ProtoError:
// a truncated field, a varint over 10 bytes, a length past the enclosing message, a tag over
// 32 bits, wire types 6/7, an end-group tag without its start, and field number 0 (C++
// refuses the message; Python's protobuf silently stops there, so the loaders disagree on
// what follows). Groups (wire type 3) are skipped to their end-group tag, as protobuf keeps
// them as unknown fields. A known field number with an unexpected wire type is NOT an error:
// protobuf keeps it as an unknown field, so callers just ignore fields of another wire type.
import type { ByteWindow } from './window.js'

export const WIRE = { varint: 0, fixed64: 1, len: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const

export interface Range {
  offset: number
  length: number
}

export type ProtoField =
  | { number: number; offset: number; wire: typeof WIRE.varint; value: bigint }
  | { number: number; offset: number; wire: typeof WIRE.fixed64 | typeof WIRE.fixed32; value: Range }
  | { number: number; offset: number; wire: typeof WIRE.len; value: Range }
  /** A group: its fields up to the end-group tag (not read further). */
  | { number: number; offset: number; wire: typeof WIRE.startGroup; value: Range }

/** Wire data protobuf refuses to parse; `offset` is where the bad field or varint starts. */
export class ProtoError extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

const MAX_VARINT = 10
/** protobuf reads lengths as int32. */
const MAX_LENGTH = 2 ** 31 - 1
/** protobuf's default recursion limit, which nested groups count against. */
const MAX_GROUP_DEPTH = 100

/** The most bytes one field's tag, length or value varint take: what `next` loads before decoding. */
const FIELD_HEAD = 2 * MAX_VARINT

export class ProtoReader {
  private pos: number

  constructor(
    private readonly window: ByteWindow,
    readonly start: number,
    readonly end: number
  ) {
    this.pos = start
  }

  /** The whole source as one message. */
  static of(window: ByteWindow): ProtoReader {
    return new ProtoReader(window, 0, window.size)
  }

  /** The reader of a length-delimited payload (a sub-message). */
  sub(range: Range): ProtoReader {
    return new ProtoReader(this.window, range.offset, range.offset + range.length)
  }

  /** A payload's bytes when it is at most `max` bytes long, else its first `max` bytes. */
  async bytes(range: Range, max: number): Promise<Uint8Array> {
    return this.window.at(range.offset, Math.min(range.length, max))
  }

  /** The next field, or undefined at the end of the range. */
  async next(): Promise<ProtoField | undefined> {
    if (this.pos >= this.end) return undefined
    await this.load()
    const offset = this.pos
    const { number, wire } = this.tag()
    switch (wire) {
      case WIRE.varint:
        return { number, offset, wire, value: this.value(`field ${number}`) }
      case WIRE.fixed64:
      case WIRE.fixed32:
        return { number, offset, wire, value: this.skip(wire === WIRE.fixed64 ? 8 : 4, number, offset) }
      case WIRE.len:
        return { number, offset, wire, value: this.skip(this.length(number, offset), number, offset) }
      case WIRE.startGroup:
        return { number, offset, wire, value: await this.group(number, offset) }
      case WIRE.endGroup:
        throw new ProtoError(`an end-group tag (field ${number}) closes no group: protobuf C++ refuses the model, Python's protobuf ignores what follows`, offset)
      default:
        throw new ProtoError(`field ${number} has the invalid wire type ${wire}`, offset)
    }
  }

  /** Makes the next field's varints (tag, then length or value) decodable without a read. */
  private load(): Promise<void> {
    return this.window.ensure(this.pos, Math.min(FIELD_HEAD, this.end - this.pos))
  }

  private tag(): { number: number; wire: number } {
    const offset = this.pos
    const tag = this.varint('tag')
    if (tag > 0xffffffff) throw new ProtoError(`the field tag ${this.decimal(offset)} does not fit in 32 bits`, offset)
    const number = Math.floor(tag / 8)
    if (number === 0) throw new ProtoError("a field has number 0: protobuf C++ refuses the model, Python's protobuf ignores what follows", offset)
    return { number, wire: tag % 8 }
  }

  /** Skips a group (and the groups nested in it) past its end-group tag; the range covers its fields. */
  private async group(number: number, offset: number): Promise<Range> {
    const start = this.pos
    const open = [number]
    for (;;) {
      if (this.pos >= this.end) throw new ProtoError(`the group of field ${number} has no end-group tag before the end of its message`, offset)
      await this.load()
      const at = this.pos
      const inner = this.tag()
      if (inner.wire === WIRE.endGroup) {
        if (inner.number !== open.pop()) throw new ProtoError(`an end-group tag (field ${inner.number}) does not match its group`, at)
        if (open.length === 0) return { offset: start, length: at - start }
      } else if (inner.wire === WIRE.startGroup) {
        if (open.push(inner.number) > MAX_GROUP_DEPTH) throw new ProtoError(`groups are nested deeper than protobuf's recursion limit of ${MAX_GROUP_DEPTH}`, at)
      } else if (inner.wire === WIRE.varint) this.varint(`field ${inner.number}`)
      else if (inner.wire === WIRE.fixed64 || inner.wire === WIRE.fixed32) this.skip(inner.wire === WIRE.fixed64 ? 8 : 4, inner.number, at)
      else if (inner.wire === WIRE.len) this.skip(this.length(inner.number, at), inner.number, at)
      else throw new ProtoError(`field ${inner.number} has the invalid wire type ${inner.wire}`, at)
    }
  }

  private length(number: number, offset: number): number {
    const at = this.pos
    const length = this.varint(`the length of field ${number}`)
    if (length > MAX_LENGTH) throw new ProtoError(`field ${number} claims ${this.decimal(at)} bytes, over protobuf's 2 GiB limit`, offset)
    return length
  }

  private skip(length: number, number: number, offset: number): Range {
    const at = this.pos
    if (length > this.end - at) {
      throw new ProtoError(`field ${number} needs ${length} bytes but its message has ${this.end - at} left (truncated or overrunning length)`, offset)
    }
    this.pos = at + length
    return { offset: at, length }
  }

  /**
   * Decodes the varint at `pos` from the loaded window and moves past it. Exact up to 2^53
   * (tags and lengths are checked against smaller limits); `value` gives the exact 64 bits.
   */
  private varint(what: string): number {
    const at = this.pos
    const { bytes, start } = this.window
    const available = Math.min(MAX_VARINT, this.end - at)
    let value = 0
    for (let i = 0; i < available; i++) {
      const byte = bytes[at - start + i]
      value += (byte & 0x7f) * 2 ** (7 * i)
      if (byte < 0x80) {
        this.pos = at + i + 1
        return value
      }
    }
    if (available === MAX_VARINT) throw new ProtoError(`the varint of ${what} is longer than 10 bytes`, at)
    throw new ProtoError(`the varint of ${what} runs past the end of its message (truncated)`, at)
  }

  /** A varint field's value: the low 64 bits, as protobuf keeps them. */
  private value(what: string): bigint {
    const at = this.pos
    const approximate = this.varint(what)
    return approximate <= Number.MAX_SAFE_INTEGER ? BigInt(approximate) : this.exact(at, this.pos)
  }

  private exact(from: number, to: number): bigint {
    let value = 0n
    for (let i = to - 1; i >= from; i--) value = (value << 7n) | BigInt(this.window.bytes[i - this.window.start] & 0x7f)
    return BigInt.asUintN(64, value)
  }

  /** The exact decimal of the varint at `at` (for messages). */
  private decimal(at: number): string {
    let end = at
    while (this.window.bytes[end - this.window.start] >= 0x80) end++
    return this.exact(at, end + 1).toString()
  }
}
