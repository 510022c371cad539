// Unit tests of the pickle analyzer: C-unpickler argument decoding, name resolution,
// streaming and chunk boundaries, frames, limits, nested deserializers, the BUILD hook.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from '@jest/globals'
import type { Finding } from '../src/scan/findings.js'
import { defaultScanOptions, type ScanOptions } from '../src/scan/policy.js'
import { bufferSource, sourceChunks, type ChunkStream } from '../src/scan/source.js'
import { analyzePickleStream, type AnalyzeOptions } from '../src/scan/pickle/analyze.js'
import { PyContainer, PyInstance } from '../src/scan/pickle/values.js'
import { probePickle } from '../src/scan/pickle/probe.js'
import { pickleFormatFinding, scanPickle } from '../src/scan/pickle/scan-pickle.js'

const enc = (s: string): Buffer => Buffer.from(s, 'latin1')
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n)
  return b
}
const u64 = (n: number): Buffer => {
  const b = Buffer.alloc(8)
  b.writeBigUInt64LE(BigInt(n))
  return b
}
/** SHORT_BINUNICODE */
const s = (x: string): Buffer => Buffer.concat([Buffer.from([0x8c, Buffer.byteLength(x)]), Buffer.from(x)])
const cat = (...parts: (Buffer | string)[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? enc(p) : p)))

const ctx = (options: Partial<ScanOptions> = {}, entry?: string) => ({ options: defaultScanOptions(options), depth: 0, ...(entry ? { entry } : {}) })

/** A stream handing out `bytes` in pieces of `size` (no fast skip, like an inflater). */
function pieces(bytes: Uint8Array, size: number): ChunkStream {
  let at = 0
  return {
    async next() {
      if (at >= bytes.length) return null
      const chunk = bytes.slice(at, at + size)
      at += size
      return chunk
    }
  }
}

async function analyze(bytes: Uint8Array, opts: Partial<AnalyzeOptions> = {}) {
  return analyzePickleStream(sourceChunks(bufferSource(bytes)), { ctx: ctx(), ...opts })
}

const brief = (findings: Finding[]) => findings.map((f) => [f.rule, f.severity, f.global ?? null, f.location?.offset ?? null])

describe('argument decoding as the C unpickler does it', () => {
  test('UNICODE is raw-unicode-escape: \\u escapes decode, other bytes are Latin-1', async () => {
    const r = await analyze(cat('Vo\\u0073\nVsys\\u0074em\n\x93V\xc3\xa9\n\x85R.'))
    expect(brief(r.findings)).toEqual([['pickle/dangerous-global', 'critical', 'os.system', 22]])
  })

  test('STRING escapes are decoded (\\x, octal) before STACK_GLOBAL', async () => {
    const r = await analyze(cat("S'\\x6f\\163'\nS'system'\n\x93N\x85R."))
    expect(brief(r.findings)).toEqual([['pickle/dangerous-global', 'critical', 'os.system', 22]])
  })

  test('a bad \\x escape in STRING is a loader error, not a string', async () => {
    const r = await analyze(cat("S'\\x6'\n."))
    expect(r.findings[0]).toMatchObject({ rule: 'pickle/malformed', location: { offset: 0 } })
    expect(r.findings[0].message).toContain('invalid \\x escape')
  })

  test('BINSTRING and SHORT_BINSTRING feed STACK_GLOBAL like any str', async () => {
    const r = await analyze(cat('\x80\x02', 'T', u32(5), 'posix', 'U\x06system', '\x93.'))
    expect(brief(r.findings)).toEqual([['pickle/dangerous-global', 'critical', 'posix.system', 20]])
  })

  test('BINUNICODE accepts lone surrogates (surrogatepass) and rejects overlongs', async () => {
    const ok = await analyze(cat('X', u32(3), Buffer.from([0xed, 0xa0, 0x80]), '.'))
    expect(ok.findings).toEqual([])
    expect(ok.pickles).toBe(1)
    const bad = await analyze(cat('X', u32(2), Buffer.from([0xc0, 0xaf]), '.'))
    expect(brief(bad.findings)).toEqual([['pickle/malformed', 'high', null, 0]])
  })

  test('INT: base 0 (010 is 8, 0x10), I01/I00 and " 1" are bools; junk is an error', async () => {
    for (const line of ['010', '0x10', '01', '00', ' 1', '+1', '1_000', '-7']) expect((await analyze(cat('I', line, '\n.'))).findings).toEqual([])
    const bad = await analyze(cat('I09\n.'))
    expect(bad.findings[0].message).toContain('could not convert string to int')
  })

  test('LONG drops one trailing L; FLOAT accepts inf/nan but not surrounding spaces', async () => {
    expect((await analyze(cat('L10L\nL 0x1f \nFinf\nFnan\n000.'))).findings).toEqual([])
    expect((await analyze(cat('F 1.5\n.'))).findings[0].message).toContain('could not convert string to float')
  })

  test('GLOBAL lines are never trimmed and must be non-empty', async () => {
    expect(brief((await analyze(cat('c os\nsystem\n.'))).findings)).toEqual([['pickle/unknown-global', 'high', ' os.system', 0]])
    expect((await analyze(cat('c\nsystem\n.'))).findings[0]).toMatchObject({ rule: 'pickle/malformed' })
  })

  test('INST lines are strict ASCII', async () => {
    const r = await analyze(cat('(io\xe9\nsystem\n.'))
    expect(r.findings[0].message).toContain("'ascii' codec")
  })

  test('8-byte lengths of 2^63 or more are an OverflowError', async () => {
    const r = await analyze(cat('\x8e', Buffer.from([0, 0, 0, 0, 0, 0, 0, 0x80])))
    expect(r.findings[0].message).toContain('OverflowError')
  })

  test('PROTO above 5 is an error; opcodes are not gated by protocol', async () => {
    expect((await analyze(cat('\x80\x06N.'))).findings[0].message).toContain('unsupported pickle protocol: 6')
    expect(brief((await analyze(cat(s('os'), s('system'), '\x93.'))).findings)).toEqual([['pickle/dangerous-global', 'critical', 'os.system', 12]])
  })
})

describe('memo, marks and stack', () => {
  test('MEMOIZE writes the number of occupied slots: BINPUT 5 then MEMOIZE writes slot 1', async () => {
    const r = await analyze(cat('\x80\x04', s('posix'), 'q\x05', s('system'), '\x94', '00h\x05h\x01\x93.'))
    expect(brief(r.findings)).toEqual([['pickle/dangerous-global', 'critical', 'posix.system', 26]])
  })

  test('POP removes a mark sitting at the top of the stack', async () => {
    expect((await analyze(cat('N(0.'))).findings).toEqual([])
  })

  test('stack underflow and a missing MARK are reported', async () => {
    expect((await analyze(cat('0N.'))).findings[0].message).toContain('stack underflow')
    expect((await analyze(cat('Nt.'))).findings[0].message).toContain('could not find MARK')
  })

  test('an odd DICT / SETITEMS count is an error', async () => {
    expect((await analyze(cat('(Nd.'))).findings[0].message).toContain('odd number of items for DICT')
    expect((await analyze(cat('}(Nu.'))).findings[0].message).toContain('odd number of items for SETITEMS')
  })

  test('findings are deduplicated per (rule, global) with the first offset and a count', async () => {
    const r = await analyze(cat('cos\nsystem\n0cos\nsystem\n0N.'))
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'pickle/dangerous-global', global: 'os.system', count: 2, location: { offset: 0 } })])
  })
})

describe('name resolution', () => {
  test('protocol < 3 remaps Python 2 names; protocol ≥ 3 does not (but aliases still count)', async () => {
    expect(brief((await analyze(cat('\x80\x02curllib2\nurlopen\n.'))).findings)).toEqual([['pickle/dangerous-global', 'critical', 'urllib.request.urlopen', 2]])
    const p4 = await analyze(cat('\x80\x04c__builtin__\neval\n.'))
    expect(p4.findings[0]).toMatchObject({ global: '__builtin__.eval', reached: 'builtins.eval', severity: 'critical' })
  })

  test('allowlisted names pass only exactly: look-alikes are unknown', async () => {
    expect(brief((await analyze(cat('ccollections\nOrderedDictEvil\n.'))).findings)).toEqual([['pickle/unknown-global', 'high', 'collections.OrderedDictEvil', 0]])
    expect(brief((await analyze(cat('ctorch._utils\nevil\n.'))).findings)).toEqual([['pickle/unknown-global', 'high', 'torch._utils.evil', 0]])
  })

  test('calling a global allowlisted only as a value is reported', async () => {
    const r = await analyze(cat('\x80\x02ctorch\nFloatStorage\n)R.'))
    expect(brief(r.findings)).toEqual([['pickle/unknown-global', 'high', 'torch.FloatStorage (called)', 23]])
  })

  test('calling anything but a global is a dynamic global', async () => {
    const r = await analyze(cat('\x80\x02ccollections\nOrderedDict\n)R)R.'))
    expect(brief(r.findings)).toEqual([['pickle/dynamic-global', 'critical', '<result of collections.OrderedDict (offset 28)>()', 30]])
  })

  test('SETITEM on an allowlisted result that does not permit it (CVE-2026-24747 shape)', async () => {
    const r = await analyze(cat('\x80\x02ctorch\nSize\n)RK\x00K\x01s.'))
    expect(brief(r.findings)).toEqual([['pickle/unknown-global', 'high', 'torch.Size (SETITEM)', 20]])
  })
})

describe('streams', () => {
  const fixtures = path.resolve(process.cwd(), 'fixtures/pickle')

  test.each(readdirSync(fixtures).filter((n) => !n.startsWith('benign-proto')))('%s gives the same findings read one byte at a time', async (name) => {
    const bytes = readFileSync(path.join(fixtures, name))
    const whole = await analyzePickleStream(sourceChunks(bufferSource(bytes)), { ctx: ctx() })
    const bytewise = await analyzePickleStream(pieces(bytes, 1), { ctx: ctx() })
    expect(bytewise).toEqual(whole)
  })

  test('baseOffset shifts every offset; the entry goes into locations and messages', async () => {
    const r = await analyzePickleStream(sourceChunks(bufferSource(cat('cos\nsystem\n.'))), { ctx: ctx({}, 'archive/data.pkl'), baseOffset: 100 })
    expect(r.findings[0].location).toEqual({ entry: 'archive/data.pkl', offset: 100 })
    expect(r.findings[0].message).toContain('at offset 100 in archive/data.pkl')
    expect(r.end).toBe(112)
  })

  test('maxPickles stops after N pickles and reports where', async () => {
    const bytes = cat('K\x01.K\x02.cos\nsystem\n.')
    const r = await analyze(bytes, { maxPickles: 2 })
    expect(r).toMatchObject({ pickles: 2, end: 6, findings: [] })
    expect((await analyze(bytes)).pickles).toBe(3)
  })

  test('a 300 MiB BINBYTES8 is streamed through, not buffered, with and without a fast skip', async () => {
    const size = 300 << 20
    const chunk = new Uint8Array(1 << 20)
    const make = (withSkip: boolean): ChunkStream => {
      const parts = [cat('\x80\x04\x8e', u64(size)), ...Array.from({ length: 300 }, () => chunk), cat('\x85.')]
      let i = 0
      return {
        next: async () => (i < parts.length ? parts[i++] : null),
        ...(withSkip
          ? {
              skip: async (n: number) => {
                let done = 0
                while (done < n && i < parts.length) done += parts[i++].length
                return done
              }
            }
          : {})
      }
    }
    for (const withSkip of [true, false]) {
      const before = process.memoryUsage().rss
      const started = Date.now()
      const r = await analyzePickleStream(make(withSkip), { ctx: ctx() })
      expect(r).toMatchObject({ findings: [], pickles: 1, end: 11 + size + 2 })
      expect(process.memoryUsage().rss - before).toBeLessThan(100 << 20)
      expect(Date.now() - started).toBeLessThan(3000)
    }
  })

  test('text arguments longer than the line limit are streamed and kept as a prefix', async () => {
    const long = 'a'.repeat(3 << 20)
    const r = await analyzePickleStream(pieces(cat('V', long, '\nV', long, '\n\x93.'), 1 << 16), { ctx: ctx() })
    expect(brief(r.findings)).toEqual([['pickle/dynamic-global', 'critical', `<str of ${3 << 20} bytes>.<str of ${3 << 20} bytes>`, 2 * (long.length + 2)]])
  })

  test('the opcode limit ends the analysis with scan/incomplete', async () => {
    const r = await analyze(cat('NNNNN0000cos\nsystem\n.'), { ctx: ctx({ limits: { maxDepth: 3, maxOpcodes: 4, maxDecompressedBytes: 1, timeBudgetMs: 60_000 } }) })
    expect(brief(r.findings)).toEqual([['scan/incomplete', 'high', null, 4]])
    expect(r.findings[0].message).toContain('limits.maxOpcodes = 4')
  })
})

describe('frames', () => {
  const framed = (...frames: Buffer[]) => cat('\x80\x04', ...frames.flatMap((f) => [cat('\x95', u64(f.length)), f]))

  test('opcodes split into consecutive frames are fine', async () => {
    expect((await analyze(framed(cat(']', '\x94'), cat(s('a'), 'a.')))).findings).toEqual([])
  })

  test('an opcode crossing a frame end is a desync', async () => {
    const r = await analyze(cat('\x80\x04\x95', u64(2), s('ab'), '.'))
    expect(brief(r.findings)).toEqual([['pickle/frame-desync', 'critical', null, 11]])
  })

  test('a FRAME inside an unconsumed frame is a desync', async () => {
    const r = await analyze(cat('\x80\x04\x95', u64(11), '\x95', u64(1), 'N.'))
    expect(brief(r.findings)).toEqual([['pickle/frame-desync', 'critical', null, 11]])
  })

  test('a frame longer than the data fails at the FRAME, before anything in it runs', async () => {
    const r = await analyze(cat('\x80\x04\x95', u64(100), 'cos\nsystem\n.'))
    expect(brief(r.findings)).toEqual([['pickle/malformed', 'high', null, 2]])
  })
})

describe('nested deserializers', () => {
  const nestedEval = cat('\x80\x04', s('builtins'), s('eval'), '\x93', s('1'), '\x85R.')

  test('bytes built by _codecs.encode are scanned (malicious13a shape)', async () => {
    const r = await analyze(cat('c_pickle\nloads\nc_codecs\nencode\n(V', nestedEval.toString('latin1').replace(/\\/g, '\\u005c').replace(/\n/g, '\\u000a'), '\nVlatin1\ntR\x85R.'))
    expect(r.findings.map((f) => [f.rule, f.global, f.nestedIn ?? null])).toEqual([
      ['pickle/dangerous-global', '_pickle.loads', null],
      ['pickle/dangerous-global', 'builtins.eval', '_pickle.loads']
    ])
  })

  test('depth is limited by limits.maxDepth', async () => {
    const outer = cat('\x80\x04', s('pickle'), s('loads'), '\x93C', Buffer.from([nestedEval.length]), nestedEval, '\x85R.')
    const r = await analyze(outer, { ctx: { options: defaultScanOptions({ limits: { maxDepth: 0, maxOpcodes: 1e6, maxDecompressedBytes: 1 } }), depth: 0 } })
    expect(brief(r.findings)).toEqual([
      ['pickle/dangerous-global', 'critical', 'pickle.loads', 17],
      ['scan/incomplete', 'high', null, 46]
    ])
  })

  test('payloads too large to keep are not silently skipped', async () => {
    const big = Buffer.alloc(2 << 20)
    const r = await analyze(cat('\x80\x04', s('torch.storage'), s('_load_from_bytes'), '\x93B', u32(big.length), big, '\x85R.'))
    expect(brief(r.findings)).toEqual([
      ['pickle/dangerous-global', 'critical', 'torch.storage._load_from_bytes', 35],
      ['scan/incomplete', 'high', null, 36 + 5 + big.length + 1]
    ])
  })

  test('a custom nested scanner receives the bytes and a deeper context', async () => {
    const seen: [number, number][] = []
    const nested = async (bytes: Uint8Array, inner: { depth: number }): Promise<Finding[]> => {
      seen.push([bytes.length, inner.depth])
      return [{ rule: 'zip/anomaly', severity: 'high', message: 'inner', location: { entry: 'x', offset: 3 } }]
    }
    const r = await analyze(cat('\x80\x04', s('torch'), s('load'), '\x93C\x04PK\x03\x04\x85R.'), { nested })
    expect(seen).toEqual([[4, 1]])
    expect(r.findings[1]).toMatchObject({ rule: 'zip/anomaly', nestedIn: 'torch.load', nestedOffset: 3, location: { offset: 23 } })
  })
})

describe('BUILD hook (joblib seam)', () => {
  const wrapper = cat('\x80\x04', s('joblib.numpy_pickle'), s('NumpyArrayWrapper'), '\x93)\x81}b')
  const hook = (action: 'skip' | 'inline') => (target: unknown) =>
    target instanceof PyInstance && target.cls?.name === 'joblib.numpy_pickle.NumpyArrayWrapper' ? (action === 'skip' ? { skipBytes: 4 } : { inlinePickle: true as const, value: new PyContainer('list') }) : undefined

  test('raw array bytes after the BUILD are skipped, and what follows is analysed', async () => {
    const bytes = cat(wrapper, '\xff\xfe\xfd\xfc', '0cos\nsystem\n.')
    const r = await analyze(bytes, { ctx: ctx({ allowGlobals: ['joblib.*'] }), onBuild: hook('skip') })
    expect(brief(r.findings)).toEqual([['pickle/dangerous-global', 'critical', 'os.system', 52]])
    expect(r.pickles).toBe(1)
  })

  test('an inline pickle after the BUILD is analysed and the outer one resumes', async () => {
    const bytes = cat(wrapper, '\x80\x04cposix\nsystem\n.', '0N.')
    const r = await analyze(bytes, { ctx: ctx({ allowGlobals: ['joblib.*'] }), onBuild: hook('inline') })
    expect(brief(r.findings)).toEqual([['pickle/dangerous-global', 'critical', 'posix.system', 49]])
    expect(r).toMatchObject({ pickles: 1, end: bytes.length })
  })
})

describe('probePickle', () => {
  test.each([
    ['PROTO 2', cat('\x80\x02'), false],
    ['GLOBAL os system', cat('cos\nsystem\n(S"echo"\ntR.'), true],
    ['protocol 0 list', cat('(lp0\nVa\naVb\na.'), true],
    ['a pickle cut by the head', cat('(lp0\nVa\naVb\na'), false]
  ])('%s is a pickle', (_name, head, whole) => {
    expect(probePickle(head, whole ? head.length : head.length + 100)).toBe(true)
  })

  test('a first BINBYTES longer than the head is a pickle when its length fits in the file', () => {
    const head = cat('B\xa0\x86\x01\x00', '\x00'.repeat(1000)) // 100,000 bytes declared
    expect(probePickle(head, 100_005 + 30)).toBe(true)
    expect(probePickle(head, 50_000)).toBe(false)
  })

  test.each([
    ['prose', 'The quick brown fox jumps over the lazy dog.\n'],
    ['markdown', '# README\n\nSome text.\n'],
    ['JSON', '{"a": [1, 2, 3]}\n'],
    ['CSV', 'a,b,c\n1,2,3\n'],
    ['a text line starting with c', 'cat file.txt\nmore lines\n'],
    ['an int line', 'I think so\n'],
    ['PNG', '\x89PNG\r\n\x1a\n'],
    ['GLOBAL with a non-UTF-8 name', 'cmod\n\xf8\n']
  ])('%s is not a pickle', (_name, text) => {
    expect(probePickle(enc(text), text.length)).toBe(false)
    expect(probePickle(enc(text), 1 << 20)).toBe(false)
  })

  test('a truncated whole file is not a pickle, the same bytes as a head are', () => {
    const cut = cat('(lp0\nVa\naVb')
    expect(probePickle(cut, cut.length)).toBe(false)
    expect(probePickle(cut, cut.length + 1)).toBe(true)
  })
})

describe('scanPickle', () => {
  test('adds one pickle/format finding for allowlisted pickle data, none for data that is not a pickle', async () => {
    const ok = await scanPickle(bufferSource(cat('\x80\x02ccollections\nOrderedDict\n)R.')), ctx({}, 'a/b.pkl'))
    expect(ok).toMatchObject({ format: 'pickle', findings: [pickleFormatFinding(defaultScanOptions(), 'a/b.pkl')] })
    expect(ok.findings[0]).toMatchObject({ rule: 'pickle/format', severity: 'medium', location: { entry: 'a/b.pkl' } })
    const junk = await scanPickle(bufferSource(enc('\x89PNG')), ctx())
    expect(junk.findings.map((f) => f.rule)).toEqual(['pickle/malformed'])
  })
})
