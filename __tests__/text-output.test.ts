import { buildReport } from '../src/scan/summary.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import type { FileReport } from '../src/scan/findings.js'
import { LINE_LIMIT, renderText, type TextOptions, firstSentence } from '../src/report/text.js'

const POLICY = '.modelgate.yml'
const LONG = `Pickle imports evil.${'x'.repeat(600)} at offset 5, which is not on the allowlist`

const files: FileReport[] = [
  {
    path: 'z/last.pkl',
    format: 'pickle',
    size: 9,
    findings: [
      { rule: 'pickle/format', severity: 'medium', message: 'holds pickle data' },
      { rule: 'pickle/unknown-global', severity: 'high', message: LONG, location: { offset: 5 }, global: 'evil.x' }
    ]
  },
  {
    path: 'a/first.pt',
    format: 'pytorch-zip',
    size: 90,
    findings: [
      { rule: 'pickle/format', severity: 'medium', message: 'holds pickle data', location: { entry: 'first/data.pkl' } },
      { rule: 'pickle/dangerous-global', severity: 'critical', message: 'calls posix.system', location: { entry: 'first/data.pkl', offset: 57 } },
      {
        rule: 'pickle/unknown-global',
        severity: 'high',
        message: 'imports mypkg.Layer',
        location: { entry: 'first/data.pkl', offset: 80 },
        suppressed: { reason: 'vetted by the ML team', expires: '2027-01-31', by: POLICY }
      },
      {
        rule: 'pickle/unknown-global',
        severity: 'high',
        message: 'imports oldpkg.Net',
        location: { entry: 'first/data.pkl', offset: 99 },
        suppressionExpired: { reason: 'old checkpoint, to be replaced', expires: '2026-01-31', by: POLICY }
      }
    ]
  },
  { path: 'm/mid.pkl', format: 'pickle', size: 3, findings: [{ rule: 'pickle/format', severity: 'medium', message: 'holds pickle data' }] },
  { path: 'b/base.pkl', format: 'pickle', size: 3, findings: [{ rule: 'pickle/format', severity: 'low', message: 'x', suppressed: { reason: 'fixture', by: 'baseline.json' } }] }
]

const report = buildReport(files, defaultScanOptions())
const render = (options: Partial<TextOptions> = {}) => renderText(report, { failOn: 'medium', color: false, quiet: false, verbose: false, ...options })

test('concise: worst first across files, then by path, then in file order; advice once per rule; suppressed counted apart', () => {
  const lines = render().split('\n')
  expect(lines).toEqual([
    'CRITICAL a/first.pt:first/data.pkl@57 pickle/dangerous-global: calls posix.system',
    'HIGH     a/first.pt:first/data.pkl@99 pickle/unknown-global: imports oldpkg.Net (suppression expired 2026-01-31: old checkpoint, to be replaced)',
    `HIGH     z/last.pkl@5 pickle/unknown-global: ${lines[2].slice('HIGH     z/last.pkl@5 pickle/unknown-global: '.length)}`,
    'MEDIUM   a/first.pt:first/data.pkl pickle/format: holds pickle data',
    'MEDIUM   m/mid.pkl pickle/format: holds pickle data',
    'MEDIUM   z/last.pkl pickle/format: holds pickle data',
    '',
    'What to do:',
    '  pickle/dangerous-global: Do not load this file. If nobody meant to add it, treat the change as malicious. Otherwise re-export the weights as safetensors.',
    '  pickle/unknown-global: Check what the global is. If it is your own trusted class, add it to allow-globals (module.Name or module.*); otherwise convert the model to safetensors.',
    '  pickle/format: Convert the model to safetensors, or set pickle-policy: allow-safe to accept pickle data whose globals are all allowlisted.',
    '  Details: https://github.com/modelgate/modelgate/blob/v1/docs/rules.md',
    '',
    '1 finding(s) suppressed by .modelgate.yml (see --verbose)',
    '1 finding(s) suppressed by baseline.json (see --verbose)',
    'modelgate: 4 file(s) scanned, 1 critical, 2 high, 3 medium, 2 suppressed, 1 suppression expired; blocked: critical finding(s) at or above fail-on medium',
    ''
  ])
})

test('a long message is cut so that the line stays under 200 characters besides the path', () => {
  const line = render().split('\n')[2]
  const pathPart = 'z/last.pkl@5'
  expect(line.startsWith(`HIGH     ${pathPart} pickle/unknown-global: Pickle imports evil.xxx`)).toBe(true)
  expect(line.endsWith('x…')).toBe(true)
  expect(line.length - pathPart.length).toBe(LINE_LIMIT - 1)
  expect(LINE_LIMIT).toBe(200)
})

test('every concise finding line is under the limit besides its path part', () => {
  const paths = ['a/first.pt:first/data.pkl@57', 'a/first.pt:first/data.pkl@99', 'z/last.pkl@5', 'a/first.pt:first/data.pkl', 'm/mid.pkl', 'z/last.pkl']
  const lines = render().split('\n').slice(0, 6)
  lines.forEach((line, i) => {
    expect(line).toContain(` ${paths[i]} `)
    expect(line.length - paths[i].length).toBeLessThan(LINE_LIMIT)
  })
})

test('quiet: only blocking findings, their advice and the summary', () => {
  expect(render({ quiet: true, failOn: 'critical' }).split('\n')).toEqual([
    'CRITICAL a/first.pt:first/data.pkl@57 pickle/dangerous-global: calls posix.system',
    '',
    'What to do:',
    '  pickle/dangerous-global: Do not load this file. If nobody meant to add it, treat the change as malicious. Otherwise re-export the weights as safetensors.',
    '  Details: https://github.com/modelgate/modelgate/blob/v1/docs/rules.md',
    '',
    'modelgate: 4 file(s) scanned, 1 critical, 2 high, 3 medium, 2 suppressed, 1 suppression expired; blocked: critical finding(s) at or above fail-on critical',
    ''
  ])
})

test('verbose: full message, location and advice with each finding; suppressed ones listed with reason and expiry', () => {
  const lines = render({ verbose: true }).split('\n')
  expect(lines.slice(0, 5)).toEqual([
    'a/first.pt: CRITICAL pickle/dangerous-global: calls posix.system [entry first/data.pkl, offset 57]',
    '  what to do: Do not load this file. If nobody meant to add it, treat the change as malicious. Otherwise re-export the weights as safetensors.',
    'a/first.pt: HIGH pickle/unknown-global: imports oldpkg.Net [entry first/data.pkl, offset 99]',
    '  suppression expired 2026-01-31: old checkpoint, to be replaced',
    '  what to do: Check what the global is. If it is your own trusted class, add it to allow-globals (module.Name or module.*); otherwise convert the model to safetensors.'
  ])
  expect(lines[5]).toBe(`z/last.pkl: HIGH pickle/unknown-global: ${LONG} [offset 5]`)
  expect(lines).not.toContain('What to do:')
  expect(lines.slice(lines.indexOf('Suppressed:') - 1, -2)).toEqual([
    '',
    'Suppressed:',
    'a/first.pt: HIGH pickle/unknown-global: imports mypkg.Layer [entry first/data.pkl, offset 80]',
    '  suppressed by .modelgate.yml until 2027-01-31: vetted by the ML team',
    '  what to do: Check what the global is. If it is your own trusted class, add it to allow-globals (module.Name or module.*); otherwise convert the model to safetensors.',
    'b/base.pkl: LOW pickle/format: x',
    '  suppressed by baseline.json: fixture',
    '  what to do: Convert the model to safetensors, or set pickle-policy: allow-safe to accept pickle data whose globals are all allowlisted.'
  ])
})

test('hostile suppression reasons are made visible', () => {
  const hostile = buildReport(
    [{ path: 'a.pkl', format: 'pickle', size: 1, findings: [{ rule: 'pickle/format', severity: 'medium', message: 'm', suppressionExpired: { reason: 'x\n\x1b[2Jy', expires: '2026-01-01', by: 'p' } }] }],
    defaultScanOptions()
  )
  const out = renderText(hostile, { failOn: 'medium', color: false, quiet: false, verbose: false })
  expect(out.split('\n')[0]).toBe('MEDIUM   a.pkl pickle/format: m (suppression expired 2026-01-01: x\\x0a\\x1b[2Jy)')
})

test('the concise line keeps what was found (the first sentence), not the advice that follows', () => {
  expect(firstSentence('Pickle imports builtins.eval at offset 18: code execution. Loading this file runs it. Do not load this file.')).toBe(
    'Pickle imports builtins.eval at offset 18: code execution.'
  )
  // Dotted names and abbreviations are not sentence ends; a message of one sentence stays whole.
  expect(firstSentence('Pickle imports os.system, e.g. via posix.system at offset 2')).toBe('Pickle imports os.system, e.g. via posix.system at offset 2')
  expect(firstSentence('A. B. short start then. More')).toBe('A. B. short start then.')
})
