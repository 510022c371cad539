// The subset of `ast.literal_eval` that `.npy` headers use: dicts, tuples, lists, sets,
// str/bytes (any prefix, quotes and escapes that matter), ints (any base, `_`), floats,
// True/False/None, unary signs, comments and free whitespace. Anything else is a parse error,
// and the caller fails closed on it.

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
export class PyDict {
  constructor(readonly entries: Array<[PyLit, PyLit]>) {}
}

class ParseError extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' }

class Parser {
  pos = 0
  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new ParseError(`${what} at character ${this.pos}`)
  }

  skipSpace(): void {
    for (;;) {
      const c = this.text[this.pos]
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') this.pos++
      else if (c === '\\' && this.text[this.pos + 1] === '\n') this.pos += 2
      else if (c === '#') {
        while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++
      } else return
    }
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
      const v = this.value()
      if (typeof v === 'bigint') return c === '-' ? -v : v
      if (typeof v === 'number') return c === '-' ? -v : v
      if (typeof v === 'boolean') return BigInt(c === '-' ? -Number(v) : Number(v))
      this.fail('unary sign on a non-number')
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos, this.pos + 64))?.[0]
    if (word !== undefined) {
      const prefix = /^(?:[rRbBuU]|[rR][bB]|[bB][rR])$/.test(word) && (this.text[this.pos + word.length] === "'" || this.text[this.pos + word.length] === '"')
      if (prefix) return this.strings()
      this.pos += word.length
      if (word === 'True') return true
      if (word === 'False') return false
      if (word === 'None') return null
      this.fail(`name ${word} is not a literal`)
    }
    if (c === "'" || c === '"') return this.strings()
    return this.number()
  }

  /** Adjacent string literals concatenate (all str or all bytes). */
  strings(): PyStr {
    let out: PyStr | undefined
    for (;;) {
      const s = this.string()
      if (out !== undefined && out.bytes !== s.bytes) this.fail('cannot mix bytes and str literals')
      out = new PyStr((out?.value ?? '') + s.value, s.bytes)
      this.skipSpace()
      const c = this.text[this.pos]
      const word = /^[rRbBuU]{0,2}['"]/.exec(this.text.slice(this.pos, this.pos + 3))
      if (c === undefined || word === null) return out
    }
  }

  string(): PyStr {
    let prefix = ''
    while (/[rRbBuU]/.test(this.text[this.pos] ?? '')) prefix += this.text[this.pos++].toLowerCase()
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
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) this.fail('bad escape')
      this.pos += 2 + n
      return String.fromCodePoint(parseInt(digits, 16))
    }
    if (c === 'x') return hex(2)
    if (!bytes && c === 'u') return hex(4)
    if (!bytes && c === 'U') return hex(8)
    if (/[0-7]/.test(c)) {
      const digits = /^[0-7]{1,3}/.exec(this.text.slice(this.pos + 1))![0]
      this.pos += 1 + digits.length
      return String.fromCodePoint(parseInt(digits, 8))
    }
    if (!bytes && c === 'N') this.fail('named escapes are not supported')
    // Unknown escapes keep the backslash.
    this.pos += 2
    return '\\' + c
  }

  number(): bigint | number {
    const rest = this.text.slice(this.pos, this.pos + 400)
    const m = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\d[\d_]*(?:\.[\d_]*)?(?:[eE][+-]?\d[\d_]*)?|\.\d[\d_]*(?:[eE][+-]?\d[\d_]*)?)(?![\w.])/.exec(rest)
    if (m === null) this.fail('not a literal')
    this.pos += m[0].length
    const digits = m[0].replace(/_/g, '')
    if (/^0[xXoObB]/.test(digits)) return BigInt(digits.toLowerCase())
    if (/[.eE]/.test(digits)) return Number(digits)
    if (/^0+\d/.test(digits)) this.fail('leading zeros in a decimal integer')
    return BigInt(digits)
  }

  sequence(close: string, isTuple: boolean): PyLit {
    this.pos++
    const items: PyLit[] = []
    let comma = false
    for (;;) {
      this.skipSpace()
      if (this.text[this.pos] === close) {
        this.pos++
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
    const entries: Array<[PyLit, PyLit]> = []
    const items: PyLit[] = []
    let comma = true
    for (;;) {
      this.skipSpace()
      if (this.text[this.pos] === '}') {
        this.pos++
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
export function parsePyLiteral(text: string): PyLit {
  const p = new Parser(text)
  const value = p.value()
  p.skipSpace()
  if (p.pos !== text.length) p.fail('trailing characters')
  return value
}
