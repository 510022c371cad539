// What remote reads cost, as every renderer shows it: per-file `source`, summary totals,
// "read X of Y in N requests".
import { buildReport } from '../src/scan/summary.js'
import type { FileReport } from '../src/scan/findings.js'
import { describeRemote, formatBytes } from '../src/report/describe.js'
import { renderText } from '../src/report/text.js'
import { renderJson } from '../src/report/json.js'
import { renderJobSummary, STEP_SUMMARY_LIMIT } from '../src/report/job-summary.js'

test.each([
  [0, '0 B'],
  [1023, '1023 B'],
  [1024, '1 KiB'],
  [217_088, '212 KiB'],
  [1536, '1.5 KiB'],
  [15_246_344_192, '14.2 GiB'],
  [4 * 1024 ** 3, '4 GiB'],
  [2 ** 53, '8 PiB']
])('formatBytes(%d) = %s', (n, text) => {
  expect(formatBytes(n)).toBe(text)
})

const remote: FileReport = {
  path: 'hf://acme/bert/model.safetensors',
  format: 'safetensors',
  size: 15_246_344_192,
  findings: [],
  source: { url: 'https://hub.example/acme/bert/resolve/abc/model.safetensors', revision: 'abc', requests: 3, bytes: 200_000 }
}
const local: FileReport = { path: 'a.pkl', format: 'pickle', size: 10, findings: [{ rule: 'pickle/format', severity: 'medium', message: 'm' }] }

test('the summary totals remote files and shared requests; local-only reports have none', () => {
  const report = buildReport([remote, local], { failOn: 'medium' }, { requests: 28, bytes: 17_088 })
  expect(report.summary.remote).toEqual({ files: 1, requests: 31, bytes: 217_088, size: 15_246_344_192 })
  expect(describeRemote(report)).toBe('read 212 KiB of 14.2 GiB in 31 requests')
  expect(buildReport([local], { failOn: 'medium' }).summary).not.toHaveProperty('remote')
  expect(buildReport([local], { failOn: 'medium' }, { requests: 0, bytes: 0 }).summary).not.toHaveProperty('remote')
})

test('text, markdown and JSON say it', () => {
  const report = buildReport([remote, local], { failOn: 'medium' }, { requests: 28, bytes: 17_088 })
  expect(renderText(report, { failOn: 'medium', color: false, quiet: false, verbose: false }).split('\n').at(-2)).toBe(
    'modelgate: 2 file(s) scanned (read 212 KiB of 14.2 GiB in 31 requests), 1 medium; blocked: medium finding(s) at or above fail-on medium'
  )
  expect(renderJobSummary(report, { failOn: 'medium', scope: 'Paths', notes: [] }, STEP_SUMMARY_LIMIT)).toContain('Paths: 2 files scanned (read 212 KiB of 14.2 GiB in 31 requests).')
  const json = JSON.parse(renderJson(report))
  expect(Object.keys(json.files[0])).toEqual(['path', 'format', 'size', 'findings', 'source'])
  expect(json.files[0].source).toEqual(remote.source)
  expect(json.summary.remote).toEqual({ files: 1, requests: 31, bytes: 217_088, size: 15_246_344_192 })
})

test('the progress line: rewritten in place at most every 100 ms, cleared at the end', async () => {
  const { Progress } = await import('../src/cli/progress.js')
  const written: string[] = []
  const progress = new Progress((t) => written.push(t))
  progress.file(remote)
  progress.file(local) // within 100 ms: not shown
  expect(written).toEqual(['\r\x1b[Kmodelgate: 1 file(s) scanned, read 195 KiB in 3 requests'])
  await new Promise((r) => setTimeout(r, 110))
  progress.file(local)
  expect(written.at(-1)).toBe('\r\x1b[Kmodelgate: 3 file(s) scanned, read 195 KiB in 3 requests')
  progress.clear()
  expect(written.at(-1)).toBe('\r\x1b[K')
})

test('text names the commit each hub repo was read at', () => {
  const other = { ...remote, path: 'hf://datasets/acme/corpus/data/x.pkl', source: { ...remote.source!, revision: 'def' } }
  const report = buildReport([remote, { ...remote, path: 'hf://acme/bert/b.bin' }, other], { failOn: 'medium' })
  const lines = renderText(report, { failOn: 'medium', color: false, quiet: false, verbose: false }).split('\n')
  expect(lines.slice(0, 2)).toEqual(['hf://acme/bert: read at commit abc (2 files)', 'hf://datasets/acme/corpus: read at commit def (1 file)'])
})
