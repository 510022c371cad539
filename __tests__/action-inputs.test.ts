import { jest } from '@jest/globals'
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
  'fail-on': 'medium',
  'pickle-policy': 'block',
  'allow-globals': '',
  'check-run': 'auto',
  'check-name': 'modelgate findings',
  'sarif-file': '',
  'report-file': '',
  token: 'ghs_token'
}

test("action.yml's defaults", () => {
  setInputs(DEFAULTS)
  expect(readInputs()).toEqual({
    paths: ['**'],
    exclude: [],
    scope: 'changed',
    failOn: 'medium',
    picklePolicy: 'block',
    allowGlobals: [],
    checkRun: 'auto',
    checkName: 'modelgate findings',
    sarifFile: '',
    reportFile: '',
    token: 'ghs_token'
  })
})

test('empty inputs (a local run) fall back to the same defaults', () => {
  setInputs({})
  expect(readInputs()).toMatchObject({ paths: ['**'], scope: 'changed', failOn: 'medium', checkRun: 'auto', checkName: 'modelgate findings', token: '' })
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
    'report-file': 'out/m.json'
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
    token: 'ghs_token'
  })
})

test.each([
  [{ 'fail-on': 'error' }, `input 'fail-on' is "error"; expected one of: critical, high, medium, low, never`],
  [{ scope: 'everything' }, `input 'scope' is "everything"; expected one of: changed, all`],
  [{ 'pickle-policy': 'allow' }, `input 'pickle-policy' is "allow"; expected one of: block, allow-safe`],
  [{ 'check-run': 'yes' }, `input 'check-run' is "yes"; expected one of: auto, true, false`],
  [{ 'allow-globals': 'os.system\nbad pattern' }, `input 'allow-globals': invalid allow-global pattern "bad pattern": expected module.qualname or module.* (e.g. sklearn.*)`],
  [{ paths: '/etc/**' }, `input 'paths': "/etc/**" must be relative to the repository root`],
  [{ exclude: '../secrets' }, `input 'exclude': "../secrets" must not contain '..'`],
  [{ paths: '!models/**' }, `input 'paths': "!models/**" is a negated glob; list it under 'exclude' instead`]
])('bad input %j fails with one line naming it', (bad, message) => {
  setInputs({ ...DEFAULTS, ...bad })
  expect(readInputs).toThrow(message)
  expect(message).not.toContain('\n')
})
