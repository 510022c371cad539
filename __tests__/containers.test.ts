// The dispatcher over containers: generic zips scanned member by member by content, nested
// archives (entry paths joined with `/`), compressed streams, 7z packed streams, the depth limit,
// the decompression limit, bytes handed to nested deserializers, and the one-per-file pickle/format.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { describe, expect, test } from '@jest/globals'
import type { FormatResult } from '../src/scan/context.js'
import { defaultScanOptions, type ScanOptions } from '../src/scan/policy.js'
import { bufferSource, sourceChunks, type ChunkStream } from '../src/scan/source.js'
import { scanSource } from '../src/scan/dispatch.js'
import { peek } from '../src/scan/containers/content.js'
import { CODECS, decompressStream } from '../src/scan/decompress/index.js'

type Row = [string, string, string | null, number | null]

async function scan(name: string, bytes: Uint8Array = readFileSync(`fixtures/${name}`), options: ScanOptions = defaultScanOptions()): Promise<FormatResult> {
  return scanSource(bufferSource(bytes), { options, depth: 0 }, name)
}

const rows = (r: FormatResult): Row[] => r.findings.map((f) => [f.rule, f.severity, f.location?.entry ?? null, f.location?.offset ?? null])
const CRIT = 'pickle/dangerous-global'
const EVIL = Buffer.from('\x80\x02cposix\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.', 'latin1')

const EXPECTED: Record<string, [string, Row[]]> = {
  'containers/pickle_in_txt.zip': ['zip', [[CRIT, 'critical', 'data.txt', 2]]],
  'containers/nested_stored.zip': ['zip', [[CRIT, 'critical', 'inner.zip/archive/data.pkl', 2]]],
  'containers/nested_deflated.zip': ['zip', [[CRIT, 'critical', 'inner.zip/archive/data.pkl', 2]]],
  'containers/compressed/model.pkl.gz': ['joblib', [[CRIT, 'critical', null, 2]]],
  'containers/compressed/notes.txt.gz': ['compressed', []],
  'containers/sevenzip/stored.7z': ['compressed', [[CRIT, 'critical', 'packed-stream@32', 2]]],
  'containers/sevenzip/lzma.7z': ['compressed', [['scan/incomplete', 'high', null, 32]]],
  'zip/benign_deflated.zip': ['npz', []],
  'zip/encrypted.zip': ['pytorch-zip', [['scan/incomplete', 'high', 'archive/data.pkl', 0], [CRIT, 'critical', 'archive/data.pkl', 2]]]
}

describe('containers: format and exact findings', () => {
  test.each(Object.entries(EXPECTED))('%s', async (name, [format, expected]) => {
    const result = await scan(name)
    expect({ format: result.format, findings: rows(result) }).toEqual({ format, findings: expected })
  })
})

describe('nesting', () => {
  test('limits.maxDepth stops a nested archive with scan/incomplete naming the limit', async () => {
    const result = await scan('containers/nested_stored.zip', undefined, defaultScanOptions({ limits: { maxDepth: 1 } as ScanOptions['limits'] }))
    expect(rows(result)).toEqual([['scan/incomplete', 'high', 'inner.zip/archive/data.pkl', null]])
    expect(result.findings[0].message).toContain('limits.maxDepth = 1')
  })

  test('torch.load(bytes) of a zip inside a pickle reaches the zip scanner', async () => {
    const zip = readFileSync('fixtures/containers/torch/evil.pt')
    const len = Buffer.alloc(4)
    len.writeUInt32LE(zip.length)
    const outer = Buffer.concat([Buffer.from('\x80\x04ctorch\nload\n', 'latin1'), Buffer.from([0x42]), len, zip, Buffer.from('\x85R.', 'latin1')])
    const result = await scan('outer.pkl', outer)
    const nested = result.findings.filter((f) => f.nestedIn === 'torch.load')
    expect(nested.map((f) => [f.rule, f.global])).toEqual([[CRIT, 'posix.system']])
    expect(nested[0].message).toContain('archive/data.pkl')
  })

  test('one pickle/format per file, however many members hold pickle data', async () => {
    const result = await scan('peerlike/object-arrays.npz')
    expect(rows(result)).toEqual([['pickle/format', 'medium', 'a.npy', null]])
  })

  test('pickle-policy allow-safe makes the verdict info', async () => {
    const result = await scan('containers/torch/benign.pt', undefined, defaultScanOptions({ picklePolicy: 'allow-safe' }))
    expect(rows(result)).toEqual([['pickle/format', 'info', 'archive/data.pkl', null]])
  })
})

describe('decompression', () => {
  test('limits.maxDecompressedBytes stops a gzip stream with scan/incomplete', async () => {
    const big = gzipSync(Buffer.concat([Buffer.from([0x80, 0x04, 0x8e]), Buffer.from(new BigUint64Array([1n << 20n]).buffer), Buffer.alloc(1 << 20), EVIL]))
    const options = defaultScanOptions({ limits: { maxDecompressedBytes: 65536 } as ScanOptions['limits'] })
    const result = await scan('big.pkl.gz', big, options)
    expect(rows(result)).toEqual([
      ['pickle/malformed', 'high', null, 2],
      ['scan/incomplete', 'high', null, null]
    ])
  })

  test('a gzip stream cut inside its deflate data is scan/incomplete after what it yielded', async () => {
    const gz = gzipSync(EVIL)
    const result = await scan('model.pkl.gz', gz.subarray(0, gz.length - 9))
    expect(rows(result).map(([rule]) => rule)).toEqual([CRIT, 'scan/incomplete'])
  })

  test('decompressStream hands out bounded chunks of a gzip bomb', async () => {
    const bomb = gzipSync(Buffer.alloc(16 << 20))
    const inflated = decompressStream(sourceChunks(bufferSource(bomb)), CODECS.gzip, { cap: 64 << 20 })
    let largest = 0
    let total = 0
    for (let c = await inflated.stream.next(); c !== null; c = await inflated.stream.next()) {
      largest = Math.max(largest, c.length)
      total += c.length
    }
    expect(total).toBe(16 << 20)
    expect(largest).toBeLessThanOrEqual(1 << 20)
    expect(inflated.result()).toEqual({ status: 'complete', bytes: 16 << 20, consumed: bomb.length })
  })
})

describe('peek', () => {
  function chunks(...parts: string[]): ChunkStream {
    const queue = parts.map((p) => Buffer.from(p))
    return { next: async () => queue.shift() ?? null }
  }

  test('replays what it read, then the rest; skip works across the replayed head', async () => {
    const p = await peek(chunks('ab', 'cd', 'ef'), 3)
    expect(Buffer.from(p.head).toString()).toBe('abcd')
    expect(p.ended).toBe(false)
    expect(await p.stream.skip!(5)).toBe(5)
    expect(Buffer.from((await p.stream.next())!).toString()).toBe('f')
    expect(await p.stream.next()).toBeNull()
  })

  test('a short stream ends inside the head', async () => {
    const p = await peek(chunks('ab'), 10)
    expect(p.ended).toBe(true)
    expect(Buffer.from((await p.stream.next())!).toString()).toBe('ab')
    expect(await p.stream.next()).toBeNull()
  })
})

test('a streamed member whose first pickle line runs past the sniff head is still analysed', async () => {
  const pickle = Buffer.concat([Buffer.from('V'), Buffer.alloc(3_000_000, 0x61), Buffer.from('\n0cposix\nsystem\n(S"echo"\ntR.', 'latin1')])
  // gzip is inflated as a stream: only the head is at hand when the content is sniffed.
  const result = await scanSource(bufferSource(gzipSync(pickle)), { options: defaultScanOptions(), depth: 0 }, 'notes.gz')
  expect(result.findings.map((f) => [f.rule, f.severity, f.global])).toEqual([[CRIT, 'critical', 'posix.system']])
})
