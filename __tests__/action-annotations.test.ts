import { jest } from '@jest/globals'
import * as core from '../__fixtures__/core.js'
import { buildReport } from '../src/scan/summary.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import type { FileReport, Severity } from '../src/scan/findings.js'

jest.unstable_mockModule('@actions/core', () => core)
const { annotate } = await import('../src/action/annotations.js')
const { logFindings } = await import('../src/action/log.js')

beforeEach(() => jest.clearAllMocks())

const finding = (severity: Severity, i: number) => ({ rule: 'pickle/unknown-global', severity, message: `finding ${severity} ${i}` })

function report(counts: Partial<Record<Severity, number>>) {
  const files: FileReport[] = Object.entries(counts).map(([severity, n]) => ({
    path: `${severity}.pkl`,
    format: 'pickle',
    size: 1,
    findings: Array.from({ length: n }, (_, i) => finding(severity as Severity, i))
  }))
  return buildReport(files, defaultScanOptions())
}

test('one annotation per finding, mapped to levels, with file and title', () => {
  annotate(report({ critical: 1, high: 1, medium: 1, low: 1, info: 1 }))
  expect(core.error.mock.calls).toEqual([
    ['finding critical 0', { title: 'critical: pickle/unknown-global', file: 'critical.pkl' }],
    ['finding high 0', { title: 'high: pickle/unknown-global', file: 'high.pkl' }]
  ])
  expect(core.warning.mock.calls).toEqual([['finding medium 0', { title: 'medium: pickle/unknown-global', file: 'medium.pkl' }]])
  // info findings are left to the summary and the log.
  expect(core.notice.mock.calls).toEqual([['finding low 0', { title: 'low: pickle/unknown-global', file: 'low.pkl' }]])
})

test('worst first, at most 10 per level (9 notices + the overflow notice), then one notice with the count', () => {
  annotate(report({ low: 12, high: 4, critical: 8, medium: 11 }))
  expect(core.error.mock.calls.map((c) => c[0])).toEqual([
    ...Array.from({ length: 8 }, (_, i) => `finding critical ${i}`),
    'finding high 0',
    'finding high 1'
  ])
  expect(core.warning).toHaveBeenCalledTimes(10)
  expect(core.notice).toHaveBeenCalledTimes(10)
  expect(core.notice.mock.calls[9]).toEqual([`6 more finding(s) are not annotated (GitHub shows 10 per level); see the job summary.`])
})

test('annotations already made this step count against the cap', () => {
  annotate(report({ medium: 10 }), { error: 0, warning: 1, notice: 0 })
  expect(core.warning).toHaveBeenCalledTimes(9)
  expect(core.notice.mock.calls).toEqual([[`1 more finding(s) are not annotated (GitHub shows 10 per level); see the job summary.`]])
})

test('hostile names and messages: the file property stays exact (core escapes it), text is made visible', () => {
  const files: FileReport[] = [
    {
      path: 'weird name,with:colon\n.pkl',
      format: 'pickle',
      size: 1,
      findings: [{ rule: 'pickle/dangerous-global', severity: 'critical', message: 'calls x\r\n::warning::y %0A', location: { entry: 'a\nb', offset: 3 } }]
    }
  ]
  annotate(buildReport(files, defaultScanOptions()))
  expect(core.error.mock.calls).toEqual([
    ['calls x\\x0d\\x0a::warning::y %0A (entry a\\x0ab, offset 3)', { title: 'critical: pickle/dangerous-global', file: 'weird name,with:colon\n.pkl' }]
  ])
})

test('long messages are truncated', () => {
  const files: FileReport[] = [{ path: 'a.pkl', format: 'pickle', size: 1, findings: [{ rule: 'pickle/malformed', severity: 'high', message: 'x'.repeat(5000) }] }]
  annotate(buildReport(files, defaultScanOptions()))
  expect(core.error.mock.calls[0][0]).toBe(`${'x'.repeat(2000)}… (3000 more characters)`)
})

test('the log lists every file and finding on lines that start with a fixed tag', () => {
  const files: FileReport[] = [
    { path: '::error::pwned\n.pkl', format: 'pickle', size: 1, findings: [{ rule: 'pickle/format', severity: 'medium', message: 'm\n::x::', location: { offset: 0 } }] },
    { path: 'clean.safetensors', format: 'safetensors', size: 1, findings: [] }
  ]
  logFindings(buildReport(files, defaultScanOptions()))
  expect(core.startGroup.mock.calls).toEqual([['modelgate: 2 file(s) scanned']])
  const lines = core.info.mock.calls.map(([line]) => line)
  const token = /^::stop-commands::([0-9a-f]{32})$/.exec(lines[0])?.[1]
  expect(lines).toEqual([
    `::stop-commands::${token}`,
    '[medium] ::error::pwned\\x0a.pkl: pickle/format: m\\x0a::x:: (offset 0)',
    '[clean] clean.safetensors (safetensors)',
    `::${token}::`
  ])
  expect(core.endGroup).toHaveBeenCalledTimes(1)
  // A fresh token per run: a file cannot learn it from an earlier log.
  logFindings(buildReport(files, defaultScanOptions()))
  expect(core.info.mock.calls[4][0]).toMatch(/^::stop-commands::[0-9a-f]{32}$/)
  expect(core.info.mock.calls[4][0]).not.toBe(lines[0])
})
