// Zips with bytes before them (issue #13 item 2). Python zipfile finds an archive from its end
// records whatever precedes it (zipfile.is_zipfile, Keras, custom loaders); torch.load and np.load
// need PK\x03\x04 at offset 0 and read the leading bytes instead. Content that is a zip from its
// end is scanned as a zip and as what it starts with; the leading bytes are a `zip/anomaly`.
// Inputs are generated here: every prefix kind, offsets relative to the archive (Python shifts
// them, miniz refuses the directory) or absolute (as self-extractors write them), and nesting.
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { scanFile, type ScanIo } from '../src/scan/scan.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource } from '../src/scan/source.js'
import type { FileReport } from '../src/scan/findings.js'
import { SNIFF_HEAD } from '../src/scan/sniff.js'
import { BUFFER_LIMIT } from '../src/scan/containers/content.js'
import { directoryFromEnd } from '../src/scan/zip/index.js'
import { writeZip, type ZipInput } from '../__fixtures__/zip-writer.js'

const CRIT = 'pickle/dangerous-global'
/** posix.system('echo pwned'), protocol 2. Never loaded, only scanned. */
const EVIL = Buffer.from('\x80\x02cposix\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.', 'latin1')
const BENIGN = Buffer.from([0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e]) // {}

/** torch.save's layout: the pickle, then the small records and one raw storage. */
const TORCH: ZipInput[] = [
  { name: 'archive/data.pkl', data: EVIL },
  { name: 'archive/byteorder', data: Buffer.from('little') },
  { name: 'archive/data/0', data: Buffer.alloc(64, 7) },
  { name: 'archive/version', data: Buffer.from('3\n') }
]

function scanBytes(name: string, bytes: Uint8Array): Promise<FileReport> {
  const io: ScanIo = { openSource: async () => ({ ...bufferSource(bytes), close: async () => {} }) }
  return scanFile(name, defaultScanOptions(), io)
}

type Row = [string, string, string | null, number | null]
const rows = (r: FileReport): Row[] => r.findings.map((f) => [f.rule, f.severity, f.location?.entry ?? null, f.location?.offset ?? null])

function npy(): Buffer {
  let header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }"
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n'
  const length = Buffer.alloc(2)
  length.writeUInt16LE(header.length)
  return Buffer.concat([Buffer.from('\x93NUMPY\x01\x00', 'latin1'), length, Buffer.from(header, 'latin1'), Buffer.alloc(8)])
}

function safetensors(data: Buffer = Buffer.alloc(4)): Buffer {
  const header = Buffer.from(JSON.stringify({ t: { dtype: 'U8', shape: [data.length], data_offsets: [0, data.length] } }))
  const length = Buffer.alloc(8)
  length.writeBigUInt64LE(BigInt(header.length))
  return Buffer.concat([length, header, data])
}

/** Bytes that match no signature and hold no `PK`. */
const junk = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => 0x41 + ((i * 7 + 3) % 26)))

interface Prefix {
  bytes: Buffer
  /** `prependedKind` of the finding. */
  kind: string
  /** Start of the message's description. */
  looks: string
  /** What the file is from its first byte, and what that scan finds (null: nothing, only the zip is scanned). */
  start: { format: string; rows: Row[] } | null
}

const PREFIXES: Record<string, Prefix> = {
  junk: { bytes: junk(37), kind: 'unrecognised', looks: 'bytes no loader recognises', start: null },
  'shell script': { bytes: Buffer.from("#!/bin/sh\necho 'self-extracting model'\nexit 0\n"), kind: 'script', looks: 'a script starting with #!', start: null },
  'ELF stub': { bytes: Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), junk(57)]), kind: 'elf', looks: 'an ELF executable', start: null },
  'PE stub': { bytes: Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), junk(60)]), kind: 'pe', looks: 'a Windows executable', start: null },
  'junk larger than the sniff head': { bytes: junk(SNIFF_HEAD + 36 * 1024), kind: 'unrecognised', looks: 'bytes no loader recognises', start: null },
  // pickle.load stops at STOP; a loader reading on (torch's legacy path) meets the zip bytes.
  pickle: { bytes: BENIGN, kind: 'pickle', looks: 'a pickle stream', start: { format: 'pickle', rows: [['pickle/malformed', 'high', null, 6]] } },
  npy: { bytes: npy(), kind: 'numpy', looks: 'an NPY array', start: { format: 'numpy', rows: [] } },
  safetensors: {
    bytes: safetensors(),
    kind: 'safetensors',
    looks: 'a safetensors file',
    start: { format: 'safetensors', rows: [['safetensors/incomplete-buffer', 'high', null, 61]] }
  },
  // joblib.load decompresses the gzip member and unpickles it; the zip bytes after the member are
  // not gzip data, which the decompressor reports (fail closed).
  gzip: { bytes: gzipSync(BENIGN), kind: 'compressed', looks: 'gzip data', start: { format: 'joblib', rows: [['scan/incomplete', 'high', null, null]] } }
}

/** `prefix` + a torch-style archive; `absolute`: offsets count from the file's start (ZipFile(mode='a'), zip -A). */
function prefixedTorch(prefix: Buffer, absolute: boolean): Buffer {
  return Buffer.concat([prefix, writeZip(TORCH, absolute ? prefix.length : 0)])
}

describe('a torch-style zip behind leading bytes', () => {
  const cases = Object.entries(PREFIXES).flatMap(([name, p]) => [
    [name, false, p],
    [name, true, p]
  ]) as Array<[string, boolean, Prefix]>

  test.each(cases)('%s prefix, absolute offsets: %s', async (_name, absolute, prefix) => {
    const file = prefixedTorch(prefix.bytes, absolute)
    const report = await scanBytes('model.pt', file)
    const n = prefix.bytes.length
    const endRecord = file.length - 22
    // Relative offsets: miniz (absolute offsets) misses the directory, so torch's layout is not read.
    const zipFormat = absolute ? 'pytorch-zip' : 'zip'
    expect(report.format).toBe(prefix.start?.format ?? zipFormat)
    expect(rows(report)).toEqual([
      ...(prefix.start?.rows ?? []),
      ...(absolute ? [] : [['zip/anomaly', 'high', null, endRecord] as Row]),
      ['zip/anomaly', 'high', null, 0],
      [CRIT, 'critical', 'archive/data.pkl', 2]
    ])
    const prepended = report.findings.find((f) => f.prepended !== undefined)
    expect(prepended).toMatchObject({ prepended: n, prependedKind: prefix.kind })
    expect(prepended?.message).toContain(`${n} bytes precede the first local header: prepended data that looks like ${prefix.looks}`)
    expect(prepended?.message).toContain(
      absolute ? 'Python zipfile (zipfile.is_zipfile, Keras, custom loaders) still opens the archive; ' : `still opens the archive, shifting every offset by ${n}; `
    )
    expect(prepended?.message).toContain('torch.load and np.load need PK\\x03\\x04 at offset 0 and read the leading bytes instead')
    if (!absolute) {
      expect(report.findings.find((f) => f.location?.offset === endRecord)?.message).toBe(
        'torch.load (miniz) refuses this archive (bad signature in the central directory) but Python zipfile reads 4 entries: the loaders disagree'
      )
    }
  })

  test('a zip before the zip: streaming readers see the first, loaders the last (the file starts as a zip)', async () => {
    const first = writeZip([{ name: 'a.txt', data: Buffer.from('hi') }])
    const report = await scanBytes('model.pt', prefixedTorch(first, true))
    expect(report.format).toBe('pytorch-zip')
    expect(rows(report)).toEqual([
      ['zip/anomaly', 'high', 'a.txt', 0],
      [CRIT, 'critical', 'archive/data.pkl', 2]
    ])
    expect(report.findings[0].message).toContain('is not in the central directory: zip loaders do not list it, streaming unzippers extract it')
  })

  test('an empty end record first (np.load takes PK\\x05\\x06 at offset 0 for an npz): the archive behind it is read', async () => {
    const empty = Buffer.alloc(22)
    empty.writeUInt32LE(0x06054b50, 0)
    const report = await scanBytes('model.pt', prefixedTorch(empty, false))
    expect(rows(report)).toEqual([
      ['zip/anomaly', 'high', null, 22 + writeZip(TORCH).length - 22],
      ['zip/anomaly', 'high', null, 0],
      [CRIT, 'critical', 'archive/data.pkl', 2]
    ])
    expect(report.findings[1]).toMatchObject({ prepended: 22, prependedKind: 'zip' })
    expect(report.findings[1].message).toContain('prepended data that looks like another zip archive')
  })
})

describe('nesting', () => {
  const inner = prefixedTorch(PREFIXES.junk.bytes, false)
  const end = inner.length - 22
  const innerRows = (entry: string): Row[] => [
    ['zip/anomaly', 'high', entry, end],
    ['zip/anomaly', 'high', entry, 0],
    [CRIT, 'critical', `${entry}/archive/data.pkl`, 2]
  ]

  test.each([
    ['stored', false],
    ['deflated (buffered to read its end)', true]
  ])('inside a zip, %s', async (_how, deflate) => {
    const report = await scanBytes('outer.zip', writeZip([{ name: 'inner.pt', data: inner, deflate }]))
    expect(report.format).toBe('zip')
    expect(rows(report)).toEqual(innerRows('inner.pt'))
  })

  test('inside an npz: scanned, and noted as a non-NPY member', async () => {
    const report = await scanBytes('weights.npz', writeZip([{ name: 'w.npy', data: npy() }, { name: 'inner.pt', data: inner, deflate: true }]))
    expect(report.format).toBe('npz')
    expect(rows(report)).toEqual([...innerRows('inner.pt'), ['numpy/non-npy-member', 'info', 'inner.pt', null]])
    expect(report.findings[3].message).toContain('it is zip content')
  })

  test('inside a gzip stream (decompressed, then buffered to read its end)', async () => {
    const report = await scanBytes('model.pt.gz', gzipSync(inner))
    expect(report.format).toBe('zip')
    expect(rows(report)).toEqual([
      ['zip/anomaly', 'high', null, end],
      ['zip/anomaly', 'high', null, 0],
      [CRIT, 'critical', 'archive/data.pkl', 2]
    ])
  })

  test('a stream too large to buffer that ends like a zip: scan/incomplete, not a pass', async () => {
    const big = Buffer.concat([Buffer.alloc(BUFFER_LIMIT, 0x41), writeZip(TORCH)])
    const report = await scanBytes('model.pt.gz', gzipSync(big, { level: 1 }))
    expect(report.format).toBe('zip')
    expect(rows(report)).toEqual([['scan/incomplete', 'high', null, null]])
    expect(report.findings[0].message).toBe(
      'zip archive found from its end records not analysed (the member is too large to buffer for random access): a loader could read it, so it is not known to be safe. Inspect it by hand or convert the model to safetensors.'
    )
    // The same stream without the archive is plain unrecognised content.
    const plain = await scanBytes('model.pt.gz', gzipSync(Buffer.alloc(BUFFER_LIMIT + 1000, 0x41), { level: 1 }))
    expect(rows(plain)).toEqual([['scan/unrecognized', 'info', null, null]])
  })

  test('a prefixed zip inside a prefixed zip', async () => {
    const outer = Buffer.concat([PREFIXES['shell script'].bytes, writeZip([{ name: 'inner.pt', data: inner, deflate: true }])])
    const report = await scanBytes('outer.pt', outer)
    expect(rows(report)).toEqual([['zip/anomaly', 'high', null, outer.length - 22], ['zip/anomaly', 'high', null, 0], ...innerRows('inner.pt')])
  })

  test('bytes handed to pickle.loads: read as a pickle from the start and as a zip from the end', async () => {
    const length = Buffer.alloc(4)
    length.writeUInt32LE(inner.length)
    const outer = Buffer.concat([Buffer.from('\x80\x03c_pickle\nloads\n', 'latin1'), Buffer.from([0x42]), length, inner, Buffer.from('\x85R.', 'latin1')])
    const report = await scanBytes('outer.pkl', outer)
    // The outer file is itself a pickle in front of that archive (its end record is 3 bytes from the end).
    const call = outer.length - 2 // REDUCE
    expect(rows(report)).toEqual([
      [CRIT, 'critical', null, 2], // _pickle.loads itself
      ['pickle/malformed', 'high', null, call],
      ['zip/anomaly', 'high', null, call],
      [CRIT, 'critical', null, call],
      ['zip/anomaly', 'high', null, outer.length - 25],
      ['zip/anomaly', 'high', null, 0],
      [CRIT, 'critical', 'archive/data.pkl', 2]
    ])
    const nested = report.findings.filter((f) => f.nestedIn === '_pickle.loads')
    // Nested findings are merged per rule: the two zip anomalies (miniz refuses, prepended data) are one with a count.
    expect(nested.map((f) => [f.rule, f.nestedOffset, f.count])).toEqual([
      ['pickle/malformed', 0, 1],
      ['zip/anomaly', end, 2],
      [CRIT, 2, 1]
    ])
    expect(nested[2].global).toBe('posix.system')
  })
})

describe('a file that reads one way from its start and another from its end', () => {
  test('a pickle carrying a whole archive in its last bytes: both readings scanned', async () => {
    const archive = writeZip(TORCH)
    const length = Buffer.alloc(4)
    length.writeUInt32LE(archive.length)
    // pickle.load returns the bytes; zipfile.ZipFile(file) opens the archive (its end record is 2 bytes from the end).
    const file = Buffer.concat([Buffer.from('\x80\x03B', 'latin1'), length, archive, Buffer.from('\x94.', 'latin1')])
    const report = await scanBytes('model.pkl', file)
    expect(report.format).toBe('pickle')
    expect(rows(report)).toEqual([
      ['zip/anomaly', 'high', null, file.length - 24],
      ['zip/anomaly', 'high', null, 0],
      [CRIT, 'critical', 'archive/data.pkl', 2]
    ])
    expect(report.findings[1]).toMatchObject({ prepended: 7, prependedKind: 'pickle' })
  })
})

describe('what is not a zip from its end', () => {
  const endRecord = (cdSize: number, cdOffset: number) => {
    const e = Buffer.alloc(22)
    e.writeUInt32LE(0x06054b50, 0)
    e.writeUInt16LE(cdSize > 0 ? 1 : 0, 8)
    e.writeUInt16LE(cdSize > 0 ? 1 : 0, 10)
    e.writeUInt32LE(cdSize, 12)
    e.writeUInt32LE(cdOffset, 16)
    return e
  }

  test('a pickle whose last bytes hold an end-record signature without a directory: a pickle only', async () => {
    const record = endRecord(46, 0)
    const file = Buffer.concat([Buffer.from([0x80, 0x03, 0x43, record.length]), record, Buffer.from('q\x00.', 'latin1')])
    expect(await directoryFromEnd(bufferSource(file))).toBe(false)
    const report = await scanBytes('model.pkl', file)
    expect(report.format).toBe('pickle')
    expect(rows(report)).toEqual([['pickle/format', 'medium', null, null]])
  })

  test('safetensors whose tensor data ends like an end record: safetensors only', async () => {
    const file = safetensors(endRecord(46, 0))
    expect(await directoryFromEnd(bufferSource(file))).toBe(false)
    const report = await scanBytes('model.safetensors', file)
    expect(report.format).toBe('safetensors')
    expect(rows(report)).toEqual([])
  })

  test('an empty archive behind junk holds nothing to load: not a zip', async () => {
    const file = Buffer.concat([junk(40), endRecord(0, 0)])
    expect(await directoryFromEnd(bufferSource(file))).toBe(false)
    const report = await scanBytes('model.pt', file)
    expect(report.format).toBe('other')
    expect(rows(report)).toEqual([['scan/unrecognized', 'info', null, null]])
  })

  test('the committed fixtures: each is a zip from its end', async () => {
    for (const name of ['script_prefix.pt', 'junk_prefix.pt', 'large_prefix.pt', 'pickle_prefix.pt', 'appended.pt', 'prefixed.npz']) {
      expect([name, await directoryFromEnd(bufferSource(readFileSync(`fixtures/zipprefix/${name}`)))]).toEqual([name, true])
    }
  })
})

describe('committed fixtures (fixtures/gen_zipprefix.py)', () => {
  test.each([
    ['script_prefix.pt', 'zip', [['zip/anomaly', 'high', null, 580], ['zip/anomaly', 'high', null, 0], [CRIT, 'critical', 'archive/data.pkl', 2]], 46, 'script'],
    ['junk_prefix.pt', 'zip', [['zip/anomaly', 'high', null, 571], ['zip/anomaly', 'high', null, 0], [CRIT, 'critical', 'archive/data.pkl', 2]], 37, 'unrecognised'],
    ['large_prefix.pt', 'zip', [['zip/anomaly', 'high', null, 102934], ['zip/anomaly', 'high', null, 0], [CRIT, 'critical', 'archive/data.pkl', 2]], 102400, 'unrecognised'],
    [
      'pickle_prefix.pt',
      'pickle',
      [['pickle/malformed', 'high', null, 6], ['zip/anomaly', 'high', null, 540], ['zip/anomaly', 'high', null, 0], [CRIT, 'critical', 'archive/data.pkl', 2]],
      6,
      'pickle'
    ],
    ['appended.pt', 'pytorch-zip', [['zip/anomaly', 'high', null, 0], [CRIT, 'critical', 'archive/data.pkl', 2]], 46, 'script'],
    ['prefixed.npz', 'npz', [['zip/anomaly', 'high', null, 294], ['zip/anomaly', 'high', null, 0], [CRIT, 'critical', 'x.npy', 130]], 46, 'script']
  ] as Array<[string, string, Row[], number, string]>)('%s', async (name, format, expected, prepended, kind) => {
    const report = await scanBytes(name, readFileSync(`fixtures/zipprefix/${name}`))
    expect(report.format).toBe(format)
    expect(rows(report)).toEqual(expected)
    expect(report.findings.find((f) => f.prepended !== undefined)).toMatchObject({ prepended, prependedKind: kind })
  })
})
