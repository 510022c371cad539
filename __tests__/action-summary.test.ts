import { buildReport } from '../src/scan/summary.js'
import { defaultScanOptions, type FailOn } from '../src/scan/policy.js'
import type { FileReport } from '../src/scan/findings.js'
import { CHECK_SUMMARY_LIMIT, renderJobSummary, STEP_SUMMARY_LIMIT } from '../src/report/job-summary.js'

const OID = 'a'.repeat(64)
const files: FileReport[] = [
  {
    path: 'evil<b>|x`\n.pkl',
    format: 'pickle',
    size: 40,
    findings: [
      { rule: 'pickle/format', severity: 'medium', message: 'Holds pickle data.' },
      { rule: 'pickle/dangerous-global', severity: 'critical', message: 'Calls posix.system <script>.', location: { offset: 2 }, global: 'posix.system' }
    ]
  },
  {
    path: 'big.safetensors',
    format: 'lfs-pointer',
    size: 130,
    findings: [{ rule: 'lfs/pointer', severity: 'medium', message: `Git LFS pointer (oid sha256:${OID}).`, oid: `sha256:${OID}` }]
  },
  { path: 'ok.safetensors', format: 'safetensors', size: 92, findings: [], details: { tensors: 2, dtypes: { F32: 2 }, parameters: 8, metadataKeys: ['format'] } },
  { path: 'src/train.py', format: 'other', size: 10, findings: [] }
]

const render = (failOn: FailOn = 'medium', notes: string[] = []) =>
  renderJobSummary(buildReport(files, defaultScanOptions({ failOn })), { failOn, scope: 'Files changed by pull request #7', notes }, STEP_SUMMARY_LIMIT)

test('blocked: verdict first, files table, not scanned, findings with what to do, safetensors facts', () => {
  expect(render('medium', ['Listing failed <b>.']).split('\n')).toEqual([
    '## ❌ modelgate: blocked',
    '',
    '**Blocked** by 3 findings at or above `fail-on: medium`: 1 critical, 2 medium. ⚠️ 1 file could not be scanned (see **Not scanned**).',
    '',
    'Files changed by pull request &#35;7: 4 files scanned; not listed: 1 file with no model data and no findings.',
    '',
    '> ⚠️ Listing failed &#60;b&#62;.',
    '',
    '| File | Format | Critical | High | Medium | Low | Info |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    '| <code>evil&#60;b&#62;&#124;x&#96;&#92;x0a.pkl</code> | pickle | 1 |  | 1 |  |  |',
    '| <code>big.safetensors</code> | lfs-pointer |  |  | 1 |  |  |',
    '| <code>ok.safetensors</code> | safetensors |  |  |  |  |  |',
    '',
    '### Not scanned',
    '',
    '- <code>big.safetensors</code>: Git LFS pointer &#40;model not scanned&#41;',
    '',
    '### Findings',
    '',
    '#### <code>evil&#60;b&#62;&#124;x&#96;&#92;x0a.pkl</code> (pickle)',
    '',
    '- **critical** `pickle/dangerous-global`: Calls posix.system &#60;script&#62;. (offset 2)',
    '- **medium** `pickle/format`: Holds pickle data.',
    '',
    '### What to do',
    '',
    '- [`pickle/dangerous-global`](https://github.com/modelgate/modelgate/blob/v1/docs/rules.md#pickledangerous-global): Do not load this file. If nobody meant to add it, treat the change as malicious. Otherwise re-export the weights as safetensors.',
    '- [`pickle/format`](https://github.com/modelgate/modelgate/blob/v1/docs/rules.md#pickleformat): Convert the model to safetensors, or set pickle-policy: allow-safe to accept pickle data whose globals are all allowlisted.',
    '',
    '### safetensors files',
    '',
    '- <code>ok.safetensors</code>: tensors 2; dtypes F32: 2; parameters 8; metadata keys format',
    '',
    ''
  ])
})

test('passed below the threshold: says what is below and what was not scanned', () => {
  const report = buildReport(files.slice(1), defaultScanOptions({ failOn: 'high' }))
  const text = renderJobSummary(report, { failOn: 'high', scope: 'Files changed by pull request #7', notes: [] }, STEP_SUMMARY_LIMIT)
  expect(text.split('\n').slice(0, 3)).toEqual([
    '## ✅ modelgate: passed',
    '',
    '**Passed**: nothing at or above `fail-on: high`. Reported below the threshold: 1 medium. ⚠️ 1 file could not be scanned (see **Not scanned**).'
  ])
})

test('fail-on never', () => {
  const report = buildReport(files.slice(2), defaultScanOptions({ failOn: 'never' }))
  const text = renderJobSummary(report, { failOn: 'never', scope: 'Whole workspace (scope: all)', notes: [] }, STEP_SUMMARY_LIMIT)
  expect(text.split('\n').slice(0, 5)).toEqual([
    '## ✅ modelgate: passed',
    '',
    '**Passed**: `fail-on: never` reports findings without blocking.',
    '',
    'Whole workspace &#40;scope: all&#41;: 2 files scanned; not listed: 1 file with no model data and no findings.'
  ])
})

test('an empty change set', () => {
  const report = buildReport([], defaultScanOptions())
  expect(renderJobSummary(report, { failOn: 'medium', scope: 'Files changed by pull request #7', notes: [] }, STEP_SUMMARY_LIMIT)).toBe(
    '## ✅ modelgate: passed\n\n**Passed**: nothing at or above `fail-on: medium`.\n\nFiles changed by pull request &#35;7: 0 files scanned.\n\n'
  )
})

test('stays under the limit, cut at a block boundary with a note', () => {
  const many: FileReport[] = Array.from({ length: 5000 }, (_, i) => ({
    path: `models/m${String(i).padStart(4, '0')}.pkl`,
    format: 'pickle',
    size: 1,
    findings: [{ rule: 'pickle/unknown-global', severity: 'high', message: `Imports pkg.Thing${i} ${'<'.repeat(50)}` }]
  }))
  const report = buildReport(many, defaultScanOptions())
  const step = renderJobSummary(report, { failOn: 'medium', scope: 'Whole workspace', notes: [] }, STEP_SUMMARY_LIMIT)
  expect(Buffer.byteLength(step, 'utf8')).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT.max)
  expect(step).toMatch(/\n> ✂️ Summary truncated at the size limit: \d+ more entries left out\. The log and the report-file output have everything\.\n$/)
  const check = renderJobSummary(report, { failOn: 'medium', scope: 'Whole workspace', notes: [] }, CHECK_SUMMARY_LIMIT)
  expect(check.length).toBeLessThanOrEqual(65_535)
  expect(check.startsWith('## ❌ modelgate: blocked\n')).toBe(true)
  expect(check).toContain('✂️ Summary truncated')
})

test('links leading out of the workspace and empty model files are listed as not scanned', () => {
  const unverified: FileReport[] = [
    { path: 'models/a.pkl', format: 'other', size: 0, findings: [{ rule: 'fs/symlink-outside', severity: 'medium', message: 'Symbolic link leading outside the workspace.' }] },
    { path: 'models/b.pt', format: 'other', size: 0, findings: [{ rule: 'scan/empty', severity: 'low', message: 'Empty.' }] },
    { path: 'models/c.pkl', format: 'pickle', size: 9, findings: [{ rule: 'fs/symlink', severity: 'info', message: 'Link inside.' }] }
  ]
  const report = buildReport(unverified, defaultScanOptions())
  const lines = renderJobSummary(report, { failOn: 'medium', scope: 'Whole workspace', notes: [] }, STEP_SUMMARY_LIMIT).split('\n')
  expect(lines[2]).toContain('⚠️ 2 files could not be scanned (see **Not scanned**).')
  const section = lines.slice(lines.indexOf('### Not scanned') + 2, lines.indexOf('### Not scanned') + 4)
  expect(section).toEqual(['- <code>models/a.pkl</code>: Symbolic link not verified', '- <code>models/b.pt</code>: Empty model file'])
})
