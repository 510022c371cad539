// The machine's data fast path (runData) and the byte-arena memo: strings pushed
// undecoded and memoized as raw bytes must resolve exactly as decoded strings do,
// whatever the chunking, the memo index or the arena block they land in.
import { describe, expect, test } from '@jest/globals'
import type { Finding } from '../src/scan/findings.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource, sourceChunks, type ChunkStream } from '../src/scan/source.js'
import { analyzePickleStream, type AnalyzeOptions } from '../src/scan/pickle/analyze.js'
import { Memo } from '../src/scan/pickle/memo.js'
import { PyContainer, PyOpaque, type Value } from '../src/scan/pickle/values.js'

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n)
  return b
}
const bytes = (...parts: (Buffer | string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Array.isArray(p) ? Buffer.from(p) : p)))
/** SHORT_BINUNICODE of UTF-8 text */
const su = (x: string): Buffer => bytes([0x8c, Buffer.byteLength(x)], Buffer.from(x, 'utf8'))
/** BINUNICODE */
const bu = (x: string): Buffer => bytes([0x58], u32(Buffer.byteLength(x)), Buffer.from(x, 'utf8'))
/** SHORT_BINSTRING */
const sb = (x: string): Buffer => bytes([0x55, x.length], x)

function pieces(data: Uint8Array, size: number): ChunkStream {
  let at = 0
  return {
    async next() {
      if (at >= data.length) return null
      const chunk = data.slice(at, at + size)
      at += size
      return chunk
    }
  }
}

const ctx = { options: defaultScanOptions(), depth: 0 }
const brief = (findings: Finding[]) => findings.map((f) => [f.rule, f.global ?? null, f.location?.offset ?? null])

/** Findings with the whole buffer, and the same with 1- and 5-byte chunks (which must agree). */
async function analyze(data: Buffer, opts: Partial<AnalyzeOptions> = {}) {
  const whole = await analyzePickleStream(sourceChunks(bufferSource(data)), { ctx, ...opts })
  for (const size of [1, 5]) expect(await analyzePickleStream(pieces(data, size), { ctx, ...opts })).toEqual(whole)
  return whole
}

describe('strings pushed and memoized undecoded resolve exactly', () => {
  test.each([
    ['MEMOIZE', [0x94], [0x94], bytes([0x68, 1]), bytes([0x68, 2])],
    ['BINPUT', [0x71, 7], [0x71, 9], bytes([0x68, 7]), bytes([0x68, 9])],
    ['LONG_BINPUT', bytes([0x72], u32(70000)), bytes([0x72], u32(0xfffffff0)), bytes([0x6a], u32(70000)), bytes([0x6a], u32(0xfffffff0))]
  ])('%s then GET feeds STACK_GLOBAL', async (_name, put1, put2, get1, get2) => {
    const data = bytes([0x80, 4], ']', [0x94], su('os'), Buffer.from(put1), su('system'), Buffer.from(put2), '000', get1, get2, [0x93], su('x'), [0x85], 'R.')
    const r = await analyze(data)
    expect(brief(r.findings)).toEqual([['pickle/dangerous-global', 'os.system', data.indexOf(0x93)]])
  })

  test('non-ASCII UTF-8, surrogatepass and BINSTRING texts come back as the decoder gives them', async () => {
    // STACK_GLOBAL('pathlib\u00e9', '\ud800') is not str-resolvable to anything known: an unknown global naming both exactly.
    const data = bytes([0x80, 4], bu('pathlib\u00e9'), [0x94], sb('x\xe9y'), [0x94], su('\u2581'), [0x94], bytes([0x8c, 3, 0xed, 0xa0, 0x80]), [0x94], '0000', 'h\x00h\x03\x93', 'h\x01h\x02\x93.')
    const r = await analyze(data)
    expect(r.findings.map((f) => f.global)).toEqual(['pathlib\u00e9.\ud800', 'x\u00e9y.\u2581'])
  })

  test('DUP of an undecoded str and strings longer than the arena limit', async () => {
    const long = 'a'.repeat(300)
    const data = bytes([0x80, 4], su('os'), '2', [0x93], bu(long), [0x94], '0h\x00', su('x'), [0x93], '.')
    const r = await analyze(data)
    expect(r.findings.map((f) => f.global)).toEqual(['os.os', `${long}.x`])
  })

  test('invalid UTF-8 is reported at the opcode that carries it, and the analysis goes on', async () => {
    const data = bytes([0x80, 4], su('os'), [0x94], bytes([0x8c, 2, 0xff, 0x41]), [0x94], 'cos\nsystem\n.')
    const r = await analyze(data)
    expect(brief(r.findings)).toEqual([
      ['pickle/malformed', null, 7],
      ['pickle/dangerous-global', 'os.system', 12]
    ])
  })

  test('strings kept in containers reach a BUILD hook decoded', async () => {
    const seen: Value[] = []
    const data = bytes([0x80, 4], 'c__main__\nX\n)\x81}(', su('k\u00e9y'), su('v'), su('a'), sb('b'), 'u', su('c'), [0x94], 'h\x00s', 'b.')
    await analyze(data, {
      onBuild: (_target, state) => {
        seen.push(...(state as PyContainer).items)
        return undefined
      }
    })
    const state = ['k\u00e9y', 'v', 'a', 'b', 'c', 'c']
    expect(seen).toEqual([...state, ...state, ...state]) // whole, then 1- and 5-byte chunks
  })

  test('a memo spanning several arena blocks and slot pages', async () => {
    const parts: Buffer[] = [bytes([0x80, 4, 0x5d, 0x94, 0x28])]
    const count = 120_000 // > 1 slot page (65,536) and > 1 arena block (1 MiB of strings)
    for (let i = 0; i < count; i++) parts.push(su(`module_name_${i}`), bytes([0x94]))
    parts.push(bytes([0x65]), bytes([0x6a], u32(1)), bytes([0x6a], u32(count)), bytes([0x93, 0x2e]))
    const r = await analyzePickleStream(sourceChunks(bufferSource(Buffer.concat(parts))), { ctx })
    expect(r.findings.map((f) => f.global)).toEqual([`module_name_0.module_name_${count - 1}`])
  })
})

describe('Memo', () => {
  test('occupied slots count once, whatever their storage', () => {
    const memo = new Memo()
    memo.set(0, 'short')
    memo.set(0, 'again') // overwrite: memo_len unchanged
    memo.set(1, 'x'.repeat(400))
    memo.set(2, '\u2581 not latin-1')
    memo.set(3, null)
    memo.set(0xfffffff0, 'far')
    memo.set(2 ** 40, 'beyond u32')
    memo.set(-1, 'negative')
    expect(memo.size).toBe(7)
    expect([0, 1, 2, 3, 0xfffffff0, 2 ** 40, -1].map((i) => memo.get(i))).toEqual(['again', 'x'.repeat(400), '\u2581 not latin-1', null, 'far', 'beyond u32', 'negative'])
    expect(memo.get(4)).toBeUndefined()
  })

  test('the same object in consecutive slots stays the same object', () => {
    const memo = new Memo()
    const shared = new PyOpaque('shared')
    for (let i = 0; i < 10; i++) memo.set(i, shared)
    expect(memo.get(9)).toBe(shared)
    expect(memo.size).toBe(10)
  })
})
