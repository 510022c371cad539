// Strict UTF-8 (Rust `str::from_utf8`), checked against the WHATWG fatal decoder,
// which accepts exactly the same well-formed sequences.
import { describe, expect, it } from '@jest/globals'
import { firstInvalidUtf8 } from '../src/scan/safetensors/utf8.js'

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

function decoderAccepts(bytes: Uint8Array): boolean {
  try {
    fatal.decode(bytes)
    return true
  } catch {
    return false
  }
}

describe('firstInvalidUtf8', () => {
  it.each([
    ['ASCII', [0x7b, 0x7d]],
    ['2-byte', [0xc2, 0x80, 0xdf, 0xbf]],
    ['3-byte edges', [0xe0, 0xa0, 0x80, 0xed, 0x9f, 0xbf, 0xee, 0x80, 0x80, 0xef, 0xbf, 0xbf]],
    ['4-byte edges', [0xf0, 0x90, 0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf]],
    ['BOM', [0xef, 0xbb, 0xbf]],
    ['empty', []]
  ])('accepts %s', (_, input) => {
    expect(firstInvalidUtf8(new Uint8Array(input))).toBe(-1)
  })

  it.each([
    ['overlong 2-byte', [0x41, 0xc0, 0xaf], 1],
    ['overlong C1', [0xc1, 0xbf], 0],
    ['overlong 3-byte', [0xe0, 0x9f, 0xbf], 0],
    ['overlong 4-byte', [0xf0, 0x8f, 0xbf, 0xbf], 0],
    ['encoded surrogate', [0x61, 0x62, 0xed, 0xa0, 0x80], 2],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['F5 lead', [0xf5, 0x80, 0x80, 0x80], 0],
    ['FF', [0xff], 0],
    ['lone continuation', [0x61, 0x80], 1],
    ['truncated 3-byte', [0xe2, 0x82], 0],
    ['truncated 4-byte at end', [0x61, 0xf0, 0x9f, 0x98], 1],
    ['bad third byte', [0xe2, 0x82, 0x41], 0]
  ])('rejects %s at its first byte', (_, input, at) => {
    expect(firstInvalidUtf8(new Uint8Array(input))).toBe(at)
  })

  /** Inputs on which the two disagree (expected: none). */
  function disagreements(inputs: Iterable<Uint8Array>): string[] {
    const out: string[] = []
    for (const input of inputs) {
      if ((firstInvalidUtf8(input) === -1) !== decoderAccepts(input)) out.push(Buffer.from(input).toString('hex'))
    }
    return out
  }

  it('agrees with the fatal decoder on every 1- and 2-byte input and on short sequences around the edges', () => {
    function* pairs() {
      for (let a = 0; a < 256; a++) for (let b = 0; b < 256; b++) yield new Uint8Array([a, b])
    }
    const edges = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xef, 0xf0, 0xf1, 0xf4, 0xf5]
    function* quads() {
      for (const a of edges) for (const b of edges) for (const c of edges) for (const d of edges) yield new Uint8Array([a, b, c, d])
    }
    expect(disagreements(pairs())).toEqual([])
    expect(disagreements(quads())).toEqual([])
  })

  it('agrees with the fatal decoder on pseudo-random byte strings', () => {
    let state = 0x2545f491
    const next = () => (state = (state * 1103515245 + 12345) >>> 0) >>> 24
    function* strings() {
      for (let round = 0; round < 20_000; round++) yield new Uint8Array(1 + (round % 12)).map(() => (next() & 1 ? 0x80 | next() : next()))
    }
    expect(disagreements(strings())).toEqual([])
  })
})
