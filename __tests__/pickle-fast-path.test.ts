// The machine's data fast path (runData) and the byte-arena memo: strings pushed
// undecoded and memoized as raw bytes must resolve exactly as decoded strings do,
// whatever the chunking, the memo index or the arena block they land in.
import { afterAll, describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Finding } from '../src/scan/findings.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { scanFile, scanOpenSource } from '../src/scan/scan.js'
import { bufferSource, DEFAULT_CHUNK, openFileSource, sourceChunks, type ChunkStream } from '../src/scan/source.js'
import { analyzePickleStream, type AnalyzeOptions } from '../src/scan/pickle/analyze.js'
import { Decoder, Step } from '../src/scan/pickle/decoder.js'
import { GlobalPolicy } from '../src/scan/pickle/globals-policy.js'
import { DATA_OPCODES, Machine, WARM_UP } from '../src/scan/pickle/machine.js'
import { FILE, ITEM_TEXT, LATIN1, Memo } from '../src/scan/pickle/memo.js'
import { opName } from '../src/scan/pickle/opcodes.js'
import { FindingSink } from '../src/scan/pickle/report.js'
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

type ReadAt = (into: Uint8Array, offset: number, length: number) => number
/** Reads `data` back as a local file does (`ChunkStream.readSync`). */
const readFrom = (data: Buffer): ReadAt => (into, offset, length) => data.copy(into, 0, offset, Math.min(offset + length, data.length))

/** `data` as a stream that reads back (a local file's): chunks of `size` (0: the default), and `back` for `readSync`. */
const fileChunks = (data: Buffer, size: number, back: ReadAt = readFrom(data)): ChunkStream =>
  sourceChunks({ ...bufferSource(data), readSync: back }, 0, size || DEFAULT_CHUNK)

const ctx = { options: defaultScanOptions(), depth: 0 }
const LAZY_MARK = new PyOpaque('test marker')
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

  test('memoized strs kept undecoded in tuples read back exactly, in order, wherever the tuple goes', async () => {
    const seen: Value[][] = []
    // (s1, 7, s2) with s1, s2 memoized (held undecoded), then ('x', s3) with 'x' not memoized
    // (decoded at once) and s3 memoized; both tuples are BUILD states, the first one through a GET.
    const data = bytes([0x80, 4], su('k\u00e9y'), [0x94], 'K\x07', su('\u2581v'), [0x94], [0x87, 0x94], '0',
      'c__main__\nX\n)\x81', bytes([0x68, 2]), 'b', su('x'), su('\ud7ff'), [0x94, 0x86], 'b.')
    await analyze(data, {
      onBuild: (_target, state) => {
        seen.push([...(state as PyContainer).items])
        return undefined
      }
    })
    const once = [['k\u00e9y', 7, '\u2581v'], ['x', '\ud7ff']]
    expect(seen).toEqual([...once, ...once, ...once]) // whole, then 1- and 5-byte chunks
  })

  test('tuples of plain data memoized as numbers come back equal through GET, and the same object on a second GET', async () => {
    const states: Value[] = []
    const build = (_target: Value, state: Value) => {
      states.push(state)
      return undefined
    }
    // (-5, 2**31 - 1, 1.5), (None, True, s), (False, LONG1 2**40) (not an int32: kept as an object), each
    // memoized (MEMOIZE, BINPUT, LONG_BINPUT far past the slot pages), then each read back twice.
    const data = bytes([0x80, 4], 'J', u32(-5 >>> 0), 'J', u32(2 ** 31 - 1), 'G', Buffer.from([0x3f, 0xf8, 0, 0, 0, 0, 0, 0]), [0x87, 0x94], '0',
      'N', [0x88], su('k\u00e9y'), [0x94, 0x87, 0x71, 9], '0', [0x89], [0x8a, 6, 0, 0, 0, 0, 0, 1], [0x86, 0x72], u32(0xfffffff0), '0',
      ...[bytes([0x68, 0]), bytes([0x68, 9]), bytes([0x6a], u32(0xfffffff0))].flatMap((get) => ['c__main__\nX\n)\x81', get, 'b0', 'c__main__\nX\n)\x81', get, 'b0']), 'N.')
    const fast = await analyzePickleStream(sourceChunks(bufferSource(data)), { ctx, onBuild: build })
    const seen = states.splice(0)
    const generic = await analyzePickleStream(sourceChunks(bufferSource(data)), { ctx, onBuild: build, dataFastPath: false })
    expect(fast).toEqual(generic)
    expect(seen.map((t) => (t as PyContainer).items)).toEqual(states.map((t) => (t as PyContainer).items))
    expect(seen.map((t) => (t as PyContainer).items.map((v) => (v instanceof PyContainer || v === null || typeof v !== 'object' ? v : 'float')))).toEqual([
      [-5, 2 ** 31 - 1, 'float'], [-5, 2 ** 31 - 1, 'float'],
      [null, true, 'k\u00e9y'], [null, true, 'k\u00e9y'],
      [false, 2 ** 40], [false, 2 ** 40]
    ])
    for (let i = 0; i < seen.length; i += 2) expect(seen[i + 1]).toBe(seen[i])
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

  test('arena strings of every length keep their bytes and length across blocks and shared slots', () => {
    const memo = new Memo()
    const source = Buffer.from(Array.from({ length: 256 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(''), 'latin1')
    // 256 strings of 0..255 bytes, 20 times over: past the 4 KiB first block and a few more.
    for (let i = 0; i < 256 * 20; i++) memo.setBytes(i, source, 0, i % 256, 1)
    memo.setArena(256 * 20, memo.setBytes(256 * 20 + 1, source, 3, 9, 1), 6 | (1 << 8))
    expect([0, 1, 255, 256 * 19 + 254, 256 * 20, 256 * 20 + 1].map((i) => memo.get(i))).toEqual([
      '',
      'a',
      source.toString('latin1', 0, 255),
      source.toString('latin1', 0, 254),
      'defghi',
      'defghi'
    ])
    expect(memo.size).toBe(256 * 20 + 2)
  })

  test('tuples memoized as numbers come back equal from every block, the same object on every GET', () => {
    const memo = new Memo()
    const codes = new Int32Array(9)
    const n = 20_000 // 11 numbers a tuple: past several blocks (1,024 numbers, doubling)
    for (let i = 0; i < n; i++) {
      codes.set([0, i, 0, 2, 0, 0, 0, -i, 0])
      memo.setTuple(i, 3 + (i % 4), codes, 9)
    }
    for (const i of [0, 92, 93, 1000, 4095, n - 1]) {
      const tuple = memo.get(i) as PyContainer
      expect([tuple.type, tuple.size, tuple.items.length, tuple.items[0], tuple.items[2]]).toEqual(['tuple', 3 + (i % 4), 3, i, 0 - i || 0])
      expect(memo.get(i)).toBe(tuple)
    }
    expect(memo.size).toBe(n)
  })

  test('strs kept as file positions: every length, any slot page, shared slots and tuple items read back; past 2^28 they are copied', () => {
    const file = Buffer.from(Array.from({ length: 700 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(''), 'latin1')
    const memo = new Memo(readFrom(file))
    const chunk = file.subarray(100) // a buffer whose first byte is at stream position 100
    // 256 strs of 0..255 bytes at slots 0, 3000, 6000, ...: one slot page each (1,024 slots a page).
    for (let n = 0; n < 256; n++) expect(memo.setBytes(3000 * n, chunk, n, 2 * n, LATIN1, 100)).toBe(100 + n)
    const meta = memo.storedMeta // the last one: FILE | LATIN1, 255 bytes
    memo.setArena(1, 100 + 255, meta)
    memo.setTuple(2, 3, new Int32Array([ITEM_TEXT, 100 + 7, ((FILE + LATIN1) << 8) | 7, 0, 0, 0, 0, 0, 0]), 3)
    expect(memo.setBytes(3, file, 0, 4, LATIN1, 2 ** 28 - 2)).toBeLessThan(2 ** 28) // no stream position past 2^28: an arena copy
    for (let n = 0; n < 256; n++) expect([n, memo.get(3000 * n)]).toEqual([n, file.toString('latin1', 100 + n, 100 + 2 * n)])
    expect([memo.get(1), (memo.get(2) as PyContainer).items, memo.get(3)]).toEqual([file.toString('latin1', 355, 610), [file.toString('latin1', 107, 114)], 'abcd'])
    expect([memo.getBytes(3000 * 9, LAZY_MARK), memo.hitAt, memo.hitMeta]).toEqual([LAZY_MARK, 109, ((FILE + LATIN1) << 8) | 9])
    expect(memo.size).toBe(256 + 3)
  })
})

describe('the fast path and the generic path agree on any data-heavy stream', () => {
  // Text arguments: ASCII, non-ASCII UTF-8, surrogatepass, invalid UTF-8, an overlong, U+FFFD,
  // Latin-1 only text, the empty string, and one past the fast path's 255-byte limit.
  const TEXTS = [[0x6f, 0x73], Buffer.from('system'), Buffer.from('builtins'), Buffer.from('eval'), Buffer.from('collections'), Buffer.from('OrderedDict'),
    Buffer.from('\u2581piece'), [0xed, 0xa0, 0x80], [0xff, 0x41], [0xc0, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbf, 0xbd], [0x61, 0xed, 0xb0, 0x80, 0xc3, 0xa9],
    [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xe0, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80],
    [0xe2, 0x96], [0x78, 0xf0, 0x9f, 0x98], [0xc1, 0xbf], [0xc2, 0x80], [0xdf, 0xbf, 0x80], [0xe9], [], Buffer.alloc(256, 0x61)].map((t) => Buffer.from(t))
  const INDICES = [0, 1, 2, 3, 255, 70000, 0xfffffff0]
  const text = fc.constantFrom(...TEXTS)
  const index = fc.constantFrom(...INDICES)
  const op: fc.Arbitrary<Buffer> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...'(02NG}])\x8f\x85\x86\x87tldfaesu\x90\x88\x89\x94.'.split('').map((c) => (c === 'G' ? bytes('G', Buffer.alloc(8)) : bytes(c)))) },
    { weight: 4, arbitrary: text.map((t) => (t.length < 256 ? bytes([0x8c, t.length], t) : bytes([0x58], u32(t.length), t))) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(0x58, 0x54), text).map(([code, t]) => bytes([code], u32(t.length), t)) },
    { weight: 1, arbitrary: text.map((t) => bytes([0x55, Math.min(t.length, 255)], t.subarray(0, 255))) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(0x71, 0x72, 0x68, 0x6a), index).map(([code, i]) => (code === 0x71 || code === 0x68 ? bytes([code, i & 0xff]) : bytes([code], u32(i)))) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(0x4b, 0x4d, 0x4a), fc.integer()).map(([code, v]) => bytes([code], u32(v >>> 0).subarray(0, code === 0x4b ? 1 : code === 0x4d ? 2 : 4))) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 9 }).map((b) => bytes([0x8a, b.length], Buffer.from(b))) },
    { weight: 1, arbitrary: fc.nat(40).map((n) => bytes([0x95], u32(n), u32(0))) },
    { weight: 1, arbitrary: fc.constant(Buffer.from('K\x01'.repeat(70), 'latin1')) }, // a deep stack
    { weight: 1, arbitrary: fc.constantFrom(bytes([0x93]), bytes('R'), bytes('b'), bytes('cos\nsystem\n'), bytes('1'), bytes([0x80, 2]), bytes([0x80, 4]), bytes('c__main__\nX\n)\x81')) }
  )
  const stream = fc.array(op, { maxLength: 60 }).map((ops) => Buffer.concat(ops))

  test('3000 random streams, whole and in 1-, 7- and 61-byte chunks: identical results', async () => {
    await fc.assert(
      fc.asyncProperty(stream, fc.constantFrom(0, 1, 7, 61), async (data, size) => {
        const chunks = () => (size === 0 ? sourceChunks(bufferSource(data)) : pieces(data, size))
        const generic = await analyzePickleStream(chunks(), { ctx, dataFastPath: false })
        expect(await analyzePickleStream(chunks(), { ctx })).toEqual(generic)
      }),
      // Always tried first: a str pushed after a malformed SETITEM left the stack below its mark.
      { numRuns: 3000, examples: [[Buffer.from([0x5d, 0x8c, 2, 0x6f, 0x73, 0x4b, 0, 0x28, 0x73, 0x8c, 2, 0x6f, 0x73, 0x94]), 0]] }
    )
  })

  test('2000 random streams read from a file (memo strs kept as stream positions) and from a buffer (copied): identical results', async () => {
    await fc.assert(
      fc.asyncProperty(stream, fc.constantFrom(0, 1, 7, 61), async (data, size) => {
        const copied = await analyzePickleStream(sourceChunks(bufferSource(data), 0, size || DEFAULT_CHUNK), { ctx })
        expect(await analyzePickleStream(fileChunks(data, size), { ctx })).toEqual(copied)
      }),
      { numRuns: 2000 }
    )
  })
})

describe('memo strs kept as positions in a local file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-filememo-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const FILLER = 200_000 // memoized strs between the first ones and their GETs: 3.6 MB, several 1 MiB chunks

  /**
   * 'os' (memo 0), 'system' (1), the tuple ('kéy', 7, '▁v') (memo 4, strs 2 and 3), a list of
   * FILLER memoized strs, then `tail` (by default STACK_GLOBAL of GET 0 and GET 1 called with GET 4 as its arguments).
   */
  function longAgo(tail = bytes('h\x00h\x01', [0x93], 'h\x04R.')): Buffer {
    const parts = [bytes([0x80, 4], su('os'), [0x94], su('system'), [0x94], su('k\u00e9y'), [0x94], 'K\x07', su('\u2581v'), [0x94, 0x87, 0x94], '00', ']', [0x94], '(')]
    for (let i = 0; i < FILLER; i++) parts.push(su(`filler_${i}`), bytes([0x94]))
    parts.push(bytes('e0'), tail)
    return Buffer.concat(parts)
  }

  test('a STACK_GLOBAL of long-ago memoized strs and a call on a memoized tuple: the same report from the file as from a buffer', async () => {
    const data = longAgo()
    const path = join(dir, 'long-ago.pkl')
    writeFileSync(path, data)
    let readsBack = 0
    const openSource = async (p: string) => {
      const file = await openFileSource(p)
      const readSync = file.readSync!.bind(file)
      return { size: file.size, read: file.read.bind(file), readInto: file.readInto!.bind(file), close: file.close.bind(file), readSync: (into: Uint8Array, offset: number, length: number) => (readsBack++, readSync(into, offset, length)) }
    }
    const fromFile = await scanFile(path, defaultScanOptions(), { openSource })
    const fromBuffer = await scanOpenSource(path, bufferSource(data), defaultScanOptions())
    expect(fromFile).toEqual(fromBuffer)
    expect(readsBack).toBeGreaterThan(0)
    expect(fromFile.findings.map((f) => [f.rule, f.severity, f.global ?? null, f.location?.offset ?? null])).toEqual([
      ['pickle/dangerous-global', 'critical', 'os.system', data.length - 5]
    ])
  })

  test('behind an .npy header (a stream skipped to its data) and after legacy torch pickles: the same reports from the file as from a buffer', async () => {
    const evil = readFileSync('fixtures/containers/numpy/object_evil.npy')
    const header = evil.subarray(0, 10 + evil.readUInt16LE(8))
    const magic = bytes([0x80, 2, 0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]) // torch's legacy magic number
    const legacy = bytes(magic, [0x80, 2, 0x4d, 0xe9, 0x03, 0x2e], [0x80, 2, 0x7d, 0x2e])
    for (const [name, data] of [['object.npy', bytes(header, longAgo())], ['legacy.pt', bytes(legacy, longAgo())]] as const) {
      const path = join(dir, name)
      writeFileSync(path, data)
      const fromFile = await scanFile(path, defaultScanOptions())
      expect(fromFile).toEqual(await scanOpenSource(path, bufferSource(data), defaultScanOptions()))
      expect([name, fromFile.findings.filter((f) => f.severity === 'critical').map((f) => [f.rule, f.global ?? null, f.location?.offset ?? null])]).toEqual([
        name,
        [['pickle/dangerous-global', 'os.system', data.length - 5]]
      ])
    }
  })

  test('a memoized tuple read back by GET holds its strs, from the file as from a buffer', async () => {
    const data = longAgo(bytes('c__main__\nX\n)\x81', 'h\x04b.'))
    const states: Value[][] = []
    const onBuild = (_target: Value, state: Value) => {
      states.push([...(state as PyContainer).items])
      return undefined
    }
    const fromFile = await analyzePickleStream(fileChunks(data, 0), { ctx, onBuild })
    expect(await analyzePickleStream(sourceChunks(bufferSource(data)), { ctx, onBuild })).toEqual(fromFile)
    expect(states).toEqual([['k\u00e9y', 7, '\u2581v'], ['k\u00e9y', 7, '\u2581v']])
  })

  const CHANGED = '<a memoized string whose bytes changed in the file during the scan>'
  test.each([
    // 'os' (stream bytes 4-5) no longer ASCII; 'system' as it was.
    ['other bytes than were validated', (data: Buffer): ReadAt => readFrom(Buffer.from(data).fill(0xe9, 4, 6)), `${CHANGED}.system`],
    ['a short read', (data: Buffer): ReadAt => (into, offset, length) => readFrom(data)(into, offset, length - 1), `${CHANGED}.${CHANGED}`],
    ['a read that throws', (): ReadAt => () => {
      throw new Error('EBADF')
    }, `${CHANGED}.${CHANGED}`]
  ])('a str read back as %s is a placeholder: its STACK_GLOBAL is dynamic', async (_name, back, global) => {
    const data = longAgo()
    const r = await analyzePickleStream(fileChunks(data, 0, back(data)), { ctx })
    expect(r.findings.map((f) => [f.rule, f.severity, f.global ?? null, f.location?.offset ?? null])).toEqual([['pickle/dynamic-global', 'critical', global, data.length - 5]])
  })
})

describe('the fast path warm-up', () => {
  test('runs to its end through the fast path and holds every opcode the fast path runs', () => {
    const machine = new Machine(new FindingSink(undefined), new GlobalPolicy([]))
    machine.startPickle()
    expect(machine.runData(WARM_UP, 0, WARM_UP.length, WARM_UP.length, WARM_UP.length, -1)).toBe(WARM_UP.length)
    // As the warm-up runs it: stopped by the buffer's end, then by the frame's end, inside the
    // str after the first MARK; then to the end (with a frame that ends between opcodes, or none).
    for (const frame of [true, false]) {
      const pass = new Machine(new FindingSink(undefined), new GlobalPolicy([]))
      pass.startPickle()
      expect(pass.warmUpPass(frame)).toEqual([5, 5, WARM_UP.length])
    }
    const seen = new Set<number>()
    const dec = new Decoder()
    for (let pos = 0; pos < WARM_UP.length; pos = dec.next) {
      expect(dec.decode(WARM_UP, pos, WARM_UP.length, true, pos)).toBe(Step.Op)
      seen.add(dec.code)
    }
    expect(DATA_OPCODES.filter((code) => !seen.has(code)).map(opName)).toEqual([])
  })
})
