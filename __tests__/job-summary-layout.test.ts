import { buildReport } from '../src/scan/summary.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import type { FileReport, Finding } from '../src/scan/findings.js'
import { CHECK_SUMMARY_LIMIT, renderJobSummary, STEP_SUMMARY_LIMIT, type SummaryLimit } from '../src/report/job-summary.js'

const render = (files: FileReport[], limit: SummaryLimit = STEP_SUMMARY_LIMIT) =>
  renderJobSummary(buildReport(files, defaultScanOptions()), { failOn: 'medium', scope: 'Paths', notes: [] }, limit)
const pkl = (path: string, findings: Finding[]): FileReport => ({ path, format: 'pickle', size: 1, findings })
const f = (severity: Finding['severity'], message: string, extra: Partial<Finding> = {}): Finding => ({ rule: 'pickle/unknown-global', severity, message, ...extra })
const section = (md: string, heading: string) => md.slice(md.indexOf(`${heading}\n`)).split('\n### ')[0]

const suppressedFiles: FileReport[] = [
  pkl('b.pkl', [f('medium', 'imports b.M')]),
  pkl('a.pkl', [f('high', 'imports a.H', { suppressed: { reason: 'vetted <b>by</b> ML', expires: '2027-01-31', by: '.modelgate.yml' } }), f('low', 'imports a.L')]),
  pkl('c.pkl', [f('high', 'imports c.H', { suppressionExpired: { reason: 'old checkpoint', expires: '2026-01-31', by: '.modelgate.yml' } })]),
  pkl('d.pkl', [f('critical', 'imports d.C', { suppressed: { reason: 'fixture', by: 'baseline.json' } })])
]

test('files worst first (suppressed findings do not count), then by path; counts per severity; suppressed column', () => {
  const md = render(suppressedFiles)
  const table = md.split('\n').filter((l) => l.startsWith('| '))
  expect(table).toEqual([
    '| File | Format | Critical | High | Medium | Low | Info | Suppressed |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    '| <code>c.pkl</code> | pickle |  | 1 |  |  |  |  |',
    '| <code>b.pkl</code> | pickle |  |  | 1 |  |  |  |',
    '| <code>a.pkl</code> | pickle |  |  |  | 1 |  | 1 |',
    '| <code>d.pkl</code> | pickle |  |  |  |  |  | 1 |'
  ])
})

test('the verdict counts suppressed findings and calls out expired suppressions', () => {
  expect(render(suppressedFiles).split('\n')[2]).toBe(
    '**Blocked** by 2 findings at or above `fail-on: medium`: 1 high, 1 medium. 2 suppressed (see **Suppressed**). ⚠️ 1 suppression expired: that finding counts again.'
  )
})

test('findings worst first across files; an expired suppression is called out on its finding; suppressed ones apart, collapsed', () => {
  const md = render(suppressedFiles)
  expect(section(md, '### Findings').split('\n')).toEqual([
    '### Findings',
    '',
    '#### <code>c.pkl</code> (pickle)',
    '',
    '- **high** `pickle/unknown-global`: imports c.H ⚠️ suppression expired 2026-01-31: old checkpoint',
    '',
    '#### <code>b.pkl</code> (pickle)',
    '',
    '- **medium** `pickle/unknown-global`: imports b.M',
    '',
    '#### <code>a.pkl</code> (pickle)',
    '',
    '- **low** `pickle/unknown-global`: imports a.L',
    ''
  ])
  expect(section(md, '### Suppressed').split('\n')).toEqual([
    '### Suppressed',
    '',
    '<details><summary>2 suppressed findings: reported, not counted</summary>',
    '',
    '- **critical** `pickle/unknown-global` <code>d.pkl</code>: imports d.C: suppressed by baseline.json: fixture',
    '- **high** `pickle/unknown-global` <code>a.pkl</code>: imports a.H: suppressed by .modelgate.yml until 2027-01-31: vetted &#60;b&#62;by&#60;/b&#62; ML',
    '',
    '</details>',
    '',
    ''
  ])
})

test('more than 10 files: the first 10 rows, the rest in a collapsed table of its own', () => {
  const files = Array.from({ length: 13 }, (_, i) => pkl(`m${String(i).padStart(2, '0')}.pkl`, [f(i === 12 ? 'critical' : 'medium', `imports x${i}`)]))
  const md = render(files)
  const start = md.indexOf('| File |')
  const lines = md.slice(start).split('\n')
  expect(lines.slice(0, 3)).toEqual(['| File | Format | Critical | High | Medium | Low | Info |', '| --- | --- | --- | --- | --- | --- | --- |', '| <code>m12.pkl</code> | pickle | 1 |  |  |  |  |'])
  expect(lines.slice(11, 21)).toEqual([
    '| <code>m08.pkl</code> | pickle |  |  | 1 |  |  |',
    '',
    '<details><summary>3 more files</summary>',
    '',
    '| File | Format | Critical | High | Medium | Low | Info |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    '| <code>m09.pkl</code> | pickle |  |  | 1 |  |  |',
    '| <code>m10.pkl</code> | pickle |  |  | 1 |  |  |',
    '| <code>m11.pkl</code> | pickle |  |  | 1 |  |  |',
    ''
  ])
  expect(lines[21]).toBe('</details>')
  // The findings of files past the tenth are collapsed too.
  expect(section(md, '### Findings')).toContain('<details><summary>3 more files with findings</summary>\n\n#### <code>m09.pkl</code> (pickle)')
})

test('more than 10 findings in a file: the first 10, the rest collapsed', () => {
  const md = render([pkl('many.pkl', Array.from({ length: 12 }, (_, i) => f('high', `imports g${i}`)))])
  const lines = section(md, '### Findings').split('\n')
  expect(lines.slice(13, 21)).toEqual([
    '- **high** `pickle/unknown-global`: imports g9',
    '',
    '<details><summary>2 more findings in this file</summary>',
    '',
    '- **high** `pickle/unknown-global`: imports g10',
    '- **high** `pickle/unknown-global`: imports g11',
    '',
    '</details>'
  ])
})

test('eleven entries are all shown: collapsing one would hide more than it saves', () => {
  const md = render(Array.from({ length: 11 }, (_, i) => pkl(`m${String(i).padStart(2, '0')}.pkl`, [f('medium', 'x')])))
  expect(md).not.toContain('<details>')
})

test('a summary cut at the size limit still closes the <details> it opened', () => {
  const many = Array.from({ length: 3000 }, (_, i) => pkl(`models/m${String(i).padStart(4, '0')}.pkl`, [f('high', `imports pkg.T${i} ${'<'.repeat(40)}`)]))
  const check = render(many, CHECK_SUMMARY_LIMIT)
  expect(check.length).toBeLessThanOrEqual(CHECK_SUMMARY_LIMIT.max)
  expect(check.split('<details>').length).toBe(check.split('</details>').length)
  expect(check).toMatch(/\n<\/details>\n+> ✂️ Summary truncated at the size limit: \d+ more entries left out\. The log and the report-file output have everything\.\n$/)
})
