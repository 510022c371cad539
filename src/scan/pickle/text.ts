// Argument text codecs exactly as the C unpickler applies them (reference/pickle.md §3).
// Each returns null where CPython raises, so the caller can report the loader error.

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true })
const lenientUtf8 = new TextDecoder('utf-8')

function isAscii(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] >= 0x80) return false
  return true
}

/** Node's undocumented direct Latin-1 slice: `toString('latin1', ...)` without its argument checks (half the cost per string). */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice: (this: Uint8Array, start: number, end: number) => string }).latin1Slice

/** Node's direct UTF-8 slice (as `toString('utf8', ...)`): replaces what is not UTF-8 by U+FFFD. */
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice: (this: Uint8Array, start: number, end: number) => string }).utf8Slice

/** Code points 0–255 one to one (also the Python `latin-1` codec). */
export function latin1(buf: Uint8Array, start: number, end: number): string {
  return latin1Slice.call(buf, start, end)
}

/** Strict ASCII (INST lines, PERSID, the default codec of STRING/BINSTRING). */
export function ascii(buf: Buffer, start: number, end: number): string | null {
  return isAscii(buf, start, end) ? latin1(buf, start, end) : null
}

/**
 * Strict UTF-8 (GLOBAL lines), or with `surrogatepass` (BINUNICODE*, where
 * `ED A0 80`–`ED BF BF` decode to lone surrogates). Overlongs and > U+10FFFF are rejected.
 */
export function utf8(buf: Buffer, start: number, end: number, surrogatepass: boolean): string | null {
  if (isAscii(buf, start, end)) return latin1(buf, start, end)
  try {
    return fatalUtf8.decode(buf.subarray(start, end))
  } catch {
    return surrogatepass ? utf8WithSurrogates(buf, start, end) : null
  }
}

/**
 * `utf8(..., true)` of bytes already known to pass it (the memo's and the data fast path's
 * strings), without its validation: Node's decoder is exact on valid UTF-8 and turns only
 * encoded surrogates into U+FFFD, so a U+FFFD in its result sends the bytes to the exact decoder.
 */
export function validatedUtf8(buf: Buffer, start: number, end: number): string {
  const text = utf8Slice.call(buf, start, end)
  return text.includes('\ufffd') ? utf8(buf, start, end, true)! : text
}

/** Decodes a prefix cut at an arbitrary byte (for payloads too large to keep). */
export function utf8Prefix(bytes: Uint8Array): string {
  return lenientUtf8.decode(bytes)
}

function utf8WithSurrogates(buf: Uint8Array, start: number, end: number): string | null {
  const units: number[] = []
  let i = start
  while (i < end) {
    const b = buf[i]
    let n: number
    let cp: number
    if (b < 0x80) {
      units.push(b)
      i++
      continue
    } else if (b >= 0xc2 && b <= 0xdf) [n, cp] = [1, b & 0x1f]
    else if (b >= 0xe0 && b <= 0xef) [n, cp] = [2, b & 0x0f]
    else if (b >= 0xf0 && b <= 0xf4) [n, cp] = [3, b & 0x07]
    else return null
    if (i + n >= end) return null
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k]
      if ((c & 0xc0) !== 0x80) return null
      cp = (cp << 6) | (c & 0x3f)
    }
    if ((n === 2 && cp < 0x800) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff))) return null
    if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff))
    else units.push(cp)
    i += n + 1
  }
  return fromUnits(units)
}

function fromUnits(units: number[]): string {
  let out = ''
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.slice(i, i + 8192))
  return out
}

const hexValue = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1

/**
 * `raw-unicode-escape` (UNICODE): bytes are Latin-1 code points; only `\uXXXX` and
 * `\UXXXXXXXX` are escapes; `\` before anything else keeps both bytes; a trailing `\`
 * is kept. A bad or truncated escape is an error.
 */
export function rawUnicodeEscape(buf: Buffer, start: number, end: number): string | null {
  if (buf.indexOf(0x5c, start) === -1 || buf.indexOf(0x5c, start) >= end) return latin1(buf, start, end)
  const units: number[] = []
  let i = start
  while (i < end) {
    const c = buf[i++]
    if (c !== 0x5c || i >= end) {
      units.push(c)
      continue
    }
    const kind = buf[i]
    const count = kind === 0x75 ? 4 : kind === 0x55 ? 8 : 0
    if (count === 0) {
      units.push(0x5c, kind)
      i++
      continue
    }
    if (i + 1 + count > end) return null
    let cp = 0
    for (let k = 1; k <= count; k++) {
      const h = hexValue(buf[i + k])
      if (h < 0) return null
      cp = cp * 16 + h
    }
    if (cp > 0x10ffff) return null
    if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff))
    else units.push(cp)
    i += 1 + count
  }
  return fromUnits(units)
}

const SIMPLE_ESCAPES: Record<number, number> = {
  0x5c: 0x5c, 0x27: 0x27, 0x22: 0x22, 0x61: 0x07, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x76: 0x0b
}

/**
 * STRING: the line must be quoted with the same `'` or `"` at both ends, then
 * `PyBytes_DecodeEscape` runs on the inside (`\xHH` needs exactly two hex digits;
 * unknown escapes keep both bytes). Returns the bytes, or an error message.
 */
export function quotedEscape(buf: Buffer, start: number, end: number): Uint8Array | string {
  const q = buf[start]
  if (end - start < 2 || (q !== 0x27 && q !== 0x22) || buf[end - 1] !== q) return 'the STRING opcode argument must be quoted'
  const out: number[] = []
  const stop = end - 1
  let i = start + 1
  while (i < stop) {
    const c = buf[i++]
    if (c !== 0x5c) {
      out.push(c)
      continue
    }
    if (i >= stop) return 'Trailing \\ in string'
    const e = buf[i++]
    const simple = SIMPLE_ESCAPES[e]
    if (simple !== undefined) out.push(simple)
    else if (e >= 0x30 && e <= 0x37) {
      let v = e - 0x30
      for (let k = 0; k < 2 && i < stop && buf[i] >= 0x30 && buf[i] <= 0x37; k++) v = v * 8 + (buf[i++] - 0x30)
      out.push(v & 0xff)
    } else if (e === 0x78) {
      const h1 = i < stop ? hexValue(buf[i]) : -1
      const h2 = i + 1 < stop ? hexValue(buf[i + 1]) : -1
      if (h1 < 0 || h2 < 0) return `invalid \\x escape at position ${i - 2 - start - 1}`
      out.push(h1 * 16 + h2)
      i += 2
    } else out.push(0x5c, e)
  }
  return Uint8Array.from(out)
}

const INT_LITERAL = /^[ \t\n\v\f\r]*[+-]?(0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+|0(_?0)*|[1-9](_?[0-9])*)[ \t\n\v\f\r]*$/

/** `PyLong_FromString(s, NULL, 0)`: Python int literal syntax with optional sign and surrounding whitespace. */
export function pythonInt(text: string): number | bigint | null {
  const m = INT_LITERAL.exec(text)
  if (m === null) return null
  const negative = text.trimStart().startsWith('-')
  const body = m[1].replace(/_/g, '')
  const big = /^0[oO]/.test(body) ? BigInt('0o' + body.slice(2)) : BigInt(body)
  return fitInt(negative ? -big : big)
}

function fitInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
}

const C_LONG = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/
const LONG_MAX = 2n ** 63n - 1n

/**
 * INT: `strtol(s, 0)` (base 0: `0x10` = 16, `010` = 8), retried with
 * `PyLong_FromString` on overflow or junk; a 3-byte line (newline included) worth 0 or 1 is a bool.
 */
export function cInt(line: string): number | bigint | boolean | null {
  const nul = line.indexOf('\0')
  const m = C_LONG.exec(line)
  if (m !== null && (m[0].length === line.length || m[0].length === nul)) {
    const digits = m[2]
    const magnitude = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits[0] === '0' ? BigInt('0o' + digits.slice(1)) : BigInt(digits)
    const value = m[1] === '-' ? -magnitude : magnitude
    if (value <= LONG_MAX && value >= -LONG_MAX - 1n) {
      if (line.length + 1 === 3 && (value === 0n || value === 1n)) return value === 1n
      return fitInt(value)
    }
  }
  return pythonInt(nul >= 0 ? line.slice(0, nul) : line)
}

/** LONG: one trailing `L` dropped, then `PyLong_FromString(s, 0)`. */
export function cLong(line: string): number | bigint | null {
  return pythonInt(line.endsWith('L') ? line.slice(0, -1) : line)
}

const FLOAT_LITERAL = /^[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|inf(inity)?|nan)$/i

/** FLOAT: `PyOS_string_to_double`, which must stop at the newline or a NUL. */
export function cFloat(line: string): number | null {
  const nul = line.indexOf('\0')
  const text = nul >= 0 ? line.slice(0, nul) : line
  if (!FLOAT_LITERAL.test(text)) return null
  const lower = text.toLowerCase()
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity
  if (lower.endsWith('nan')) return NaN
  return Number(text)
}

/** GET / PUT: `PyLong_FromString(s, NULL, 10)`. */
export function decimalIndex(line: string): number | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)[ \t\n\v\f\r]*([0-9](_?[0-9])*)[ \t\n\v\f\r]*$/.exec(line)
  if (m === null) return null
  const value = Number(m[2].replace(/_/g, ''))
  return m[1] === '-' ? -value : value
}
