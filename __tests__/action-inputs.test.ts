import { jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import * as core from '../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { readInputs } = await import('../src/action/inputs.js')

function setInputs(values: Record<string, string>): void {
  for (const key of Object.keys(core.inputs)) delete core.inputs[key]
  Object.assign(core.inputs, values)
}

/** action.yml's defaults, as the runner passes them. */
const DEFAULTS = {
  paths: '**',
  exclude: '',
  scope: 'changed',
  'fail-on': '',
  'pickle-policy': '',
  'allow-globals': '',
  'check-run': 'auto',
  'check-name': 'modelgate findings',
  'sarif-file': '',
  'report-file': '',
  'max-depth': '',
  'max-opcodes': '',
  'max-decompressed-bytes': '',
  'time-budget': '',
  lfs: '',
  config: '',
  token: 'ghs_token'
}

test("action.yml's defaults: the settings inputs are empty, left to the policy file or the engine's defaults", () => {
  setInputs(DEFAULTS)
  const inputs = readInputs()
  expect(inputs).toEqual({
    paths: ['**'],
    scope: 'changed',
    checkRun: 'auto',
    checkName: 'modelgate findings',
    sarifFile: '',
    reportFile: '',
    token: 'ghs_token',
    limits: {}
  })
  for (const key of ['exclude', 'failOn', 'picklePolicy', 'allowGlobals', 'lfs', 'config'] as const) expect(inputs[key]).toBeUndefined()
})

test('empty inputs (a local run) fall back to the same defaults', () => {
  setInputs({})
  expect(readInputs()).toEqual({ paths: ['**'], scope: 'changed', checkRun: 'auto', checkName: 'modelgate findings', sarifFile: '', reportFile: '', token: '', limits: {} })
})

test('action.yml gives the settings inputs no default (an explicit input must be told from an absent one)', () => {
  const yml = readFileSync(new URL('../action.yml', import.meta.url), 'utf8')
  for (const name of ['exclude', 'fail-on', 'pickle-policy', 'allow-globals', 'max-depth', 'max-opcodes', 'max-decompressed-bytes', 'time-budget', 'lfs', 'config']) {
    expect(yml).toMatch(new RegExp(`\\n  ${name}:\\n    description:[^]*?\\n    default: ''\\n`))
  }
})

test('multi-line inputs: trimmed, blank and # comment lines dropped', () => {
  setInputs({
    ...DEFAULTS,
    paths: 'models/**\n  # weights only\n\n*.pt  \r\n',
    exclude: 'models/vendor/**',
    'allow-globals': 'sklearn.*\nmypkg.models.Net',
    scope: 'all',
    'fail-on': 'never',
    'pickle-policy': 'allow-safe',
    'check-run': 'false',
    'check-name': ' scan ',
    'sarif-file': 'out/m.sarif',
    'report-file': 'out/m.json',
    lfs: 'true',
    'max-depth': '5',
    config: ' ci/modelgate.yml '
  })
  expect(readInputs()).toEqual({
    paths: ['models/**', '*.pt'],
    exclude: ['models/vendor/**'],
    scope: 'all',
    failOn: 'never',
    picklePolicy: 'allow-safe',
    allowGlobals: ['sklearn.*', 'mypkg.models.Net'],
    checkRun: 'false',
    checkName: 'scan',
    sarifFile: 'out/m.sarif',
    reportFile: 'out/m.json',
    token: 'ghs_token',
    lfs: 'true',
    limits: { maxDepth: 5 },
    config: 'ci/modelgate.yml'
  })
})

test('lfs: auto, true and false as given; empty is absent (auto unless the policy file says)', () => {
  for (const lfs of ['auto', 'true', 'false'] as const) {
    setInputs({ ...DEFAULTS, lfs })
    expect(readInputs().lfs).toBe(lfs)
  }
  setInputs({ ...DEFAULTS, lfs: '' })
  expect(readInputs().lfs).toBeUndefined()
})

test('limits: each input in its unit; empty inputs keep the engine defaults', () => {
  setInputs({ ...DEFAULTS, 'max-depth': '0', 'max-opcodes': ' 100 ', 'max-decompressed-bytes': '512MiB', 'time-budget': '0.5' })
  expect(readInputs().limits).toEqual({ maxDepth: 0, maxOpcodes: 100, maxDecompressedBytes: 512 * 1024 ** 2, timeBudgetMs: 500 })
  setInputs({ ...DEFAULTS, 'max-depth': '', 'max-opcodes': '', 'max-decompressed-bytes': '1048576', 'time-budget': '' })
  expect(readInputs().limits).toEqual({ maxDecompressedBytes: 1 << 20 })
})

test.each([
  [{ 'fail-on': 'error' }, `input 'fail-on' is "error"; expected one of: critical, high, medium, low, never`],
  [{ scope: 'everything' }, `input 'scope' is "everything"; expected one of: changed, all`],
  [{ 'pickle-policy': 'allow' }, `input 'pickle-policy' is "allow"; expected one of: block, allow-safe`],
  [{ 'check-run': 'yes' }, `input 'check-run' is "yes"; expected one of: auto, true, false`],
  [{ lfs: 'on' }, `input 'lfs' is "on"; expected one of: auto, true, false`],
  [{ 'allow-globals': 'os.system\nbad pattern' }, `input 'allow-globals': invalid allow-global pattern "bad pattern": expected module.qualname or module.* (e.g. sklearn.*)`],
  [{ paths: '/etc/**' }, `input 'paths': "/etc/**" must be relative to the repository root`],
  [{ exclude: '../secrets' }, `input 'exclude': "../secrets" must not contain '..'`],
  [{ paths: '!models/**' }, `input 'paths': "!models/**" is a negated glob; list it under 'exclude' instead`],
  [{ 'max-depth': '17' }, `input 'max-depth' is "17"; expected an integer from 0 to 16`],
  [{ 'max-depth': '-1' }, `input 'max-depth' is "-1"; expected an integer from 0 to 16`],
  [{ 'max-opcodes': '0' }, `input 'max-opcodes' is "0"; expected a positive integer`],
  [{ 'max-opcodes': '1e6' }, `input 'max-opcodes' is "1e6"; expected a positive integer`],
  [{ 'max-decompressed-bytes': '4GB' }, `input 'max-decompressed-bytes' is "4GB"; expected a positive number of bytes, optionally with KiB, MiB, GiB or TiB (e.g. 512MiB)`],
  [{ 'max-decompressed-bytes': '0' }, `input 'max-decompressed-bytes' is "0"; expected a positive number of bytes, optionally with KiB, MiB, GiB or TiB (e.g. 512MiB)`],
  [{ 'time-budget': '0' }, `input 'time-budget' is "0"; expected seconds, more than 0 and at most 86400 (e.g. 60 or 0.5)`],
  [{ 'time-budget': '60s' }, `input 'time-budget' is "60s"; expected seconds, more than 0 and at most 86400 (e.g. 60 or 0.5)`]
])('bad input %j fails with one line naming it', (bad, message) => {
  setInputs({ ...DEFAULTS, ...bad })
  expect(readInputs).toThrow(message)
  expect(message).not.toContain('\n')
})
