// bzip2, xz, lzma, zstd and lz4 data (fixtures/gen_compress.py) decoded and scanned: exact
// findings, formats, decompressed offsets; several streams/frames, padding, skippable frames,
// trailing data, cut-off data, zip members with methods 12 and 14, the decompression limit.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import type { FormatResult } from '../src/scan/context.js'
import { defaultScanOptions, type ScanOptions } from '../src/scan/policy.js'
import { bufferSource, sourceChunks } from '../src/scan/source.js'
import { CODECS, decompressStream } from '../src/scan/decompress/index.js'
import { scanSource } from '../src/scan/dispatch.js'

type Row = [string, string, string | null, number | null, string | null]

async function scan(name: string, bytes: Uint8Array = readFileSync(`fixtures/compress/${name}`), options: ScanOptions = defaultScanOptions()): Promise<FormatResult> {
  return scanSource(bufferSource(bytes), { options, depth: 0 }, name)
}

const rows = (r: FormatResult): Row[] =>
  r.findings.map((f) => [f.rule, f.severity, f.location?.entry ?? null, f.location?.offset ?? null, (f.decompressed as string | undefined) ?? null])

const CRIT = 'pickle/dangerous-global'
/** offset of the GLOBAL after LONG's 150 000-byte string */
const LONG_AT = 2 + 1 + 4 + 150000 + 1

const EXPECTED: Record<string, Row[]> = {
  'model.pkl.bz2': [[CRIT, 'critical', null, 2, 'bz2']],
  'two-streams.pkl.bz2': [[CRIT, 'critical', null, 2, 'bz2']],
  'trailing-garbage.pkl.bz2': [[CRIT, 'critical', null, 2, 'bz2']],
  'model.pkl.xz': [[CRIT, 'critical', null, 2, 'xz']],
  'check-none.pkl.xz': [[CRIT, 'critical', null, 2, 'xz']],
  'check-crc32.pkl.xz': [[CRIT, 'critical', null, 2, 'xz']],
  'check-sha256.pkl.xz': [[CRIT, 'critical', null, 2, 'xz']],
  'two-streams.pkl.xz': [[CRIT, 'critical', null, 2, 'xz']],
  'padded-streams.pkl.xz': [[CRIT, 'critical', null, 2, 'xz']],
  'long.pkl.xz': [[CRIT, 'critical', null, LONG_AT, 'xz']],
  'long.pkl.bz2': [[CRIT, 'critical', null, LONG_AT, 'bz2']],
  'long.pkl.lzma': [[CRIT, 'critical', null, LONG_AT, 'lzma']],
  'long.pkl.lz4': [[CRIT, 'critical', null, LONG_AT, 'lz4']],
  'model.pkl.lzma': [[CRIT, 'critical', null, 2, 'lzma']],
  'two-streams.pkl.lzma': [[CRIT, 'critical', null, 2, 'lzma']],
  'model.pkl.zst': [[CRIT, 'critical', null, 2, 'zstd']],
  'two-frames.pkl.zst': [[CRIT, 'critical', null, 2, 'zstd']],
  'skippable.pkl.zst': [[CRIT, 'critical', null, 2, 'zstd']],
  'long.pkl.zst': [[CRIT, 'critical', null, LONG_AT, 'zstd']],
  'model.pkl.lz4': [[CRIT, 'critical', null, 2, 'lz4']],
  'two-frames.pkl.lz4': [[CRIT, 'critical', null, 2, 'lz4']],
  'linked.pkl.lz4': [[CRIT, 'critical', null, LONG_AT, 'lz4']],
  'skippable.pkl.lz4': [[CRIT, 'critical', null, 2, 'lz4']]
}

describe('compressed streams: format and exact findings', () => {
  test.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    const result = await scan(name)
    expect({ format: result.format, findings: rows(result) }).toEqual({ format: 'joblib', findings: expected })
  })
})

const INCOMPLETE: Row = ['scan/incomplete', 'high', null, null, null]

describe('cut-off and corrupt data: scan/incomplete saying where, after what was decoded', () => {
  test.each([
    ['truncated.pkl.bz2', [INCOMPLETE], 'after 0 decompressed bytes (the data ends inside a bzip2 block (after 67 compressed bytes))'],
    ['corrupt.pkl.bz2', [INCOMPLETE], 'after 0 decompressed bytes (bzip2 block 1 (at compressed byte 4) is invalid)'],
    ['truncated.pkl.xz', [INCOMPLETE], 'after 0 decompressed bytes (the data ends inside an LZMA2 chunk (after 56 compressed bytes))'],
    [
      'truncated.pkl.lzma',
      [[CRIT, 'critical', null, 2, 'lzma'], ['pickle/malformed', 'high', null, 38, 'lzma'], INCOMPLETE],
      'after 38 decompressed bytes (LZMA data is cut off)'
    ],
    ['truncated.pkl.zst', [INCOMPLETE], 'after 0 decompressed bytes (the data ends inside a zstd block (after 42 compressed bytes))'],
    ['truncated.pkl.lz4', [INCOMPLETE], 'after 0 decompressed bytes (the data ends inside an LZ4 block (after 48 compressed bytes))']
  ] as Array<[string, Row[], string]>)('%s', async (name, expected, message) => {
    const result = await scan(name)
    expect(rows(result)).toEqual(expected)
    expect(result.findings.at(-1)!.message).toContain(`could not be decoded ${message}`)
  })
})

test('zip members compressed with bzip2 (12) and LZMA (14) are decoded, an .xz member too', async () => {
  const result = await scan('members.zip')
  expect({ format: result.format, findings: rows(result) }).toEqual({
    format: 'zip',
    findings: [
      [CRIT, 'critical', 'bzip2.pkl', 2, null],
      [CRIT, 'critical', 'lzma.pkl', 2, null],
      [CRIT, 'critical', 'inner.pkl.xz', 2, 'xz']
    ]
  })
})

describe('16 MiB of zeros', () => {
  const cases = [
    ['bz2', 'zeros.bin.bz2'],
    ['xz', 'zeros.bin.xz'],
    ['zstd', 'zeros.bin.zst'],
    ['lz4', 'zeros.bin.lz4']
  ] as const
  test.each(cases)('%s: decoded whole in chunks of at most 1 MiB', async (codec, name) => {
    const data = readFileSync(`fixtures/compress/${name}`)
    const out = decompressStream(sourceChunks(bufferSource(data)), CODECS[codec], { cap: 64 << 20 })
    let total = 0
    let largest = 0
    let nonZero = 0
    for (let c = await out.stream.next(); c !== null; c = await out.stream.next()) {
      total += c.length
      largest = Math.max(largest, c.length)
      nonZero += c.some((b) => b !== 0) ? 1 : 0
    }
    expect({ total, nonZero, result: out.result() }).toEqual({ total: 16 << 20, nonZero: 0, result: { status: 'complete', bytes: 16 << 20, consumed: data.length } })
    expect(largest).toBeLessThanOrEqual(1 << 20)
  })
})

test.each(['bz2', 'xz', 'lzma', 'zst', 'lz4'])('.%s: limits.maxDecompressedBytes stops the stream with scan/incomplete', async (ext) => {
  const options = defaultScanOptions({ limits: { maxDecompressedBytes: 65536 } as ScanOptions['limits'] })
  const result = await scan(`long.pkl.${ext}`, undefined, options)
  const codec = ext === 'zst' ? 'zstd' : ext
  expect(rows(result)).toEqual([['pickle/malformed', 'high', null, 2, codec], INCOMPLETE])
  expect(result.findings[1].message).toContain(
    `The ${codec}-compressed data was analysed only up to 65536 decompressed bytes: the decompression limit (limits.maxDecompressedBytes = 65536) was reached`
  )
})
