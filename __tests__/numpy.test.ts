// NumPy .npy / .npz through the public dispatcher (hand-made and numpy-written fixtures), and
// the `ast.literal_eval` subset that reads .npy headers.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import type { FormatResult } from '../src/scan/context.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource } from '../src/scan/source.js'
import { scanSource } from '../src/scan/dispatch.js'
import { parsePyLiteral, PyDict, PySet, PyStr, PyTuple } from '../src/scan/formats/py-literal.js'

type Row = [string, string, string | null, number | null]

async function scan(name: string): Promise<FormatResult> {
  return scanSource(bufferSource(readFileSync(`fixtures/${name}`)), { options: defaultScanOptions(), depth: 0 }, name)
}

const rows = (r: FormatResult): Row[] => r.findings.map((f) => [f.rule, f.severity, f.location?.entry ?? null, f.location?.offset ?? null])
const CRIT = 'pickle/dangerous-global'

const EXPECTED: Record<string, [string, Row[]]> = {
  'containers/numpy/v1_f8.npy': ['numpy', []],
  'containers/numpy/v2_i4.npy': ['numpy', []],
  'containers/numpy/v3_u1.npy': ['numpy', []],
  'containers/numpy/object_benign.npy': ['numpy', [['pickle/format', 'medium', null, null]]],
  'containers/numpy/object_evil.npy': ['numpy', [[CRIT, 'critical', null, 247]]],
  'containers/numpy/struct_object_evil.npy': ['numpy', [[CRIT, 'critical', null, 130]]],
  'containers/numpy/bad_version.npy': ['numpy', [['numpy/invalid-header', 'low', null, 6]]],
  // numpy refuses the extra key, but the bytes after the header are still analysed (fail closed).
  'containers/numpy/bad_keys.npy': ['numpy', [['numpy/invalid-header', 'low', null, 10], [CRIT, 'critical', null, 130]]],
  'containers/numpy/unknown_descr.npy': ['numpy', [['numpy/unknown-dtype', 'medium', null, 10], [CRIT, 'critical', null, 130]]],
  'containers/numpy/numeric.npz': ['npz', []],
  'containers/numpy/object_evil.npz': ['npz', [[CRIT, 'critical', 'evil.npy', 247]]],
  'containers/numpy/raw_member.npz': ['npz', [[CRIT, 'critical', 'notes.pkl', 2], ['numpy/non-npy-member', 'info', 'notes.pkl', null]]],
  'containers/compressed/array.npy.gz': ['numpy', [[CRIT, 'critical', null, 247]]],
  'real/numeric.npy': ['numpy', []],
  'real/object.npy': ['numpy', [['pickle/format', 'medium', null, null]]],
  'real/numeric.npz': ['npz', []],
  'real/numeric_compressed.npz': ['npz', []],
  'real/object.npz': ['npz', [['pickle/format', 'medium', 'o.npy', null]]]
}

describe('npy and npz: format and exact findings', () => {
  test.each(Object.entries(EXPECTED))('%s', async (name, [format, expected]) => {
    const result = await scan(name)
    expect({ format: result.format, findings: rows(result) }).toEqual({ format, findings: expected })
  })

  test('the object pickle is analysed from the byte after the header (offsets count from the file start)', async () => {
    const result = await scan('containers/numpy/object_evil.npy')
    expect(result.details).toEqual({ objectArray: true, dataOffset: 128 })
  })
})

describe('.npy header literals (ast.literal_eval subset)', () => {
  test('a numpy 1.x header', () => {
    const h = parsePyLiteral("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }          \n") as PyDict
    expect(h.entries.map(([k]) => (k as PyStr).value)).toEqual(['descr', 'fortran_order', 'shape'])
    expect(h.entries[1][1]).toBe(false)
    expect((h.entries[2][1] as PyTuple).items).toEqual([3n, 4n])
  })

  test.each([
    ['(1,)', new PyTuple([1n])],
    ['(1)', 1n],
    ['()', new PyTuple([])],
    ['[1, -2, +3]', [1n, -2n, 3n]],
    ['0x1F', 31n],
    ['1_000', 1000n],
    ['1.5e3', 1500],
    ["'a' \"b\"", new PyStr('ab', false)],
    ["b'\\x00O'", new PyStr('\x00O', true)],
    ["'\\u00e9\\n'", new PyStr('é\n', false)],
    ["r'\\n'", new PyStr('\\n', false)],
    ['{1, 2}', new PySet([1n, 2n])],
    ['{} # comment', new PyDict([])],
    ["[('a', '<i4'), ('b', '|O', (2,))]", [new PyTuple([new PyStr('a', false), new PyStr('<i4', false)]), new PyTuple([new PyStr('b', false), new PyStr('|O', false), new PyTuple([2n])])]],
    ['None', null]
  ])('%s', (text, value) => {
    expect(parsePyLiteral(text)).toEqual(value)
  })

  test.each(['dict()', "{'a': 1", '1 +', '007', "'unterminated", "b'é'", "{'a': 1, 2}", '__import__("os")'])('rejects %s', (text) => {
    expect(() => parsePyLiteral(text)).toThrow()
  })
})
