// A bounded reader for the Python `marshal` data Keras stores for lambdas (python_utils.func_dump:
// base64 of `marshal.dumps(fn.__code__)`). It never runs anything: it walks the object tree and
// keeps what the code references — co_names (globals and attributes), string constants, co_name —
// across nested code objects. Code object layouts of CPython 3.8–3.10 and 3.11+ are both tried.

/** What a marshalled code object references. */
export interface CodeSummary {
  /** co_name of the outer code object (`<lambda>` for a lambda). */
  name: string
  /** co_names of every code object: the globals, modules and attributes it uses. */
  names: string[]
  /** String constants (truncated), e.g. a shell command or a module name given to `__import__`. */
  strings: string[]
}

const MAX_OBJECTS = 100_000
const MAX_DEPTH = 64
const MAX_LISTED = 64
const STRING_LIMIT = 200

class MarshalError extends Error {}

type Value = string | number | null | Value[] | CodeValue | { other: true }
interface CodeValue {
  code: true
  name: string
}

/** One parse of a marshal buffer under one code object layout. */
class Reader {
  private pos = 0
  private objects = 0
  private readonly refs: Value[] = []
  readonly names = new Set<string>()
  readonly strings = new Set<string>()

  constructor(
    private readonly bytes: Uint8Array,
    /** Code objects of CPython 3.11+ (5 leading ints, qualname, exception table) or 3.8–3.10 (6 ints). */
    private readonly modern: boolean
  ) {}

  private byte(): number {
    if (this.pos >= this.bytes.length) throw new MarshalError('truncated')
    return this.bytes[this.pos++]
  }

  private int32(): number {
    if (this.pos + 4 > this.bytes.length) throw new MarshalError('truncated')
    const b = this.bytes
    const v = b[this.pos] | (b[this.pos + 1] << 8) | (b[this.pos + 2] << 16) | (b[this.pos + 3] << 24)
    this.pos += 4
    return v
  }

  private take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.bytes.length) throw new MarshalError('bad length')
    const out = this.bytes.subarray(this.pos, this.pos + n)
    this.pos += n
    return out
  }

  private sequence(n: number, depth: number): Value[] {
    if (n < 0 || n > this.bytes.length - this.pos) throw new MarshalError('bad length')
    const out: Value[] = []
    for (let i = 0; i < n; i++) out.push(this.value(depth + 1))
    return out
  }

  value(depth = 0): Value {
    if (depth > MAX_DEPTH || ++this.objects > MAX_OBJECTS) throw new MarshalError('too deep or too large')
    const code = this.byte()
    const flagRef = (code & 0x80) !== 0
    const slot = flagRef ? this.refs.push(null) - 1 : -1
    const v = this.body(String.fromCharCode(code & 0x7f), depth)
    if (slot >= 0) this.refs[slot] = v
    return v
  }

  private body(type: string, depth: number): Value {
    const text = (bytes: Uint8Array, latin1: boolean): string => new TextDecoder(latin1 ? 'latin1' : 'utf-8').decode(bytes)
    switch (type) {
      case '0':
      case 'N':
      case 'F':
      case 'T':
      case 'S':
      case '.':
        return null
      case 'i':
        return this.int32()
      case 'l': {
        const n = this.int32()
        this.take(Math.abs(n) * 2)
        return { other: true }
      }
      case 'g':
        this.take(8)
        return { other: true }
      case 'y':
        this.take(16)
        return { other: true }
      case 's':
        this.take(this.int32())
        return { other: true }
      case 't':
      case 'u':
        return text(this.take(this.int32()), false)
      case 'a':
      case 'A':
        return text(this.take(this.int32()), true)
      case 'z':
      case 'Z':
        return text(this.take(this.byte()), true)
      case ')':
        return this.sequence(this.byte(), depth)
      case '(':
      case '[':
      case '<':
      case '>':
        return this.sequence(this.int32(), depth)
      case '{':
        for (;;) {
          if (this.bytes[this.pos] === 0x30) {
            this.pos++
            return { other: true }
          }
          this.value(depth + 1)
          this.value(depth + 1)
        }
      case 'r': {
        const i = this.int32()
        if (i < 0 || i >= this.refs.length) throw new MarshalError('bad reference')
        return this.refs[i]
      }
      case 'c':
        return this.code(depth)
      default:
        throw new MarshalError(`unknown type ${JSON.stringify(type)}`)
    }
  }

  private code(depth: number): CodeValue {
    for (let i = 0; i < (this.modern ? 5 : 6); i++) this.int32()
    const bytecode = this.value(depth + 1)
    if (!(typeof bytecode === 'object' && bytecode !== null && 'other' in bytecode)) throw new MarshalError('co_code is not bytes')
    const consts = this.value(depth + 1)
    const names = this.value(depth + 1)
    this.value(depth + 1) // co_varnames / co_localsplusnames
    this.value(depth + 1) // co_freevars / co_localspluskinds
    if (!this.modern) this.value(depth + 1) // co_cellvars
    this.value(depth + 1) // co_filename
    const name = this.value(depth + 1)
    if (this.modern) this.value(depth + 1) // co_qualname
    this.int32() // co_firstlineno
    this.value(depth + 1) // co_lnotab / co_linetable
    if (this.modern) this.value(depth + 1) // co_exceptiontable
    if (!Array.isArray(names) || typeof name !== 'string') throw new MarshalError('not a code object')
    for (const n of names) if (typeof n === 'string') this.names.add(n)
    if (Array.isArray(consts)) this.collectStrings(consts)
    return { code: true, name }
  }

  private collectStrings(values: Value[]): void {
    for (const c of values) {
      if (typeof c === 'string') this.strings.add(c.length > STRING_LIMIT ? `${c.slice(0, STRING_LIMIT)}…` : c)
      else if (Array.isArray(c)) this.collectStrings(c) // tuples of constants
    }
  }

  atEnd(): boolean {
    return this.pos === this.bytes.length
  }
}

/** The code object in `bytes` (a marshalled `__code__`), or null when it cannot be read as one. */
export function readMarshalledCode(bytes: Uint8Array): CodeSummary | null {
  for (const modern of [true, false]) {
    try {
      const reader = new Reader(bytes, modern)
      const top = reader.value()
      if (typeof top !== 'object' || top === null || !('code' in top) || !reader.atEnd()) continue
      return { name: top.name, names: [...reader.names].slice(0, MAX_LISTED), strings: [...reader.strings].slice(0, MAX_LISTED) }
    } catch (err) {
      if (!(err instanceof MarshalError)) throw err
    }
  }
  return null
}
