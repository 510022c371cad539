// The committed fixtures of fixtures/gen_pickle.py (one per bypass class of
// reference/pickle.md §9, plus benign pickles): exact rule, severity, global and offset.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { defaultScanOptions, type ScanOptions } from '../src/scan/policy.js'
import { bufferSource } from '../src/scan/source.js'
import { scanPickle } from '../src/scan/pickle/scan-pickle.js'

const DIR = path.resolve(process.cwd(), 'fixtures/pickle')

/** [rule, severity, global (or null), offset]; `pickle/format` has no offset. */
type Row = [string, string, string | null, number | null]

const D = 'pickle/dangerous-global'
const Y = 'pickle/dynamic-global'
const U = 'pickle/unknown-global'
const M = 'pickle/malformed'
const FORMAT: Row = ['pickle/format', 'medium', null, null]

const EXPECTED: Record<string, Row[]> = {
  'p1-frame-desync.pkl': [['pickle/frame-desync', 'critical', null, 13]],
  'p2-string-stack-global.pkl': [[D, 'critical', 'os.system', 16]],
  'p3-memo-put-memoize.pkl': [[D, 'critical', 'os.system', 62]],
  'p4-memo-build-function.pkl': [
    [D, 'critical', 'torch._utils._rebuild_tensor_v2 (BUILD target)', 58],
    [U, 'high', 'torch._utils._rebuild_tensor_v2.a', 60],
    [U, 'high', 'torch._utils._rebuild_tensor_v2.b', 98],
    [Y, 'critical', '<global torch._utils._rebuild_tensor_v2.a>.<global torch._utils._rebuild_tensor_v2.b>', 144]
  ],
  'p5-missing-memo-slot.pkl': [
    [D, 'critical', 'os.system', 2],
    [M, 'high', null, 45],
    [Y, 'critical', '<missing memo slot 3>.os', 49]
  ],
  'p6-int-module-name.pkl': [
    [D, 'critical', 'os.system', 2],
    [M, 'high', null, 52]
  ],
  'p7-inst.pkl': [[D, 'critical', 'os.system', 25]],
  'p8-obj-pop.pkl': [[D, 'critical', 'os.system', 15]],
  'p9-second-pickle.pkl': [[D, 'critical', 'posix.system', 24]],
  // The junk byte stops every loader: the eval pickle after it is never reached, so it is not reported.
  'p10-junk-between.pkl': [[M, 'high', null, 17], FORMAT],
  'p11-trailing-bytes.pkl': [
    [D, 'critical', 'builtins.eval', 18],
    [M, 'high', null, 50]
  ],
  'p12-invalid-utf8-global.pkl': [[M, 'high', null, 0]],
  'p13-ext.pkl': [[Y, 'critical', 'copyreg extension code 1', 2]],
  'p14-cr-in-global.pkl': [[U, 'high', 'os\r.system', 0]],
  'n1-dotted-stack-global.pkl': [[D, 'critical', 'pathlib.os.system', 22]],
  'n1-dotted-global.pkl': [[D, 'critical', 'random._os.system', 2]],
  'n2-submodule.pkl': [[D, 'critical', 'asyncio.unix_events._UnixSubprocessTransport._start', 56]],
  'n3-c-alias.pkl': [
    [D, 'critical', '_operator.attrgetter', 25],
    [D, 'critical', 'builtins.__import__', 58],
    [Y, 'critical', '<result of _operator.attrgetter (offset 35)>()', 69],
    [Y, 'critical', '<result of a call at offset 69>()', 95]
  ],
  'n4-py2-commands.pkl': [[D, 'critical', 'subprocess.getoutput', 2]],
  'n5-build-plants-builtins.pkl': [
    [U, 'high', 'numpy.size', 15],
    [D, 'critical', 'numpy.__builtins__', 46],
    [D, 'critical', 'numpy.size (BUILD target)', 49]
  ],
  'n6-registry-poisoning.pkl': [
    [U, 'high', 'pydantic._dynamic_imports', 30],
    [D, 'critical', 'pydantic._dynamic_imports (SETITEM target)', 61],
    [U, 'high', 'pydantic.Popen', 80]
  ],
  'n8-build-not-permitted.pkl': [[U, 'high', 'torch.device (BUILD)', 46]],
  'n9-build-module.pkl': [
    [U, 'high', 'torch._utils', 17],
    [D, 'critical', 'torch._utils (BUILD target)', 47]
  ],
  'g-operator-call.pkl': [
    [D, 'critical', 'operator.call', 18],
    [D, 'critical', 'pathlib.Path.touch', 40],
    [U, 'high', 'pathlib.PosixPath', 61]
  ],
  'g-partial.pkl': [
    [D, 'critical', 'functools.partial', 22],
    [D, 'critical', 'pathlib.Path.touch', 44],
    [Y, 'critical', '<result of functools.partial (offset 70)>()', 72]
  ],
  'g-function-marshal.pkl': [
    [D, 'critical', 'types.FunctionType', 23],
    [D, 'critical', 'marshal.loads', 40],
    [Y, 'critical', '<result of types.FunctionType (offset 72)>()', 74]
  ],
  'g-typing-eval.pkl': [[D, 'critical', 'typing.get_type_hints', 26]],
  'g-map.pkl': [
    [D, 'critical', 'builtins.map', 35],
    [D, 'critical', 'posix.system', 51]
  ],
  'nested-load-from-bytes.pkl': [
    [D, 'critical', 'torch.storage._load_from_bytes', 35],
    [D, 'critical', 'posix.system', 88]
  ],
  'nested-pickle-base64.pkl': [
    [D, 'critical', 'pickle.loads', 17],
    [D, 'critical', 'base64.b64decode', 37],
    [D, 'critical', 'builtins.eval', 111]
  ],
  'c6-legacy-magic-eval.pt': [
    [D, 'critical', 'builtins.eval', 2],
    [D, 'critical', 'posix.system', 66]
  ],
  'c9-broken-tail.pkl': [
    [D, 'critical', 'os.system', 2],
    [M, 'high', null, 42]
  ],
  'c12-renamed.weights': [[D, 'critical', 'builtins.eval', 18]],
  'benign-proto0.pkl': [FORMAT],
  'benign-proto1.pkl': [FORMAT],
  'benign-proto2.pkl': [FORMAT],
  'benign-proto3.pkl': [FORMAT],
  'benign-proto4.pkl': [FORMAT],
  'benign-proto5.pkl': [FORMAT],
  'benign-ordereddict.pkl': [FORMAT],
  'benign-torch-state-dict.pkl': [FORMAT],
  'benign-numpy1-p2.pkl': [FORMAT],
  'benign-numpy2-p4.pkl': [FORMAT],
  'benign-numpy-p5.pkl': [FORMAT],
  'sklearn-like.pkl': [[U, 'high', 'sklearn.linear_model._logistic.LogisticRegression', 54]]
}

async function rows(name: string, options: ScanOptions = defaultScanOptions()): Promise<Row[]> {
  const result = await scanPickle(bufferSource(readFileSync(path.join(DIR, name))), { options, depth: 0 })
  expect(result.format).toBe('pickle')
  return result.findings.map((f) => [f.rule, f.severity, (f.global as string | undefined) ?? null, f.location?.offset ?? null])
}

describe('pickle fixtures', () => {
  test('every generated fixture has an expectation', () => {
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  test.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    expect(await rows(name)).toEqual(expected)
  })

  test('reached denylist paths and nested origins are reported', async () => {
    const dotted = await scanPickle(bufferSource(readFileSync(path.join(DIR, 'n1-dotted-stack-global.pkl'))), { options: defaultScanOptions(), depth: 0 })
    expect(dotted.findings[0]).toMatchObject({ reached: 'os.system', count: 1 })
    expect(dotted.findings[0].message).toContain('pathlib.os.system, which reaches os.system at offset 22')
    const nested = await scanPickle(bufferSource(readFileSync(path.join(DIR, 'nested-pickle-base64.pkl'))), { options: defaultScanOptions(), depth: 0 })
    expect(nested.findings[2]).toMatchObject({ nestedIn: 'pickle.loads', nestedOffset: 18, location: { offset: 111 } })
    expect(nested.findings[2].message).toMatch(/^In the bytes passed to pickle.loads at offset 111 \(nested offset 18\): Pickle imports builtins.eval/)
  })

  test('allow-safe turns the benign verdict into info', async () => {
    expect(await rows('benign-torch-state-dict.pkl', defaultScanOptions({ picklePolicy: 'allow-safe' }))).toEqual([['pickle/format', 'info', null, null]])
  })

  test('the scikit-learn pickle passes to medium when the user allows sklearn.* and numpy.*', async () => {
    expect(await rows('sklearn-like.pkl', defaultScanOptions({ allowGlobals: ['sklearn.*', 'numpy.*'] }))).toEqual([FORMAT])
  })

  test('user patterns never allow the critical core, and wildcards never override the denylist', async () => {
    expect(await rows('p2-string-stack-global.pkl', defaultScanOptions({ allowGlobals: ['os.system', 'os.*'] }))).toEqual([[D, 'critical', 'os.system', 16]])
    expect(await rows('nested-load-from-bytes.pkl', defaultScanOptions({ allowGlobals: ['torch.*'] }))).toEqual([
      [D, 'critical', 'torch.storage._load_from_bytes', 35],
      [D, 'critical', 'posix.system', 88]
    ])
    // An exact name may override a non-core entry; the nested payload is still scanned.
    expect(await rows('nested-load-from-bytes.pkl', defaultScanOptions({ allowGlobals: ['torch.storage._load_from_bytes'] }))).toEqual([[D, 'critical', 'posix.system', 88]])
  })
})
