// A pull tokenizer for the safetensors header with serde_json's acceptance (the
// reference parser is `serde_json::from_str`), over bytes already checked to be UTF-8.
// Not `JSON.parse`: that one hides duplicate keys, turns big integers into lossy
// doubles and accepts numbers serde_json calls out of range.
//
// What it reproduces, byte for byte:
// - whitespace is exactly 20 09 0A 0D (a BOM or NBSP is an error);
// - strings: raw bytes < 0x20 rejected, escapes " \ / b f n r t uXXXX only, a
//   `\uD800`-`\uDBFF` escape must be followed by a `\uDC00`-`\uDFFF` escape and a lone
//   trailing surrogate is rejected; the decoder keeps a leading U+FEFF (ignoreBOM);
// - numbers: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as source text,
//   and "number out of range" exactly where serde_json's default (not
//   `float_roundtrip`) f64 conversion overflows;
// - nesting: serde_json starts `remaining_depth` at 128 and fails when an opening
//   bracket brings it to 0, so 127 nested arrays/objects pass and 128 fail
//   (checked against safetensors 0.8.0);
// - nothing but whitespace may follow the top-level value ("trailing characters").
//
// Keys come back one by one so callers see every duplicate.

/** Deepest nesting of `[`/`{` that serde_json accepts. */
export const MAX_NESTING = 127

export class JsonError extends Error {
  constructor(
    message: string,
    /** Byte offset in the tokenized buffer. */
    readonly offset: number
  ) {
    super(message)
    this.name = 'JsonError'
  }
}

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'true' | 'false' | 'null'

export interface JsonKey {
  name: string
  /** Offset of the key's opening quote. */
  offset: number
  /** The key used at least one escape sequence. */
  escaped: boolean
}

export interface JsonString {
  value: string
  escaped: boolean
}

/** Called by `skipValue` for each repeated key inside the skipped value. */
export type DuplicateKeyHandler = (key: JsonKey, path: readonly string[]) => void

const QUOTE = 0x22
const BACKSLASH = 0x5c
const ESCAPES: Readonly<Record<number, string>> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t'
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * ASCII runs (nearly all names, dtypes and numbers) are copied as latin1, which is
 * far cheaper per call than TextDecoder; anything else goes through the strict decoder.
 */
function decodeSlice(bytes: Buffer, start: number, end: number, ascii: boolean): string {
  return ascii ? bytes.toString('latin1', start, end) : decoder.decode(bytes.subarray(start, end))
}

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39
}

function describeByte(b: number): string {
  return b >= 0x20 && b < 0x7f ? `\`${String.fromCharCode(b)}\`` : `byte 0x${b.toString(16).padStart(2, '0')}`
}

export class JsonReader {
  private pos: number
  /** One entry per open container: has it produced an element yet? */
  private readonly open: boolean[] = []
  /** The same bytes as a Buffer, for its fast latin1 slicing. */
  private readonly text: Buffer

  /** `start` and `outerDepth` as for `moveTo`. */
  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    private outerDepth = 0
  ) {
    this.pos = start
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /**
   * Re-reads from `offset`, a value found by an earlier pass; `outerDepth` containers
   * are open around it and count toward MAX_NESTING. Only between top-level reads.
   */
  moveTo(offset: number, outerDepth: number): void {
    if (this.open.length > 0) throw new Error('JsonReader.moveTo inside an open container')
    this.pos = offset
    this.outerDepth = outerDepth
  }

  get offset(): number {
    return this.pos
  }

  /** Skips JSON whitespace; returns how many bytes were skipped. */
  skipWhitespace(): number {
    const from = this.pos
    while (this.pos < this.bytes.length && isWhitespace(this.bytes[this.pos])) this.pos++
    return this.pos - from
  }

  /** Kind of the value at the cursor (after whitespace); fails where no value can start. */
  peek(): JsonKind {
    this.skipWhitespace()
    if (this.pos >= this.bytes.length) throw this.error('EOF while parsing a value')
    const b = this.bytes[this.pos]
    if (b === 0x7b) return 'object'
    if (b === 0x5b) return 'array'
    if (b === QUOTE) return 'string'
    if (b === 0x2d || isDigit(b)) return 'number'
    if (b === 0x74) return 'true'
    if (b === 0x66) return 'false'
    if (b === 0x6e) return 'null'
    throw this.error(`expected value, found ${describeByte(b)}`)
  }

  enterObject(): void {
    this.enter('object', 0x7b)
  }

  /** Next key of the innermost object, with its `:` consumed; null once `}` is consumed. */
  nextKey(): JsonKey | null {
    return this.scanKey(true)
  }

  /** `nextKey`, optionally without building the key's string (name is then ''). */
  private scanKey(decode: boolean): JsonKey | null {
    if (!this.nextElement(0x7d, 'EOF while parsing an object')) return null
    if (this.bytes[this.pos] !== QUOTE) throw this.error('key must be a string')
    const offset = this.pos
    const { value, escaped } = this.scanString(decode)
    this.skipWhitespace()
    if (this.pos >= this.bytes.length) throw this.error('EOF while parsing an object')
    if (this.bytes[this.pos] !== 0x3a) throw this.error('expected `:`')
    this.pos++
    return { name: value, offset, escaped }
  }

  enterArray(): void {
    this.enter('array', 0x5b)
  }

  /** True when the innermost array has another element at the cursor; false once `]` is consumed. */
  nextItem(): boolean {
    return this.nextElement(0x5d, 'EOF while parsing a list')
  }

  readString(): JsonString {
    this.expectKind('string')
    return this.scanString(true)
  }

  /** The number's source text, after checking serde_json's grammar and f64 range. */
  readNumber(): string {
    this.expectKind('number')
    const start = this.pos
    this.scanNumber()
    return decodeSlice(this.text, start, this.pos, true)
  }

  readLiteral(): true | false | null {
    const kind = this.peek()
    if (kind === 'true') return this.scanIdent('true', true)
    if (kind === 'false') return this.scanIdent('false', false)
    if (kind === 'null') return this.scanIdent('null', null)
    throw this.error(`expected true, false or null, found ${kind}`)
  }

  /** Checks and steps over one value; `onDuplicate` hears about repeated keys at any depth inside it. */
  skipValue(onDuplicate?: DuplicateKeyHandler, path: readonly string[] = []): void {
    const kind = this.peek()
    switch (kind) {
      case 'object': {
        this.enterObject()
        const seen = new Set<string>()
        const decode = onDuplicate !== undefined
        for (let key = this.scanKey(decode); key !== null; key = this.scanKey(decode)) {
          if (onDuplicate) {
            if (seen.has(key.name)) onDuplicate(key, path)
            else seen.add(key.name)
          }
          this.skipValue(onDuplicate, onDuplicate ? [...path, key.name] : path)
        }
        return
      }
      case 'array':
        this.enterArray()
        for (let i = 0; this.nextItem(); i++) this.skipValue(onDuplicate, onDuplicate ? [...path, String(i)] : path)
        return
      case 'string':
        this.scanString(false)
        return
      case 'number':
        this.scanNumber()
        return
      default:
        this.readLiteral()
    }
  }

  /** Only whitespace may follow the top-level value. */
  finish(): void {
    this.skipWhitespace()
    if (this.pos < this.bytes.length) throw this.error('trailing characters')
  }

  private error(message: string, offset = this.pos): JsonError {
    return new JsonError(message, offset)
  }

  private expectKind(kind: JsonKind): void {
    const found = this.peek()
    if (found !== kind) throw this.error(`expected ${kind}, found ${found}`)
  }

  private enter(kind: 'object' | 'array', open: number): void {
    this.skipWhitespace()
    if (this.bytes[this.pos] !== open) throw this.error(`expected ${kind}`)
    if (this.outerDepth + this.open.length + 1 > MAX_NESTING) throw this.error('recursion limit exceeded')
    this.pos++
    this.open.push(false)
  }

  /** Handles the separator before an element: true at an element, false after consuming `close`. */
  private nextElement(close: number, eofMessage: string): boolean {
    const innermost = this.open.length - 1
    this.skipWhitespace()
    if (this.pos >= this.bytes.length) throw this.error(eofMessage)
    const b = this.bytes[this.pos]
    if (b === close) {
      this.pos++
      this.open.pop()
      return false
    }
    if (this.open[innermost]) {
      if (b !== 0x2c) throw this.error(`expected \`,\` or \`${String.fromCharCode(close)}\``)
      this.pos++
      this.skipWhitespace()
      if (this.pos >= this.bytes.length) throw this.error(eofMessage)
      if (this.bytes[this.pos] === close) throw this.error('trailing comma')
    }
    this.open[innermost] = true
    return true
  }

  private scanIdent<T>(word: string, value: T): T {
    for (let i = 0; i < word.length; i++) {
      if (this.pos >= this.bytes.length) throw this.error('EOF while parsing a value')
      if (this.bytes[this.pos] !== word.charCodeAt(i)) throw this.error('expected ident')
      this.pos++
    }
    return value
  }

  /** At the opening quote. Decodes only when asked (`skipValue` just validates). */
  private scanString(decode: boolean): JsonString {
    const bytes = this.bytes
    this.pos++
    let start = this.pos
    let escaped = false
    let ascii = true
    let out = ''
    for (;;) {
      if (this.pos >= bytes.length) throw this.error('EOF while parsing a string')
      const b = bytes[this.pos]
      if (b === QUOTE) {
        if (decode) out += decodeSlice(this.text, start, this.pos, ascii)
        this.pos++
        return { value: out, escaped }
      }
      if (b === BACKSLASH) {
        if (decode) out += decodeSlice(this.text, start, this.pos, ascii)
        this.pos++
        const text = this.scanEscape()
        if (decode) out += text
        escaped = true
        ascii = true
        start = this.pos
        continue
      }
      if (b < 0x20) throw this.error('control character (\\u0000-\\u001F) found while parsing a string')
      if (b >= 0x80) ascii = false
      this.pos++
    }
  }

  /** After the backslash. Returns the decoded text (the caller drops it when not decoding). */
  private scanEscape(): string {
    if (this.pos >= this.bytes.length) throw this.error('EOF while parsing a string')
    const c = this.bytes[this.pos++]
    if (c !== 0x75) {
      const simple = ESCAPES[c]
      if (simple === undefined) throw this.error('invalid escape', this.pos - 1)
      return simple
    }
    const unit = this.scanHex4()
    if (unit >= 0xdc00 && unit <= 0xdfff) throw this.error('lone trailing surrogate in hex escape')
    if (unit < 0xd800 || unit > 0xdbff) return String.fromCharCode(unit)
    if (this.bytes[this.pos] !== BACKSLASH || this.bytes[this.pos + 1] !== 0x75) {
      throw this.error('unexpected end of hex escape (a leading surrogate must be followed by a trailing one)')
    }
    this.pos += 2
    const trail = this.scanHex4()
    if (trail < 0xdc00 || trail > 0xdfff) throw this.error('lone leading surrogate in hex escape')
    return String.fromCharCode(unit, trail)
  }

  private scanHex4(): number {
    if (this.pos + 4 > this.bytes.length) throw this.error('EOF while parsing a string')
    let value = 0
    for (let i = 0; i < 4; i++) {
      const b = this.bytes[this.pos + i]
      const digit = isDigit(b) ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : b >= 0x41 && b <= 0x46 ? b - 0x37 : -1
      if (digit < 0) throw this.error('invalid escape', this.pos + i)
      value = value * 16 + digit
    }
    this.pos += 4
    return value
  }

  private scanNumber(): void {
    const bytes = this.bytes
    const start = this.pos
    if (bytes[this.pos] === 0x2d) this.pos++
    const intStart = this.pos
    if (this.pos >= bytes.length) throw this.error('EOF while parsing a value')
    if (bytes[this.pos] === 0x30) {
      this.pos++
      if (isDigit(bytes[this.pos])) throw this.error('invalid number')
    } else if (isDigit(bytes[this.pos])) {
      while (isDigit(bytes[this.pos])) this.pos++
    } else {
      throw this.error('invalid number')
    }
    const number: NumberParts = { intStart, intEnd: this.pos, fracStart: -1, fracEnd: -1, expNegative: false, expStart: -1, expEnd: -1 }
    if (bytes[this.pos] === 0x2e) {
      this.pos++
      number.fracStart = this.pos
      while (isDigit(bytes[this.pos])) this.pos++
      if (this.pos === number.fracStart) throw this.error(this.pos >= bytes.length ? 'EOF while parsing a value' : 'invalid number')
      number.fracEnd = this.pos
    }
    if (bytes[this.pos] === 0x65 || bytes[this.pos] === 0x45) {
      this.pos++
      if (bytes[this.pos] === 0x2b || bytes[this.pos] === 0x2d) number.expNegative = bytes[this.pos++] === 0x2d
      number.expStart = this.pos
      while (isDigit(bytes[this.pos])) this.pos++
      if (this.pos === number.expStart) throw this.error(this.pos >= bytes.length ? 'EOF while parsing a value' : 'invalid number')
      number.expEnd = this.pos
    }
    if (!serdeNumberInRange(bytes, number)) throw this.error('number out of range', start)
  }
}

interface NumberParts {
  intStart: number
  intEnd: number
  /** -1 when absent. */
  fracStart: number
  fracEnd: number
  expNegative: boolean
  expStart: number
  expEnd: number
}

const U64_MAX = (1n << 64n) - 1n
const I32_MAX = 2 ** 31 - 1
const I32_MIN = -(2 ** 31)

/** Would `value * 10 + digit` exceed `max`? (serde_json's `overflow!` test.) */
function overflowsU64(value: bigint, digit: bigint): boolean {
  return value >= U64_MAX / 10n && (value > U64_MAX / 10n || digit > U64_MAX % 10n)
}

function overflowsI32(value: number, digit: number): boolean {
  const tenth = Math.floor(I32_MAX / 10)
  return value >= tenth && (value > tenth || digit > I32_MAX % 10)
}

/**
 * Does serde_json (default features) turn this number into a finite value?
 * It accumulates at most a u64 significand: further integer digits only raise the
 * decimal exponent, further fraction digits are dropped. The exponent is an i32
 * (overflowing it is "out of range" unless the significand is 0 or the exponent
 * negative). The f64 is then `significand as f64` times `1e{exp}` (table 1e0..1e308),
 * overflowing exactly when that product is infinite or the exponent passes 308 with
 * a non-zero significand; negative exponents only divide and never overflow.
 */
function serdeNumberInRange(bytes: Uint8Array, n: NumberParts): boolean {
  const intDigits = n.intEnd - n.intStart
  if (n.fracStart < 0 && n.expStart < 0 && intDigits <= 19) return true // fits u64 (or i64 when negative)
  let significand = 0n
  let exponent = 0
  let integerOverflowed = false
  for (let i = n.intStart; i < n.intEnd; i++) {
    if (!integerOverflowed) {
      const digit = BigInt(bytes[i] - 0x30)
      if (overflowsU64(significand, digit)) integerOverflowed = true
      else significand = significand * 10n + digit
    }
    if (integerOverflowed) exponent++
  }
  if (n.fracStart < 0 && n.expStart < 0 && !integerOverflowed) return true
  for (let i = n.fracStart; i >= 0 && i < n.fracEnd; i++) {
    const digit = BigInt(bytes[i] - 0x30)
    if (overflowsU64(significand, digit)) break
    significand = significand * 10n + digit
    exponent--
  }
  if (n.expStart >= 0) {
    let exp = bytes[n.expStart] - 0x30
    for (let i = n.expStart + 1; i < n.expEnd; i++) {
      const digit = bytes[i] - 0x30
      if (overflowsI32(exp, digit)) return significand === 0n || n.expNegative
      exp = exp * 10 + digit
    }
    exponent = Math.min(I32_MAX, Math.max(I32_MIN, n.expNegative ? exponent - exp : exponent + exp))
  }
  if (exponent < 0) return true
  if (exponent > 308) return significand === 0n
  return Number.isFinite(Number(significand) * Number(`1e${exponent}`))
}

/** A JSON number's text as an unsigned 64-bit integer (Rust `usize` on 64-bit), or null. */
export function parseU64(text: string): bigint | null {
  if (!/^(0|[1-9][0-9]*)$/.test(text)) return null
  // Up to 15 digits the double is exact, and BigInt(number) is much cheaper than parsing text.
  const value = text.length <= 15 ? BigInt(Number(text)) : BigInt(text)
  return value <= U64_MAX ? value : null
}
