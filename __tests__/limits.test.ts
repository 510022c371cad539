// The limits end to end through scanFile (what the CLI and the action call): each one, at a
// small value, stops the scan with `scan/incomplete` (high) naming it, keeps what was found
// before, and never passes the file. Inputs are built at test time (nesting, bombs).
import { describe, expect, test } from '@jest/globals'
import { gzipSync } from 'node:zlib'
import { scanFile, type ScanIo } from '../src/scan/scan.js'
import { defaultScanOptions, type Limits } from '../src/scan/policy.js'
import { bufferSource } from '../src/scan/source.js'
import { TimeBudget } from '../src/scan/budget.js'
import type { FileReport } from '../src/scan/findings.js'
import { writeZip } from '../__fixtures__/zip-writer.js'

const CRIT = 'pickle/dangerous-global'
/** posix.system('echo pwned'), protocol 2. Never loaded, only scanned. */
const EVIL = Buffer.from('\x80\x02cposix\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.', 'latin1')

/** scanFile over bytes in memory, with an optional clock. */
function scanBytes(name: string, bytes: Uint8Array, limits: Partial<Limits> = {}, now?: () => number): Promise<FileReport> {
  const io: ScanIo = { openSource: async () => ({ ...bufferSource(bytes), close: async () => {} }), ...(now ? { now } : {}) }
  return scanFile(name, defaultScanOptions({ limits }), io)
}

type Row = [string, string, string | null, number | null]
const rows = (r: FileReport): Row[] => r.findings.map((f) => [f.rule, f.severity, f.location?.entry ?? null, f.location?.offset ?? null])

/** `pickle.loads(<inner>)` as a protocol-3 pickle: BINBYTES then REDUCE. */
function loadsOf(inner: Uint8Array): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32LE(inner.length)
  return Buffer.concat([Buffer.from('\x80\x03c_pickle\nloads\n', 'latin1'), Buffer.from([0x42]), length, inner, Buffer.from('\x85R.', 'latin1')])
}

/** level1.zip/level2.zip/.../levelN.zip/evil.pkl as the content of a zip (every level deflated). */
function nestedZips(levels: number): Buffer {
  let inner: Buffer = writeZip([{ name: 'evil.pkl', data: EVIL, deflate: true }])
  for (let i = levels; i > 1; i--) inner = writeZip([{ name: `level${i}.zip`, data: inner, deflate: true }])
  return inner
}

const zipPath = (levels: number) => Array.from({ length: levels - 1 }, (_, i) => `level${i + 2}.zip`).join('/')

describe('limits.maxDepth', () => {
  test('a 3-deep nested zip with max-depth 1: scan/incomplete naming the limit, nothing deeper read', async () => {
    const report = await scanBytes('outer.zip', nestedZips(3), { maxDepth: 1 })
    expect(rows(report)).toEqual([['scan/incomplete', 'high', 'level2.zip/level3.zip', null]])
    expect(report.findings[0].message).toBe(
      'archive entry "level3.zip" is nested deeper than limits.maxDepth = 1: it was not analysed, so it is not known to be safe. Unpack it and scan its contents.'
    )
  })

  test('zips nested 10 levels: cut at the default depth 3; all read with max-depth 10', async () => {
    const zip = nestedZips(10)
    const cut = await scanBytes('outer.zip', zip)
    expect(rows(cut)).toEqual([['scan/incomplete', 'high', 'level2.zip/level3.zip/level4.zip/level5.zip', null]])
    expect(cut.findings[0].message).toContain('nested deeper than limits.maxDepth = 3')
    const full = await scanBytes('outer.zip', zip, { maxDepth: 10 })
    expect(rows(full)).toEqual([[CRIT, 'critical', `${zipPath(10)}/evil.pkl`, 2]])
  })

  test('pickle.loads nested 10 levels: cut at the default depth 3; the payload found with max-depth 10', async () => {
    let pickle: Buffer = EVIL
    for (let i = 0; i < 10; i++) pickle = loadsOf(pickle)
    const cut = await scanBytes('nested.pkl', pickle)
    // The outer call, the three nested ones (one finding with count 3), then the cut at depth 3.
    expect(cut.findings.map((f) => [f.rule, f.severity, f.global ?? null, f.count])).toEqual([
      [CRIT, 'critical', '_pickle.loads', 1],
      [CRIT, 'critical', '_pickle.loads', 3],
      ['scan/incomplete', 'high', null, 1]
    ])
    expect(cut.findings[2].message).toMatch(
      /: Pickle stream not fully analysed at offset 207: the bytes passed to _pickle.loads are nested deeper than limits.maxDepth = 3\. What follows was not checked/
    )
    expect(cut.findings.some((f) => f.global === 'posix.system')).toBe(false)
    const full = await scanBytes('nested.pkl', pickle, { maxDepth: 10 })
    expect(full.findings.map((f) => [f.rule, f.global, f.count])).toEqual([
      [CRIT, '_pickle.loads', 1],
      [CRIT, '_pickle.loads', 9],
      [CRIT, 'posix.system', 1]
    ])
  })

  test('max-depth 0: even a plain archive member is not read', async () => {
    const report = await scanBytes('a.zip', writeZip([{ name: 'evil.pkl', data: EVIL }]), { maxDepth: 0 })
    expect(rows(report)).toEqual([['scan/incomplete', 'high', 'evil.pkl', null]])
  })
})

describe('limits.maxOpcodes', () => {
  test('a pickle past max-opcodes 100: findings before the limit kept, nothing after it read', async () => {
    const filler = Buffer.from('N0'.repeat(100), 'latin1') // NONE, POP: 200 opcodes
    const pickle = Buffer.concat([Buffer.from('\x80\x02cposix\nsystem\n0', 'latin1'), filler, Buffer.from('cbuiltins\neval\n0N.', 'latin1')])
    const report = await scanBytes('ops.pkl', pickle, { maxOpcodes: 100 })
    expect(rows(report)).toEqual([
      [CRIT, 'critical', null, 2],
      ['scan/incomplete', 'high', null, 114]
    ])
    expect(report.findings[1].message).toBe(
      'Pickle stream not fully analysed at offset 114: the opcode limit (limits.maxOpcodes = 100) was reached. What follows was not checked, so the file is not known to be safe; review it by hand or raise the limit.'
    )
    const full = await scanBytes('ops.pkl', pickle)
    expect(full.findings.map((f) => f.global)).toEqual(['posix.system', 'builtins.eval'])
  })
})

describe('limits.maxDecompressedBytes', () => {
  // A pickle whose first opcode declares 16 MiB of bytes, all zeros: deflate makes it ~16 KiB.
  const bombed = Buffer.concat([Buffer.from([0x80, 0x04, 0x8e]), Buffer.from(new BigUint64Array([16n << 20n]).buffer), Buffer.alloc(16 << 20), EVIL])

  test('a zip bomb member stops at max-decompressed-bytes with scan/incomplete', async () => {
    const zip = writeZip([{ name: 'archive/data.pkl', data: bombed, deflate: true }])
    expect(zip.length).toBeLessThan(32 * 1024)
    const report = await scanBytes('bomb.zip', zip, { maxDecompressedBytes: 1 << 20 })
    expect(rows(report)).toEqual([
      ['pickle/malformed', 'high', 'archive/data.pkl', 2],
      ['scan/incomplete', 'high', 'archive/data.pkl', 0]
    ])
    expect(report.findings[1].message).toBe(
      `entry "archive/data.pkl" was analysed only up to 1048576 of ${bombed.length} bytes: the decompression limit (limits.maxDecompressedBytes = 1048576) was reached; possible zip bomb`
    )
  })

  test('a gzip bomb stops at the same limit', async () => {
    const report = await scanBytes('bomb.pkl.gz', gzipSync(bombed), { maxDecompressedBytes: 1 << 20 })
    expect(rows(report)).toEqual([
      ['pickle/malformed', 'high', null, 2],
      ['scan/incomplete', 'high', null, null]
    ])
    expect(report.findings[1].message).toBe(
      'The gzip-compressed data was analysed only up to 1048576 decompressed bytes: the decompression limit (limits.maxDecompressedBytes = 1048576) was reached; possible decompression bomb.'
    )
  })

  test('under the limit the same member is read to its end', async () => {
    const zip = writeZip([{ name: 'archive/data.pkl', data: bombed, deflate: true }])
    const report = await scanBytes('bomb.zip', zip, { maxDecompressedBytes: 128 << 20 })
    expect(rows(report)).toEqual([[CRIT, 'critical', 'archive/data.pkl', bombed.length - EVIL.length + 2]])
  })
})

describe('limits.timeBudgetMs', () => {
  test('TimeBudget: the clock is read on check(), and by spent() only every 128 calls', () => {
    let t = 0
    let reads = 0
    const budget = new TimeBudget(10, () => (reads++, t))
    expect(reads).toBe(1)
    t = 11
    let calls = 0
    while (!budget.spent({ depth: 0 }, calls)) calls++
    expect(calls).toBe(127)
    expect(reads).toBe(2)
    expect(budget.spent({ depth: 0 }, 999)).toBe(true) // from then on, without the clock
    expect(reads).toBe(2)
    expect(budget.finding()).toEqual({
      rule: 'scan/incomplete',
      severity: 'high',
      message:
        'The scan stopped at offset 127: the time budget (limits.timeBudgetMs = 10) was used up, so the rest of the file was not analysed and it is not known to be safe. ' +
        'Findings made before the stop are kept. Raise --time-budget (action input time-budget) or review the file by hand.',
      location: { offset: 127 }
    })
  })

  test('TimeBudget: no finding unless a loop stopped; offsets inside nested bytes are not reported', () => {
    let t = 0
    const budget = new TimeBudget(5, () => t)
    t = 6
    expect(budget.check()).toBe(true)
    expect(budget.finding()).toBeUndefined()
    budget.spent({ depth: 2 }, 40) // inside bytes handed to pickle.loads: offset 40 of what?
    expect(budget.finding()?.location).toBeUndefined()
    const inEntry = new TimeBudget(5, () => t)
    t = 12
    expect(inEntry.check()).toBe(true)
    inEntry.spent({ depth: 1, entry: 'archive/data.pkl' }, 7)
    expect(inEntry.finding()?.location).toEqual({ entry: 'archive/data.pkl', offset: 7 })
    expect(inEntry.finding()?.message).toMatch(/^The scan stopped in "archive\/data\.pkl" at offset 7: /)
  })

  test('a zip whose scan runs out of time: the members scanned before are kept, the rest is scan/incomplete', async () => {
    const members = Array.from({ length: 400 }, (_, i) => ({ name: `m${String(i).padStart(3, '0')}.pkl`, data: EVIL }))
    let t = 0
    // Time moves on only while members are scanned: 1 ms per clock read.
    const report = await scanBytes('many.zip', writeZip(members), { timeBudgetMs: 100 }, () => t++)
    const last = report.findings.at(-1)!
    expect(last.rule).toBe('scan/incomplete')
    expect(last.severity).toBe('high')
    expect(last.message).toContain('the time budget (limits.timeBudgetMs = 100) was used up')
    const scanned = report.findings.filter((f) => f.rule === CRIT)
    expect(scanned.length).toBeGreaterThan(0)
    expect(scanned.length).toBeLessThan(400)
    expect(scanned[0].location).toEqual({ entry: 'm000.pkl', offset: 2 })
  })

  test('a pickle whose scan runs out of time: stopped inside the stream, the globals before kept', async () => {
    const pickle = Buffer.concat([Buffer.from('\x80\x02', 'latin1'), Buffer.alloc(15 * 1000, 'cposix\nsystem\n0'), Buffer.from('cbuiltins\neval\n0N.', 'latin1')])
    let reads = 0
    // Past the deadline from the third clock read on (the first sets it, the second is the first chunk).
    const report = await scanBytes('slow.pkl', pickle, { timeBudgetMs: 1000 }, () => (++reads > 2 ? 1e9 : 0))
    expect(report.findings.map((f) => [f.rule, f.severity, f.global ?? null])).toEqual([
      [CRIT, 'critical', 'posix.system'],
      ['scan/incomplete', 'high', null]
    ])
    expect(report.findings[0].count).toBeLessThan(1000)
    const stop = report.findings[1].location!.offset!
    expect(stop).toBeGreaterThan(2)
    expect([0, 14]).toContain((stop - 2) % 15) // at an opcode inside the stream: a GLOBAL or a POP
    expect(report.findings[1].message).toBe(
      `The scan stopped at offset ${stop}: the time budget (limits.timeBudgetMs = 1000) was used up, so the rest of the file was not analysed and it is not known to be safe. ` +
        'Findings made before the stop are kept. Raise --time-budget (action input time-budget) or review the file by hand.'
    )
  })

  test('the same zip within its budget has no such finding', async () => {
    const members = Array.from({ length: 400 }, (_, i) => ({ name: `m${i}.pkl`, data: EVIL }))
    const report = await scanBytes('many.zip', writeZip(members))
    expect(report.findings.map((f) => f.rule)).toEqual(Array(400).fill(CRIT))
  })
})

describe('hostile sizes and nesting cost neither time nor memory', () => {
  test('a 2 GiB BINBYTES8 declared in a 20-byte file: pickle/malformed (truncated), no 2 GiB buffer', async () => {
    const file = Buffer.concat([Buffer.from([0x80, 0x04, 0x8e]), Buffer.from(new BigUint64Array([2n << 30n]).buffer), Buffer.from('abcdefghi')])
    const before = process.memoryUsage()
    const started = performance.now()
    const report = await scanBytes('huge.pkl', file)
    expect(performance.now() - started).toBeLessThan(1000)
    const after = process.memoryUsage()
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(64 << 20)
    expect(after.rss - before.rss).toBeLessThan(256 << 20)
    expect(rows(report)).toEqual([['pickle/malformed', 'high', null, 2]])
    expect(report.findings[0].message).toContain('pickle data was truncated')
  })

  test('a FRAME declaring 2^63 bytes in a tiny file is malformed, quickly', async () => {
    const file = Buffer.concat([Buffer.from([0x80, 0x04, 0x95]), Buffer.from(new BigUint64Array([1n << 63n]).buffer), Buffer.from('N.')])
    const report = await scanBytes('frame.pkl', file)
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([['pickle/malformed', 'high']])
  })

  test('100,000 nested MARKs and tuples: analysed without a stack overflow', async () => {
    const depth = 100_000
    const pickle = Buffer.concat([Buffer.from('\x80\x02', 'latin1'), Buffer.alloc(depth, '('), Buffer.alloc(depth, 't'), Buffer.from('cposix\nsystem\n0.', 'latin1')])
    const report = await scanBytes('deep.pkl', pickle)
    expect(report.findings.map((f) => [f.rule, f.global ?? null])).toEqual([[CRIT, 'posix.system']])
  })

  test('a safetensors header nested 10,000 arrays deep is rejected at serde_json\'s depth, not by a crash', async () => {
    const json = Buffer.from(`{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`)
    const length = Buffer.alloc(8)
    length.writeBigUInt64LE(BigInt(json.length))
    const report = await scanBytes('deep.safetensors', Buffer.concat([length, json]))
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([['safetensors/invalid-json', 'high']])
  })
})
