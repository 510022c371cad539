import type { Report } from '../src/scan/findings.js'
import { buildReport } from '../src/scan/summary.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { renderJson } from '../src/report/json.js'
import { renderJobSummary, STEP_SUMMARY_LIMIT } from '../src/report/job-summary.js'
import { renderText } from '../src/report/text.js'
import { escapeMarkdown, truncate, visible } from '../src/report/escape.js'

const HOSTILE = 'a|b<img src=x onerror=alert(1)>\n.pkl'

function sample(failOn: 'medium' | 'never' = 'medium'): Report {
  return buildReport(
    [
      {
        path: HOSTILE,
        format: 'pickle',
        size: 42,
        findings: [
          { rule: 'pickle/format', severity: 'medium', message: 'holds pickle data', location: { offset: 0 } },
          {
            global: 'posix.system',
            rule: 'pickle/dangerous-global',
            severity: 'critical',
            message: 'calls posix.system | *bold* `x`',
            location: { entry: 'archive/data.pkl', offset: 57 }
          }
        ]
      },
      { path: 'clean.safetensors', format: 'safetensors', size: 100, findings: [] }
    ],
    defaultScanOptions({ failOn })
  )
}

describe('summary', () => {
  test('counts, worst severity and verdict', () => {
    expect(sample().summary).toEqual({
      files: 2,
      findings: { critical: 1, high: 0, medium: 1, low: 0, info: 0 },
      maxSeverity: 'critical',
      blocked: true
    })
    expect(sample('never').summary.blocked).toBe(false)
  })
  test('an empty scan has maxSeverity null and passes', () => {
    expect(buildReport([], defaultScanOptions()).summary).toEqual({
      files: 0,
      findings: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      maxSeverity: null,
      blocked: false
    })
  })
})

describe('json', () => {
  test('is exactly the DESIGN contract, in key order', () => {
    const parsed = JSON.parse(renderJson(sample()))
    expect(Object.keys(parsed)).toEqual(['tool', 'files', 'summary'])
    expect(parsed.tool).toEqual({ name: 'modelgate', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) })
    expect(Object.keys(parsed.files[0])).toEqual(['path', 'format', 'size', 'findings'])
    expect(parsed.files[0].path).toBe(HOSTILE)
    expect(Object.keys(parsed.files[0].findings[1])).toEqual(['rule', 'severity', 'message', 'location', 'global'])
    expect(parsed.files[1]).toEqual({ path: 'clean.safetensors', format: 'safetensors', size: 100, findings: [] })
    expect(Object.keys(parsed.summary)).toEqual(['files', 'findings', 'maxSeverity', 'blocked'])
  })
})

describe('text', () => {
  test('one line per finding (worst first) and a summary line; control characters made visible', () => {
    const out = renderText(sample(), { failOn: 'medium', color: false, quiet: false, verbose: false })
    expect(out.split('\n')).toEqual([
      'CRITICAL a|b<img src=x onerror=alert(1)>\\x0a.pkl:archive/data.pkl@57 pickle/dangerous-global: calls posix.system | *bold* `x`',
      'MEDIUM   a|b<img src=x onerror=alert(1)>\\x0a.pkl@0 pickle/format: holds pickle data',
      '',
      'What to do:',
      '  pickle/dangerous-global: Do not load this file. If nobody meant to add it, treat the change as malicious. Otherwise re-export the weights as safetensors.',
      '  pickle/format: Convert the model to safetensors, or set pickle-policy: allow-safe to accept pickle data whose globals are all allowlisted.',
      '  Details: https://github.com/modelgate/modelgate/blob/v1/docs/rules.md',
      '',
      'modelgate: 2 file(s) scanned, 1 critical, 1 medium; blocked: critical finding(s) at or above fail-on medium',
      ''
    ])
  })
  test('quiet keeps only blocking findings', () => {
    const out = renderText(sample(), { failOn: 'high', color: false, quiet: true, verbose: false })
    expect(out).toContain('CRITICAL')
    expect(out).not.toContain('MEDIUM')
  })
  test('colours only when asked', () => {
    expect(renderText(sample(), { failOn: 'medium', color: true, quiet: false, verbose: false })).toContain('\x1b[1;31mCRITICAL\x1b[0m')
    expect(renderText(sample(), { failOn: 'medium', color: false, quiet: false, verbose: false })).not.toContain('\x1b[')
  })
  test('terminal escape sequences in names are neutralised', () => {
    const report = buildReport(
      [{ path: 'x\x1b[2J.pkl', format: 'other', size: 0, findings: [{ rule: 'scan/unrecognized', severity: 'info', message: 'm' }] }],
      defaultScanOptions()
    )
    const out = renderText(report, { failOn: 'medium', color: false, quiet: false, verbose: false })
    expect(out).not.toContain('\x1b')
    expect(out).toContain('x\\x1b[2J.pkl')
  })
})

const renderMarkdown = (report: Report, failOn: 'medium' | 'never') => renderJobSummary(report, { failOn, scope: 'Given paths', notes: [] }, STEP_SUMMARY_LIMIT)

describe('markdown (job summary)', () => {
  const md = renderMarkdown(sample(), 'medium')
  test('verdict first, then a table row per file', () => {
    const lines = md.split('\n')
    expect(lines[0]).toBe('## ❌ modelgate: blocked')
    expect(lines).toContain('| File | Format | Critical | High | Medium | Low | Info |')
    expect(lines).toContain('| <code>clean.safetensors</code> | safetensors |  |  |  |  |  |')
  })
  test('hostile names cannot break the table, inject HTML or start new lines', () => {
    const row = md.split('\n').find((l) => l.includes('| pickle |'))!
    expect(row).toBe('| <code>a&#124;b&#60;img src=x onerror=alert&#40;1&#41;&#62;&#92;x0a.pkl</code> | pickle | 1 |  | 1 |  |  |')
    expect(md).not.toContain('<img')
    expect(md).toContain('calls posix.system &#124; &#42;bold&#42; &#96;x&#96;')
  })
  test('passing report', () => {
    expect(renderMarkdown(sample('never'), 'never').split('\n')[0]).toBe('## ✅ modelgate: passed')
  })
})

describe('escaping helpers', () => {
  test('visible shows control, line-separator and bidi characters', () => {
    expect(visible('a\nb\tc\u2028d\u202ee')).toBe('a\\x0ab\\x09c\\u2028d\\u202ee')
  })
  test('truncate says how much was cut', () => {
    expect(truncate('abcdef', 3)).toBe('abc… (3 more characters)')
    expect(truncate('abc', 3)).toBe('abc')
  })
  test('escapeMarkdown leaves plain words and turns markup into entities', () => {
    expect(escapeMarkdown('models/a_b.pt')).toBe('models/a&#95;b.pt')
    expect(escapeMarkdown('[x](javascript:y)')).toBe('&#91;x&#93;&#40;javascript:y&#41;')
    expect(escapeMarkdown('😀')).toBe('&#128512;')
  })
})
