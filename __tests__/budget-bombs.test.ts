// The time budget holds inside inner loops (issue #13): a multi-GiB deflate bomb that starts
// with a payload, with a decompression limit too high to stop it (1 TiB), is stopped by a 0.5 s
// budget well within 2 s wherever it sits (gzip, zip member, npz member, nested), and the
// report keeps the payload next to the one `scan/incomplete` naming the budget. Bombs are built
// in memory from a repeated deflate block (__fixtures__/bombs.ts): 3 GiB costs ~3 MiB.
import { gzipSync } from 'node:zlib'
import { describe, expect, test } from '@jest/globals'
import { scanFile, type ScanIo } from '../src/scan/scan.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource, type ChunkStream } from '../src/scan/source.js'
import { BudgetStop, TimeBudget, timedChunks } from '../src/scan/budget.js'
import type { FileReport } from '../src/scan/findings.js'
import { writeZip } from '../__fixtures__/zip-writer.js'
import { deflateBomb, gzipBomb } from '../__fixtures__/bombs.js'

const CRIT = 'pickle/dangerous-global'
const GIB_3 = 3 * 1024
/** gzip has no 4 GiB field: larger, so the chunked reads of its compressed input stay far below half of it. */
const GIB_8 = 8 * 1024
/** posix.system('echo pwned'), protocol 2, then STOP. Never loaded, only scanned. */
const EVIL = Buffer.from('\x80\x02cposix\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.', 'latin1')
/** The same call, popped, then a BINBYTES8 announcing 3 GiB (the bomb's zeros): skipped, not decoded. */
const EVIL_THEN_BYTES = Buffer.concat([EVIL.subarray(0, -1), Buffer.from('0\x8e', 'latin1'), u64(GIB_3 * 2 ** 20)])
/** NONE, POP: after STOP, gigabytes of opcodes for the opcode loop. */
const OPS = 'N0'

function u64(n: number): Buffer {
  const b = Buffer.alloc(8)
  b.writeBigUInt64LE(BigInt(n))
  return b
}

/** An .npy of one object: header, then the pickle np.load unpickles. */
function npyHead(pickle: Buffer): Buffer {
  let header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n'
  const len = Buffer.alloc(2)
  len.writeUInt16LE(header.length)
  return Buffer.concat([Buffer.from('\x93NUMPY\x01\x00', 'latin1'), len, Buffer.from(header, 'latin1'), pickle])
}

const bombMember = (name: string, head: Buffer, pattern: string) => {
  const { data, size } = deflateBomb(head, GIB_3, pattern)
  return { name, data: new Uint8Array(0), deflated: { data, size, crc: 0 } }
}

interface Run {
  report: FileReport
  ms: number
  /** Bytes of the file read. */
  read: number
}

/** scanFile with a 0.5 s budget on the real clock and a decompression limit only the budget can beat. */
async function scanBomb(name: string, bytes: Buffer): Promise<Run> {
  let read = 0
  const source = bufferSource(bytes)
  const io: ScanIo = {
    openSource: async () => ({
      size: source.size,
      read: (offset, length) => ((read += Math.max(0, Math.min(length, source.size - offset))), source.read(offset, length)),
      close: async () => {}
    })
  }
  const start = performance.now()
  const report = await scanFile(name, defaultScanOptions({ limits: { timeBudgetMs: 500, maxDecompressedBytes: 2 ** 40 } }), io)
  return { report, ms: performance.now() - start, read }
}

const rows = (r: FileReport) => r.findings.map((f) => [f.rule, f.severity, f.location?.entry ?? null, f.location?.offset ?? null])
const STOPPED = /^The scan stopped( in "[^"]+")?( at offset \d+( of the gzip-decompressed data)?)?: the time budget \(limits\.timeBudgetMs = 500\) was used up/

/**
 * name, file name, bomb, the payload's entry and offset, and whether the stop is in gzip-decompressed
 * data. Every stop names the offset reached in its entry's (or file's) data, decompressed or not,
 * checked to be far below the bomb's size; for a top-level gzip the file's bytes read are checked too.
 */
const CASES: [string, string, () => Buffer, string | null, number, boolean][] = [
  ['gzip, gigabytes of opcodes after STOP', 'model.pkl.gz', () => gzipBomb(EVIL, GIB_8, OPS), null, 2, true],
  ['gzip (joblib), a 3 GiB BINBYTES8 skipped', 'model.joblib.pkl.gz', () => gzipBomb(EVIL_THEN_BYTES, GIB_8), null, 2, true],
  ['torch zip, data.pkl deflated', 'model.pt', () => writeZip([{ name: 'archive/version', data: Buffer.from('3\n') }, bombMember('archive/data.pkl', EVIL_THEN_BYTES, '\0')]), 'archive/data.pkl', 2, false],
  ['plain zip member', 'model.zip', () => writeZip([bombMember('model.pkl', EVIL, OPS)]), 'model.pkl', 2, false],
  ['npz member', 'arrays.npz', () => writeZip([bombMember('a.npy', npyHead(EVIL), OPS)]), 'a.npy', 130, false],
  ['zip in zip', 'outer.zip', () => writeZip([{ name: 'inner.zip', data: writeZip([bombMember('model.pkl', EVIL, OPS)]) }]), 'inner.zip/model.pkl', 2, false],
  ['zip in gz (member offsets are not decompressed offsets)', 'models.zip.gz', () => gzipSync(writeZip([bombMember('model.pkl', EVIL, OPS)])), 'model.pkl', 2, false],
  ['gz in zip', 'outer.zip', () => writeZip([{ name: 'model.pkl.gz', data: gzipBomb(EVIL_THEN_BYTES, GIB_3) }]), 'model.pkl.gz', 2, true]
]

describe('a 0.5 s time budget stops a 3 GiB deflate bomb (decompression limit 1 TiB)', () => {
  test.each(CASES)('%s: the payload and scan/incomplete, in under 2 s, most of the bomb never inflated', async (_what, name, build, entry, offset, gzipped) => {
    const bytes = build()
    const { report, ms, read } = await scanBomb(name, bytes)
    const payload = report.findings.find((f) => f.rule === CRIT)
    expect(payload).toMatchObject({ severity: 'critical', global: 'posix.system', location: entry === null ? { offset } : { entry, offset } })
    const last = report.findings.at(-1)!
    expect([last.rule, last.severity]).toEqual(['scan/incomplete', 'high'])
    expect(last.message).toMatch(STOPPED)
    expect(report.findings.filter((f) => f.rule === 'scan/incomplete')).toHaveLength(1)
    expect(ms).toBeLessThan(2000)
    // Stopped by the budget, far from the end of the bomb.
    if (entry === null) expect(read).toBeLessThan(bytes.length / 2)
    expect(last.location).toEqual(entry === null ? { offset: expect.any(Number) } : { entry, offset: expect.any(Number) })
    expect(last.location!.offset).toBeLessThan(2 ** 30)
    expect(last.decompressed).toBe(gzipped ? 'gzip' : undefined)
    expect(last.message.includes('of the gzip-decompressed data')).toBe(gzipped)
  })
})

describe('timed streams', () => {
  const chunks = (n: number, size: number): ChunkStream => {
    let left = n
    return { next: async () => (left-- > 0 ? new Uint8Array(size) : null), skip: async (k) => k }
  }

  test('a read or skip past the deadline throws BudgetStop and records where the stream was', async () => {
    let t = 0
    const budget = new TimeBudget(10, () => t)
    const stream = timedChunks(chunks(5, 100), budget, { depth: 1, entry: 'a/b.pkl' })
    expect((await stream.next())?.length).toBe(100)
    expect(await stream.skip!(50)).toBe(50)
    t = 10
    await expect(stream.next()).rejects.toBeInstanceOf(BudgetStop)
    await expect(stream.skip!(1)).rejects.toBeInstanceOf(BudgetStop)
    expect(budget.stopped).toBe(true)
    expect(budget.finding()?.location).toEqual({ entry: 'a/b.pkl', offset: 150 })
  })

  test('an input stream timed without offsets records only its entry', async () => {
    let t = 0
    const budget = new TimeBudget(10, () => t)
    const stream = timedChunks(chunks(5, 100), budget, { depth: 1, entry: 'a/b.pkl' }, false)
    await stream.next()
    t = 11
    await expect(stream.next()).rejects.toBeInstanceOf(BudgetStop)
    expect(budget.finding()?.location).toEqual({ entry: 'a/b.pkl' })
  })

  test('deflate data that inflates to nothing is stopped on its compressed input (the stop names the member, no output offset)', async () => {
    // 24 MiB of empty non-final stored blocks: one read of the member's output would
    // otherwise consume all of it without a chunk handed out.
    const empty = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff])
    const data = Buffer.concat([Buffer.alloc(24 * 2 ** 20 - 2, empty), Buffer.from([0x03, 0x00])])
    const zip = writeZip([{ name: 'evil.pkl', data: EVIL }, { name: 'empty.pkl', data: new Uint8Array(0), deflated: { data, size: 1, crc: 0 } }])
    let t = 0
    const io: ScanIo = { openSource: async () => ({ ...bufferSource(zip), close: async () => {} }), now: () => t++ } // 1 ms per clock read
    const report = await scanFile('empty.zip', defaultScanOptions({ limits: { timeBudgetMs: 20 } }), io)
    expect(rows(report)).toEqual([
      [CRIT, 'critical', 'evil.pkl', 2],
      ['scan/incomplete', 'high', 'empty.pkl', null]
    ])
    expect(report.findings[1].message).toMatch(/^The scan stopped in "empty\.pkl": the time budget \(limits\.timeBudgetMs = 20\)/)
  })
})

describe('the safetensors header walk', () => {
  test('a header of many tensors is stopped by the budget: scan/incomplete naming it, no verdict on the header', async () => {
    const n = 20_000
    const header = Buffer.from(`{${Array.from({ length: n }, (_, i) => `"t${i}":{"dtype":"U8","shape":[1],"data_offsets":[${i},${i + 1}]}`).join(',')}}`)
    const length = Buffer.alloc(8)
    length.writeBigUInt64LE(BigInt(header.length))
    const file = Buffer.concat([length, header, Buffer.alloc(n)])
    let t = 0
    const io: ScanIo = { openSource: async () => ({ ...bufferSource(file), close: async () => {} }), now: () => t++ } // 1 ms per clock read
    const report = await scanFile('many.safetensors', defaultScanOptions({ limits: { timeBudgetMs: 20 } }), io)
    expect(rows(report)).toEqual([['scan/incomplete', 'high', null, null]])
    expect(report.findings[0].message).toMatch(/^The scan stopped: the time budget \(limits\.timeBudgetMs = 20\) was used up/)
    const within = await scanFile('many.safetensors', defaultScanOptions(), { openSource: io.openSource })
    expect(within.findings).toEqual([])
  })
})
