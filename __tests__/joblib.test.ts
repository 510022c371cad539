// joblib files through the public dispatcher: inline arrays skipped exactly (alignment byte,
// 0xFF padding, prod(shape) × itemsize), object arrays as nested pickles, the frame rule,
// unsizeable dtypes failing closed, and every compression joblib reads.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import type { FormatResult } from '../src/scan/context.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource } from '../src/scan/source.js'
import { scanSource } from '../src/scan/dispatch.js'

type Row = [string, string, string | null, number | null]

async function scan(name: string, bytes = readFileSync(`fixtures/${name}`)): Promise<FormatResult> {
  return scanSource(bufferSource(bytes), { options: defaultScanOptions(), depth: 0 }, name)
}

const rows = (r: FormatResult): Row[] => r.findings.map((f) => [f.rule, f.severity, f.location?.entry ?? null, f.location?.offset ?? null])
const CRIT = 'pickle/dangerous-global'
const UNKNOWN: Row = ['pickle/unknown-global', 'high', null, 65]

const EXPECTED: Record<string, [string, Row[]]> = {
  'containers/joblib/arrays.joblib': ['joblib', [['pickle/format', 'medium', null, null]]],
  'containers/joblib/payload_after_array.joblib': ['joblib', [[CRIT, 'critical', null, 382]]],
  'containers/joblib/object_array.joblib': ['joblib', [[CRIT, 'critical', null, 250]]],
  // Fail closed: the array cannot be sized, so the rest is read as opcodes and flagged.
  'containers/joblib/unsized.joblib': [
    'joblib',
    [
      ['pickle/malformed', 'high', null, 225],
      ['scan/incomplete', 'high', null, 224],
      ['pickle/format', 'medium', null, null]
    ]
  ],
  'containers/joblib/mid_frame.joblib': ['joblib', [['pickle/frame-desync', 'critical', null, 215], [CRIT, 'critical', null, 217]]],
  'containers/joblib/zlib.joblib': ['joblib', [['pickle/format', 'medium', null, null]]],
  'containers/joblib/gzip_evil.joblib': ['joblib', [[CRIT, 'critical', null, 382]]],
  'containers/joblib/zf_evil.joblib': ['joblib', [[CRIT, 'critical', null, 2]]],
  'containers/joblib/bz2.joblib': ['joblib', [[CRIT, 'critical', null, 2]]],
  'containers/joblib/xz.joblib': ['joblib', [[CRIT, 'critical', null, 2]]],
  'real/sklearn.joblib': ['joblib', [UNKNOWN]],
  'real/sklearn_zlib.joblib': ['joblib', [UNKNOWN]],
  'real/sklearn_gzip.joblib': ['joblib', [UNKNOWN]]
}

describe('joblib: format and exact findings', () => {
  test.each(Object.entries(EXPECTED))('%s', async (name, [format, expected]) => {
    const result = await scan(name)
    expect({ format: result.format, findings: rows(result) }).toEqual({ format, findings: expected })
  })

  test('the scikit-learn model names its class; its inline arrays leave no malformed finding', async () => {
    const [finding] = (await scan('real/sklearn.joblib')).findings
    expect(finding.global).toBe('sklearn.linear_model._logistic.LogisticRegression')
  })

  test('findings from decompressed data say so (offsets are in the decompressed stream)', async () => {
    const [finding] = (await scan('containers/joblib/gzip_evil.joblib')).findings
    expect(finding).toMatchObject({ decompressed: 'gzip', global: 'posix.system' })
  })

  test('the wrappers are data only inside a joblib stream: a legacy torch pickle importing one is flagged', async () => {
    const wrapper = Buffer.from('\x80\x02cjoblib.numpy_pickle\nNumpyArrayWrapper\n.', 'latin1')
    const legacy = Buffer.concat([readFileSync('fixtures/containers/legacy/benign.pt').subarray(0, 15), wrapper])
    const result = await scan('legacy.pt', legacy)
    expect(rows(result)).toContainEqual(['pickle/unknown-global', 'high', null, 17])
  })

  test('an array whose data is cut short is malformed, not skipped past the end', async () => {
    const bytes = readFileSync('fixtures/containers/joblib/payload_after_array.joblib')
    const cut = bytes.subarray(0, 230)
    const result = await scan('cut.joblib', cut)
    expect(rows(result)).toEqual([
      ['pickle/malformed', 'high', null, 230],
      ['pickle/format', 'medium', null, null]
    ])
    expect(result.findings[0].message).toContain('inline data of 131 bytes after the BUILD at offset 220 was truncated')
  })

  test('a compat NDArrayWrapper names the companion file joblib.load would unpickle', async () => {
    const name = 'model.pkl_01.npy'
    const state = Buffer.concat([Buffer.from('}X\x08\x00\x00\x00filenameX', 'latin1'), Buffer.from([name.length, 0, 0, 0]), Buffer.from(name), Buffer.from('s', 'latin1')])
    const bytes = Buffer.concat([Buffer.from('\x80\x02cjoblib.numpy_pickle\nNDArrayWrapper\n)\x81', 'latin1'), state, Buffer.from('b.', 'latin1')])
    const result = await scan('model.pkl', bytes)
    expect({ format: result.format, findings: rows(result) }).toEqual({
      format: 'joblib',
      findings: [
        ['joblib/companion-file', 'medium', null, bytes.length - 2],
        ['pickle/format', 'medium', null, null]
      ]
    })
    expect(result.findings[0].file).toBe(name)
  })
})
