// `ast.literal_eval` for `.npy` headers (formats.md §3.1): dicts, tuples, lists, sets, str/bytes
// (prefixes, escapes, implicit concatenation), ints and floats (bases, `_`, unary signs on number
// tokens only), True/False/None, parentheses, comments, line continuations and the line layout
// CPython's tokenizer accepts around the value. What it returns is what Python builds; anything
// it does not model with certainty throws, and the caller fails closed on that.

export type PyLit = null | boolean | bigint | number | PyStr | PyLit[] | PyTuple | PyDict | PySet

export class PyStr {
  constructor(
    readonly value: string,
    readonly bytes: boolean
  ) {}
}
export class PyTuple {
  constructor(readonly items: PyLit[]) {}
}
export class PySet {
  constructor(readonly items: PyLit[]) {}
}
/** A dict display as written: every entry, duplicates included (see `strKeys` for what Python keeps). */
export class PyDict {
  constructor(readonly entries: Array<[PyLit, PyLit]>) {}
}

export interface LiteralOptions {
  /**
   * numpy's `_filter_header` retry for format 1.0/2.0 headers: a name token `L` right after a
   * number is dropped (Python 2 longs), and the tokenize round trip drops indentation on a last
   * line holding only whitespace.
   */
  py2?: boolean
}

class ParseError extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' }
const STRING_START = /^(?:[rRbBuU]|[rR][bB]|[bB][rR])?['"]/
const DIGITS = String.raw`\d(?:_?\d)*`
const NUMBER = new RegExp(
  String.raw`^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|` +
    String.raw`(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)(?:[eE][+-]?${DIGITS})?)`
)
/** A line whose indentation column is 0: a form feed resets the column. */
const COLUMN_ZERO = /^(?:[ \t]*\f)*/

class Parser {
  pos = 0
  /** Open brackets: inside them newlines and comments are whitespace. */
  depth = 0
  readonly text: string

  constructor(
    text: string,
    private readonly py2: boolean
  ) {
    if (text.includes('\0')) throw new ParseError('NUL character in the source')
    // literal_eval strips leading spaces and tabs; the tokenizer reads \r\n and \r as \n.
    this.text = text.replace(/^[ \t]+/, '').replace(/\r\n?/g, '\n')
  }

  fail(what: string): never {
    throw new ParseError(`${what} at character ${this.pos}`)
  }

  skipSpace(): void {
    for (;;) {
      const c = this.text[this.pos]
      if (c === ' ' || c === '\t' || c === '\f') this.pos++
      else if (c === '\\' && this.text[this.pos + 1] === '\n') this.pos += 2
      else if (this.depth > 0 && c === '\n') this.pos++
      else if (this.depth > 0 && c === '#') {
        while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++
      } else return
    }
  }

  /** Blank and comment lines, then the value's line, which must not be indented. */
  leading(): void {
    for (let m; (m = /^[ \t\f]*(?:#[^\n]*)?\n/.exec(this.text.slice(this.pos))) !== null; ) this.pos += m[0].length
    this.pos += COLUMN_ZERO.exec(this.text.slice(this.pos))![0].length
    const c = this.text[this.pos]
    if (c === ' ' || c === '\t' || c === '\\') this.fail('indentation or continuation before the value is not modelled')
  }

  /** After the value: the rest of its logical line, then only blank lines. */
  trailing(): void {
    this.skipSpace()
    if (this.text[this.pos] === '#') this.pos = this.text.indexOf('\n', this.pos) < 0 ? this.text.length : this.text.indexOf('\n', this.pos)
    if (this.pos === this.text.length) return
    if (this.text[this.pos] !== '\n') this.fail('trailing characters')
    const lines = this.text.slice(this.pos + 1).split('\n')
    const last = lines.pop()!
    if (lines.some((line) => !/^[ \t\f]*(?:#.*)?$/.test(line))) this.fail('trailing lines')
    // A last line without newline is blank only when empty, a comment, or at column 0.
    if (/^[ \t\f]*#/.test(last) || COLUMN_ZERO.exec(last)![0] === last) return
    if (this.py2 && /^[ \t\f]*$/.test(last)) return
    this.fail('indented last line')
  }

  value(): PyLit {
    this.skipSpace()
    const c = this.text[this.pos]
    if (c === undefined) this.fail('unexpected end')
    if (c === '{') return this.braces()
    if (c === '(') return this.sequence(')', true)
    if (c === '[') return this.sequence(']', false)
    if (c === '+' || c === '-') {
      this.pos++
      // literal_eval takes a sign only on a number token (maybe parenthesised): not on True, not twice.
      const v = this.unsignedNumber()
      return c === '-' ? -v : v
    }
    if (STRING_START.test(this.text.slice(this.pos, this.pos + 3))) return this.strings()
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos, this.pos + 64))?.[0]
    if (word !== undefined) {
      this.pos += word.length
      if (word === 'True') return true
      if (word === 'False') return false
      if (word === 'None') return null
      this.fail(`name ${word} is not a literal`)
    }
    return this.number()
  }

  unsignedNumber(): bigint | number {
    this.skipSpace()
    if (this.text[this.pos] !== '(') return this.number()
    this.pos++
    this.depth++
    const v = this.unsignedNumber()
    this.skipSpace()
    if (this.text[this.pos] !== ')') this.fail('expected )')
    this.pos++
    this.depth--
    return v
  }

  /** Adjacent string literals concatenate (all str or all bytes). */
  strings(): PyStr {
    let out: PyStr | undefined
    for (;;) {
      const s = this.string()
      if (out !== undefined && out.bytes !== s.bytes) this.fail('cannot mix bytes and str literals')
      out = new PyStr((out?.value ?? '') + s.value, s.bytes)
      this.skipSpace()
      if (!STRING_START.test(this.text.slice(this.pos, this.pos + 3))) return out
    }
  }

  string(): PyStr {
    const prefix = STRING_START.exec(this.text.slice(this.pos, this.pos + 3))![0].slice(0, -1).toLowerCase()
    this.pos += prefix.length
    const raw = prefix.includes('r')
    const bytes = prefix.includes('b')
    const quote = this.text[this.pos]
    const triple = this.text.startsWith(quote.repeat(3), this.pos)
    this.pos += triple ? 3 : 1
    let value = ''
    for (;;) {
      const c = this.text[this.pos]
      if (c === undefined) this.fail('unterminated string')
      if (triple ? this.text.startsWith(quote.repeat(3), this.pos) : c === quote) {
        this.pos += triple ? 3 : 1
        return new PyStr(value, bytes)
      }
      if (c === '\n' && !triple) this.fail('newline in string')
      if (c === '\\' && !raw) {
        value += this.escape(bytes)
        continue
      }
      if (c === '\\' && raw) {
        value += c + (this.text[this.pos + 1] ?? '')
        this.pos += 2
        continue
      }
      if (bytes && c.charCodeAt(0) > 0x7f) this.fail('non-ASCII character in bytes literal')
      value += c
      this.pos++
    }
  }

  escape(bytes: boolean): string {
    const c = this.text[this.pos + 1]
    if (c === undefined) this.fail('unterminated escape')
    if (c in SIMPLE_ESCAPES) {
      this.pos += 2
      return SIMPLE_ESCAPES[c]
    }
    const hex = (n: number): string => {
      const digits = this.text.slice(this.pos + 2, this.pos + 2 + n)
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits) || parseInt(digits, 16) > 0x10ffff) this.fail('bad escape')
      this.pos += 2 + n
      return String.fromCodePoint(parseInt(digits, 16))
    }
    if (c === 'x') return hex(2)
    if (!bytes && c === 'u') return hex(4)
    if (!bytes && c === 'U') return hex(8)
    if (/[0-7]/.test(c)) {
      const digits = /^[0-7]{1,3}/.exec(this.text.slice(this.pos + 1))![0]
      this.pos += 1 + digits.length
      // Python 3.11: an octal escape above \377 wraps in bytes and is the code point in str.
      return String.fromCodePoint(parseInt(digits, 8) & (bytes ? 0xff : 0x1ff))
    }
    if (!bytes && c === 'N') this.fail('named escapes are not supported')
    // Unknown escapes keep the backslash.
    this.pos += 2
    return '\\' + c
  }

  number(): bigint | number {
    const m = NUMBER.exec(this.text.slice(this.pos, this.pos + 400))
    if (m === null) this.fail('not a literal')
    this.pos += m[0].length
    if (this.py2) this.dropLong()
    // Imaginary numbers, `1__0`, `1_`, `1x`, `1.2.3`: not modelled or not Python.
    if (/[\w.]/.test(this.text[this.pos] ?? '')) this.fail('unsupported number')
    const digits = m[0].replace(/_/g, '')
    if (/^0[xXoObB]/.test(digits)) return BigInt(digits.toLowerCase())
    if (/[.eE]/.test(digits)) return Number(digits)
    if (/^0+[1-9]/.test(digits)) this.fail('leading zeros in a decimal integer')
    return BigInt(digits)
  }

  /** `_filter_header`: the token after a number is the name `L` (spaces and continuations between): drop it. */
  dropLong(): void {
    const m = /^(?:[ \t\f]|\\\n)*L(?!\w)/.exec(this.text.slice(this.pos, this.pos + 200))
    if (m !== null) this.pos += m[0].length
  }

  sequence(close: string, isTuple: boolean): PyLit {
    this.pos++
    this.depth++
    const items: PyLit[] = []
    let comma = false
    for (;;) {
      this.skipSpace()
      if (this.text[this.pos] === close) {
        this.pos++
        this.depth--
        // `(x)` is x itself; `(x,)` and `()` are tuples.
        if (isTuple) return items.length === 1 && !comma ? items[0] : new PyTuple(items)
        return items
      }
      if (items.length > 0 && !comma) this.fail(`expected , or ${close}`)
      items.push(this.value())
      this.skipSpace()
      comma = this.text[this.pos] === ','
      if (comma) this.pos++
    }
  }

  braces(): PyDict | PySet {
    this.pos++
    this.depth++
    const entries: Array<[PyLit, PyLit]> = []
    const items: PyLit[] = []
    let comma = true
    for (;;) {
      this.skipSpace()
      if (this.text[this.pos] === '}') {
        this.pos++
        this.depth--
        if (items.length > 0) return new PySet(items)
        return new PyDict(entries)
      }
      if (!comma) this.fail('expected , or }')
      const key = this.value()
      this.skipSpace()
      if (this.text[this.pos] === ':' && items.length === 0) {
        this.pos++
        entries.push([key, this.value()])
      } else if (entries.length === 0) items.push(key)
      else this.fail('mixed dict and set display')
      this.skipSpace()
      comma = this.text[this.pos] === ','
      if (comma) this.pos++
    }
  }
}

/** `ast.literal_eval(text)`; an Error with a reason when the text is not a supported literal. */
export function parsePyLiteral(text: string, options: LiteralOptions = {}): PyLit {
  const p = new Parser(text, options.py2 ?? false)
  p.leading()
  const value = p.value()
  p.trailing()
  return value
}

/**
 * The dict Python builds from a display: for each str key, the value written last (a repeated
 * key keeps its first position); `other` holds the keys that are not str (extra keys, or
 * unhashable ones that make Python raise).
 */
export function strKeys(dict: PyDict): { keys: Map<string, PyLit>; other: PyLit[] } {
  const keys = new Map<string, PyLit>()
  const other: PyLit[] = []
  for (const [k, v] of dict.entries) {
    if (k instanceof PyStr && !k.bytes) keys.set(k.value, v)
    else other.push(k)
  }
  return { keys, other }
}
