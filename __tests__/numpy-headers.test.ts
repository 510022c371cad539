// .npy headers as `ast.literal_eval` builds them (issue #13 item 1). fixtures/numpy/headers.json
// (fixtures/gen_numpy_headers.py) records, for every header variant and format version, what
// Python returns and what numpy.load does; the parser must return the same value, and the scanner
// must analyse the bytes after the header as a pickle unless numpy certainly reads raw numbers,
// in a bare .npy, in .npz members (stored or deflated), in a torch-style zip and gzipped.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { describe, expect, test } from '@jest/globals'
import type { FormatResult } from '../src/scan/context.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource } from '../src/scan/source.js'
import { scanSource } from '../src/scan/dispatch.js'
import { parsePyLiteral, PySet, PyStr, PyTuple, strKeys, type PyLit } from '../src/scan/formats/py-literal.js'
import { writeZip } from '../__fixtures__/zip-writer.js'

interface Case {
  name: string
  version: [number, number]
  header: string
  python: unknown
  outcome: 'object' | 'plain' | 'refused' | 'unparsed'
}

const CASES: Case[] = JSON.parse(readFileSync('fixtures/numpy/headers.json', 'utf8'))
const label = (c: Case) => `v${c.version[0]} ${c.name}`
const CRIT = 'pickle/dangerous-global'
/** posix.system('echo pwned'), protocol 2: the global opcode is at offset 2. Never loaded. */
const EVIL = Buffer.from('\x80\x02cposix\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.', 'latin1')

/** The gen_numpy_headers.py encoding of the value Python builds (a repeated dict key keeps its first position and last value). */
function encode(v: PyLit): unknown {
  if (v === null || typeof v === 'boolean') return v
  if (typeof v === 'bigint') return { int: v.toString() }
  if (typeof v === 'number') return { float: Number.isInteger(v) ? v.toFixed(1) : String(v) }
  if (v instanceof PyStr) return v.bytes ? { bytes: v.value } : { str: v.value }
  if (v instanceof PyTuple) return { tuple: v.items.map(encode) }
  if (Array.isArray(v)) return { list: v.map(encode) }
  if (v instanceof PySet) throw new Error('no set in the fixtures')
  const { keys, other } = strKeys(v)
  const seen = new Map<string, [unknown, unknown]>()
  for (const [k, value] of v.entries) {
    const key = JSON.stringify(encode(k))
    seen.set(key, [seen.get(key)?.[0] ?? encode(k), encode(value)])
  }
  expect(seen.size).toBe(keys.size + new Set(other.map((k) => JSON.stringify(encode(k)))).size)
  return { dict: [...seen.values()] }
}

function npy(c: Case, data: Buffer = EVIL): Buffer {
  const header = Buffer.from(c.header, c.version[0] < 3 ? 'latin1' : 'utf8')
  const length = Buffer.alloc(c.version[0] === 1 ? 2 : 4)
  if (c.version[0] === 1) length.writeUInt16LE(header.length)
  else length.writeUInt32LE(header.length)
  return Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, c.version[0], c.version[1]]), length, header, data])
}

type Row = [string, string, string | null, number | null]
const rows = (r: FormatResult): Row[] => r.findings.map((f) => [f.rule, f.severity, f.location?.entry ?? null, f.location?.offset ?? null])

/** The findings for one case's .npy (EVIL after the header), located in `entry`. */
function expected(c: Case, entry: string | null = null): Row[] {
  const headerAt = c.version[0] === 1 ? 10 : 12
  const crit: Row = [CRIT, 'critical', entry, npy(c).length - EVIL.length + 2]
  switch (c.outcome) {
    case 'plain':
      return []
    case 'object':
      return [crit]
    case 'refused':
      return [['numpy/invalid-header', 'low', entry, headerAt], crit]
    case 'unparsed':
      return [['numpy/unparsed-header', 'medium', entry, headerAt], crit]
  }
}

const scan = (name: string, bytes: Buffer) => scanSource(bufferSource(bytes), { options: defaultScanOptions(), depth: 0 }, name)

describe('fixture coverage', () => {
  test('every outcome and version is represented, with repeated keys in every order', () => {
    const count = (pred: (c: Case) => boolean) => CASES.filter(pred).length
    for (const outcome of ['object', 'plain', 'refused', 'unparsed']) for (const v of [1, 2, 3]) expect(count((c) => c.outcome === outcome && c.version[0] === v)).toBeGreaterThan(0)
    // 3 pairs x 12 arrangements of (first descr, second descr, fortran_order, shape), x 3 versions.
    expect(count((c) => / then .*: /.test(c.name))).toBe(3 * 12 * 3)
  })
})

describe('the parser returns what ast.literal_eval returns', () => {
  test.each(CASES.map((c) => [label(c), c] as const))('%s', (_label, c) => {
    const parse = () => parsePyLiteral(c.header, { py2: c.version[0] < 3 })
    if (typeof c.python === 'object' && c.python !== null && 'error' in c.python) expect(parse).toThrow()
    else expect(encode(parse())).toEqual(c.python)
  })
})

describe('a bare .npy: the data is analysed unless numpy certainly reads raw numbers', () => {
  test.each(CASES.map((c) => [label(c), c] as const))('%s', async (_label, c) => {
    const result = await scan('x.npy', npy(c))
    expect({ format: result.format, findings: rows(result) }).toEqual({ format: 'numpy', findings: expected(c) })
  })
})

describe('messages', () => {
  const find = (name: string, version = 1) => CASES.find((c) => c.name === name && c.version[0] === version)!
  test('a refused header names the problem and says the data was still analysed', async () => {
    const [note] = (await scan('x.npy', npy(find('extra key')))).findings
    expect(note.message).toBe(
      'numpy.load refuses this .npy file (the header keys are not exactly descr, fortran_order, shape); the data after the header was still analysed as a pickle. Re-save it with numpy.save if it should be an array.'
    )
    const [shape] = (await scan('x.npy', npy(find('shape tuple then list')))).findings
    expect(shape.message).toContain('(shape is not a tuple of ints)')
    const [descr] = (await scan('x.npy', npy(find("descr ('|O',)")))).findings
    expect(descr.message).toContain('(descr is not a valid dtype descriptor)')
  })

  test('an unparsed header says why', async () => {
    const [note] = (await scan('x.npy', npy(find('missing comma', 3)))).findings
    expect(note.message).toMatch(/^The \.npy header could not be parsed \(expected , or \} at character \d+\); numpy may still accept it/)
  })

  test('an object dtype chosen by the last repeated descr is an object array', async () => {
    const result = await scan('x.npy', npy(find("descr '<f8' then '|O': 'descr' / 'descr' / 'fortran_order' / 'shape'")))
    expect(result.details).toMatchObject({ objectArray: true })
  })
})

describe('bytes that are no pickle behind a refused or unparsed header', () => {
  const numbers = Buffer.from(new Float64Array([1.5, -2, 3e100]).buffer)
  test('refused: nothing decodes as a pickle, so only the header is reported', async () => {
    const c = CASES.find((x) => x.name === 'extra key' && x.version[0] === 1)!
    expect(rows(await scan('x.npy', npy(c, numbers)))).toEqual([['numpy/invalid-header', 'low', null, 10]])
  })

  test('unparsed: numpy may read it, so a broken pickle stays a finding', async () => {
    const c = CASES.find((x) => x.name === 'a name' && x.version[0] === 1)!
    expect(rows(await scan('x.npy', npy(c, numbers))).map(([rule, severity]) => [rule, severity])).toEqual([
      ['numpy/unparsed-header', 'medium'],
      ['pickle/malformed', 'high']
    ])
  })
})

describe('inside containers', () => {
  // The repeated-key cases and everything numpy refuses or cannot parse.
  const subset = CASES.filter((c) => / then /.test(c.name) || c.outcome === 'refused' || c.outcome === 'unparsed')
  const cases = subset.map((c) => [label(c), c] as const)

  test.each(cases)('npz, stored and deflated: %s', async (_label, c) => {
    for (const deflate of [false, true]) {
      const zip = writeZip([
        { name: 'ok.npy', data: npy(CASES.find((x) => x.name === "descr '<f8'" && x.version[0] === 1)!) },
        { name: 'x.npy', data: npy(c), deflate }
      ])
      const result = await scan('arrays.npz', zip)
      expect({ format: result.format, findings: rows(result) }).toEqual({ format: 'npz', findings: expected(c, 'x.npy') })
    }
  })

  test.each(cases)('torch-style zip member: %s', async (_label, c) => {
    const zip = writeZip([
      { name: 'archive/data.pkl', data: Buffer.from([0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e]) },
      { name: 'archive/extra/x.npy', data: npy(c) },
      { name: 'archive/version', data: Buffer.from('3\n') }
    ])
    const result = await scan('model.pt', zip)
    expect(rows(result).filter(([, , entry]) => entry === 'archive/extra/x.npy')).toEqual(expected(c, 'archive/extra/x.npy'))
  })

  test.each(cases)('gzip: %s', async (_label, c) => {
    const result = await scan('x.npy.gz', gzipSync(npy(c)))
    expect(rows(result)).toEqual(expected(c))
  })
})
