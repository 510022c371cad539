// The serde_json-compatible tokenizer. Number verdicts marked "(serde)" were checked
// against safetensors 0.8.0, where they differ from what `Number()` would suggest.
import { describe, expect, it } from '@jest/globals'
import { JsonError, JsonReader, MAX_NESTING, parseU64, type JsonKey } from '../src/scan/safetensors/json-tokenizer.js'

const enc = new TextEncoder()
const bytes = (text: string) => enc.encode(text)

/** Parses one whole document (value then end of input); returns the error message or null. */
function verdict(input: string | Uint8Array): string | null {
  const reader = new JsonReader(typeof input === 'string' ? bytes(input) : input)
  try {
    reader.skipValue()
    reader.finish()
    return null
  } catch (err) {
    if (err instanceof JsonError) return err.message
    throw err
  }
}

function readString(json: string): string {
  return new JsonReader(bytes(json)).readString().value
}

describe('numbers', () => {
  it.each([
    '0',
    '-0',
    '-0.0',
    '7',
    '-12',
    '1.5',
    '1E+2',
    '1e-2',
    '18446744073709551615',
    '18446744073709551616', // past u64: serde_json falls back to f64
    '-9223372036854775809',
    '1e308',
    '1.7976931348623157e308',
    '17976931348623157e292',
    '179769313486231570' + '0'.repeat(288), // 306 digits
    '1797693134862315' + '0'.repeat(293), // 309 digits, below the f64 maximum
    '0e999999999999', // zero significand: never out of range
    '0.0e2147483648',
    '1e-99999999999',
    '1e-2147483649',
    '0.000001e309'
  ])('accepts %s', (text) => {
    expect(verdict(text)).toBeNull()
    expect(new JsonReader(bytes(` ${text} `)).readNumber()).toBe(text)
  })

  it.each([
    ['1e309', 'number out of range'],
    ['1.7976931348623158e308', 'number out of range'], // (serde) Number() gives a finite 1.7976931348623157e308
    ['1.7976931348623159e308', 'number out of range'],
    ['1e2147483647', 'number out of range'],
    ['1e2147483648', 'number out of range'], // exponent overflows i32
    ['-1e2147483648', 'number out of range'],
    ['1844674407370955161.0e300', 'number out of range'], // (serde) f64 conversion overflows in serde's arithmetic
    ['18446744073709551615.0e289', 'number out of range'], // (serde)
    ['1' + '0'.repeat(400), 'number out of range'],
    ['179769313486231570' + '0'.repeat(291), 'number out of range'], // (serde) Number() gives 1.7976931348623157e308
    ['01', 'invalid number'],
    ['-01', 'invalid number'],
    ['00', 'invalid number'],
    ['-', 'EOF while parsing a value'],
    ['-a', 'invalid number'],
    ['1.', 'EOF while parsing a value'],
    ['1.e5', 'invalid number'],
    ['.5', 'expected value, found `.`'],
    ['+1', 'expected value, found `+`'],
    ['1e', 'EOF while parsing a value'],
    ['1e+', 'EOF while parsing a value'],
    ['1ex', 'invalid number'],
    ['NaN', 'expected value, found `N`'],
    ['Infinity', 'expected value, found `I`'],
    ['0x10', 'trailing characters']
  ])('rejects %s (%s)', (text, message) => {
    expect(verdict(text)).toBe(message)
  })

  it('reports a range error at the start of the number', () => {
    expect(() => new JsonReader(bytes('[1, 1e999]')).skipValue()).toThrow(expect.objectContaining({ offset: 4 }))
  })
})

describe('parseU64 (Rust usize from serde_json: only the U64 form)', () => {
  it.each([
    ['0', 0n],
    ['8', 8n],
    ['9007199254740993', 9007199254740993n],
    ['18446744073709551615', 18446744073709551615n]
  ])('%s', (text, value) => {
    expect(parseU64(text)).toBe(value)
  })

  it.each(['18446744073709551616', '-0', '-1', '8.0', '8e0', '1E1', '08'])('rejects %s', (text) => {
    expect(parseU64(text)).toBeNull()
  })
})

describe('strings', () => {
  it('decodes the JSON escapes', () => {
    expect(readString('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t"')).toBe('a"b\\c/d\b\f\n\r\t')
    expect(readString('"\\u00e9\\u00E9\\u005f"')).toBe('éé_')
    expect(readString('"\\ud83d\\ude00"')).toBe('😀')
    expect(readString('"\\uDBFF\\uDFFF"')).toBe('\u{10FFFF}')
  })

  it('keeps raw UTF-8, DEL and a U+FEFF inside strings', () => {
    expect(readString('"ü—😀\x7f"')).toBe('ü—😀\x7f')
    expect(readString('"\uFEFFw"')).toBe('\uFEFFw')
  })

  it('says whether escapes were used', () => {
    expect(new JsonReader(bytes('"__metadata__"')).readString().escaped).toBe(false)
    const escaped = new JsonReader(bytes('"\\u005f_metadata__"')).readString()
    expect(escaped).toEqual({ value: '__metadata__', escaped: true })
  })

  it.each([
    ['"\\ud800"', 'unexpected end of hex escape'],
    ['"\\ud800x"', 'unexpected end of hex escape'],
    ['"\\ud800\\n"', 'unexpected end of hex escape'],
    ['"\\ud800\\u0041"', 'lone leading surrogate in hex escape'],
    ['"\\ud800\\ud800"', 'lone leading surrogate in hex escape'],
    ['"\\udc00"', 'lone trailing surrogate in hex escape'],
    ['"\\x"', 'invalid escape'],
    ['"\\U0041"', 'invalid escape'],
    ['"\\u00zz"', 'invalid escape'],
    ['"\\u00', 'EOF while parsing a string'],
    ['"abc', 'EOF while parsing a string'],
    ['"a\tb"', 'control character (\\u0000-\\u001F) found while parsing a string'],
    ['"a\nb"', 'control character (\\u0000-\\u001F) found while parsing a string'],
    ['"\x00"', 'control character (\\u0000-\\u001F) found while parsing a string'],
    ["'a'", "expected value, found `'`"]
  ])('rejects %s', (text, message) => {
    expect(verdict(text)).toContain(message)
  })
})

describe('structure', () => {
  it.each(['{}', '[]', '{"a":[1,{"b":null}],"c":true,"d":false}', ' \t\r\n{ "a" : [ ] } \t\r\n', '"x"', 'null'])('accepts %s', (text) => {
    expect(verdict(text)).toBeNull()
  })

  it.each([
    ['', 'EOF while parsing a value'],
    ['{} x', 'trailing characters'],
    ['{}{}', 'trailing characters'],
    ['{}\x00', 'trailing characters'],
    ['{,}', 'key must be a string'],
    ['{"a":1,}', 'trailing comma'],
    ['[1,]', 'trailing comma'],
    ['[1 2]', 'expected `,` or `]`'],
    ['{"a" 1}', 'expected `:`'],
    ['{"a":1 "b":2}', 'expected `,` or `}`'],
    ['{a:1}', 'key must be a string'],
    ['{"a":1', 'EOF while parsing an object'],
    ['[1', 'EOF while parsing a list'],
    ['{"a":}', 'expected value, found `}`'],
    ['{"a":1} // c', 'trailing characters'],
    ['tru', 'EOF while parsing a value'],
    ['nul', 'EOF while parsing a value'],
    ['nulL', 'expected ident'],
    ['True', 'expected value, found `T`']
  ])('rejects %j', (text, message) => {
    expect(verdict(text)).toBe(message)
  })

  it('accepts exactly the four JSON whitespace bytes', () => {
    expect(verdict(' \t\n\r[ \t\n\r1 \t\n\r] \t\n\r')).toBeNull()
    expect(verdict('\x0c{}')).toBe('expected value, found byte 0x0c')
    expect(verdict('{}\x0b')).toBe('trailing characters')
    expect(verdict('\u00a0{}')).toBe('expected value, found byte 0xc2') // NBSP
    expect(verdict('{}\u00a0')).toBe('trailing characters')
  })

  it('rejects a byte order mark', () => {
    expect(verdict(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('expected value, found byte 0xef')
  })

  it('reports offsets', () => {
    expect(() => new JsonReader(bytes('{"a":1,}')).skipValue()).toThrow(expect.objectContaining({ offset: 7 }))
  })
})

describe('nesting (serde_json remaining_depth = 128)', () => {
  const nest = (n: number) => '['.repeat(n) + ']'.repeat(n)

  it(`accepts ${MAX_NESTING} levels and refuses ${MAX_NESTING + 1}`, () => {
    expect(MAX_NESTING).toBe(127)
    expect(verdict(nest(127))).toBeNull()
    expect(verdict(nest(128))).toBe('recursion limit exceeded')
    expect(verdict('{"a":' + nest(126) + '}')).toBeNull()
    expect(verdict('{"a":' + nest(127) + '}')).toBe('recursion limit exceeded')
  })

  it('counts containers already open around a re-read value', () => {
    const text = bytes('{"a":' + nest(126) + '}')
    expect(() => new JsonReader(text, 5, 1).skipValue()).not.toThrow()
    expect(() => new JsonReader(text, 5, 2).skipValue()).toThrow('recursion limit exceeded')
  })

  it('handles deep input without growing the JS stack unboundedly', () => {
    expect(verdict(nest(100_000))).toBe('recursion limit exceeded')
  })
})

describe('keys and duplicates', () => {
  it('returns every key, duplicates included, with offsets', () => {
    const reader = new JsonReader(bytes('{"a":1,"a":2,"b":3}'))
    reader.enterObject()
    const keys: JsonKey[] = []
    for (let key = reader.nextKey(); key !== null; key = reader.nextKey()) {
      keys.push(key)
      reader.skipValue()
    }
    expect(keys.map((k) => [k.name, k.offset])).toEqual([
      ['a', 1],
      ['a', 7],
      ['b', 13]
    ])
    reader.finish()
  })

  it('reports duplicates inside skipped values with their path', () => {
    const seen: string[] = []
    const reader = new JsonReader(bytes('{"x":{"a":1,"a":2},"y":[{"c":1,"d":2,"c":3}],"x":0}'))
    reader.skipValue((key, path) => seen.push([...path, key.name].join('/') + '@' + key.offset))
    expect(seen).toEqual(['x/a@12', 'y/0/c@37', 'x@45'])
  })

  it('treats keys equal after unescaping as duplicates', () => {
    const seen: string[] = []
    new JsonReader(bytes('{"a":1,"\\u0061":2}')).skipValue((key) => seen.push(key.name))
    expect(seen).toEqual(['a'])
  })
})
